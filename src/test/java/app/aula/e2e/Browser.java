package app.aula.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.remote.http.ClientConfig;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import app.aula.testing.RequiredTools;

/**
 * One headless Chromium (Debian's) with a fresh profile, driven by Debian's ChromeDriver.
 * Collects the console (and CSP violations, reported to the console by an injected listener)
 * so {@link #assertCleanConsole} can fail a test on any error.
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Duration WAIT = Duration.ofSeconds(15);

    /**
     * Network errors every test tolerates. The player asks api/repair-status/<ref> on every open
     * (viewer.md §5.2 step 1), and the API answers 404 repair_not_found when no repair exists
     * (api.md §3.14): Chromium logs that 404 as a console error although nothing failed.
     */
    private static final List<Pattern> ALWAYS_ALLOWED = List.of(
            networkError("api/repair-status/[^ ]*", 404));

    /** Listener injected into every document before its scripts run. */
    private static final String CONSOLE_HOOKS = """
            (() => {
              if (window.__e2eHooks) return;
              window.__e2eHooks = true;
              window.addEventListener('securitypolicyviolation', (e) => {
                console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || '(inline)')
                  + ' in ' + e.sourceFile + ':' + e.lineNumber + ' sample=' + (e.sample || ''));
              });
            })();
            """;

    /** Makes timers of one second or more ten times faster (used only by tests that say so). */
    static final String FAST_TIMERS = """
            (() => {
              if (window !== window.top || window.__e2eFastTimers) return;
              window.__e2eFastTimers = true;
              const original = window.setTimeout.bind(window);
              window.setTimeout = (fn, ms, ...args) => original(fn, (Number(ms) || 0) >= 1000 ? Number(ms) / 10 : ms, ...args);
            })();
            """;

    /** Options of one browser. */
    static final class Options {
        int width = 1280;
        int height = 800;
        boolean touch;
        boolean reducedMotion;
        boolean blockStorage;
        boolean fastTimers;

        Options size(int w, int h) {
            width = w;
            height = h;
            return this;
        }

        Options touch() {
            touch = true;
            return this;
        }

        Options reducedMotion() {
            reducedMotion = true;
            return this;
        }

        Options blockStorage() {
            blockStorage = true;
            return this;
        }

        Options fastTimers() {
            fastTimers = true;
            return this;
        }
    }

    /**
     * Selenium's CDP helpers warn that they have no classes for this Chromium version; the
     * tests use only raw CDP commands (executeCdpCommand), which need none. Kept referenced so
     * the level sticks.
     */
    private static final List<java.util.logging.Logger> QUIET = List.of(
            java.util.logging.Logger.getLogger("org.openqa.selenium.devtools"),
            java.util.logging.Logger.getLogger("org.openqa.selenium.chromium"));

    static {
        QUIET.forEach(logger -> logger.setLevel(Level.SEVERE));
    }

    final ChromeDriver driver;
    final String baseUrl;
    private final Path profile;
    private final List<String> console = new ArrayList<>();
    private final List<Pattern> allowed = new ArrayList<>(ALWAYS_ALLOWED);

    static void requireTools() {
        RequiredTools.require("chromium", "the viewer E2E tests drive headless Chromium", CHROMIUM, "--version");
        RequiredTools.require("chromium-driver", "the viewer E2E tests drive Chromium through ChromeDriver",
                CHROMEDRIVER, "--version");
    }

    Browser(String baseUrl, Options options) {
        this.baseUrl = baseUrl;
        // Never let Selenium Manager look for (or download) a driver or a browser.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        try {
            profile = Files.createTempDirectory("aula-e2e-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions chrome = new ChromeOptions();
        chrome.setBinary(CHROMIUM);
        // The viewer is a single page: tests wait for __aulaBootDone, not for the load event
        // (which media and iframes can hold back).
        chrome.setPageLoadStrategy(org.openqa.selenium.PageLoadStrategy.EAGER);
        chrome.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--no-default-browser-check", "--autoplay-policy=no-user-gesture-required",
                "--mute-audio", "--disable-features=Translate,MediaRouter,OptimizationHints",
                "--user-data-dir=" + profile, "--window-size=" + options.width + "," + options.height,
                "--lang=es-ES",
                // Headless Chromium reports no pointer and no hover, which the viewer reads as a
                // touch device: declare a desktop mouse, or a coarse touch pointer when emulating touch.
                options.touch
                        ? "--blink-settings=primaryHoverType=1,availableHoverTypes=1,primaryPointerType=2,availablePointerTypes=2"
                        : "--blink-settings=primaryHoverType=2,availableHoverTypes=2,primaryPointerType=4,availablePointerTypes=4");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        chrome.setCapability("goog:loggingPrefs", logs);
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("intl.accept_languages", "es-ES,es");
        if (options.blockStorage) {
            // Blocking site data makes localStorage throw (SecurityError), as with storage disabled.
            prefs.put("profile.default_content_setting_values.cookies", 2);
        }
        chrome.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        // A command that hangs (it happens to screenshots in headless Chromium) fails after 60 s
        // instead of Selenium's default 3 minutes.
        driver = new ChromeDriver(service, chrome, ClientConfig.defaultConfig().readTimeout(Duration.ofSeconds(60)));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        cdp("Page.addScriptToEvaluateOnNewDocument", Map.of("source", CONSOLE_HOOKS));
        if (options.fastTimers) {
            cdp("Page.addScriptToEvaluateOnNewDocument", Map.of("source", FAST_TIMERS));
        }
        // The viewport is what the layout sees (the window also has chrome around it).
        cdp("Emulation.setDeviceMetricsOverride", Map.of("width", options.width, "height", options.height,
                "deviceScaleFactor", 1, "mobile", options.touch));
        if (options.touch) {
            cdp("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
        }
        if (options.reducedMotion) {
            cdp("Emulation.setEmulatedMedia", Map.of("features",
                    List.of(Map.of("name", "prefers-reduced-motion", "value", "reduce"))));
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> cdp(String command, Map<String, Object> params) {
        return driver.executeCdpCommand(command, params);
    }

    /** Changes the viewport (device metrics), e.g. to check a breakpoint. */
    void viewport(int width, int height) {
        cdp("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", false));
    }

    // ------------------------------------------------------------------ navigation

    /** Opens the viewer at a hash ("" for none) and waits for the boot to finish. */
    Browser open(String hash) {
        driver.get(baseUrl + hash);
        waitBoot();
        return this;
    }

    void waitBoot() {
        waitFor("window.__aulaBootDone === true", () -> Boolean.TRUE.equals(js("return window.__aulaBootDone === true")));
    }

    /** Sets the hash (like clicking a link) and waits for that view. */
    void go(String hash, String view) {
        js("location.hash = arguments[0]", hash);
        waitView(view);
    }

    String view() {
        return (String) js("return document.documentElement.dataset.view || null");
    }

    /** Waits for data-view and for the router to have finished (no aria-busy on main). */
    void waitView(String view) {
        waitFor("data-view=" + view, () -> view.equals(view())
                && Boolean.TRUE.equals(js("return !document.getElementById('main-content').hasAttribute('aria-busy')")));
    }

    void reload() {
        driver.navigate().refresh();
        waitBoot();
    }

    String hash() {
        return (String) js("return location.hash");
    }

    // ------------------------------------------------------------------ DOM

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    Object jsAsync(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    WebElement $(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> $$(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    boolean exists(String css) {
        return !$$(css).isEmpty();
    }

    /** Waits until an element matching css is present and returns it. */
    WebElement await(String css) {
        waitFor("element " + css, () -> exists(css));
        return $(css);
    }

    /** Waits until an element matching css is displayed and returns it. */
    WebElement awaitVisible(String css) {
        waitFor("visible " + css, () -> $$(css).stream().anyMatch(WebElement::isDisplayed));
        return $$(css).stream().filter(WebElement::isDisplayed).findFirst().orElseThrow();
    }

    String text(String css) {
        return $(css).getText();
    }

    /** The visible text of main (innerText). */
    String mainText() {
        return (String) js("return document.getElementById('main-content').innerText");
    }

    String bodyText() {
        return (String) js("return document.body.innerText");
    }

    /** The element with focus, as "tag#id.class" plus its text, for messages. */
    String activeElement() {
        return (String) js("const a = document.activeElement; return a ? a.tagName.toLowerCase() + (a.id ? '#' + a.id : '') "
                + "+ ' ' + (a.getAttribute('href') || '') + ' ' + (a.textContent || '').trim().slice(0, 60) : 'none'");
    }

    Actions actions() {
        return new Actions(driver);
    }

    /** Clicks with a real pointer event at the element's centre. */
    void click(WebElement element) {
        js("arguments[0].scrollIntoView({block:'center'})", element);
        element.click();
    }

    void click(String css) {
        click(awaitVisible(css));
    }

    // ------------------------------------------------------------------ storage

    String local(String key) {
        return (String) js("try { return localStorage.getItem(arguments[0]); } catch (e) { return null; }", key);
    }

    void setLocal(String key, String value) {
        js("localStorage.setItem(arguments[0], arguments[1])", key, value);
    }

    // ------------------------------------------------------------------ waiting

    /** Polls until the condition holds (WebDriverWait), failing with the description. */
    void waitFor(String description, Supplier<Boolean> condition) {
        waitFor(description, condition, WAIT);
    }

    void waitFor(String description, Supplier<Boolean> condition, Duration timeout) {
        try {
            new WebDriverWait(driver, timeout, Duration.ofMillis(100)).until(d -> {
                Boolean ok = condition.get();
                return ok != null && ok ? Boolean.TRUE : null;
            });
        } catch (TimeoutException e) {
            fail("timed out after " + timeout.toSeconds() + " s waiting for: " + description
                    + " (view=" + safeView() + ", hash=" + safeHash() + ")");
        }
    }

    private String safeView() {
        try {
            return view();
        } catch (RuntimeException e) {
            return "?";
        }
    }

    private String safeHash() {
        try {
            return hash();
        } catch (RuntimeException e) {
            return "?";
        }
    }

    // ------------------------------------------------------------------ evidence

    void screenshot(String name) {
        Path folder = Path.of(System.getProperty("aula.e2eScreenshots", "target/e2e-screenshots"));
        try {
            Files.createDirectories(folder.resolve(name).getParent());
            byte[] png = driver.getScreenshotAs(OutputType.BYTES);
            Files.write(folder.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ console

    /** A console entry Chromium writes for a failed request: "<url> - Failed to load resource: … status of <n>". */
    static Pattern networkError(String pathRegex, int status) {
        return Pattern.compile(".*" + pathRegex + ".* Failed to load resource: the server responded with a status of "
                + status + "\\b.*", Pattern.DOTALL);
    }

    /**
     * Declares a network error the test provokes on purpose (a fault it injected): it will not
     * fail the console check. Everything else at SEVERE level does.
     */
    void allowNetworkError(String pathRegex, int status) {
        allowed.add(networkError(pathRegex, status));
    }

    /** Declares any console error matching the regex as expected (used with a reason). */
    void allowConsole(String regex) {
        allowed.add(Pattern.compile(regex, Pattern.DOTALL));
    }

    /** All console entries so far (level + message). */
    List<String> console() {
        drainConsole();
        return List.copyOf(console);
    }

    private void drainConsole() {
        try {
            for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
                console.add(entry.getLevel() + " " + entry.getMessage());
            }
        } catch (RuntimeException e) {
            // the browser is gone: nothing more to read
        }
    }

    /** Fails on any SEVERE console entry (errors, uncaught exceptions, CSP violations) not allowed. */
    void assertCleanConsole() {
        drainConsole();
        List<String> errors = console.stream()
                .filter(line -> line.startsWith("SEVERE"))
                .filter(line -> allowed.stream().noneMatch(p -> p.matcher(line).matches()))
                .toList();
        assertEquals(List.of(), errors, "console errors or CSP violations in the browser");
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } catch (RuntimeException e) {
            // already gone
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // leftovers in /tmp do not matter
        }
    }
}
