package app.aula.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * viewer.md §10 items 34–58: the player. Methods run in name order because item 38 repairs
 * the demo's compat class for real (FFmpeg), which changes how that class opens afterwards.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class ViewerPlayerE2EIT extends E2ETestBase {

    static final String P_V1 = "#player/0/0/0/0/0";
    static final String P_V2 = "#player/0/0/0/0/1";
    static final String P_HTML3 = "#player/0/0/0/1/0";
    static final String P_V4 = "#player/0/0/0/1/1";
    static final String P_N1 = "#player/0/1/0/0/0";
    static final String P_N2 = "#player/0/1/0/0/1";
    static final Duration MEDIA_WAIT = Duration.ofSeconds(45); // generous: CI shares 2 cores with FFmpeg jobs

    // ------------------------------------------------------------------ helpers

    static Browser openPlayer(Browser b, String hash) {
        b.open(hash);
        b.waitView("player");
        return b;
    }

    static WebElement video(Browser b) {
        return b.await("#player-video");
    }

    static double time(Browser b) {
        return ((Number) b.js("return document.getElementById('player-video').currentTime")).doubleValue();
    }

    static boolean paused(Browser b) {
        return Boolean.TRUE.equals(b.js("return document.getElementById('player-video').paused"));
    }

    static String mode(Browser b) {
        return (String) b.js("const v = document.getElementById('player-video'); return v ? v.dataset.sourceMode || null : null");
    }

    static String src(Browser b) {
        return (String) b.js("const v = document.getElementById('player-video'); return v ? (v.currentSrc || v.src || '') : ''");
    }

    static void waitPlaying(Browser b) {
        video(b);
        b.waitFor("video playing", () -> Boolean.TRUE.equals(b.js(
                "const v = document.getElementById('player-video'); return !!v && !v.paused && v.currentTime > 0.3 && v.readyState >= 2")),
                MEDIA_WAIT);
    }

    /** The mapped position shown to the user, from the slider (aria-valuenow) when present. */
    static double shownTime(Browser b) {
        Object now = b.js("const s = document.querySelector('#main-content [role=slider][aria-valuenow]');"
                + " return s ? Number(s.getAttribute('aria-valuenow')) : null");
        return now == null ? time(b) : ((Number) now).doubleValue();
    }

    static WebElement action(Browser b, String action) {
        return b.await("#main-content [data-action='" + action + "']");
    }

    static void press(Browser b, CharSequence... keys) {
        b.actions().sendKeys(keys).perform();
    }

    /** Focuses the page body so shortcuts are not swallowed by a focused control. */
    static void focusBody(Browser b) {
        b.js("document.activeElement && document.activeElement.blur && document.activeElement.blur();"
                + " const h = document.querySelector('#main-content h1'); if (h) h.focus();");
    }

    static JsonNode localRecord(Browser b, String ref) {
        String json = b.local("aula_progress");
        if (json == null) {
            return null;
        }
        try {
            return AulaServer.JSON.readTree(json).get(ref);
        } catch (Exception e) {
            return null;
        }
    }

    static JsonNode body(RecordingProxy.Exchange e) {
        try {
            return AulaServer.JSON.readTree(e.body());
        } catch (Exception ex) {
            return null;
        }
    }

    static List<RecordingProxy.Exchange> progressPosts() {
        return proxy.find("POST", "api/progress");
    }

    static String complete(String course) {
        return ViewerBrowseE2EIT.complete(course);
    }

    // ------------------------------------------------------------------ source selection

    /** §10.34 A plain class plays in raw mode from drive/files/<ref>; range requests get 206. */
    @Test
    void item34_rawPlaybackWithRanges() {
        Browser b = openPlayer(browser(), P_V1);
        waitPlaying(b);
        assertEquals("raw", mode(b));
        assertTrue(src(b).matches(".*/drive/files/" + refRegex(Demo.V1) + "(\\?.*)?"), src(b));
        List<RecordingProxy.Exchange> media = proxy.find("GET", "drive/files/" + refRegex(Demo.V1) + "(\\?.*)?");
        assertFalse(media.isEmpty());
        assertTrue(media.stream().anyMatch(e -> e.requestHeader("Range") != null && e.status == 206), media.toString());
        b.waitFor("audio decoded", () -> ((Number) b.js("return document.getElementById('player-video').webkitAudioDecodedByteCount")).longValue() > 0);
        assertTrue(proxy.find("GET", "api/video-compatible/.*").isEmpty(), "no compat stream for a plain class");
    }

    /** §10.35 The videoPlayback:"compat" class starts in compat mode (FFmpeg is available). */
    @Test
    void item35_compatClassStartsInCompat() {
        Browser b = openPlayer(browser(), P_V4);
        waitPlaying(b);
        assertEquals("compat", mode(b));
        assertTrue(src(b).contains("api/video-compatible/"), src(b));
        assertTrue(proxy.find("GET", "api/video-compatible/" + refRegex(Demo.V4) + ".*").stream().anyMatch(e -> e.status == 200));
        assertTrue(proxy.find("GET", "drive/files/" + refRegex(Demo.V4) + ".*").isEmpty(), "raw never requested");
    }

    /**
     * §10.36 An undecodable raw source switches to compat and is remembered. The proxy answers
     * the raw request with a JSON body (status 200), which Chromium cannot decode.
     */
    @Test
    void item36_undecodableRawSwitchesToCompatAndIsRemembered() {
        proxy.respond("GET", "drive/files/" + refRegex(Demo.V1) + "(\\?.*)?", 200, "{\"not\":\"a video\"}");
        Browser b = openPlayer(browser(), P_V1);
        b.waitFor("switched to compat", () -> "compat".equals(mode(b)), MEDIA_WAIT);
        waitPlaying(b);
        assertTrue(src(b).contains("api/video-compatible/"), src(b));
        assertTrue(String.valueOf(b.local("aula_compat_refs")).contains(Demo.V1), "remembered: " + b.local("aula_compat_refs"));
        eventually("one repair POST", () -> proxy.find("POST", "api/repair/" + refRegex(Demo.V1)).size() == 1);
        assertTrue(b.bodyText().length() > 0);
        // Reopening starts in compat directly.
        proxy.clearRecords();
        b.go("#home", "home");
        b.go(P_V1, "player");
        waitPlaying(b);
        // The repair POSTed above really runs (FFmpeg) and may have completed by now (§5.2).
        assertTrue(List.of("compat", "repaired").contains(mode(b)), mode(b));
        assertTrue(proxy.find("GET", "drive/files/" + refRegex(Demo.V1) + ".*").isEmpty(), "raw not tried again");
        assertTrue(proxy.find("POST", "api/repair/.*").isEmpty(), "repair requested only once");
    }

    /** §10.37 A compat seek beyond the buffer reloads with start=X; the time shows X; captions stay aligned. */
    @Test
    void item37_compatSeekReloadsWithStart() {
        Browser b = browser();
        b.open("");
        b.setLocal("aula_compat_refs", "[\"" + Demo.V2 + "\"]");
        b.go(P_V2, "player");
        waitPlaying(b);
        assertEquals("compat", mode(b));
        WebElement bar = b.await("#main-content [role=slider][aria-valuetext]");
        b.waitFor("duration known (HEAD Aula-Duration)", () -> String.valueOf(bar.getAttribute("aria-valuetext")).contains("1:40"));
        assertFalse(proxy.find("HEAD", "api/video-compatible/.*").isEmpty(), "duration from HEAD");
        // Seek with the keyboard: End jumps to the end; instead use the slider at 80 %.
        int width = bar.getRect().getWidth();
        b.actions().moveToElement(bar, (int) (width * 0.30), 0).click().perform();
        b.waitFor("reloaded with start", () -> proxy.find("GET", "api/video-compatible/" + refRegex(Demo.V2) + "\\?start=[1-9].*").size() > 0,
                MEDIA_WAIT);
        RecordingProxy.Exchange reload = proxy.find("GET", "api/video-compatible/" + refRegex(Demo.V2) + "\\?start=[1-9].*").get(0);
        double start = Double.parseDouble(reload.path.replaceAll(".*start=([0-9.]+).*", "$1"));
        assertTrue(start > 70 && start < 90, "start=" + start + " for a click at 80 % of 100 s");
        waitPlaying(b);
        b.waitFor("shown time ≈ start", () -> shownTime(b) >= start - 1 && shownTime(b) < start + 15);
        assertTrue(time(b) < 15, "the element's own time restarts near 0, got " + time(b));
        // Captions: switch them on; the showing track must hold cues shifted by -T.
        action(b, "captions").click();
        b.waitFor("shifted track showing", () -> Boolean.TRUE.equals(b.js("""
                const T = arguments[0];
                const v = document.getElementById('player-video');
                const tracks = [...v.textTracks];
                const showing = tracks.find(t => t.mode === 'showing');
                const original = tracks.find(t => t !== showing && t.cues && t.cues.length);
                if (!showing || !showing.cues || !showing.cues.length) return false;
                if (!original) return [...showing.cues].every(c => c.startTime >= -0.5) && showing.cues[0].startTime < T;
                const o = [...original.cues].find(c => c.startTime >= T);
                return !!o && [...showing.cues].some(c => Math.abs(c.startTime - (o.startTime - T)) < 1.0);
                """, start)));
    }

    /** §10.38 A completed repair switches to api/repaired/<ref> and keeps the time (real FFmpeg repair). */
    @Test
    void item38_completedRepairSwitchesToRepaired() {
        Browser b = openPlayer(browser(), P_V4);
        waitPlaying(b);
        assertEquals("compat", mode(b));
        b.waitFor("played 3 s", () -> shownTime(b) >= 3, MEDIA_WAIT);
        HttpResponse<String> repair = aula.send("POST", "api/repair/" + Demo.V4.replace(":", "%3A"), "");
        assertTrue(repair.statusCode() / 100 == 2, "repair accepted: " + repair.statusCode() + " " + repair.body());
        b.waitFor("switched to repaired", () -> "repaired".equals(mode(b)), Duration.ofSeconds(60));
        assertTrue(src(b).contains("api/repaired/"), src(b));
        assertTrue(shownTime(b) >= 2.5, "time kept: " + shownTime(b));
        assertTrue(proxy.find("GET", "api/repair-status/" + refRegex(Demo.V4)).size() >= 2, "polled while in compat");
        // A fresh open starts in repaired mode (repair-status completed → artifactUrl).
        Browser fresh = openPlayer(browser(), P_V4);
        fresh.waitFor("repaired on open", () -> "repaired".equals(mode(fresh)), MEDIA_WAIT);
        waitPlaying(fresh);
    }

    // ------------------------------------------------------------------ controls

    /** §10.39 Captions start hidden; CC and c toggle them; the choice is remembered. */
    @Test
    void item39_captions() {
        Browser b = openPlayer(browser(), P_V1);
        WebElement track = b.await("#player-video track[kind=subtitles][srclang=es]");
        assertTrue(track.getAttribute("src").matches(".*/drive/files/" + refRegex("local:fundamentos/01-bienvenida.vtt") + ".*"),
                track.getAttribute("src"));
        b.waitFor("track hidden", () -> "hidden".equals(b.js("return document.getElementById('player-video').textTracks[0].mode")));
        WebElement cc = action(b, "captions");
        assertEquals("false", cc.getAttribute("aria-pressed"));
        cc.click();
        b.waitFor("showing", () -> "showing".equals(b.js("return [...document.getElementById('player-video').textTracks].some(t => t.mode === 'showing') ? 'showing' : 'no'")));
        assertEquals("true", cc.getAttribute("aria-pressed"));
        b.waitFor("remembered", () -> String.valueOf(b.local("aula_player_prefs")).matches(".*\"captions\"\\s*:\\s*true.*"));
        focusBody(b);
        press(b, "c");
        b.waitFor("c hides", () -> "false".equals(cc.getAttribute("aria-pressed")));
        assertEquals(Boolean.FALSE, b.js("return [...document.getElementById('player-video').textTracks].some(t => t.mode === 'showing')"));
    }

    /** §10.40 Space, a click and the button toggle playback; Space in a text field or on a focused button does not. */
    @Test
    void item40_playPauseToggles() {
        Browser b = openPlayer(browser(), P_V2);
        waitPlaying(b);
        focusBody(b);
        press(b, Keys.SPACE);
        b.waitFor("Space pauses", () -> paused(b));
        press(b, Keys.SPACE);
        b.waitFor("Space plays", () -> !paused(b));
        b.click(video(b));
        b.waitFor("click pauses", () -> paused(b));
        action(b, "play").click();
        b.waitFor("button plays", () -> !paused(b));
        // Space on a focused button activates only that button.
        WebElement speed = action(b, "speed");
        String before = speed.getText();
        b.js("arguments[0].focus()", speed);
        press(b, Keys.SPACE);
        b.waitFor("speed button activated", () -> !before.equals(speed.getText()));
        assertFalse(paused(b), "Space on a button did not pause");
        // Space in a text field is typed, not a shortcut.
        b.js("const i = document.createElement('input'); i.id = 'e2e-field'; document.getElementById('main-content').appendChild(i); i.focus();");
        press(b, "a b");
        assertEquals("a b", b.$("#e2e-field").getAttribute("value"));
        assertFalse(paused(b), "Space in a text field did not pause");
    }

    /** §10.41 ←/→ seek 5 s; f toggles fullscreen; m mutes. */
    @Test
    void item41_arrowsFullscreenMute() {
        Browser b = openPlayer(browser(), P_V2);
        waitPlaying(b);
        focusBody(b);
        press(b, Keys.SPACE);
        b.waitFor("paused", () -> paused(b));
        b.js("document.getElementById('player-video').currentTime = 40");
        b.waitFor("at 40", () -> Math.abs(time(b) - 40) < 0.5);
        press(b, Keys.ARROW_RIGHT);
        b.waitFor("→ +5 s", () -> Math.abs(time(b) - 45) < 0.6);
        press(b, Keys.ARROW_LEFT);
        press(b, Keys.ARROW_LEFT);
        b.waitFor("←← −10 s", () -> Math.abs(time(b) - 35) < 0.6);
        press(b, "m");
        b.waitFor("m mutes", () -> Boolean.TRUE.equals(b.js("return document.getElementById('player-video').muted")));
        assertEquals("true", action(b, "mute").getAttribute("aria-pressed") == null ? "true" : action(b, "mute").getAttribute("aria-pressed"));
        press(b, "m");
        b.waitFor("m unmutes", () -> Boolean.FALSE.equals(b.js("return document.getElementById('player-video').muted")));
        press(b, "f");
        b.waitFor("fullscreen", () -> Boolean.TRUE.equals(b.js("return !!document.fullscreenElement")));
        assertEquals(Boolean.TRUE, b.js("return document.fullscreenElement.contains(document.getElementById('player-video'))"));
        press(b, "f");
        b.waitFor("fullscreen left", () -> Boolean.TRUE.equals(b.js("return !document.fullscreenElement")));
    }

    /** §10.42 Speed cycles 0.5 … 2 → 0.5 and persists to the next class. */
    @Test
    void item42_speedCyclesAndPersists() {
        Browser b = openPlayer(browser(), P_V1);
        WebElement speed = action(b, "speed");
        b.waitFor("1x", () -> speed.getText().trim().equals("1x"));
        String[] cycle = {"1.25x", "1.5x", "2x", "0.5x", "0.75x", "1x", "1.25x", "1.5x"};
        for (String label : cycle) {
            speed.click();
            b.waitFor("speed " + label, () -> speed.getText().trim().equals(label));
            double rate = Double.parseDouble(label.replace("x", ""));
            assertEquals(rate, ((Number) b.js("return document.getElementById('player-video').playbackRate")).doubleValue(), 0.001);
        }
        b.waitFor("prefs saved", () -> String.valueOf(b.local("aula_player_prefs")).matches(".*\"rate\"\\s*:\\s*1\\.5.*"));
        action(b, "next").click();
        b.waitFor("next class", () -> P_V2.equals(b.hash()));
        b.waitView("player");
        waitPlaying(b);
        assertEquals(1.5, ((Number) b.js("return document.getElementById('player-video').playbackRate")).doubleValue(), 0.001);
        assertEquals("1.5x", action(b, "speed").getText().trim());
    }

    /** §10.43 The bar seeks once on release and updates aria-valuetext. */
    @Test
    void item43_barSeeksOnceOnRelease() {
        Browser b = openPlayer(browser(), P_V2);
        waitPlaying(b);
        WebElement bar = b.await("#main-content [role=slider][aria-valuetext]");
        b.waitFor("duration shown", () -> String.valueOf(bar.getAttribute("aria-valuetext")).contains("1:40"));
        b.js("window.__seeks = 0; document.getElementById('player-video').addEventListener('seeking', () => window.__seeks++)");
        int width = bar.getRect().getWidth();
        int left = -width / 2;
        b.actions().moveToElement(bar, left + (int) (width * 0.2), 0).clickAndHold()
                .moveByOffset((int) (width * 0.2), 0).moveByOffset((int) (width * 0.2), 0).perform();
        assertEquals(0L, ((Number) b.js("return window.__seeks")).longValue(), "no seek while dragging");
        b.actions().release().perform();
        b.waitFor("seeked to ≈60 s", () -> Math.abs(time(b) - 60) < 4);
        assertEquals(1L, ((Number) b.js("return window.__seeks")).longValue(), "exactly one seek on release");
        b.waitFor("aria-valuetext updated", () -> String.valueOf(bar.getAttribute("aria-valuetext")).matches("(0:5\\d|1:0\\d) de 1:40"));
    }

    /** §10.44 Controls auto-hide after 2.5 s while playing, and stay while paused or focused. */
    @Test
    void item44_controlsAutoHide() {
        Browser b = openPlayer(browser(), P_V2);
        waitPlaying(b);
        WebElement play = action(b, "play");
        focusBody(b);
        b.actions().moveToElement(video(b)).moveByOffset(5, 5).perform();
        b.waitFor("controls shown after pointer movement", play::isDisplayed, Duration.ofSeconds(2));
        long shownAt = System.currentTimeMillis();
        b.waitFor("controls hidden while playing", () -> !play.isDisplayed(), Duration.ofSeconds(6));
        assertTrue(System.currentTimeMillis() - shownAt >= 2000, "hid after ≈2.5 s, not at once");
        // Paused: they stay.
        b.actions().moveToElement(video(b)).moveByOffset(-5, -5).perform();
        b.waitFor("shown again", play::isDisplayed, Duration.ofSeconds(2));
        play.click();
        b.waitFor("paused", () -> paused(b));
        holdsFor("controls stay while paused", Duration.ofSeconds(4), play::isDisplayed);
        // Playing with a control focused: they stay.
        play.click();
        b.waitFor("playing", () -> !paused(b));
        b.js("arguments[0].focus()", action(b, "speed"));
        holdsFor("controls stay while a control has focus", Duration.ofSeconds(4), play::isDisplayed);
    }

    /** §10.45 Single-source classes have no quality button. */
    @Test
    void item45_noQualityButtonForSingleSource() {
        Browser b = openPlayer(browser(), P_V1);
        action(b, "play");
        assertTrue(b.$$("[data-action='quality']").isEmpty(), "no quality control with one source");
    }

    // ------------------------------------------------------------------ progress in the player

    /** §10.46 Playback writes an in-progress record keyed by the video ref; after 10 s a POST carries the new watchTime. */
    @Test
    void item46_inProgressRecordAndPeriodicSave() {
        Browser b = openPlayer(browser(), P_V2);
        waitPlaying(b);
        b.waitFor("local in-progress record", () -> {
            JsonNode r = localRecord(b, Demo.V2);
            return r != null && "in_progress".equals(r.path("status").asText()) && Demo.COURSE_ID.equals(r.path("course").asText());
        });
        eventually("a POST with watchTime ≥ 10", Duration.ofSeconds(25), () -> progressPosts().stream().map(ViewerPlayerE2EIT::body)
                .anyMatch(j -> j != null && j.path(Demo.V2).path("watchTime").asDouble() >= 10));
        RecordingProxy.Exchange post = progressPosts().get(progressPosts().size() - 1);
        assertTrue(String.valueOf(post.requestHeader("Content-Type")).startsWith("application/json"));
        assertNotNull(post.requestHeader("If-Match"), "POST carries If-Match");
        assertEquals(200, post.status);
        JsonNode server = aula.progress().get(Demo.V2);
        assertEquals("in_progress", server.path("status").asText());
        assertTrue(server.path("watchTime").asDouble() >= 10);
        assertEquals(100, server.path("duration").asDouble(), 1.0);
    }

    /** §10.47 Reopening resumes with the toast, and "Empezar desde el principio" restarts. */
    @Test
    void item47_resumeAndRestart() {
        aula.putProgress("{\"" + Demo.V2 + "\":" + ViewerBrowseE2EIT.inProgress(Demo.COURSE_ID, 30) + "}");
        Browser b = openPlayer(browser(), P_V2);
        b.waitFor("resumed at 30 s", () -> time(b) >= 29.5, MEDIA_WAIT);
        b.waitFor("toast", () -> b.bodyText().contains("Reanudado en 0:30"));
        WebElement restart = (WebElement) b.js("return [...document.querySelectorAll('button')].find(e => e.textContent.trim() === 'Empezar desde el principio')");
        assertNotNull(restart, "restart button in the toast");
        restart.click();
        b.waitFor("restarted", () -> time(b) < 5);
    }

    /** §10.48 Reaching 90 % (or < 10 s left) completes the class. */
    @Test
    void item48_autoCompleteAt90Percent() {
        Browser b = openPlayer(browser(), P_V2);
        waitPlaying(b);
        b.js("document.getElementById('player-video').currentTime = 91");
        b.waitFor("completed locally", () -> {
            JsonNode r = localRecord(b, Demo.V2);
            return r != null && "complete".equals(r.path("status").asText());
        });
        b.waitFor("toggle pressed", () -> "true".equals(action(b, "complete").getAttribute("aria-pressed")));
        eventually("server has it complete", () -> "complete".equals(aula.progress().path(Demo.V2).path("status").asText()));
    }

    /** §10.49 ended completes the class and opens the next after ≈1.5 s; Cancelar stops it. */
    @Test
    void item49_endedCompletesAndAutoAdvances() {
        Browser b = openPlayer(browser(), P_N1);
        waitPlaying(b);
        b.js("const v = document.getElementById('player-video'); v.currentTime = v.duration - 0.5");
        b.waitFor("toast Siguiente clase", () -> b.bodyText().contains("Siguiente clase"), MEDIA_WAIT);
        long toastAt = System.currentTimeMillis();
        assertEquals("complete", localRecord(b, Demo.N1).path("status").asText());
        b.waitFor("next class opened", () -> P_N2.equals(b.hash()), Duration.ofSeconds(5));
        assertTrue(System.currentTimeMillis() - toastAt >= 900, "waited ≈1.5 s");

        Browser c = openPlayer(browser(), P_V1);
        waitPlaying(c);
        c.js("const v = document.getElementById('player-video'); v.currentTime = v.duration - 0.5");
        c.waitFor("toast", () -> c.bodyText().contains("Siguiente clase"), MEDIA_WAIT);
        WebElement cancel = (WebElement) c.js("return [...document.querySelectorAll('button')].find(e => e.textContent.trim() === 'Cancelar')");
        assertNotNull(cancel, "Cancelar in the toast");
        cancel.click();
        holdsFor("Cancelar keeps the class", Duration.ofSeconds(3), () -> P_V1.equals(c.hash()));
    }

    /** §10.50 The toggle completes, then un-marks (tombstone); a POST follows ≈400 ms later. */
    @Test
    void item50_completionToggle() {
        Browser b = openPlayer(browser(), P_N2);
        WebElement toggle = action(b, "complete");
        assertEquals("false", toggle.getAttribute("aria-pressed"));
        String label = toggle.getText();
        int posts = progressPosts().size();
        long clicked = System.currentTimeMillis();
        toggle.click();
        b.waitFor("pressed", () -> "true".equals(toggle.getAttribute("aria-pressed")));
        assertFalse(label.equals(toggle.getText()), "the label follows the state");
        eventually("POST with complete", Duration.ofSeconds(5), () -> progressPosts().stream().skip(posts)
                .anyMatch(e -> "complete".equals(body(e).path(Demo.N2).path("status").asText())));
        RecordingProxy.Exchange post = progressPosts().stream().skip(posts)
                .filter(e -> "complete".equals(body(e).path(Demo.N2).path("status").asText())).findFirst().orElseThrow();
        assertTrue(post.atMillis - clicked >= 300, "debounced ≈400 ms, came after " + (post.atMillis - clicked) + " ms");
        int after = progressPosts().size();
        toggle.click();
        b.waitFor("un-pressed", () -> "false".equals(toggle.getAttribute("aria-pressed")));
        JsonNode local = localRecord(b, Demo.N2);
        assertEquals("not_started", local.path("status").asText(), "tombstone");
        assertFalse(local.path("resetAt").asText().isEmpty(), "resetAt set");
        eventually("POST with the tombstone", Duration.ofSeconds(5), () -> progressPosts().stream().skip(after)
                .anyMatch(e -> "not_started".equals(body(e).path(Demo.N2).path("status").asText())));
        eventually("server has the tombstone", () -> "not_started".equals(aula.progress().path(Demo.N2).path("status").asText()));
    }

    /** §10.51 Replaying a completed class never reverts it. */
    @Test
    void item51_replayKeepsCompletion() {
        aula.putProgress("{\"" + Demo.V1 + "\":" + complete(Demo.COURSE_ID) + "}");
        Browser b = openPlayer(browser(), P_V1);
        waitPlaying(b);
        assertTrue(time(b) < 5, "a completed class starts at 0");
        b.waitFor("played 2 s", () -> time(b) > 2);
        focusBody(b);
        press(b, Keys.SPACE);
        b.waitFor("paused", () -> paused(b));
        b.go("#course/0/0/0", "course");
        assertEquals("complete", localRecord(b, Demo.V1).path("status").asText());
        holdsFor("server keeps it complete", Duration.ofSeconds(2),
                () -> "complete".equals(aula.progress().path(Demo.V1).path("status").asText()));
    }

    /** §10.52 Prev/next and Alt+←/→ cross modules and are disabled at the course ends. */
    @Test
    void item52_prevNextAcrossModules() {
        Browser b = openPlayer(browser(), P_V1);
        assertEquals("true", action(b, "prev").getAttribute("aria-disabled"), "prev disabled at the first class");
        action(b, "next").click();
        b.waitFor("→ class 2", () -> P_V2.equals(b.hash()));
        b.waitView("player");
        action(b, "next").click();
        b.waitFor("→ module 2 (HTML lesson)", () -> P_HTML3.equals(b.hash()));
        b.waitView("player");
        focusBody(b);
        b.actions().keyDown(Keys.ALT).sendKeys(Keys.ARROW_LEFT).keyUp(Keys.ALT).perform();
        b.waitFor("Alt+← back across modules", () -> P_V2.equals(b.hash()));
        b.waitView("player");
        focusBody(b);
        b.actions().keyDown(Keys.ALT).sendKeys(Keys.ARROW_RIGHT).keyUp(Keys.ALT).perform();
        b.waitFor("Alt+→", () -> P_HTML3.equals(b.hash()));
        b.go(P_V4, "player");
        assertEquals("true", action(b, "next").getAttribute("aria-disabled"), "next disabled at the last class");
        focusBody(b);
        b.actions().keyDown(Keys.ALT).sendKeys(Keys.ARROW_RIGHT).keyUp(Keys.ALT).perform();
        holdsFor("Alt+→ at the end does nothing", Duration.ofSeconds(1), () -> P_V4.equals(b.hash()));
    }

    /** §10.53 The active sidebar class has aria-current; Volver returns to the course (or the route). */
    @Test
    void item53_sidebarAndBack() {
        Browser b = openPlayer(browser(), P_V2);
        WebElement current = b.await("#main-content [aria-current='true']");
        assertTrue(current.getText().contains(Demo.V2_TITLE), current.getText());
        assertEquals(1, b.$$("#main-content [aria-current='true']").size());
        WebElement back = (WebElement) b.js("return [...document.querySelectorAll('#main-content a')].find(a => a.textContent.includes('Volver'))");
        assertNotNull(back, "Volver link");
        assertEquals("#course/0/0/0", back.getAttribute("href").replaceAll("^.*(#.*)$", "$1"));
        b.click(back);
        b.waitView("course");
        b.go(P_N1, "player");
        WebElement back2 = (WebElement) b.js("return [...document.querySelectorAll('#main-content a')].find(a => a.textContent.includes('Volver'))");
        assertEquals("#route/0/1", back2.getAttribute("href").replaceAll("^.*(#.*)$", "$1"));
    }

    /** §10.54 The summary iframe is open and sandboxed without allow-same-origin; the reading shows accents. */
    @Test
    void item54_summaryAndReadingIframes() {
        Browser b = openPlayer(browser(), P_V1);
        WebElement summary = b.await("iframe[src*='01-bienvenida_resumen']");
        b.waitFor("summary shown", summary::isDisplayed);
        String sandbox = summary.getAttribute("sandbox");
        assertNotNull(sandbox);
        assertFalse(sandbox.contains("allow-same-origin"), sandbox);
        assertTrue(sandbox.contains("allow-popups"), sandbox);
        b.go(P_V2, "player");
        WebElement toggle = (WebElement) b.js("return [...document.querySelectorAll('#main-content button[aria-expanded]')].find(e => e.textContent.includes('Lecturas'))");
        assertNotNull(toggle, "Lecturas panel toggle");
        assertEquals("false", toggle.getAttribute("aria-expanded"), "Lecturas closed by default");
        toggle.click();
        WebElement reading = b.await("iframe[src*='lectura']");
        b.waitFor("reading shown", reading::isDisplayed);
        assertFalse(reading.getAttribute("sandbox").contains("allow-same-origin"));
        b.driver.switchTo().frame(reading);
        try {
            b.waitFor("reading text", () -> b.driver.findElement(org.openqa.selenium.By.tagName("body")).getText().contains("Anatomía de un cúmulo doméstico"));
            String text = b.driver.findElement(org.openqa.selenium.By.tagName("body")).getText();
            assertFalse(text.contains("Ã"), "no mojibake");
        } finally {
            b.driver.switchTo().defaultContent();
        }
    }

    /** §10.55 The HTML lesson's script runs but cannot read the viewer's localStorage. */
    @Test
    void item55_htmlLessonIsolated() {
        Browser b = openPlayer(browser(), P_HTML3);
        WebElement lesson = b.await("iframe[src*='03-laboratorio']");
        b.waitFor("lesson shown", lesson::isDisplayed);
        String sandbox = lesson.getAttribute("sandbox");
        assertTrue(sandbox.contains("allow-scripts") && !sandbox.contains("allow-same-origin"), sandbox);
        b.driver.switchTo().frame(lesson);
        try {
            b.waitFor("lesson script ran", () -> "1".equals(b.js("return document.documentElement.dataset.labReady || null")));
            assertEquals("blocked", b.js("return document.documentElement.dataset.storage"));
        } finally {
            b.driver.switchTo().defaultContent();
        }
    }

    /** §10.56 Viewable resources open in a tab; all have download links; .zip is download-only. */
    @Test
    void item56_resources() {
        Browser b = openPlayer(browser(), P_V1);
        for (String name : List.of("Guía de especies de nubes.pdf", "Plano del vivero.png")) {
            WebElement download = b.await("#main-content a[download='" + name + "']");
            assertTrue(download.getAttribute("href").contains("drive/files/"), download.getAttribute("href"));
            @SuppressWarnings("unchecked")
            List<WebElement> tabs = (List<WebElement>) b.js("""
                    const d = document.querySelector('#main-content a[download="' + arguments[0] + '"]');
                    return [...document.querySelectorAll('#main-content a[target=_blank]')]
                      .filter(a => a.href === d.href && !a.hasAttribute('download'));
                    """, name);
            assertEquals(1, tabs.size(), "a viewable resource opens in a tab: " + name);
            assertTrue(tabs.get(0).getAttribute("rel").contains("noopener"));
        }
        b.go(P_HTML3, "player");
        WebElement zip = b.await("#main-content a[download='Plantillas de medición.zip']");
        assertEquals(0L, ((Number) b.js("""
                return [...document.querySelectorAll('#main-content a[target=_blank]')].filter(a => a.href === arguments[0].href).length;
                """, zip)).longValue(), ".zip is download-only");
    }

    /** §10.57 The external button POSTs api/open-external; on 403 or 404 the client fallback runs. */
    @Test
    void item57_externalPlayer() {
        Browser b = openPlayer(browser(), P_V1);
        // The 20 s clip would end and auto-advance to the next class mid-test: keep it paused.
        b.js("const v = document.getElementById('player-video'); v.autoplay = false; v.pause();"
                + " v.addEventListener('play', () => v.pause());");
        // No VLC on this machine: Aula answers 404 vlc_not_found (api.md §3.16), on purpose.
        b.allowNetworkError("api/open-external", 404);
        b.allowNetworkError("api/open-external", 403);
        // The fallback opens vlc://…; Chromium may log that no handler is registered.
        b.allowConsole(".*vlc://.*");
        int windows = b.driver.getWindowHandles().size();
        action(b, "external").click();
        eventually("POST api/open-external answered", () -> proxy.find("POST", "api/open-external").stream().anyMatch(e -> e.status > 0));
        RecordingProxy.Exchange post = proxy.find("POST", "api/open-external").get(0);
        String url = body(post).path("url").asText();
        assertTrue(url.startsWith(proxy.baseUrl()) && url.matches(".*/drive/files/" + refRegex(Demo.V1) + ".*"), url);
        assertEquals(404, post.status);
        b.waitFor("raw URL opened in a new tab", () -> b.driver.getWindowHandles().size() > windows, Duration.ofSeconds(5));

        proxy.respond("POST", "api/open-external", 403, "{\"error\":\"forbidden\"}");
        // The raw URL's tab took the focus: come back to the player's tab, as a user would.
        b.driver.switchTo().window(b.driver.getWindowHandle());
        int now = b.driver.getWindowHandles().size();
        action(b, "external").click();
        eventually("second POST", () -> proxy.find("POST", "api/open-external").size() == 2);
        b.waitFor("fallback after 403", () -> b.driver.getWindowHandles().size() > now, Duration.ofSeconds(5));
    }

    /** §10.58 Leaving the player stops media and polls; no further media requests are made. */
    @Test
    void item58_leavingStopsMediaAndPolls() {
        Browser b = browser();
        b.open("");
        b.setLocal("aula_compat_refs", "[\"" + Demo.V2 + "\"]");
        b.go(P_V2, "player");
        waitPlaying(b);
        assertEquals("compat", mode(b));
        eventually("repair-status polled", Duration.ofSeconds(10), () -> proxy.find("GET", "api/repair-status/.*").size() >= 2);
        b.go("#course/0/0/0", "course");
        assertEquals(Boolean.TRUE, b.js("return [...document.querySelectorAll('video, audio')].every(m => m.paused)"));
        int before = proxy.find(e -> e.path.matches("(drive/files|api/video-compatible|api/repair-status|api/repaired)/.*")).size();
        holdsFor("no media requests or polls after leaving", Duration.ofSeconds(7),
                () -> proxy.find(e -> e.path.matches("(drive/files|api/video-compatible|api/repair-status|api/repaired)/.*")).size() == before);
    }
}
