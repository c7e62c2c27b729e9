package app.aula.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folder and file rules of config.md §3, with real temporary folders. */
class SettingsLoaderPathsTest {

    @TempDir
    Path home;
    @TempDir
    Path work;
    private Sources sources;

    @BeforeEach
    void setUp() {
        sources = new Sources(home, work);
    }

    @Test
    void missingDataFolderIsCreated() {
        Path data = work.resolve("a/b/data");
        sources.env("AULA_DATA_PATH", data.toString());
        Settings settings = sources.load();
        assertEquals(data, settings.dataPath());
        assertTrue(Files.isDirectory(data));
        assertTrue(settings.valid());
    }

    @Test
    void relativeDataFolderIsResolvedAgainstTheWorkingFolderWithAWarning() {
        sources.env("AULA_DATA_PATH", "data");
        try (LogCapture log = new LogCapture()) {
            Settings settings = sources.load();
            assertEquals(work.resolve("data"), settings.dataPath());
            assertTrue(Files.isDirectory(work.resolve("data")));
            assertTrue(settings.valid());
            assertEquals(List.of("Aula config: AULA_DATA_PATH=\"data\" (environment) is a relative path; resolved"
                    + " against the working folder to " + work.resolve("data")), log.lines(Level.WARNING));
        }
    }

    @Test
    void resolvedFolderIsNotNormalised() {
        sources.env("AULA_DATA_PATH", "./x/../data");
        assertEquals(work.resolve("./x/../data"), sources.load().dataPath());
    }

    @Test
    void dataFolderThatCannotBeCreatedIsAnErrorButIsStillUsed() throws IOException {
        Path blocker = Files.writeString(work.resolve("blocker"), "a file, not a folder");
        Path data = blocker.resolve("data");
        sources.env("AULA_DATA_PATH", data.toString());
        Settings settings = sources.load();
        assertEquals(data, settings.dataPath());
        assertEquals(List.of(new ConfigError("AULA_DATA_PATH", "AULA_DATA_PATH=\"" + data + "\" (environment) is not"
                + " a writable folder; using it anyway (progress saves answer 500, repairs answer 507)")),
                settings.errors());
    }

    @Test
    void defaultDataFolderThatCannotBeCreatedIsReportedAsDefault() throws IOException {
        Path fileHome = Files.writeString(work.resolve("home-is-a-file"), "");
        Settings settings = new Sources(fileHome, work).load();
        assertEquals(fileHome.resolve("aula-data"), settings.dataPath());
        assertEquals("AULA_DATA_PATH=\"" + fileHome.resolve("aula-data") + "\" (default) is not a writable folder;"
                + " using it anyway (progress saves answer 500, repairs answer 507)", settings.errors().get(0).message());
    }

    @Test
    void existingViewerFolderIsUsed() throws IOException {
        Path viewer = Files.createDirectory(work.resolve("viewer"));
        sources.env("AULA_VIEWER_PATH", viewer.toString());
        Settings settings = sources.load();
        assertEquals(Optional.of(viewer), settings.viewerPath());
        assertTrue(settings.valid());
    }

    @Test
    void missingViewerFolderIsAnErrorAndTheBundledViewerIsServed() {
        Path viewer = work.resolve("missing");
        sources.env("AULA_VIEWER_PATH", viewer.toString());
        Settings settings = sources.load();
        assertEquals(Optional.empty(), settings.viewerPath());
        assertEquals(List.of(new ConfigError("AULA_VIEWER_PATH", "AULA_VIEWER_PATH=\"" + viewer + "\" (environment)"
                + " is not a readable folder; using the bundled viewer")), settings.errors());
        assertFalse(Files.exists(viewer));
    }

    @Test
    void viewerPathThatIsAFileIsAnError() throws IOException {
        Path file = Files.writeString(work.resolve("index.html"), "<html>");
        sources.context("PLATZI_VIEWER_PATH", file.toString());
        Settings settings = sources.load();
        assertEquals(Optional.empty(), settings.viewerPath());
        assertEquals("AULA_VIEWER_PATH", settings.errors().get(0).key());
    }

    @Test
    void relativeViewerFolderIsResolvedAgainstTheWorkingFolder() throws IOException {
        Files.createDirectory(work.resolve("viewer"));
        sources.env("AULA_VIEWER_PATH", "viewer");
        assertEquals(Optional.of(work.resolve("viewer")), sources.load().viewerPath());
    }

    @Test
    void existingLibraryFolderIsUsedAndAvailable() throws IOException {
        Path library = Files.createDirectory(work.resolve("library"));
        sources.env("AULA_LIBRARY_PATH", library.toString());
        Settings settings = sources.load();
        assertEquals(Optional.of(library), settings.libraryPath());
        assertTrue(settings.libraryAvailable());
        assertTrue(settings.valid());
    }

    @Test
    void missingLibraryFolderIsAnErrorButIsKeptAndUnavailable() {
        Path library = work.resolve("library");
        sources.env("AULA_LIBRARY_PATH", library.toString());
        Settings settings = sources.load();
        assertEquals(Optional.of(library), settings.libraryPath());
        assertFalse(settings.libraryAvailable());
        assertEquals(List.of(new ConfigError("AULA_LIBRARY_PATH", "AULA_LIBRARY_PATH=\"" + library + "\""
                + " (environment) is not a readable folder; local: refs answer 503 library_unavailable")),
                settings.errors());
    }

    @Test
    void unsetLibraryIsNotAvailable() {
        assertFalse(sources.load().libraryAvailable());
    }

    @Test
    void invalidPathTextIsAnErrorAndTheFallbackIsUsed() {
        sources.env("AULA_VIEWER_PATH", "bad\u0000path").env("AULA_DATA_PATH", "also\u0000bad");
        Settings settings = sources.load();
        assertEquals(Optional.empty(), settings.viewerPath());
        assertEquals(home.resolve("aula-data"), settings.dataPath());
        assertEquals(List.of(
                new ConfigError("AULA_DATA_PATH", "AULA_DATA_PATH=\"also?bad\" (environment) is not a valid path;"
                        + " using " + home.resolve("aula-data")),
                new ConfigError("AULA_VIEWER_PATH", "AULA_VIEWER_PATH=\"bad?path\" (environment) is not a valid"
                        + " path; using the bundled viewer")),
                settings.errors());
    }

    @Test
    void readableKeyFilesAreUsed() throws IOException {
        Path key = Files.writeString(work.resolve("sa.json"), "{}");
        Path adc = Files.writeString(work.resolve("adc.json"), "{}");
        sources.env("GOOGLE_SERVICE_ACCOUNT_FILE", key.toString()).system("GOOGLE_APPLICATION_CREDENTIALS", adc.toString());
        Settings settings = sources.load();
        assertEquals(Optional.of(key), settings.serviceAccountFile());
        assertEquals(Optional.of(adc), settings.applicationCredentials());
        assertTrue(settings.valid());
    }

    @Test
    void missingKeyFilesAreErrorsAndEmpty() {
        Path key = work.resolve("secrets/service_account.json");
        sources.env("GOOGLE_SERVICE_ACCOUNT_FILE", key.toString()).context("GOOGLE_APPLICATION_CREDENTIALS", work.toString());
        Settings settings = sources.load();
        assertEquals(Optional.empty(), settings.serviceAccountFile());
        assertEquals(Optional.empty(), settings.applicationCredentials());
        assertEquals(List.of(
                new ConfigError("GOOGLE_SERVICE_ACCOUNT_FILE", "GOOGLE_SERVICE_ACCOUNT_FILE=\"" + key + "\""
                        + " (environment) is not a readable file; trying the next credential source"),
                new ConfigError("GOOGLE_APPLICATION_CREDENTIALS", "GOOGLE_APPLICATION_CREDENTIALS=\"" + work + "\""
                        + " (context parameter) is not a readable file; trying the next credential source")),
                settings.errors());
    }

    @Test
    void keyFileContentsNeverAppearInErrors() throws IOException {
        Path key = Files.writeString(work.resolve("sa.json"), "not json but SECRET-CONTENT");
        sources.env("GOOGLE_SERVICE_ACCOUNT_FILE", key.resolve("child").toString());
        Settings settings = sources.load();
        assertFalse(settings.errors().get(0).message().contains("SECRET-CONTENT"));
    }

    @Test
    void executableFfmpegIsUsed() throws IOException {
        Path ffmpeg = Files.writeString(work.resolve("ffmpeg"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(ffmpeg, PosixFilePermissions.fromString("rwxr-xr-x"));
        sources.env("FFMPEG_PATH", ffmpeg.toString());
        Settings settings = sources.load();
        assertEquals(Optional.of(ffmpeg), settings.ffmpegPath());
        assertTrue(settings.valid());
    }

    @Test
    void missingOrNonExecutableFfmpegIsAnErrorAndEmpty() throws IOException {
        Path ffmpeg = Files.writeString(work.resolve("ffmpeg"), "");
        Files.setPosixFilePermissions(ffmpeg, PosixFilePermissions.fromString("rw-r--r--"));
        sources.env("FFMPEG_PATH", ffmpeg.toString());
        Settings settings = sources.load();
        assertEquals(Optional.empty(), settings.ffmpegPath());
        assertEquals(List.of(new ConfigError("FFMPEG_PATH", "FFMPEG_PATH=\"" + ffmpeg + "\" (environment) is not an"
                + " executable file; using ffmpeg on PATH")), settings.errors());
        sources.env("FFMPEG_PATH", work.resolve("nope").toString());
        Settings missing = sources.load();
        assertEquals(Optional.empty(), missing.ffmpegPath());
        assertEquals(List.of("FFMPEG_PATH"), missing.errors().stream().map(ConfigError::key).toList());
    }
}
