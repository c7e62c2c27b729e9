package app.aula.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The folder and file rules of config.md §3: relative paths are resolved against the JVM working
 * folder (with a warning, because the working folder of a servlet container is rarely what the
 * operator expects), folders and files are checked once, and each failure is one error with the
 * documented consequence. Resolved paths are not normalised: other parts compose file names from
 * the folder exactly as configured.
 */
final class PathRules {

    private final Path workingDirectory;
    private final ConfigReport report;

    PathRules(Path workingDirectory, ConfigReport report) {
        this.workingDirectory = workingDirectory;
        this.report = report;
    }

    /**
     * The data folder, created if missing. A folder that cannot be created or written is an
     * error but is still used: reads work, writes fail where they happen.
     */
    Path dataPath(Optional<RawValue> configured, Path defaultPath) {
        RawValue fallback = new RawValue(ConfigKey.AULA_DATA_PATH, ConfigKey.AULA_DATA_PATH.name(),
                defaultPath.toString(), RawValue.DEFAULT_SOURCE);
        Optional<Path> resolved = configured.flatMap(raw -> resolve(raw, "using " + defaultPath));
        RawValue raw = resolved.isPresent() ? configured.get() : fallback;
        Path path = resolved.orElse(defaultPath);
        try {
            Files.createDirectories(path);
        } catch (IOException | RuntimeException e) {
            // Reported below as "not a writable folder"; the cause is visible on the file system.
        }
        if (!Files.isDirectory(path) || !Files.isWritable(path)) {
            report.error(raw.key(), raw.subject() + " is not a writable folder; using it anyway"
                    + " (progress saves answer 500, repairs answer 507)");
        }
        return path;
    }

    /** The viewer folder, or empty (bundled viewer) when unset, invalid or not a readable folder. */
    Optional<Path> viewerPath(Optional<RawValue> configured) {
        if (configured.isEmpty()) {
            return Optional.empty();
        }
        RawValue raw = configured.get();
        String fallback = "using the bundled viewer";
        Optional<Path> path = resolve(raw, fallback);
        if (path.isPresent() && !isReadableFolder(path.get())) {
            report.error(raw.key(), raw.subject() + " is not a readable folder; " + fallback);
            return Optional.empty();
        }
        return path;
    }

    /**
     * The library folder. A folder that is missing or unreadable is an error but is KEPT, so that
     * {@code local:} refs answer 503 {@code library_unavailable} instead of the demo taking over.
     */
    Optional<Path> libraryPath(Optional<RawValue> configured) {
        if (configured.isEmpty()) {
            return Optional.empty();
        }
        RawValue raw = configured.get();
        Optional<Path> path = resolve(raw, "local: refs are refused");
        if (path.isPresent() && !isReadableFolder(path.get())) {
            report.error(raw.key(), raw.subject()
                    + " is not a readable folder; local: refs answer 503 library_unavailable");
        }
        return path;
    }

    /** A key file that must exist and be readable; otherwise an error and empty. */
    Optional<Path> readableFile(Optional<RawValue> configured, String fallback) {
        if (configured.isEmpty()) {
            return Optional.empty();
        }
        RawValue raw = configured.get();
        Optional<Path> path = resolve(raw, fallback);
        if (path.isPresent() && !(Files.isRegularFile(path.get()) && Files.isReadable(path.get()))) {
            report.error(raw.key(), raw.subject() + " is not a readable file; " + fallback);
            return Optional.empty();
        }
        return path;
    }

    /** A program that must exist and be executable; otherwise an error and empty. */
    Optional<Path> executableFile(Optional<RawValue> configured, String fallback) {
        if (configured.isEmpty()) {
            return Optional.empty();
        }
        RawValue raw = configured.get();
        Optional<Path> path = resolve(raw, fallback);
        if (path.isPresent() && !(Files.isRegularFile(path.get()) && Files.isExecutable(path.get()))) {
            report.error(raw.key(), raw.subject() + " is not an executable file; " + fallback);
            return Optional.empty();
        }
        return path;
    }

    static boolean isReadableFolder(Path path) {
        return Files.isDirectory(path) && Files.isReadable(path);
    }

    /** The configured path made absolute, or empty (after an error) when it is not a path at all. */
    private Optional<Path> resolve(RawValue raw, String fallback) {
        Path path;
        try {
            path = Path.of(raw.text());
        } catch (InvalidPathException e) {
            report.error(raw.key(), raw.subject() + " is not a valid path; " + fallback);
            return Optional.empty();
        }
        if (path.isAbsolute()) {
            return Optional.of(path);
        }
        Path resolved = workingDirectory.resolve(path);
        report.warn(raw.subject() + " is a relative path; resolved against the working folder to "
                + Echo.cut(resolved.toString()));
        return Optional.of(resolved);
    }
}
