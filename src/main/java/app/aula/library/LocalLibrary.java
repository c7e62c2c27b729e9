package app.aula.library;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Optional;

/**
 * One library root and the safe resolution of media.md §2.2 steps 3–5: root plus the (already
 * syntax-checked) relative path, normalised; the real path, with symlinks followed, must lie
 * inside the root's real path, computed once; the target must be a regular readable file. An
 * escape is indistinguishable from a missing file.
 */
public final class LocalLibrary {

    private final Path root;
    private final Path realRoot;

    private LocalLibrary(Path root, Path realRoot) {
        this.root = root;
        this.realRoot = realRoot;
    }

    /** The library at {@code root}, or empty when it is not a readable folder right now. */
    public static Optional<LocalLibrary> open(Path root) {
        try {
            if (!Files.isDirectory(root) || !Files.isReadable(root)) {
                return Optional.empty();
            }
            return Optional.of(new LocalLibrary(root, root.toRealPath()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static boolean isReadableFolder(Path folder) {
        return Files.isDirectory(folder) && Files.isReadable(folder);
    }

    public Path root() {
        return root;
    }

    /** A servable file of the library. */
    public record LocalFile(Path path, String name, long size, Instant lastModified) {}

    /** The file, or empty for anything that must answer 404 (missing, folder, escape, unreadable). */
    public Optional<LocalFile> resolve(String relativePath) {
        try {
            Path candidate = root.resolve(relativePath).normalize();
            if (!candidate.startsWith(root.normalize())) {
                return Optional.empty();
            }
            Path real = candidate.toRealPath();
            if (!real.startsWith(realRoot)) {
                return Optional.empty();
            }
            BasicFileAttributes attrs = Files.readAttributes(real, BasicFileAttributes.class);
            if (!attrs.isRegularFile() || !Files.isReadable(real)) {
                return Optional.empty();
            }
            String name = relativePath.substring(relativePath.lastIndexOf('/') + 1);
            return Optional.of(new LocalFile(real, name, attrs.size(), attrs.lastModifiedTime().toInstant()));
        } catch (IOException | InvalidPathException e) {
            return Optional.empty();
        }
    }
}
