package app.aula.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** viewer.md §10 items 13–33: home, explore, learning, route and course views. */
class ViewerBrowseE2EIT extends E2ETestBase {

    static String complete(String course) {
        return "{\"status\":\"complete\",\"completedAt\":\"2026-01-02T10:00:00.000Z\",\"course\":\"" + course + "\"}";
    }

    static String inProgress(String course, int watchTime) {
        return "{\"status\":\"in_progress\",\"lastWatched\":\"2026-01-02T10:00:00.000Z\",\"watchTime\":" + watchTime
                + ",\"duration\":100,\"course\":\"" + course + "\"}";
    }

    /** The hrefs of the links in the section introduced by the heading that contains the text. */
    @SuppressWarnings("unchecked")
    static List<String> linksUnderHeading(Browser b, String heading) {
        return (List<String>) b.js("""
                const hs = [...document.querySelectorAll('#main-content h2, #main-content h3')]
                  .filter(h => h.textContent.includes(arguments[0]));
                if (!hs.length) return null;
                const box = hs[0].closest('[role=group], section') || hs[0].parentElement;
                return [...box.querySelectorAll('a[href]')].map(a => a.getAttribute('href'));
                """, heading);
    }

    /** Text of the element that links to href. */
    static String linkText(Browser b, String href) {
        return b.$("#main-content a[href='" + href + "']").getText();
    }

    // ------------------------------------------------------------------ home

    /** §10.13 The hero totals match stats (3 courses, 6 classes). */
    @Test
    void item13_heroTotalsMatchStats() {
        Browser b = browser();
        b.open("");
        b.waitView("home");
        String main = b.mainText();
        assertTrue(main.contains("3 cursos y 6 clases"), main);
    }

    /** §10.14 One pill per category; a pill scrolls to and focuses its section. */
    @Test
    void item14_categoryPillScrollsAndFocuses() {
        Browser b = browser(new Browser.Options().size(1280, 400));
        b.open("");
        b.waitView("home");
        @SuppressWarnings("unchecked")
        List<WebElement> pills = (List<WebElement>) b.js("""
                return [...document.querySelectorAll('#main-content a, #main-content button')]
                  .filter(e => e.textContent.includes(arguments[0]) && !e.closest('h1, h2, h3, section.category-section'));
                """, Demo.CATEGORY);
        assertEquals(1, pills.size(), "one pill per category (the demo has one)");
        b.click(pills.get(0));
        b.waitFor("category heading focused", () -> Boolean.TRUE.equals(b.js("""
                const a = document.activeElement;
                return !!a && /^H[23]$/.test(a.tagName) && a.textContent.includes(arguments[0]);
                """, Demo.CATEGORY)));
        b.waitFor("heading scrolled into view", () -> Boolean.TRUE.equals(b.js(
                "const r = document.activeElement.getBoundingClientRect(); return r.top >= -1 && r.top < innerHeight")));
        assertTrue(((Number) b.js("return window.scrollY")).doubleValue() > 0, "the page scrolled to the section");
    }

    /** §10.15 Route and course-route cards under the right headings; an available course-route is not dimmed. */
    @Test
    void item15_cardsUnderTheRightHeadings() {
        Browser b = browser();
        b.open("");
        b.waitView("home");
        List<String> routes = linksUnderHeading(b, "Rutas de aprendizaje");
        List<String> standalone = linksUnderHeading(b, "Cursos independientes");
        assertNotNull(routes, "a 'Rutas de aprendizaje' heading");
        assertNotNull(standalone, "a 'Cursos independientes' heading");
        assertTrue(routes.contains("#route/0/0") && !routes.contains("#route/0/1"), routes.toString());
        assertTrue(standalone.contains("#route/0/1") && !standalone.contains("#route/0/0"), standalone.toString());
        WebElement route = b.$("#main-content a[href='#route/0/0']");
        WebElement courseRoute = b.$("#main-content a[href='#route/0/1']");
        assertTrue(route.getText().contains("Ruta 1/2 cursos"), route.getText());
        assertTrue(courseRoute.getText().contains("Curso 1 módulo"), courseRoute.getText());
        assertTrue(route.getAttribute("class").contains("route-partial"), route.getAttribute("class"));
        assertTrue(courseRoute.getAttribute("class").contains("route-complete"), courseRoute.getAttribute("class"));
        assertFalse(courseRoute.getAttribute("class").contains("route-empty"));
        assertEquals("1", b.js("return getComputedStyle(arguments[0]).opacity", courseRoute), "not dimmed");
    }

    /** §10.16 Tab to a route card, Enter → #route/c/r. */
    @Test
    void item16_keyboardOpensRouteCard() {
        Browser b = browser();
        b.open("");
        b.waitView("home");
        for (int i = 0; i < 60 && !"#route/0/0".equals(b.js("return document.activeElement.getAttribute('href')")); i++) {
            b.actions().sendKeys(Keys.TAB).perform();
        }
        assertEquals("#route/0/0", b.js("return document.activeElement.getAttribute('href')"), "tab reaches the route card");
        b.actions().sendKeys(Keys.ENTER).perform();
        b.waitView("route");
        assertEquals("#route/0/0", b.hash());
    }

    /** §10.17 Touch: sections are collapsed accordions; a pill opens its section, a second tap closes it. */
    @Test
    void item17_touchAccordions() {
        Browser b = browser(new Browser.Options().size(390, 844).touch());
        b.open("");
        b.waitView("home");
        assertEquals(Boolean.TRUE, b.js("return matchMedia('(hover:none),(pointer:coarse)').matches"), "touch emulated");
        WebElement toggle = b.await("#main-content section button[aria-expanded][aria-controls]");
        assertEquals("false", toggle.getAttribute("aria-expanded"), "collapsed at first");
        String panel = toggle.getAttribute("aria-controls");
        assertFalse(b.$("#" + panel).isDisplayed(), "panel hidden");
        @SuppressWarnings("unchecked")
        List<WebElement> pills = (List<WebElement>) b.js("""
                return [...document.querySelectorAll('#main-content a, #main-content button')]
                  .filter(e => e.textContent.includes(arguments[0]) && !e.closest('h1, h2, h3, section.category-section'));
                """, Demo.CATEGORY);
        assertEquals(1, pills.size());
        b.click(pills.get(0));
        b.waitFor("section opened by the pill", () -> "true".equals(toggle.getAttribute("aria-expanded")));
        assertTrue(b.$("#" + panel).isDisplayed());
        b.click(pills.get(0));
        b.waitFor("second tap closes", () -> "false".equals(toggle.getAttribute("aria-expanded")));
        // "closes the others" needs two categories: the demo library has one.
    }

    // ------------------------------------------------------------------ explore

    /** §10.18 Explore focuses the search; a case-insensitive fragment filters within ~200 ms and announces the count. */
    @Test
    void item18_searchFocusDebounceAndCount() {
        Browser b = browser();
        b.open("#explore");
        b.waitView("explore");
        b.waitFor("search focused", () -> Boolean.TRUE.equals(b.js("return document.activeElement && document.activeElement.id === 'explore-search'")));
        WebElement search = b.$("#explore-search");
        assertEquals("search", search.getAttribute("type"));
        assertTrue((Boolean) b.js("const i = arguments[0]; return !!(i.labels && i.labels.length) || !!i.getAttribute('aria-label') || !!i.getAttribute('aria-labelledby')", search), "labelled");
        WebElement count = b.$("#explore-count");
        assertEquals("polite", count.getAttribute("aria-live"));
        assertEquals("2 rutas disponibles", count.getText().trim());
        // Timing measured in the page: one input event, then the count changes after the debounce.
        Number elapsed = (Number) b.jsAsync("""
                const done = arguments[arguments.length - 1];
                const input = document.getElementById('explore-search');
                const count = document.getElementById('explore-count');
                const before = count.textContent;
                const t0 = performance.now();
                new MutationObserver((m, o) => { if (count.textContent !== before) { o.disconnect(); done(performance.now() - t0); } })
                  .observe(count, {childList: true, characterData: true, subtree: true});
                input.value = 'NUBI';
                input.dispatchEvent(new Event('input', {bubbles: true}));
                setTimeout(() => done(-1), 5000);
                """);
        assertTrue(elapsed.doubleValue() >= 150 && elapsed.doubleValue() <= 1000, "count updated after " + elapsed + " ms (debounce 200 ms)");
        assertEquals("2 resultados", count.getText().trim());
        String results = b.text("#explore-results");
        assertTrue(results.contains(Demo.ROUTE) && results.contains(Demo.COURSE), results);
        assertFalse(results.contains(Demo.COURSE_ROUTE), results);
        // Real typing too: "taller" → 1 result.
        search.clear();
        search.sendKeys("TaLLer");
        b.waitFor("1 resultado", () -> "1 resultado".equals(count.getText().trim()));
        assertTrue(b.text("#explore-results").contains(Demo.COURSE_ROUTE));
    }

    /** §10.19 An unaccented query finds accented names. */
    @Test
    void item19_unaccentedQueryFindsAccentedNames() {
        Browser b = browser();
        b.open("#explore");
        b.waitView("explore");
        b.$("#explore-search").sendKeys("domestica");
        b.waitFor("1 resultado", () -> "1 resultado".equals(b.text("#explore-count").trim()));
        assertTrue(b.text("#explore-results").contains(Demo.ROUTE));
        assertTrue(b.exists("#explore-results a[href='#route/0/0']"));
    }

    /** §10.20 Course hits link to #course/c/r/k; nonsense shows the empty state. */
    @Test
    void item20_courseHitsAndEmptyState() {
        Browser b = browser();
        b.open("#explore");
        b.waitView("explore");
        WebElement search = b.$("#explore-search");
        search.sendKeys("fundamentos");
        b.waitFor("1 resultado", () -> "1 resultado".equals(b.text("#explore-count").trim()));
        assertTrue(b.exists("#explore-results a[href='#course/0/0/0']"), "course hit links to #course/0/0/0");
        search.clear();
        search.sendKeys("tormentas");
        b.waitFor("1 resultado", () -> "1 resultado".equals(b.text("#explore-count").trim())
                && b.text("#explore-results").contains(Demo.UNAVAILABLE));
        assertFalse(b.exists("#explore-results a[href='#course/0/0/1']"), "an unavailable course is not a link");
        search.clear();
        search.sendKeys("zqxwv");
        b.waitFor("0 resultados", () -> "0 resultados".equals(b.text("#explore-count").trim()));
        assertTrue(b.$$("#explore-results a[href^='#']").isEmpty(), "no result links");
        assertFalse(b.text("#explore-results").isBlank(), "an empty-state message");
    }

    /** §10.21 Chips filter with aria-pressed, combine with the query, and "Todas" restores. */
    @Test
    void item21_chipsFilter() {
        Browser b = browser();
        b.open("#explore");
        b.waitView("explore");
        @SuppressWarnings("unchecked")
        List<WebElement> chips = (List<WebElement>) b.js("return [...document.querySelectorAll('#main-content button[aria-pressed]')]");
        assertEquals(2, chips.size(), "Todas + one chip per category");
        assertEquals("Todas", chips.get(0).getText().trim());
        assertTrue(chips.get(1).getText().contains(Demo.CATEGORY));
        assertEquals(1, chips.stream().filter(c -> "true".equals(c.getAttribute("aria-pressed"))).count());
        assertEquals("true", chips.get(0).getAttribute("aria-pressed"));
        chips.get(1).click();
        b.waitFor("category chip pressed", () -> "true".equals(chips.get(1).getAttribute("aria-pressed")));
        assertEquals("false", chips.get(0).getAttribute("aria-pressed"));
        assertEquals(2, b.$$("#explore-results a[href^='#route/0/']").size());
        b.$("#explore-search").sendKeys("niebla");
        b.waitFor("query within the category", () -> "1 resultado".equals(b.text("#explore-count").trim()));
        assertEquals("true", chips.get(1).getAttribute("aria-pressed"), "the chip stays with a query");
        // Real key strokes (WebElement.clear() fires no input event).
        b.$("#explore-search").sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        chips.get(0).click();
        b.waitFor("Todas restores", () -> "true".equals(chips.get(0).getAttribute("aria-pressed"))
                && "2 rutas disponibles".equals(b.text("#explore-count").trim()));
        // Filtering another category out needs two categories: the demo library has one.
    }

    // ------------------------------------------------------------------ learning

    /** §10.22 No progress → the learning empty state, with a button to #explore. */
    @Test
    void item22_learningEmptyState() {
        Browser b = browser();
        b.open("#learning");
        b.waitView("learning");
        WebElement toExplore = b.await("#main-content a[href='#explore'], #main-content button[data-href='#explore']");
        b.click(toExplore);
        b.waitView("explore");
    }

    /** §10.23 One completed class puts its route under "En curso" with "1 / N clases". */
    @Test
    void item23_oneCompletedClassStartsTheRoute() {
        aula.putProgress("{\"" + Demo.V1 + "\":" + complete(Demo.COURSE_ID) + "}");
        Browser b = browser();
        b.open("#learning");
        b.waitView("learning");
        List<String> ongoing = linksUnderHeading(b, "En curso");
        assertNotNull(ongoing, "an 'En curso' section");
        assertEquals(List.of("#route/0/0"), ongoing);
        String card = linkText(b, "#route/0/0");
        assertTrue(card.contains("1 / 4 clases"), card);
        assertTrue(b.mainText().contains("1 de 6"), "completed classes 'n de total': " + b.mainText());
    }

    /** §10.24 An in-progress-only route counts as started; a fully completed route moves to "Terminadas". */
    @Test
    void item24_inProgressStartsAndCompletedFinishes() {
        aula.putProgress("{\"" + Demo.N1 + "\":" + inProgress(Demo.COURSE_ROUTE_ID, 7) + "}");
        Browser b = browser();
        b.open("#learning");
        b.waitView("learning");
        List<String> ongoing = linksUnderHeading(b, "En curso");
        assertNotNull(ongoing, "an 'En curso' section: " + b.mainText());
        assertTrue(ongoing.contains("#route/0/1"), ongoing.toString());
        assertTrue(linkText(b, "#route/0/1").contains("0 / 2 clases"), linkText(b, "#route/0/1"));

        aula.putProgress("{\"" + Demo.N1 + "\":" + complete(Demo.COURSE_ROUTE_ID) + ",\"" + Demo.N2 + "\":"
                + complete(Demo.COURSE_ROUTE_ID) + "}");
        Browser fresh = browser();
        fresh.open("#learning");
        fresh.waitView("learning");
        List<String> done = linksUnderHeading(fresh, "Terminadas");
        assertNotNull(done, "a 'Terminadas' section: " + fresh.mainText());
        assertTrue(done.contains("#route/0/1"), done.toString());
        List<String> ongoingNow = linksUnderHeading(fresh, "En curso");
        assertTrue(ongoingNow == null || !ongoingNow.contains("#route/0/1"), "not under En curso any more");
        assertTrue(linkText(fresh, "#route/0/1").contains("2 / 2 clases"));
    }

    // ------------------------------------------------------------------ route and course

    /** §10.25 Route view: breadcrumb, chips and numbered timeline; unavailable courses are not links. */
    @Test
    void item25_routeOfCourses() {
        Browser b = browser();
        b.open("#route/0/0");
        b.waitView("route");
        assertTrue(b.exists("#main-content nav a[href='#home']"), "breadcrumb with a link home");
        String main = b.mainText();
        assertTrue(main.contains(Demo.ROUTE));
        assertTrue(main.contains("2 cursos"), main);
        assertTrue(main.contains("2 módulos"), main);
        assertTrue(b.exists("#main-content a[href='#course/0/0/0']"));
        assertFalse(b.exists("#main-content a[href='#course/0/0/1']"), "unavailable course is not a link");
        assertTrue(main.contains("No disponible"));
        assertTrue(main.contains("01") && main.contains("02"), "markers from folderName 'NN. ': " + main);
    }

    /** §10.26 A course-route fetches api/course-detail/c/r/0 once and lists playable rows. */
    @Test
    void item26_courseRouteFetchesDetailOnce() {
        Browser b = browser();
        b.open("#route/0/1");
        b.waitView("route");
        b.await("#main-content a[href='#player/0/1/0/0/0']");
        assertTrue(b.exists("#main-content a[href='#player/0/1/0/0/1']"));
        String main = b.mainText();
        assertTrue(main.contains("Curso independiente"), main);
        assertTrue(main.contains("1 módulo"), main);
        assertEquals(1, proxy.find("GET", "api/course-detail/0/1/0").size(), proxy.exchanges().toString());
    }

    /** §10.27 #route/99/99 and #course/0/0/99 show not-found with a link home. */
    @Test
    void item27_notFound() {
        Browser b = browser();
        b.open("#route/99/99");
        b.waitView("route");
        assertTrue(b.mainText().contains("Ruta no encontrada"), b.mainText());
        assertTrue(b.exists("#main-content a[href='#home']"));
        b.go("#course/0/0/99", "course");
        assertTrue(b.mainText().contains("Curso no encontrado"), b.mainText());
        assertTrue(b.exists("#main-content a[href='#home']"));
    }

    /** §10.28 A detail 500 shows course_detail_http_500 in a banner, and the counts remain. */
    @Test
    void item28_detail500BannerKeepsCounts() {
        Browser b = browser();
        b.allowNetworkError("api/course-detail/", 500); // injected on purpose
        proxy.respond("GET", "api/course-detail/.*", 500, "{\"error\":\"internal_error\"}");
        b.open("#course/0/0/0");
        b.waitView("course");
        b.waitFor("banner", () -> b.mainText().contains("course_detail_http_500") || b.bodyText().contains("course_detail_http_500"));
        String text = b.bodyText();
        assertTrue(text.contains("/api/course-detail/0/0/0"), text);
        assertTrue(text.contains("2 módulos") && text.contains("4 clases"), "bootstrap counts remain: " + text);
        assertEquals(2, proxy.find("GET", "api/course-detail/.*").size(), "2 tries");
    }

    /** §10.29 The detail is fetched once per course, even after leaving and returning. */
    @Test
    void item29_detailFetchedOncePerCourse() {
        Browser b = browser();
        b.open("#course/0/0/0");
        b.waitView("course");
        b.go("#home", "home");
        b.go("#course/0/0/0", "course");
        b.go("#route/0/0", "route");
        b.go("#course/0/0/0", "course");
        assertEquals(1, proxy.find("GET", "api/course-detail/.*").size(), proxy.find("GET", "api/course-detail/.*").toString());
    }

    /** §10.30 The main button reads Empezar, Continuar (last in-progress class) or Repasar. */
    @Test
    void item30_mainButton() {
        Browser b = browser();
        b.open("#course/0/0/0");
        b.waitView("course");
        assertMainButton(b, "Empezar", "#player/0/0/0/0/0");
        // The test now rewrites the server document behind this still-open tab, so its next save
        // meets a stale ETag: that 412 is provoked on purpose (§6.5 recovers from it).
        b.allowNetworkError("api/progress", 412);

        aula.putProgress("{\"" + Demo.V1 + "\":" + complete(Demo.COURSE_ID) + ",\"" + Demo.V2 + "\":"
                + inProgress(Demo.COURSE_ID, 30) + "}");
        Browser b2 = browser();
        b2.open("#course/0/0/0");
        b2.waitView("course");
        assertMainButton(b2, "Continuar", "#player/0/0/0/0/1");
        b2.allowNetworkError("api/progress", 412); // same reason

        aula.putProgress("{\"" + Demo.V1 + "\":" + complete(Demo.COURSE_ID) + ",\"" + Demo.V2 + "\":" + complete(Demo.COURSE_ID)
                + ",\"" + Demo.HTML3 + "\":" + complete(Demo.COURSE_ID) + ",\"" + Demo.V4 + "\":" + complete(Demo.COURSE_ID) + "}");
        Browser b3 = browser();
        b3.open("#course/0/0/0");
        b3.waitView("course");
        assertMainButton(b3, "Repasar", "#player/0/0/0/0/0");
    }

    private static void assertMainButton(Browser b, String label, String target) {
        @SuppressWarnings("unchecked")
        List<WebElement> buttons = (List<WebElement>) b.js("""
                return [...document.querySelectorAll('#main-content a, #main-content button')]
                  .filter(e => ['Empezar', 'Continuar', 'Repasar'].includes(e.textContent.replace(/[^\\p{L}]/gu, '')));
                """);
        assertEquals(1, buttons.size(), "one main button");
        assertEquals(label, buttons.get(0).getText().replaceAll("[^\\p{L}]", ""), "label (icons aside)");
        b.click(buttons.get(0));
        b.waitView("player");
        assertEquals(target, b.hash());
    }

    /** §10.31 Module headers toggle with click, Enter and Space; ✓, "x/y" and the ring % match progress. */
    @Test
    void item31_syllabusAccordionAndProgress() {
        aula.putProgress("{\"" + Demo.V1 + "\":" + complete(Demo.COURSE_ID) + ",\"" + Demo.V2 + "\":" + complete(Demo.COURSE_ID) + "}");
        Browser b = browser();
        b.open("#course/0/0/0");
        b.waitView("course");
        List<WebElement> headers = b.$$("#main-content button[aria-expanded][aria-controls]");
        assertEquals(2, headers.size(), "one header button per module");
        String first = headers.get(0).getText();
        String second = headers.get(1).getText();
        assertTrue(first.contains("✓") && first.contains("2/2"), first);
        assertTrue(!second.contains("✓") && second.contains("0/2"), second);
        WebElement ring = b.$("#main-content [role=img][aria-label*='completado']");
        assertTrue(ring.getAttribute("aria-label").startsWith("50"), ring.getAttribute("aria-label"));
        assertTrue(b.mainText().contains("2 completadas · 2 restantes"), b.mainText());

        WebElement header = headers.get(1);
        String panel = header.getAttribute("aria-controls");
        String start = header.getAttribute("aria-expanded");
        b.click(header);
        b.waitFor("click toggles", () -> !start.equals(header.getAttribute("aria-expanded")));
        assertEquals("true".equals(header.getAttribute("aria-expanded")), b.$("#" + panel).isDisplayed());
        header.sendKeys(Keys.ENTER);
        b.waitFor("Enter toggles", () -> start.equals(header.getAttribute("aria-expanded")));
        header.sendKeys(Keys.SPACE);
        b.waitFor("Space toggles", () -> !start.equals(header.getAttribute("aria-expanded")));
        assertEquals("region", b.$("#" + panel).getAttribute("role"), "panel is a labelled region");
    }

    /** §10.32 An HTML-only row opens the player with its panel open. */
    @Test
    void item32_htmlOnlyRowOpensPlayerWithPanelOpen() {
        Browser b = browser();
        b.open("#course/0/0/0");
        b.waitView("course");
        WebElement row = b.await("#main-content a[href='#player/0/0/0/1/0']");
        WebElement module2 = b.$$("#main-content button[aria-expanded][aria-controls]").get(1);
        if ("false".equals(module2.getAttribute("aria-expanded"))) {
            b.click(module2); // the second module starts closed (the resume target is in the first)
        }
        b.waitFor("row visible", row::isDisplayed);
        b.click(row);
        b.waitView("player");
        WebElement frame = b.await("iframe[src*='03-laboratorio'], iframe[data-src*='03-laboratorio']");
        b.waitFor("lesson iframe displayed", frame::isDisplayed);
        assertTrue(String.valueOf(frame.getAttribute("src")).contains("03-laboratorio"), "loaded (src set)");
        assertTrue(b.mainText().contains("Esta clase no tiene video"), b.mainText());
    }

    /** §10.33 Notes survive a reload; a legacy platzi_notes_c_r_k is imported. */
    @Test
    void item33_notes() {
        Browser b = browser();
        b.open("");
        b.waitView("home");
        b.setLocal("platzi_notes_0_0_0", "nota antigua");
        b.go("#course/0/0/0", "course");
        WebElement notes = b.await("#course-notes");
        assertTrue((Boolean) b.js("const n = arguments[0]; return !!(n.labels && n.labels.length) || !!n.getAttribute('aria-label') || !!n.getAttribute('aria-labelledby')", notes), "labelled");
        assertEquals("nota antigua", notes.getAttribute("value"), "legacy notes imported");
        assertEquals("nota antigua", b.local("platzi_notes_0_0_0"), "legacy key left in place");
        notes.sendKeys(" y nueva");
        b.waitFor("saved after 300 ms", () -> "nota antigua y nueva".equals(b.local("aula_notes_" + Demo.COURSE_ID)), Duration.ofSeconds(5));
        b.reload();
        b.waitView("course");
        assertEquals("nota antigua y nueva", b.await("#course-notes").getAttribute("value"));
    }
}
