/**
 * The JSON API under {@code /api/*} as thin JAX-RS resources (Jersey): each one parses the
 * request, calls a plain class of its feature package, and maps the result to a
 * {@link app.aula.http.JsonReply}. Also owns the admin guard (a name-bound request filter that
 * runs after routing, api.md §1.3 step 5) and the mapping of every failure to a JSON error body.
 */
package app.aula.api;
