package app.aula.library;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Extracts the demo library bundled in the WAR to {@code <data>/.aula-demo/<version>/}, once: the
 * copy is built in a temporary sibling folder and renamed into place, so a crash never leaves a
 * half-copied library that later starts would trust.
 */
public final class DemoLibrary {

    private static final Logger LOG = Logger.getLogger("aula.catalog");

    /** Lists and opens the bundled files; backed by the ServletContext in production. */
    public interface BundledFiles {
        /** Child paths of a folder ({@code /WEB-INF/aula-demo/…/}); folders end in {@code /}. */
        Set<String> list(String folder);

        InputStream open(String path) throws IOException;
    }

    public static final String BUNDLED_ROOT = "/WEB-INF/aula-demo/";

    private DemoLibrary() {}

    /** The extracted folder, or empty when the WAR bundles no demo or it cannot be written. */
    public static Optional<Path> extract(BundledFiles bundled, Path dataPath, String version) {
        Set<String> top = bundled.list(BUNDLED_ROOT);
        if (top == null || top.isEmpty()) {
            return Optional.empty();
        }
        Path target = dataPath.resolve(".aula-demo").resolve(safeName(version));
        if (Files.isDirectory(target)) {
            return Optional.of(target);
        }
        Path temp = target.resolveSibling(".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(temp);
            copy(bundled, BUNDLED_ROOT, temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                // Another deployment sharing the data folder won the race; its copy is identical.
            }
            LOG.info("Demo library extracted to " + target);
            return Optional.of(target);
        } catch (IOException e) {
            LOG.warning("Could not extract the demo library to " + target + ": " + e);
            return Files.isDirectory(target) ? Optional.of(target) : Optional.empty();
        } finally {
            deleteRecursively(temp);
        }
    }

    private static void copy(BundledFiles bundled, String folder, Path into) throws IOException {
        for (String child : bundled.list(folder)) {
            String name = child.substring(folder.length()).replace("/", "");
            if (child.endsWith("/")) {
                Path sub = Files.createDirectories(into.resolve(name));
                copy(bundled, child, sub);
            } else {
                try (InputStream in = bundled.open(child)) {
                    Files.copy(in, into.resolve(name));
                }
            }
        }
    }

    private static String safeName(String version) {
        String safe = version.replaceAll("[^A-Za-z0-9._-]", "_");
        // "." or ".." would name the parent folders themselves.
        return safe.replace(".", "").isEmpty() ? "_" + safe : safe;
    }

    private static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.fine("cleanup of " + folder + ": " + e);
        }
    }
}
