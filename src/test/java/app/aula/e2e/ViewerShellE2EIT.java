package app.aula.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** viewer.md §10 items 1–12: boot, fatal screens, router, navbar, language, context path. */
class ViewerShellE2EIT extends E2ETestBase {

    private static final String NAV = "#navbar";

    private static WebElement navLink(Browser b, String hash) {
        return b.$(NAV + " nav a[href='" + hash + "']");
    }

    private static WebElement retryButton(Browser b) {
        return b.$$("#main-content button").stream()
                .filter(e -> e.getText().trim().equals("Reintentar")).findFirst()
                .orElseThrow(() -> new AssertionError("no Reintentar button on: " + b.mainText()));
    }

    /** §10.1 Loading state, then navbar and home; __aulaBootDone is true. */
    @Test
    void item01_loadingStateThenNavbarAndHome() {
        Browser b = browser();
        RecordingProxy.Rule held = proxy.hang("GET", "api/bootstrap");
        b.driver.get(b.baseUrl);
        b.waitFor("bootstrap requested", () -> held.hits() > 0);
        WebElement loading = b.awaitVisible("#main-content [role=status]");
        assertFalse(loading.getText().isBlank(), "the spinner has a loading text");
        assertNotEquals(Boolean.TRUE, b.js("return window.__aulaBootDone === true"), "boot not done while bootstrap pending");
        assertFalse(b.$(NAV).isDisplayed(), "navbar hidden while loading");
        held.remove();
        b.waitBoot();
        b.waitView("home");
        assertTrue(b.$(NAV).isDisplayed(), "navbar shown after boot");
        assertEquals(3, b.$$(NAV + " nav a[href^='#']").size(), "Inicio, Explorar, Mi aprendizaje");
        assertEquals("Inicio", navLink(b, "#home").getText());
        assertEquals("Explorar", navLink(b, "#explore").getText());
        assertEquals("Mi aprendizaje", navLink(b, "#learning").getText());
        assertTrue(b.mainText().contains(Demo.CATEGORY), "home lists the demo category");
        assertEquals(Boolean.TRUE, b.js("return window.__aulaBootDone"));
    }

    /** §10.2 Bootstrap 500 → fatal screen; §10.4 Reintentar recovers once the server is back. */
    @Test
    void item02_04_bootstrap500FatalScreenThenRetryRecovers() {
        Browser b = browser(new Browser.Options().fastTimers());
        b.allowNetworkError("api/bootstrap", 500); // injected on purpose
        RecordingProxy.Rule failing = proxy.respond("GET", "api/bootstrap", 500, "{\"error\":\"internal_error\"}");
        b.open("");
        b.waitView("error");
        String text = b.mainText();
        assertTrue(text.contains("Código: bootstrap_http_500 • Endpoint: /api/bootstrap"), text);
        assertEquals(8, failing.hits(), "up to 8 tries before the fatal screen");
        List<RecordingProxy.Exchange> tries = proxy.find("GET", "api/bootstrap");
        assertTrue(tries.stream().allMatch(e -> e.requestHeader("If-None-Match") == null), "first boot has no ETag to send");
        assertTrue(b.exists("#main-content a[href$='api/cache-meta']"), "link to api/cache-meta");
        assertFalse(b.$(NAV).isDisplayed(), "no navbar on the fatal screen");

        failing.remove();
        retryButton(b).click();
        b.waitView("home");
        b.waitBoot();
        assertTrue(b.$(NAV).isDisplayed());
        assertTrue(b.mainText().contains(Demo.CATEGORY));
        assertEquals(200, proxy.find("GET", "api/bootstrap").get(proxy.find("GET", "api/bootstrap").size() - 1).status);
    }

    /** §10.3 A timeout shows bootstrap_timeout with its endpoint (timers ×10 faster: 10 s → 1 s). */
    @Test
    void item03_bootstrapTimeoutShowsCodeAndEndpoint() {
        Browser b = browser(new Browser.Options().fastTimers());
        RecordingProxy.Rule held = proxy.hang("GET", "api/bootstrap");
        b.driver.get(b.baseUrl);
        b.waitFor("fatal screen", () -> "error".equals(b.view()), Duration.ofSeconds(40));
        b.waitBoot();
        String text = b.mainText();
        assertTrue(text.contains("Código: bootstrap_timeout • Endpoint: /api/bootstrap"), text);
        assertFalse(text.contains("unknown"), "the endpoint is never unknown");
        assertTrue(held.hits() >= 2, "the timeout is retried");
        held.remove();
    }

    /** §10.5 An empty catalogue → the empty-library screen (bootstrap_empty), after the retries. */
    @Test
    void item05_emptyCatalogueShowsEmptyLibraryScreen() {
        Browser b = browser(new Browser.Options().fastTimers());
        // Exactly the body Aula sends for an empty catalogue (EmptyCatalogIT).
        RecordingProxy.Rule empty = proxy.respond("GET", "api/bootstrap", 200, Demo.EMPTY_BOOTSTRAP);
        b.open("");
        b.waitView("error");
        String text = b.mainText();
        assertTrue(text.contains("bootstrap_empty"), text);
        assertTrue(text.contains("courses_cache.json"), "explains where courses_cache.json goes: " + text);
        assertEquals(8, empty.hits(), "an empty catalogue means not ready and is retried");
    }

    /** §10.6 Progress GET 500 → warning banner with code and endpoint; the app stays usable. */
    @Test
    void item06_progress500ShowsBannerAndAppStaysUsable() {
        Browser b = browser();
        b.allowNetworkError("api/progress", 500); // injected on purpose
        proxy.respond("GET", "api/progress", 500, "{\"error\":\"internal_error\"}");
        b.open("");
        b.waitView("home");
        String body = b.bodyText();
        assertTrue(body.contains("Código: progress_http_500 • Endpoint: /api/progress"), body);
        WebElement banner = b.$$("[data-code='progress_http_500'], .banner").stream().filter(WebElement::isDisplayed)
                .findFirst().orElseThrow(() -> new AssertionError("no visible banner"));
        assertTrue(banner.getText().contains("progress_http_500"));
        b.click(navLink(b, "#explore"));
        b.waitView("explore");
        assertTrue(b.exists("#explore-search"), "explore works with the server progress missing");
    }

    /** §10.7 An unknown hash is replaced by #home. */
    @Test
    void item07_unknownHashRedirectsHome() {
        Browser b = browser();
        b.open("#nope");
        b.waitView("home");
        assertEquals("#home", b.hash());
        b.go("#nope/1/2", "home");
        b.waitFor("hash #home", () -> "#home".equals(b.hash()));
    }

    /** §10.8 The current nav link has .active and aria-current; none on #route/…. */
    @Test
    void item08_activeNavLink() {
        Browser b = browser();
        b.open("");
        b.waitView("home");
        assertActive(b, "#home");
        b.go("#explore", "explore");
        assertActive(b, "#explore");
        b.go("#learning", "learning");
        assertActive(b, "#learning");
        b.go("#route/0/0", "route");
        assertActive(b, null);
        b.go("#home", "home");
        assertActive(b, "#home");
    }

    private static void assertActive(Browser b, String current) {
        for (String hash : List.of("#home", "#explore", "#learning")) {
            WebElement link = navLink(b, hash);
            boolean on = hash.equals(current);
            assertEquals(on, link.getAttribute("class").contains("active"), hash + " .active on " + b.hash());
            assertEquals(on ? "page" : null, link.getAttribute("aria-current"), hash + " aria-current on " + b.hash());
        }
    }

    /** §10.9 At 375 px and at 850 px the menu button works; a link or Escape closes it. */
    @Test
    void item09_menuButtonAt375And850() {
        Browser b = browser(new Browser.Options().size(375, 812));
        b.open("");
        b.waitView("home");
        checkMenu(b);
        b.viewport(850, 800);
        b.go("#home", "home");
        checkMenu(b);
        b.viewport(1280, 800);
        b.waitFor("menu button hidden above 900 px", () -> !b.$(NAV + " button[aria-controls]").isDisplayed());
        assertTrue(navLink(b, "#explore").isDisplayed(), "links visible above 900 px");
    }

    private static void checkMenu(Browser b) {
        WebElement menu = b.awaitVisible(NAV + " button[aria-controls][aria-expanded]");
        assertFalse(navLink(b, "#explore").isDisplayed(), "links hidden when the menu button shows");
        assertEquals("false", menu.getAttribute("aria-expanded"));
        String controls = menu.getAttribute("aria-controls");
        assertTrue(b.exists("#" + controls), "aria-controls names an element");
        menu.click();
        assertEquals("true", menu.getAttribute("aria-expanded"));
        assertTrue((Boolean) b.js("return document.body.classList.contains('no-scroll')"));
        WebElement explore = navLink(b, "#explore");
        b.waitFor("menu link visible", explore::isDisplayed);
        explore.click();
        b.waitView("explore");
        assertEquals("false", menu.getAttribute("aria-expanded"), "a link click closes the menu");
        assertFalse((Boolean) b.js("return document.body.classList.contains('no-scroll')"));
        // §3 says a link click returns focus to the button, but the navigation it triggers then
        // focuses the new view (its h1, §3 router step 6, or explore's autofocused search):
        // either is accepted, a focus lost to <body> is not.
        assertEquals(Boolean.TRUE, b.js("const a = document.activeElement; return a === arguments[0]"
                + " || document.getElementById('main-content').contains(a)", menu),
                "focus on the button or in the new view, not " + b.activeElement());

        menu.click();
        assertEquals("true", menu.getAttribute("aria-expanded"));
        b.actions().sendKeys(Keys.ESCAPE).perform();
        b.waitFor("Escape closes", () -> "false".equals(menu.getAttribute("aria-expanded")));
        assertFalse((Boolean) b.js("return document.body.classList.contains('no-scroll')"));
        assertEquals(Boolean.TRUE, b.js("return document.activeElement === arguments[0]", menu), "focus back after Escape");
    }

    /** §10.10 Navigation scrolls to the top, focuses the h1 and sets "<view> · Aula". */
    @Test
    void item10_navigationScrollsFocusesAndSetsTitle() {
        Browser b = browser(new Browser.Options().size(1280, 500));
        b.open("");
        b.waitView("home");
        assertTrue(b.driver.getTitle().endsWith(" · Aula"), b.driver.getTitle());
        assertEquals(Boolean.TRUE, b.js("return document.activeElement && document.activeElement.tagName === 'H1'"
                + " && document.getElementById('main-content').contains(document.activeElement)"), b.activeElement());
        WebElement card = b.$("#main-content a[href='#route/0/0']");
        b.js("window.scrollTo(0, document.body.scrollHeight)");
        b.waitFor("page scrolled", () -> ((Number) b.js("return window.scrollY")).doubleValue() > 0);
        b.click(card);
        b.waitView("route");
        b.waitFor("scrolled to top", () -> ((Number) b.js("return window.scrollY")).doubleValue() == 0);
        String h1 = (String) b.js("return document.querySelector('#main-content h1').textContent.trim()");
        assertEquals(Boolean.TRUE, b.js("return document.activeElement === document.querySelector('#main-content h1')"), b.activeElement());
        assertTrue(h1.contains(Demo.ROUTE), h1);
        String title = b.driver.getTitle();
        assertTrue(title.endsWith(" · Aula") && title.length() > " · Aula".length(), title);
        b.go("#explore", "explore");
        assertNotEquals(title, b.driver.getTitle(), "each view has its own title");
        assertTrue(b.driver.getTitle().endsWith(" · Aula"));
    }

    /** §10.11 ES/EN switches all visible text, persists and sets <html lang>. */
    @Test
    void item11_languageToggle() {
        Browser b = browser();
        b.open("");
        b.waitView("home");
        assertEquals("es", b.js("return document.documentElement.lang"));
        String spanishHome = b.mainText();
        WebElement en = b.$$(NAV + " button").stream().filter(e -> e.getText().trim().equalsIgnoreCase("EN"))
                .findFirst().orElseThrow(() -> new AssertionError("no EN button in the navbar"));
        en.click();
        b.waitFor("html lang en", () -> "en".equals(b.js("return document.documentElement.lang")));
        assertEquals("Home", navLink(b, "#home").getText());
        assertEquals("Explore", navLink(b, "#explore").getText());
        assertEquals("My learning", navLink(b, "#learning").getText());
        b.waitFor("home re-rendered", () -> !b.mainText().equals(spanishHome));
        assertEquals("en", b.local("aula_lang"));
        for (String view : List.of("home", "explore", "learning")) {
            b.go("#" + view, view);
            assertNoSpanishUi(b, view);
        }
        b.reload();
        b.waitView("learning");
        assertEquals("en", b.js("return document.documentElement.lang"), "the choice persists");
        assertEquals("My learning", navLink(b, "#learning").getText());
        WebElement es = b.$$(NAV + " button").stream().filter(e -> e.getText().trim().equalsIgnoreCase("ES"))
                .findFirst().orElseThrow();
        es.click();
        b.waitFor("html lang es", () -> "es".equals(b.js("return document.documentElement.lang")));
        assertEquals("Mi aprendizaje", navLink(b, "#learning").getText());
        assertEquals("es", b.local("aula_lang"));
    }

    private static void assertNoSpanishUi(Browser b, String view) {
        String text = b.bodyText();
        for (String spanish : List.of("Inicio", "Explorar", "Mi aprendizaje", "Saltar al contenido", "Rutas de aprendizaje",
                "Cursos independientes", "resultados", "rutas disponibles", "Empezar", "completadas", "Todas")) {
            assertFalse(text.contains(spanish), "'" + spanish + "' still visible in " + view + " after EN:\n" + text);
        }
    }

    /** §10.12 Boot and playback under a non-root context path, with no CSP violations. */
    @Test
    void item12_nonRootContextPath() throws Exception {
        try (AulaServer sub = AulaServer.start("/aula", Map.of()); RecordingProxy subProxy = new RecordingProxy(sub)) {
            Browser b = browser(subProxy, new Browser.Options());
            assertTrue(b.baseUrl.endsWith("/aula/"));
            b.open("");
            b.waitView("home");
            RecordingProxy.Exchange index = subProxy.find("GET", "(index\\.html)?").get(0);
            assertNotNull(index.responseHeader("Content-Security-Policy"), "the viewer HTML has a CSP");
            assertTrue(index.responseHeader("Content-Security-Policy").contains("script-src 'self'"));
            b.go("#player/0/0/0/0/0", "player");
            WebElement video = b.await("#player-video");
            b.waitFor("video playing", () -> ((Number) b.js("return arguments[0].currentTime", video)).doubleValue() > 0.5,
                    Duration.ofSeconds(20));
            assertEquals("raw", video.getAttribute("data-source-mode"));
            List<RecordingProxy.Exchange> outside = subProxy.find(e -> !e.rawPath.startsWith("/aula/") && !e.rawPath.equals("/aula"));
            assertEquals(List.of(), outside, "requests outside the context path (root-absolute URLs)");
            assertFalse(subProxy.find("GET", "drive/files/.*").isEmpty(), "media loaded under /aula/drive/files/");
            assertTrue(subProxy.find(e -> e.path.startsWith("drive/files/")).stream().allMatch(e -> e.status == 200 || e.status == 206));
            b.assertCleanConsole();
        }
    }
}
