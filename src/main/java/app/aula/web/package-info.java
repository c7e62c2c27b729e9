/**
 * The servlet-level edge of Aula: the request guards of api.md §1.3–1.7 (security headers,
 * Host allow-list, CORS and preflight, cross-origin write guard), the effective client address
 * used by the admin guard, the static servlet that serves the bundled viewer or
 * {@code AULA_VIEWER_PATH} under the exposure rules of api.md §3.18, and the JSON error page
 * that replaces the container's HTML one. Pure decisions (origins, addresses, exposure) live in
 * small classes that unit tests reach without a container.
 */
package app.aula.web;
