package app.aula.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * One Aula (root context, demo library) and one recording proxy per test class; a fresh
 * browser profile per test; an empty server progress document before each test; and the
 * console check after each test.
 */
abstract class E2ETestBase {

    static AulaServer aula;
    static RecordingProxy proxy;

    private final List<Browser> browsers = new ArrayList<>();

    @BeforeAll
    static void bootAula() throws Exception {
        Browser.requireTools();
        aula = AulaServer.start();
        proxy = new RecordingProxy(aula);
    }

    @AfterAll
    static void stopAula() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (aula != null) {
            aula.close();
        }
        proxy = null;
        aula = null;
    }

    @BeforeEach
    void resetServerState() {
        proxy.clearRules();
        aula.putProgress("{}");
        proxy.clearRecords();
    }

    @AfterEach
    void checkConsolesAndQuit(TestInfo test) {
        AssertionError failure = null;
        int n = 0;
        for (Browser browser : browsers) {
            try {
                // The last state of every test, for diagnosis.
                browser.screenshot("last/" + getClass().getSimpleName() + "." + test.getTestMethod().map(m -> m.getName()).orElse("?")
                        + (n++ == 0 ? "" : "-" + n));
            } catch (RuntimeException e) {
                // a browser that crashed has no screenshot
            }
            try {
                browser.assertCleanConsole();
            } catch (AssertionError e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            } finally {
                browser.close();
            }
        }
        browsers.clear();
        proxy.clearRules();
        if (failure != null) {
            throw failure;
        }
    }

    /** A desktop browser (1280×800) on the class's proxy. */
    Browser browser() {
        return browser(new Browser.Options());
    }

    Browser browser(Browser.Options options) {
        return browser(proxy, options);
    }

    Browser browser(RecordingProxy through, Browser.Options options) {
        Browser browser = new Browser(through.baseUrl(), options);
        browsers.add(browser);
        return browser;
    }

    // ------------------------------------------------------------------ polling helpers

    /** Polls (every 50 ms) until the supplier is true, or fails after the timeout. */
    static void eventually(String description, Duration timeout, Supplier<Boolean> condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Boolean ok = condition.get();
            if (ok != null && ok) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                fail("timed out after " + timeout.toMillis() + " ms waiting for: " + description);
            }
            pause(50);
        }
    }

    static void eventually(String description, Supplier<Boolean> condition) {
        eventually(description, Browser.WAIT, condition);
    }

    /**
     * Observes for the whole window that the condition keeps holding (for "nothing more
     * happens" checks, which need a window of time by nature); fails as soon as it breaks.
     */
    static void holdsFor(String description, Duration window, Supplier<Boolean> condition) {
        Instant end = Instant.now().plus(window);
        while (Instant.now().isBefore(end)) {
            Boolean ok = condition.get();
            if (ok == null || !ok) {
                fail("stopped holding: " + description);
            }
            pause(100);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A regex that matches a file ref in a URL whether or not ':' and '/' are percent-encoded. */
    static String refRegex(String ref) {
        StringBuilder regex = new StringBuilder();
        for (char c : ref.toCharArray()) {
            switch (c) {
                case ':' -> regex.append("(?::|%3[Aa])");
                case '/' -> regex.append("(?:/|%2[Ff])");
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
