package app.aula.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** viewer.md §10 items 59–63: the progress client against the real server. */
class ViewerProgressE2EIT extends E2ETestBase {

    static String rec(String status, String time, int watchTime, String course) {
        return switch (status) {
            case "complete" -> "{\"status\":\"complete\",\"completedAt\":\"" + time + "\",\"course\":\"" + course + "\"}";
            default -> "{\"status\":\"in_progress\",\"lastWatched\":\"" + time + "\",\"watchTime\":" + watchTime
                    + ",\"course\":\"" + course + "\"}";
        };
    }

    static JsonNode local(Browser b, String ref) {
        try {
            return AulaServer.JSON.readTree(String.valueOf(b.local("aula_progress"))).path(ref);
        } catch (Exception e) {
            return AulaServer.JSON.missingNode();
        }
    }

    /** §10.59 Boot merge: server complete beats local in_progress; newer wins; ties go to the server. */
    @Test
    void item59_bootMerge() {
        Browser b = browser();
        b.open("");
        b.waitView("home");
        String c = Demo.COURSE_ID;
        // Local: V1 in progress (newer than the server's completion), V2 newer, N1 tied.
        b.setLocal("aula_progress", "{"
                + "\"" + Demo.V1 + "\":" + rec("in_progress", "2026-03-01T00:00:00.000Z", 12, c) + ","
                + "\"" + Demo.V2 + "\":" + rec("in_progress", "2026-03-01T11:00:00.000Z", 50, c) + ","
                + "\"" + Demo.N1 + "\":" + rec("in_progress", "2026-03-01T09:00:00.000Z", 9, Demo.COURSE_ROUTE_ID) + "}");
        aula.putProgress("{"
                + "\"" + Demo.V1 + "\":" + rec("complete", "2026-01-01T00:00:00.000Z", 0, c) + ","
                + "\"" + Demo.V2 + "\":" + rec("in_progress", "2026-03-01T10:00:00.000Z", 20, c) + ","
                + "\"" + Demo.N1 + "\":" + rec("in_progress", "2026-03-01T09:00:00.000Z", 5, Demo.COURSE_ROUTE_ID) + "}");
        proxy.clearRecords();
        b.reload();
        b.waitView("home");
        b.waitFor("merged locally", () -> local(b, Demo.V2).path("watchTime").asInt() == 50);
        assertEquals("complete", local(b, Demo.V1).path("status").asText(), "server complete beats local in_progress");
        assertEquals(5, local(b, Demo.N1).path("watchTime").asInt(), "tie: the server wins");
        eventually("the merged map is POSTed", () -> aula.progress().path(Demo.V2).path("watchTime").asInt() == 50);
        ObjectNode server = aula.progress();
        assertEquals("complete", server.path(Demo.V1).path("status").asText());
        assertEquals(5, server.path(Demo.N1).path("watchTime").asInt());
        assertTrue(proxy.find("POST", "api/progress").stream().allMatch(e -> e.status == 200));
    }

    /** §10.60 A positional key in progress.json is migrated to the video ref with course, and the server stores it. */
    @Test
    void item60_positionalKeyMigration() {
        aula.putProgress("{\"0|0|0|0|1\":{\"status\":\"complete\",\"completedAt\":\"2026-01-01T00:00:00.000Z\"},"
                + "\"0|1|0|0|0\":{\"status\":\"in_progress\",\"lastWatched\":\"2026-01-01T00:00:00.000Z\",\"watchTime\":8},"
                + "\"9|9|9|9|9\":{\"status\":\"complete\",\"completedAt\":\"2026-01-01T00:00:00.000Z\"}}");
        Browser b = browser();
        b.open("");
        b.waitView("home");
        eventually("migrated on the server", Duration.ofSeconds(20), () -> {
            ObjectNode p = aula.progress();
            return p.has(Demo.V2) && p.has(Demo.N1) && !p.has("0|0|0|0|1") && !p.has("0|1|0|0|0");
        });
        ObjectNode p = aula.progress();
        assertEquals("complete", p.path(Demo.V2).path("status").asText());
        assertEquals(Demo.COURSE_ID, p.path(Demo.V2).path("course").asText());
        assertEquals(8, p.path(Demo.N1).path("watchTime").asInt());
        assertEquals(Demo.COURSE_ROUTE_ID, p.path(Demo.N1).path("course").asText());
        assertTrue(p.has("9|9|9|9|9"), "an unresolvable key stays");
        assertFalse(proxy.find("GET", "api/course-detail/0/0/0").isEmpty(), "details fetched to resolve classes");
    }

    /** §10.61 Two tabs in conflict: 412 → refetch, merge, success; no completion is lost. */
    @Test
    void item61_twoTabsConflict() {
        Browser a = browser();
        Browser b = browser();
        a.open(ViewerPlayerE2EIT.P_N2);
        a.waitView("player");
        b.open(ViewerPlayerE2EIT.P_N1);
        b.waitView("player");
        b.allowNetworkError("api/progress", 412); // the conflict this test provokes
        a.allowNetworkError("api/progress", 412);
        ViewerPlayerE2EIT.action(a, "complete").click();
        eventually("A saved", () -> "complete".equals(aula.progress().path(Demo.N2).path("status").asText()));
        ViewerPlayerE2EIT.action(b, "complete").click();
        eventually("both completions on the server", Duration.ofSeconds(20), () -> {
            ObjectNode p = aula.progress();
            return "complete".equals(p.path(Demo.N1).path("status").asText()) && "complete".equals(p.path(Demo.N2).path("status").asText());
        });
        assertFalse(proxy.find(e -> e.method.equals("POST") && e.path.equals("api/progress") && e.status == 412).isEmpty(),
                "the stale tab got a 412 first");
        RecordingProxy.Exchange last = proxy.find("POST", "api/progress").get(proxy.find("POST", "api/progress").size() - 1);
        assertEquals(200, last.status);
    }

    /** §10.62 A change made < 400 ms before closing arrives by beacon or at the next boot. */
    @Test
    void item62_changeBeforeClosingArrives() {
        Browser b = browser();
        b.open(ViewerPlayerE2EIT.P_N2);
        b.waitView("player");
        WebElement toggle = ViewerPlayerE2EIT.action(b, "complete");
        b.js("arguments[0].click(); location.href = 'about:blank';", toggle);
        b.waitFor("left", () -> "about:blank".equals(b.driver.getCurrentUrl()));
        boolean byBeacon = true;
        try {
            eventually("beacon arrived", Duration.ofSeconds(3), () -> "complete".equals(aula.progress().path(Demo.N2).path("status").asText()));
        } catch (AssertionError e) {
            byBeacon = false;
        }
        if (!byBeacon) {
            b.open("");
            eventually("sent at the next boot", () -> "complete".equals(aula.progress().path(Demo.N2).path("status").asText()));
        }
        assertEquals("complete", aula.progress().path(Demo.N2).path("status").asText());
    }

    /** §10.63 With localStorage blocked, progress loads from and saves to the server; a fresh profile restores it. */
    @Test
    void item63_storageBlockedAndFreshProfile() {
        aula.putProgress("{\"" + Demo.V1 + "\":" + rec("complete", "2026-01-01T00:00:00.000Z", 0, Demo.COURSE_ID) + "}");
        Browser blocked = browser(new Browser.Options().blockStorage());
        blocked.open("#course/0/0/0");
        blocked.waitView("course");
        assertEquals(Boolean.TRUE, blocked.js("try { localStorage.getItem('x'); return false; } catch (e) { return true; }"),
                "storage really blocked");
        assertTrue(blocked.mainText().contains("1 completadas") || blocked.mainText().contains("1 completada"), "loaded from the server: " + blocked.mainText());
        blocked.go(ViewerPlayerE2EIT.P_N2, "player");
        ViewerPlayerE2EIT.action(blocked, "complete").click();
        eventually("saved to the server", () -> "complete".equals(aula.progress().path(Demo.N2).path("status").asText()));

        Browser fresh = browser();
        fresh.open("#learning");
        fresh.waitView("learning");
        assertTrue(fresh.mainText().contains("2 de 6"), "restored from the server: " + fresh.mainText());
    }
}
