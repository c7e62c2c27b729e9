package app.aula.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Integers, booleans and the URL: syntax, clamping, fallbacks and the message format (config.md §3). */
class SettingsLoaderValuesTest {

    @TempDir
    Path home;
    private Sources sources;

    @BeforeEach
    void setUp() {
        sources = new Sources(home, home);
    }

    @Test
    void unparsableIntegerIsOneErrorLineInTheDocumentedFormatAndTheDefaultIsUsed() {
        sources.env("AULA_MAX_FFMPEG_JOBS", "abc");
        try (LogCapture log = new LogCapture()) {
            Settings settings = sources.load();
            String message = "AULA_MAX_FFMPEG_JOBS=\"abc\" (environment) is not an integer in 0..64; using 2";
            assertEquals(2, settings.maxFfmpegJobs());
            assertEquals(List.of(new ConfigError("AULA_MAX_FFMPEG_JOBS", message)), settings.errors());
            assertFalse(settings.valid());
            assertEquals(List.of("SEVERE Aula config: " + message), log.lines());
            assertFalse(log.anyThrown());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"+5", "-1", "5MB", "1e3", "1.0", "0x10", "٣", "1 000"})
    void integerWithSignUnitOrNonAsciiDigitsIsRejected(String text) {
        sources.system("AULA_MAX_FFMPEG_JOBS", text);
        Settings settings = sources.load();
        assertEquals(2, settings.maxFfmpegJobs());
        assertEquals(List.of(new ConfigError("AULA_MAX_FFMPEG_JOBS",
                "AULA_MAX_FFMPEG_JOBS=\"" + text + "\" (system property) is not an integer in 0..64; using 2")),
                settings.errors());
    }

    @Test
    void integerAboveTheMaximumIsAnError() {
        sources.context("AULA_CATALOG_POLL_SECONDS", "3601");
        Settings settings = sources.load();
        assertEquals(1, settings.catalogPollSeconds());
        assertEquals(List.of(new ConfigError("AULA_CATALOG_POLL_SECONDS",
                "AULA_CATALOG_POLL_SECONDS=\"3601\" (context parameter) is not an integer in 1..3600; using 1")),
                settings.errors());
    }

    @Test
    void integerBeyondIntRangeOnAKeyWithoutMaximumIsAnError() {
        sources.env("AULA_REPAIRED_MAX_MB", "99999999999999999999999");
        Settings settings = sources.load();
        assertEquals(5000, settings.repairedMaxMb());
        assertEquals(List.of(new ConfigError("AULA_REPAIRED_MAX_MB", "AULA_REPAIRED_MAX_MB=\"99999999999999999999999\""
                + " (environment) is not an integer in 100..2147483647; using 5000")), settings.errors());
    }

    @Test
    void integerBelowTheMinimumIsRaisedWithAWarningAndNoError() {
        sources.env("AULA_REPAIRED_MAX_MB", "50").env("AULA_CATALOG_POLL_SECONDS", "0");
        try (LogCapture log = new LogCapture()) {
            Settings settings = sources.load();
            assertEquals(100, settings.repairedMaxMb());
            assertEquals(1, settings.catalogPollSeconds());
            assertTrue(settings.valid());
            assertEquals(List.of(
                    "WARNING Aula config: AULA_CATALOG_POLL_SECONDS=\"0\" (environment) is below the minimum 1; using 1",
                    "WARNING Aula config: AULA_REPAIRED_MAX_MB=\"50\" (environment) is below the minimum 100; using 100"),
                    log.lines());
        }
    }

    @Test
    void integersAtTheirBoundsAreAccepted() {
        sources.env("AULA_MAX_FFMPEG_JOBS", "64").env("AULA_CATALOG_POLL_SECONDS", "3600")
                .env("AULA_MAX_PROGRESS_BYTES", "67108864").env("AULA_REPAIR_LOCK_TTL_SECONDS", "300")
                .env("AULA_REPAIR_FAILED_RETENTION_SECONDS", "0").env("AULA_REPAIRED_MAX_MB", "2147483647");
        Settings settings = sources.load();
        assertEquals(64, settings.maxFfmpegJobs());
        assertEquals(3600, settings.catalogPollSeconds());
        assertEquals(67_108_864, settings.maxProgressBytes());
        assertEquals(300, settings.repairLockTtlSeconds());
        assertEquals(0, settings.repairFailedRetentionSeconds());
        assertEquals(Integer.MAX_VALUE, settings.repairedMaxMb());
        assertTrue(settings.valid());
    }

    @Test
    void zeroFfmpegJobsIsAcceptedAsIs() {
        sources.env("AULA_MAX_FFMPEG_JOBS", "0");
        assertEquals(0, sources.load().maxFfmpegJobs());
    }

    @Test
    void leadingZerosAreDecimal() {
        sources.env("AULA_MAX_FFMPEG_JOBS", "010");
        assertEquals(10, sources.load().maxFfmpegJobs());
    }

    @Test
    void progressBytesBelowMinimumRaisedAndAboveMaximumRejected() {
        sources.env("AULA_MAX_PROGRESS_BYTES", "5");
        assertEquals(1024, sources.load().maxProgressBytes());
        sources.env("AULA_MAX_PROGRESS_BYTES", "67108865");
        Settings settings = sources.load();
        assertEquals(2_097_152, settings.maxProgressBytes());
        assertEquals("AULA_MAX_PROGRESS_BYTES=\"67108865\" (environment) is not an integer in 1024..67108864;"
                + " using 2097152", settings.errors().get(0).message());
    }

    @ParameterizedTest
    @CsvSource({"1,true", "true,true", "YES,true", "On,true", "0,false", "FALSE,false", "no,false", "oFF,false"})
    void everyDocumentedBooleanWordIsAcceptedCaseInsensitively(String text, boolean expected) {
        sources.env("AULA_COMPAT_FORCE_REENCODE", text).env("AULA_DRIVE_INITIAL_REMUX", text)
                .env("AULA_PREFER_DATA_CACHE", text);
        Settings settings = sources.load();
        assertEquals(expected, settings.compatForceReencode());
        assertEquals(expected, settings.driveInitialRemux());
        assertEquals(expected, settings.preferDataCache());
        assertTrue(settings.valid());
    }

    @Test
    void unknownBooleanWordIsAnErrorAndTheDefaultIsUsed() {
        sources.env("AULA_PREFER_DATA_CACHE", "maybe").context("PLATZI_DRIVE_INITIAL_REMUX", "2");
        Settings settings = sources.load();
        assertTrue(settings.preferDataCache());
        assertFalse(settings.driveInitialRemux());
        assertEquals(List.of(
                new ConfigError("AULA_PREFER_DATA_CACHE", "AULA_PREFER_DATA_CACHE=\"maybe\" (environment) is not a"
                        + " boolean (1/true/yes/on or 0/false/no/off); using true"),
                new ConfigError("AULA_DRIVE_INITIAL_REMUX", "PLATZI_DRIVE_INITIAL_REMUX=\"2\" (context parameter) is"
                        + " not a boolean (1/true/yes/on or 0/false/no/off); using false")),
                settings.errors());
    }

    @ParameterizedTest
    @CsvSource({
            "http://127.0.0.1:9000, http://127.0.0.1:9000/",
            "http://127.0.0.1:9000/drive, http://127.0.0.1:9000/drive/",
            "https://proxy.example/google/, https://proxy.example/google/",
            "HTTPS://www.googleapis.com, HTTPS://www.googleapis.com/"})
    void driveApiRootGetsATrailingSlash(String text, String expected) {
        sources.env("AULA_DRIVE_API_ROOT", text);
        Settings settings = sources.load();
        assertEquals(expected, settings.driveApiRoot());
        assertTrue(settings.valid());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.org/", "www.googleapis.com", "/drive/", "http://", "http:/x",
            "https://h/?q=1", "https://h/#top", "mailto:a@b", "http://exa mple.org/"})
    void driveApiRootThatIsNotAnAbsoluteHttpUrlFallsBackToTheDefault(String text) {
        sources.env("AULA_DRIVE_API_ROOT", text);
        Settings settings = sources.load();
        assertEquals("https://www.googleapis.com/", settings.driveApiRoot());
        assertEquals(List.of(new ConfigError("AULA_DRIVE_API_ROOT", "AULA_DRIVE_API_ROOT=\"" + text
                + "\" (environment) is not an absolute http(s) URL; using https://www.googleapis.com/")),
                settings.errors());
    }

    @Test
    void longValueIsEchoedCutToEightyCharacters() {
        String text = "z".repeat(300);
        sources.env("AULA_MAX_FFMPEG_JOBS", text);
        assertEquals("AULA_MAX_FFMPEG_JOBS=\"" + "z".repeat(80) + "\" (environment) is not an integer in 0..64;"
                + " using 2", sources.load().errors().get(0).message());
    }

    @Test
    void controlCharactersInAnEchoedValueCannotSplitTheLogLine() {
        sources.env("AULA_MAX_FFMPEG_JOBS", "1\n2");
        try (LogCapture log = new LogCapture()) {
            sources.load();
            assertEquals(List.of("Aula config: AULA_MAX_FFMPEG_JOBS=\"1?2\" (environment) is not an integer in"
                    + " 0..64; using 2"), log.lines(Level.SEVERE));
        }
    }

    @Test
    void eachRejectedValueIsItsOwnErrorAndLogLine() {
        sources.env("AULA_MAX_FFMPEG_JOBS", "x").env("AULA_COMPAT_FORCE_REENCODE", "x")
                .env("AULA_DRIVE_API_ROOT", "x");
        try (LogCapture log = new LogCapture()) {
            Settings settings = sources.load();
            assertEquals(List.of("AULA_DRIVE_API_ROOT", "AULA_MAX_FFMPEG_JOBS", "AULA_COMPAT_FORCE_REENCODE"),
                    settings.errors().stream().map(ConfigError::key).toList());
            assertEquals(settings.errors().stream().map(e -> "Aula config: " + e.message()).toList(),
                    log.lines(Level.SEVERE));
        }
    }

    @Test
    void errorKeyIsTheCanonicalNameWhileTheMessageNamesTheAliasThatWasSet() {
        sources.env("PLATZI_REPAIR_LOCK_TTL_SECONDS", "soon");
        ConfigError error = sources.load().errors().get(0);
        assertEquals("AULA_REPAIR_LOCK_TTL_SECONDS", error.key());
        assertTrue(error.message().startsWith("PLATZI_REPAIR_LOCK_TTL_SECONDS=\"soon\" (environment)"),
                error.message());
    }
}
