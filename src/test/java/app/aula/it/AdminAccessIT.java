package app.aula.it;

import static app.aula.it.ApiAssertions.assertJson;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The admin guard and the effective client address (api.md §1.6) under three settings of
 * AULA_ADMIN_FROM / AULA_TRUSTED_PROXIES. All requests come from 127.0.0.1.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ContainerKind.class)
class AdminAccessIT {

    /** The container of this run (also handed to the deploy method). */
    @Parameter
    ContainerKind kind;

    static final String REFRESHING = "{\"status\":\"refreshing\"}";
    static final String FORBIDDEN = "{\"error\":\"forbidden\"}";

    /** AULA_ADMIN_FROM=none. */
    static RunningAula noAdmin;
    /** AULA_ADMIN_FROM=10.0.0.0/8 behind a trusted proxy on 127.0.0.1. */
    static RunningAula behindProxy;
    /** AULA_ADMIN_FROM=10.0.0.0/8 and no trusted proxies. */
    static RunningAula noProxy;

    @BeforeParameterizedClassInvocation
    static void deploy(ContainerKind kind) throws Exception {
        noAdmin = RunningAula.start(kind, AulaSetup.create().param("AULA_ADMIN_FROM", "none"));
        behindProxy = RunningAula.start(kind, AulaSetup.create()
                .param("AULA_ADMIN_FROM", "10.0.0.0/8")
                .param("AULA_TRUSTED_PROXIES", "127.0.0.1"));
        noProxy = RunningAula.start(kind, AulaSetup.create().param("AULA_ADMIN_FROM", "10.0.0.0/8"));
    }

    @AfterParameterizedClassInvocation
    static void undeploy() throws Exception {
        RunningAula.stopAll(noAdmin, behindProxy, noProxy);
        noAdmin = null;
        behindProxy = null;
        noProxy = null;
    }

    @Test
    void adminFromNoneRefusesRefreshByGet() {
        assertJson(noAdmin.get("/api/refresh"), 403, FORBIDDEN);
    }

    @Test
    void adminFromNoneRefusesRefreshByPost() {
        assertJson(noAdmin.post("/api/refresh", ""), 403, FORBIDDEN);
    }

    @Test
    void adminFromNoneStillServesNonAdminEndpoints() {
        assertJson(noAdmin.get("/api/progress"), 200, "{}");
    }

    @ParameterizedTest(name = "X-Forwarded-For: {0}")
    @ValueSource(strings = {"10.1.2.3", "8.8.8.8, 10.1.2.3", "10.1.2.3, 127.0.0.1", "10.1.2.3,127.0.0.1,127.0.0.1"})
    void aTrustedProxyForwardingAnAdminClientIsAdmitted(String forwardedFor) {
        assertJson(behindProxy.get("/api/refresh", "X-Forwarded-For", forwardedFor), 200, REFRESHING);
    }

    @ParameterizedTest(name = "X-Forwarded-For: [{0}]")
    @ValueSource(strings = {"8.8.8.8", "10.1.2.3, 8.8.8.8", "not-an-address", "10.1.2.3, garbage", ""})
    void aTrustedProxyForwardingAnyoneElseIsRefused(String forwardedFor) {
        HttpCall call = behindProxy.call("GET", "/api/refresh");
        if (!forwardedFor.isEmpty()) {
            call.header("X-Forwarded-For", forwardedFor);
        }

        assertJson(call.send(), 403, FORBIDDEN);
    }

    @Test
    void withoutTrustedProxiesForwardedForIsNotBelieved() {
        assertJson(noProxy.get("/api/refresh", "X-Forwarded-For", "10.1.2.3"), 403, FORBIDDEN);
    }
}
