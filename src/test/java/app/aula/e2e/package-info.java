/**
 * End-to-end tests of the bundled viewer in real headless Chromium (viewer.md §10).
 *
 * <p>Each {@code *E2EIT} class boots the built WAR once, in a forked JVM with embedded Jetty 12
 * ({@link app.aula.e2e.AulaServer}, optionally under a non-root context path), with the bundled
 * demo library. The browser never talks to Aula directly: every request goes through a
 * {@link app.aula.e2e.RecordingProxy} on another loopback port, which records each exchange
 * (method, path, headers, body, status) so tests can assert on real requests, and can inject
 * faults (a status, a hang) for the error paths of the checklist. Every test gets a fresh
 * Chromium profile ({@link app.aula.e2e.Browser}); after each test the browser console and the
 * CSP violations are collected and any error fails the test, except network errors that the
 * test provoked on purpose and declared with {@link app.aula.e2e.Browser#allowNetworkError}.
 *
 * <p>Chromium and ChromeDriver are Debian's ({@code /usr/bin/chromium},
 * {@code /usr/bin/chromedriver}); without them the tests skip, or fail with
 * {@code -Daula.requireTools=true} (CI). Selenium Manager is never used.
 */
package app.aula.e2e;
