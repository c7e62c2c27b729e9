package app.aula.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one deployment looks like: its configuration keys (passed as servlet context
 * init-parameters, config.md §1 source 3) and the initial contents of its data folder and,
 * optionally, of a viewer folder. The folders themselves are fresh temporary folders.
 */
final class AulaSetup {

    /** Prepares a folder before the application starts. */
    @FunctionalInterface
    interface FolderStep {
        void prepare(Path folder) throws IOException;
    }

    private final Map<String, String> parameters = new LinkedHashMap<>();
    private final List<FolderStep> dataSteps = new ArrayList<>();
    private final List<FolderStep> viewerSteps = new ArrayList<>();
    private boolean viewerFolder;

    static AulaSetup create() {
        return new AulaSetup();
    }

    AulaSetup param(String key, String value) {
        parameters.put(key, value);
        return this;
    }

    /** Configures AULA_VIEWER_PATH with an (initially empty) folder. */
    AulaSetup withViewerFolder() {
        viewerFolder = true;
        return this;
    }

    AulaSetup dataFile(String relativePath, byte[] content) {
        dataSteps.add(folder -> write(folder.resolve(relativePath), content));
        return this;
    }

    AulaSetup viewerFile(String relativePath, byte[] content) {
        viewerFolder = true;
        viewerSteps.add(folder -> write(folder.resolve(relativePath), content));
        return this;
    }

    AulaSetup viewer(FolderStep step) {
        viewerFolder = true;
        viewerSteps.add(step);
        return this;
    }

    boolean hasViewerFolder() {
        return viewerFolder;
    }

    Map<String, String> parameters() {
        return parameters;
    }

    void prepareData(Path folder) throws IOException {
        for (FolderStep step : dataSteps) {
            step.prepare(folder);
        }
    }

    void prepareViewer(Path folder) throws IOException {
        for (FolderStep step : viewerSteps) {
            step.prepare(folder);
        }
    }

    static void write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }
}
