package app.aula.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;

/** viewer.md §10 items 64–66 (responsive layout, keyboard, reduced motion, axe) and the screenshots. */
class ViewerLayoutE2EIT extends E2ETestBase {

    /** Every view of the viewer, with a demo hash that shows it. */
    static final Map<String, String> VIEWS = new java.util.LinkedHashMap<>();

    static {
        VIEWS.put("home", "#home");
        VIEWS.put("explore", "#explore");
        VIEWS.put("learning", "#learning");
        VIEWS.put("route", "#route/0/0");
        VIEWS.put("course", "#course/0/0/0");
        VIEWS.put("player", "#player/0/0/0/0/0");
    }

    /** Screenshots of each view at 1280×800 and 375×812, under target/e2e-screenshots/. */
    @Test
    void screenshotsOfEveryView() {
        for (int[] size : new int[][] {{1280, 800}, {375, 812}}) {
            Browser b = browser(new Browser.Options().size(size[0], size[1]));
            b.open("");
            for (Map.Entry<String, String> view : VIEWS.entrySet()) {
                b.go(view.getKey().equals("home") ? "#home" : view.getValue(), view.getKey());
                if (view.getKey().equals("player")) {
                    b.waitFor("video ready", () -> Boolean.TRUE.equals(b.js(
                            "const v = document.getElementById('player-video'); return !!v && v.readyState >= 2")));
                    b.js("const v = document.getElementById('player-video'); v.pause();");
                }
                b.screenshot(view.getKey() + "-" + size[0] + "x" + size[1]);
            }
        }
    }

    /** §10.64 At 360 px nothing scrolls horizontally; ≤ 900 px the player stacks; ≤ 1024 px the course sidebar moves below. */
    /**
     * The element's rectangle, read in one script call: a re-render between finding an element
     * and reading its rectangle would otherwise make the reference stale.
     */
    static Rectangle rect(Browser b, String css) {
        b.await(css);
        @SuppressWarnings("unchecked")
        List<Number> r = (List<Number>) b.js("const e = document.querySelector(arguments[0]); const r = e.getBoundingClientRect();"
                + " return [r.left + window.scrollX, r.top + window.scrollY, r.width, r.height];", css);
        return new Rectangle((int) Math.round(r.get(0).doubleValue()), (int) Math.round(r.get(1).doubleValue()),
                (int) Math.round(r.get(3).doubleValue()), (int) Math.round(r.get(2).doubleValue()));
    }

    @Test
    void item64_responsive() {
        Browser b = browser(new Browser.Options().size(360, 740));
        b.open("");
        List<String> overflow = new ArrayList<>();
        for (Map.Entry<String, String> view : VIEWS.entrySet()) {
            b.go(view.getValue(), view.getKey());
            long scroll = ((Number) b.js("return document.documentElement.scrollWidth")).longValue();
            long width = ((Number) b.js("return document.documentElement.clientWidth")).longValue();
            if (scroll > width) {
                overflow.add(view.getKey() + ": scrollWidth " + scroll + " > " + width);
            }
        }
        assertEquals(List.of(), overflow, "horizontal page scroll at 360 px");

        Browser wide = browser(new Browser.Options().size(1280, 800));
        wide.open("#player/0/0/0/0/1");
        wide.waitView("player");
        Rectangle video = rect(wide, "#player-video");
        Rectangle current = rect(wide, "#main-content [aria-current='true']");
        assertTrue(current.getX() >= video.getX() + video.getWidth(), "sidebar beside the video above 900 px");
        wide.viewport(880, 800);
        wide.go("#player/0/0/0/0/0", "player");
        wide.go("#player/0/0/0/0/1", "player");
        Rectangle videoS = rect(wide, "#player-video");
        Rectangle currentS = rect(wide, "#main-content [aria-current='true']");
        assertTrue(currentS.getY() >= videoS.getY() + videoS.getHeight(), "player stacks at ≤ 900 px");

        Browser course = browser(new Browser.Options().size(1280, 800));
        course.open("#course/0/0/0");
        course.waitView("course");
        Rectangle notes = rect(course, "#course-notes");
        Rectangle module = course.$$("#main-content button[aria-expanded][aria-controls]").get(0).getRect();
        assertTrue(notes.getX() >= module.getX() + module.getWidth(), "course sidebar beside the syllabus at 1280 px");
        course.viewport(1000, 800);
        course.go("#home", "home");
        course.go("#course/0/0/0", "course");
        Rectangle notesS = rect(course, "#course-notes");
        List<WebElement> modules = course.$$("#main-content button[aria-expanded][aria-controls]");
        Rectangle last = modules.get(modules.size() - 1).getRect();
        assertTrue(notesS.getY() >= last.getY() + last.getHeight(), "course sidebar below at ≤ 1024 px");
    }

    /** Asserts the focused element shows a focus ring of ≥ 3 px (outline or box-shadow). */
    private static void assertVisibleFocus(Browser b) {
        Object problem = b.js("""
                const a = document.activeElement;
                if (!a || a === document.body) return 'nothing focused';
                const s = getComputedStyle(a);
                const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 3;
                const shadow = s.boxShadow && s.boxShadow !== 'none';
                if (!a.matches(':focus-visible')) return 'not :focus-visible: ' + a.outerHTML.slice(0, 120);
                return outline || shadow ? null : 'no ≥3 px ring on ' + a.outerHTML.slice(0, 120) + ' outline=' + s.outlineStyle + ' ' + s.outlineWidth;
                """);
        assertEquals(null, problem);
    }

    private static void tabTo(Browser b, String description, String predicateJs) {
        for (int i = 0; i < 80; i++) {
            if (Boolean.TRUE.equals(b.js("const a = document.activeElement; return !!a && (" + predicateJs + ")"))) {
                assertVisibleFocus(b);
                return;
            }
            b.actions().sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError("Tab never reached " + description + "; focus on " + b.activeElement());
    }

    /** §10.65 Keyboard only: skip link → route → course → module → class reaches the player, with visible focus. */
    @Test
    void item65_keyboardOnlyJourney() {
        Browser b = browser();
        b.open("");
        b.waitView("home");
        // The router focuses the h1 after boot, so Tab starts from there: check instead that the
        // skip link is first in tab order, then start the journey from it.
        assertEquals("Saltar al contenido", b.js(
                "const f = [...document.querySelectorAll('a[href], button, input, textarea, select, [tabindex]')]"
                + ".filter(e => e.tabIndex >= 0 && !e.disabled); return f.length ? f[0].textContent.trim() : null;"),
                "the skip link comes first in tab order");
        b.js("document.querySelector('#app a[href=\"#main-content\"]').focus()");
        assertVisibleFocus(b);
        b.actions().sendKeys(Keys.ENTER).perform();
        b.waitFor("focus in main", () -> Boolean.TRUE.equals(b.js("return document.getElementById('main-content').contains(document.activeElement)")));
        tabTo(b, "the route card", "a.getAttribute('href') === '#route/0/0'");
        b.actions().sendKeys(Keys.ENTER).perform();
        b.waitView("route");
        tabTo(b, "the course card", "a.getAttribute('href') === '#course/0/0/0'");
        b.actions().sendKeys(Keys.ENTER).perform();
        b.waitView("course");
        tabTo(b, "the first module header", "a.tagName === 'BUTTON' && a.hasAttribute('aria-expanded') && a.hasAttribute('aria-controls')");
        if ("false".equals(b.js("return document.activeElement.getAttribute('aria-expanded')"))) {
            b.actions().sendKeys(Keys.ENTER).perform();
        }
        tabTo(b, "the first class", "a.getAttribute('href') === '#player/0/0/0/0/0'");
        b.actions().sendKeys(Keys.ENTER).perform();
        b.waitView("player");
        tabTo(b, "a player control", "a.hasAttribute('data-action')");
    }

    /** §10.66 Reduced motion removes smooth scrolling and animations; axe reports no serious or critical issues. */
    @Test
    void item66_reducedMotionAndAxe() {
        Browser b = browser(new Browser.Options().reducedMotion());
        b.open("");
        assertEquals(Boolean.TRUE, b.js("return matchMedia('(prefers-reduced-motion: reduce)').matches"));
        String axe = axeSource();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> view : VIEWS.entrySet()) {
            b.go(view.getValue(), view.getKey());
            Object motion = b.js("""
                    const bad = [];
                    if (getComputedStyle(document.documentElement).scrollBehavior === 'smooth') bad.push('html scroll-behavior smooth');
                    for (const e of document.querySelectorAll('*')) {
                      const s = getComputedStyle(e);
                      const anim = s.animationName.split(',').some(n => n.trim() !== 'none')
                        && s.animationDuration.split(',').some(d => parseFloat(d) > 0.01);
                      const props = s.transitionProperty.split(',').map(p => p.trim());
                      const durs = s.transitionDuration.split(',').map(d => parseFloat(d));
                      const moving = props.some((p, i) => (durs[i % durs.length] || 0) > 0.01
                        && /^(all|transform|opacity|width|height|left|right|top|bottom|stroke-dashoffset|stroke-dasharray|translate|scale|inset|max-height)$/.test(p));
                      if (anim || moving) bad.push((e.id ? '#' + e.id : e.tagName.toLowerCase() + '.' + [...e.classList].join('.'))
                        + (anim ? ' animation ' + s.animationName : ' transition ' + s.transitionProperty + ' ' + s.transitionDuration));
                    }
                    return bad.slice(0, 10);
                    """);
            if (!((List<?>) motion).isEmpty()) {
                problems.add(view.getKey() + " motion: " + motion);
            }
            b.js(axe);
            @SuppressWarnings("unchecked")
            List<String> violations = (List<String>) b.jsAsync("""
                    const done = arguments[arguments.length - 1];
                    axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations
                      .filter(v => v.impact === 'serious' || v.impact === 'critical')
                      .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' @ ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))),
                      e => done(['axe failed: ' + e]));
                    """);
            for (String v : violations) {
                problems.add(view.getKey() + " axe: " + v);
            }
        }
        assertEquals(List.of(), problems);
    }

    static String axeSource() {
        String path = "/META-INF/resources/webjars/axe-core/" + System.getProperty("aula.axeVersion", "4.6.3") + "/axe.min.js";
        try (InputStream in = ViewerLayoutE2EIT.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("axe-core webjar not on the test class path: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
