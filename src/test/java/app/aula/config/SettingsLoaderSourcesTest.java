package app.aula.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Source precedence, aliases, blank values, defaults and the ignored-key notice (config.md §1, §2). */
class SettingsLoaderSourcesTest {

    @TempDir
    Path home;
    @TempDir
    Path workingDirectory;
    private Sources sources;

    @BeforeEach
    void setUp() {
        sources = new Sources(home, workingDirectory);
    }

    @Test
    void nothingSetGivesEveryDocumentedDefaultAndNoErrors() {
        Settings settings = sources.load();
        assertEquals(home.resolve("aula-data"), settings.dataPath());
        assertTrue(Files.isDirectory(settings.dataPath()));
        assertEquals(Optional.empty(), settings.viewerPath());
        assertTrue(settings.preferDataCache());
        assertEquals(Optional.empty(), settings.libraryPath());
        assertEquals(1, settings.catalogPollSeconds());
        assertEquals(2_097_152, settings.maxProgressBytes());
        assertEquals("https://www.googleapis.com/", settings.driveApiRoot());
        assertEquals(Optional.empty(), settings.serviceAccountJson());
        assertEquals(Optional.empty(), settings.serviceAccountFile());
        assertEquals(Optional.empty(), settings.applicationCredentials());
        assertEquals(Optional.empty(), settings.ffmpegPath());
        assertEquals(2, settings.maxFfmpegJobs());
        assertFalse(settings.compatForceReencode());
        assertFalse(settings.driveInitialRemux());
        assertEquals(5000, settings.repairedMaxMb());
        assertEquals(1800, settings.repairLockTtlSeconds());
        assertEquals(604_800, settings.repairFailedRetentionSeconds());
        assertEquals(AddressList.loopback(), settings.adminFrom());
        assertTrue(settings.trustedProxies().isEmpty());
        assertTrue(settings.allowedHosts().isAutomatic());
        assertEquals(List.of(), settings.errors());
        assertTrue(settings.valid());
    }

    @Test
    void systemPropertyBeatsEnvironmentAndContextParameter() {
        sources.system("AULA_MAX_FFMPEG_JOBS", "3").env("AULA_MAX_FFMPEG_JOBS", "4").context("AULA_MAX_FFMPEG_JOBS", "5");
        assertEquals(3, sources.load().maxFfmpegJobs());
    }

    @Test
    void environmentBeatsContextParameter() {
        sources.env("AULA_MAX_FFMPEG_JOBS", "4").context("AULA_MAX_FFMPEG_JOBS", "5");
        assertEquals(4, sources.load().maxFfmpegJobs());
    }

    @Test
    void contextParameterBeatsDefault() {
        sources.context("AULA_MAX_FFMPEG_JOBS", "5");
        assertEquals(5, sources.load().maxFfmpegJobs());
    }

    @Test
    void aliasInAHigherSourceBeatsCanonicalNameInALowerSource() {
        sources.system("PLATZI_REPAIRED_MAX_MB", "700").env("AULA_REPAIRED_MAX_MB", "800");
        assertEquals(700, sources.load().repairedMaxMb());
    }

    @Test
    void aliasAloneIsUsed() {
        sources.env("MAX_PROGRESS_BYTES", "4096").env("PLATZI_PREFER_DATA_CACHE", "false");
        Settings settings = sources.load();
        assertEquals(4096, settings.maxProgressBytes());
        assertFalse(settings.preferDataCache());
    }

    @Test
    void canonicalNameBeatsDifferentAliasInTheSameSourceWithOneWarning() {
        sources.env("AULA_REPAIRED_MAX_MB", "200").env("PLATZI_REPAIRED_MAX_MB", "300");
        try (LogCapture log = new LogCapture()) {
            assertEquals(200, sources.load().repairedMaxMb());
            assertEquals(List.of("Aula config: AULA_REPAIRED_MAX_MB=\"200\" and PLATZI_REPAIRED_MAX_MB=\"300\" are both"
                    + " set (environment) with different values; using AULA_REPAIRED_MAX_MB"), log.lines(Level.WARNING));
        }
    }

    @Test
    void canonicalNameAndAliasWithTheSameValueLogNothing() {
        sources.env("AULA_REPAIRED_MAX_MB", "200").env("PLATZI_REPAIRED_MAX_MB", " 200 ");
        try (LogCapture log = new LogCapture()) {
            assertEquals(200, sources.load().repairedMaxMb());
            assertEquals(List.of(), log.lines());
        }
    }

    @Test
    void everyAliasOfTheOriginalIsRead() {
        sources.env("PLATZI_DATA_PATH", home.resolve("d").toString())
                .env("PLATZI_VIEWER_PATH", workingDirectory.toString())
                .env("PLATZI_COMPAT_FORCE_REENCODE", "1")
                .env("PLATZI_DRIVE_INITIAL_REMUX", "1")
                .env("PLATZI_REPAIR_LOCK_TTL_SECONDS", "301")
                .env("PLATZI_REPAIR_FAILED_RETENTION_SECONDS", "5");
        Settings settings = sources.load();
        assertEquals(home.resolve("d"), settings.dataPath());
        assertEquals(Optional.of(workingDirectory), settings.viewerPath());
        assertTrue(settings.compatForceReencode());
        assertTrue(settings.driveInitialRemux());
        assertEquals(301, settings.repairLockTtlSeconds());
        assertEquals(5, settings.repairFailedRetentionSeconds());
    }

    @Test
    void blankValueCountsAsUnsetAndTheNextSourceIsUsed() {
        sources.system("AULA_MAX_FFMPEG_JOBS", "  ").env("AULA_MAX_FFMPEG_JOBS", "").context("AULA_MAX_FFMPEG_JOBS", "7");
        assertEquals(7, sources.load().maxFfmpegJobs());
    }

    @Test
    void blankCanonicalNameLetsTheAliasOfTheSameSourceWin() {
        sources.env("AULA_REPAIRED_MAX_MB", " ").env("PLATZI_REPAIRED_MAX_MB", "900");
        assertEquals(900, sources.load().repairedMaxMb());
    }

    @Test
    void valuesAreTrimmedBeforeValidation() {
        sources.env("AULA_MAX_FFMPEG_JOBS", " 7\t").env("AULA_PREFER_DATA_CACHE", " no ");
        Settings settings = sources.load();
        assertEquals(7, settings.maxFfmpegJobs());
        assertFalse(settings.preferDataCache());
        assertTrue(settings.valid());
    }

    @Test
    void sourceThatThrowsCountsAsUnset() {
        Settings settings = new SettingsLoader(name -> {
            throw new SecurityException("no properties for you");
        }, Map.of("AULA_MAX_FFMPEG_JOBS", "9")::get, name -> null, home, workingDirectory).load();
        assertEquals(9, settings.maxFfmpegJobs());
        assertTrue(settings.valid());
    }

    @Test
    void nullSourcesCountAsUnset() {
        Settings settings = new SettingsLoader(null, null, null, home, workingDirectory).load();
        assertEquals(2, settings.maxFfmpegJobs());
        assertTrue(settings.valid());
    }

    @Test
    void portAndHostSetGiveOneInfoLineNamingThem() {
        sources.env("PORT", "9000").context("HOST", "0.0.0.0");
        try (LogCapture log = new LogCapture()) {
            Settings settings = sources.load();
            assertEquals(List.of("Aula config: PORT, HOST are set but ignored: the servlet container owns the"
                    + " listener address and port"), log.lines(Level.INFO));
            assertTrue(settings.valid());
        }
    }

    @Test
    void publicHostAloneGivesOneInfoLineInTheSingular() {
        sources.system("PUBLIC_HOST", "aula.lan");
        try (LogCapture log = new LogCapture()) {
            sources.load();
            assertEquals(List.of("Aula config: PUBLIC_HOST is set but ignored: the servlet container owns the"
                    + " listener address and port"), log.lines(Level.INFO));
        }
    }

    @Test
    void nothingIsLoggedWhenNothingIsSet() {
        try (LogCapture log = new LogCapture()) {
            sources.load();
            assertEquals(List.of(), log.lines());
        }
    }

    @Test
    void fromMapReadsTheMapAsContextParameters() {
        Settings settings = SettingsLoader.fromMap(Map.of("AULA_MAX_FFMPEG_JOBS", "abc",
                "AULA_CATALOG_POLL_SECONDS", "10"), home);
        assertEquals(10, settings.catalogPollSeconds());
        assertEquals(2, settings.maxFfmpegJobs());
        assertEquals(home.resolve("aula-data"), settings.dataPath());
        assertEquals(List.of(new ConfigError("AULA_MAX_FFMPEG_JOBS",
                "AULA_MAX_FFMPEG_JOBS=\"abc\" (context parameter) is not an integer in 0..64; using 2")),
                settings.errors());
    }
}
