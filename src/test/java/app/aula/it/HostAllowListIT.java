package app.aula.it;

import static app.aula.it.ApiAssertions.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** AULA_ALLOWED_HOSTS set explicitly (api.md §1.3, config.md §3.1 host list). */
@ParameterizedClass(name = "{0}")
@EnumSource(ContainerKind.class)
class HostAllowListIT {

    /** The container of this run (also handed to the deploy method). */
    @Parameter
    ContainerKind kind;

    static RunningAula app;

    @BeforeParameterizedClassInvocation
    static void deploy(ContainerKind kind) throws Exception {
        app = RunningAula.start(kind, AulaSetup.create().param("AULA_ALLOWED_HOSTS", "example.org,*.example.net"));
    }

    @AfterParameterizedClassInvocation
    static void undeploy() throws Exception {
        RunningAula.stopAll(app);
        app = null;
    }

    private static HttpResult withHost(String host) {
        return app.raw("GET /api/health HTTP/1.1\nHost: " + host);
    }

    @ParameterizedTest(name = "Host: {0}")
    @ValueSource(strings = {"example.org", "EXAMPLE.org:8080", "a.example.net", "b.a.example.net:443", "localhost",
            "x.localhost", "127.0.0.1", "[::1]", "192.0.2.7"})
    void listedNamesLoopbackNamesAndIpLiteralsPass(String host) {
        HttpResult response = withHost(host);

        assertEquals(200, response.status(), response::toString);
    }

    @ParameterizedTest(name = "Host: {0}")
    @ValueSource(strings = {"evil.org", "www.example.org", "example.org.evil.org", "example.net.evil.org"})
    void otherNamesAre403(String host) {
        assertJson(withHost(host), 403, "{\"error\":\"host_not_allowed\"}");
    }
}
