package app.aula.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Address lists, the host list and the inline secret: strictest fallbacks and no leaks (config.md §3). */
class SettingsLoaderSecurityTest {

    private static final String SECRET_MARKER = "s3cr3t-PRIVATE-key-material";

    @TempDir
    Path home;
    private Sources sources;

    @BeforeEach
    void setUp() {
        sources = new Sources(home, home);
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void validAddressListsAreUsed() {
        sources.env("AULA_ADMIN_FROM", "loopback,172.30.0.1").env("AULA_TRUSTED_PROXIES", "10.0.0.0/8");
        Settings settings = sources.load();
        assertTrue(settings.adminFrom().contains(ip("172.30.0.1")));
        assertTrue(settings.adminFrom().contains(ip("127.0.0.1")));
        assertTrue(settings.trustedProxies().contains(ip("10.2.3.4")));
        assertTrue(settings.valid());
    }

    @Test
    void invalidAdminFromFallsBackToNoneAndIsNeverPartlyApplied() {
        sources.env("AULA_ADMIN_FROM", "127.0.0.1,admin-box");
        Settings settings = sources.load();
        assertTrue(settings.adminFrom().isEmpty());
        assertFalse(settings.adminFrom().contains(ip("127.0.0.1")));
        assertEquals(List.of(new ConfigError("AULA_ADMIN_FROM", "AULA_ADMIN_FROM=\"127.0.0.1,admin-box\""
                + " (environment) is not a valid address list (bad entry \"admin-box\"); using none")),
                settings.errors());
    }

    @Test
    void noneMixedWithOtherEntriesInAdminFromFallsBackToNone() {
        sources.env("AULA_ADMIN_FROM", "none,loopback");
        Settings settings = sources.load();
        assertTrue(settings.adminFrom().isEmpty());
        assertEquals("AULA_ADMIN_FROM", settings.errors().get(0).key());
    }

    @Test
    void invalidTrustedProxiesFallBackToAnEmptyList() {
        sources.system("AULA_TRUSTED_PROXIES", "10.0.0.1 proxy.lan");
        Settings settings = sources.load();
        assertTrue(settings.trustedProxies().isEmpty());
        assertFalse(settings.trustedProxies().contains(ip("10.0.0.1")));
        assertEquals(List.of(new ConfigError("AULA_TRUSTED_PROXIES", "AULA_TRUSTED_PROXIES=\"10.0.0.1 proxy.lan\""
                + " (system property) is not a valid address list (bad entry \"proxy.lan\"); using an empty list")),
                settings.errors());
    }

    @Test
    void anyInAddressListsIsUsedWithAStartUpWarningEach() {
        sources.env("AULA_ADMIN_FROM", "any").env("AULA_TRUSTED_PROXIES", "any");
        try (LogCapture log = new LogCapture()) {
            Settings settings = sources.load();
            assertTrue(settings.adminFrom().matchesAny());
            assertTrue(settings.trustedProxies().matchesAny());
            assertTrue(settings.valid());
            assertEquals(List.of(
                    "Aula config: AULA_ADMIN_FROM=\"any\" (environment) contains \"any\": admin endpoints accept"
                            + " every client address",
                    "Aula config: AULA_TRUSTED_PROXIES=\"any\" (environment) contains \"any\": X-Forwarded-For is"
                            + " believed from every peer"),
                    log.lines(Level.WARNING));
        }
    }

    @Test
    void adminFromNoneIsValidAndDisablesAdmin() {
        sources.env("AULA_ADMIN_FROM", "none");
        Settings settings = sources.load();
        assertTrue(settings.adminFrom().isEmpty());
        assertTrue(settings.valid());
    }

    @Test
    void validHostListIsUsed() {
        sources.env("AULA_ALLOWED_HOSTS", "localhost,aula.lan");
        Settings settings = sources.load();
        assertTrue(settings.allowedHosts().allows("aula.lan", false));
        assertFalse(settings.allowedHosts().allows("evil.example", false));
        assertTrue(settings.valid());
    }

    @Test
    void invalidHostListFallsBackToLoopbackNamesOnEveryInterface() {
        sources.env("AULA_ALLOWED_HOSTS", "aula.lan,aula.lan:8080");
        Settings settings = sources.load();
        assertEquals(HostList.loopbackOnly(), settings.allowedHosts());
        assertFalse(settings.allowedHosts().allows("aula.lan", false));
        assertTrue(settings.allowedHosts().allows("localhost", false));
        assertEquals(List.of(new ConfigError("AULA_ALLOWED_HOSTS", "AULA_ALLOWED_HOSTS=\"aula.lan,aula.lan:8080\""
                + " (environment) is not a valid host list (bad entry \"aula.lan:8080\"); using loopback names only,"
                + " enforced on every interface")), settings.errors());
    }

    @Test
    void validInlineServiceAccountJsonIsKeptVerbatim() {
        String json = "{\"type\":\"service_account\",\"private_key\":\"" + SECRET_MARKER + "\"}";
        sources.env("GOOGLE_SERVICE_ACCOUNT_JSON", json);
        Settings settings = sources.load();
        assertEquals(Optional.of(json), settings.serviceAccountJson());
        assertTrue(settings.valid());
    }

    @Test
    void invalidInlineServiceAccountJsonIsAnErrorThatNeverShowsTheValue() {
        sources.env("GOOGLE_SERVICE_ACCOUNT_JSON", "{\"private_key\":\"" + SECRET_MARKER + "\"");
        try (LogCapture log = new LogCapture()) {
            Settings settings = sources.load();
            assertEquals(Optional.empty(), settings.serviceAccountJson());
            assertEquals(List.of(new ConfigError("GOOGLE_SERVICE_ACCOUNT_JSON", "GOOGLE_SERVICE_ACCOUNT_JSON"
                    + " (environment) is not a valid JSON object; trying the next credential source")),
                    settings.errors());
            assertEquals(1, log.lines().size());
            assertFalse(log.lines().get(0).contains(SECRET_MARKER));
            assertFalse(log.anyThrown());
        }
    }

    @Test
    void inlineServiceAccountJsonThatIsNotAnObjectIsRejected() {
        sources.context("GOOGLE_SERVICE_ACCOUNT_JSON", "[\"" + SECRET_MARKER + "\"]");
        Settings settings = sources.load();
        assertEquals(Optional.empty(), settings.serviceAccountJson());
        assertEquals("GOOGLE_SERVICE_ACCOUNT_JSON", settings.errors().get(0).key());
        assertFalse(settings.errors().get(0).message().contains(SECRET_MARKER));
    }
}
