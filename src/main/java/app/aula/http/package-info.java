/**
 * HTTP semantics in one small, exhaustively unit-tested place: content-coding negotiation
 * ({@code Accept-Encoding} with q-values), entity tags and the conditional-request rules
 * ({@code If-None-Match}, {@code If-Match}, {@code If-Modified-Since}), HTTP dates, and the
 * exposure rules for static paths. Servlets and resources call these functions; none of them
 * re-implements a header rule of its own. Nothing here depends on the Servlet or JAX-RS APIs.
 */
package app.aula.http;
