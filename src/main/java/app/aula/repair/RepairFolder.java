package app.aula.repair;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code <AULA_DATA_PATH>/repaired_videos/}: where each ref's files live, and what the folder
 * holds. The disk usage is also kept as a figure refreshed after every change, so that
 * {@code /api/health} never waits on the disk.
 */
final class RepairFolder {

    private final Path folder;
    private volatile long lastUsageBytes;

    RepairFolder(Path dataFolder) {
        this.folder = dataFolder.resolve(ArtifactNames.FOLDER).toAbsolutePath().normalize();
    }

    Path path() {
        return folder;
    }

    void create() throws IOException {
        Files.createDirectories(folder);
    }

    /**
     * The files of {@code ref}, or empty when its name would not be a plain file name directly in
     * this folder (api.md §3.13 step 5). Refs are validated before they get here, so this is the
     * defensive second line: {@code ../x}, {@code a/b} or a NUL byte never reach the file system.
     */
    Optional<ArtifactFiles> filesOf(String ref) {
        return filesOfName(ArtifactNames.nameOf(ref));
    }

    Optional<ArtifactFiles> filesOfName(String name) {
        if (name.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path video = folder.resolve(name + ".mp4").normalize();
            if (!folder.equals(video.getParent()) || !video.getFileName().toString().equals(name + ".mp4")) {
                return Optional.empty();
            }
            return Optional.of(new ArtifactFiles(name, video, folder.resolve(name + ".meta.json"),
                    folder.resolve(name + ".lock")));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** The {@code *.mp4} files now in the folder (none when it does not exist). */
    List<Path> videos() {
        return list("*.mp4");
    }

    /** The {@code *.lock} files now in the folder. */
    List<Path> locks() {
        return list("*.lock");
    }

    /** Temp files of interrupted meta writes ({@link DurableFiles}). */
    List<Path> tempFiles() {
        return list(".*.tmp");
    }

    /** The base name of a listed {@code .mp4} or {@code .lock} file. */
    static String baseName(Path file, String extension) {
        String fileName = file.getFileName().toString();
        return fileName.substring(0, fileName.length() - extension.length());
    }

    /** Recounts the disk usage after a change; returns it. */
    long refreshUsage() {
        lastUsageBytes = diskUsageBytes();
        return lastUsageBytes;
    }

    /** The disk usage as of the last {@link #refreshUsage()}. */
    long lastUsageBytes() {
        return lastUsageBytes;
    }

    /** Bytes of all {@code *.mp4} files together: the figure the disk cap and health use. */
    long diskUsageBytes() {
        long total = 0;
        for (Path video : videos()) {
            try {
                total += Files.size(video);
            } catch (IOException e) {
                // Deleted while listing: it no longer counts.
            }
        }
        return total;
    }

    private List<Path> list(String glob) {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return found;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, glob)) {
            for (Path file : files) {
                if (Files.isRegularFile(file)) {
                    found.add(file);
                }
            }
        } catch (IOException e) {
            // An unreadable folder holds nothing usable.
        }
        return found;
    }
}
