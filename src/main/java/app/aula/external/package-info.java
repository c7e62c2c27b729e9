/**
 * Opening a class in an external player on the server machine ({@code POST /api/open-external},
 * api.md §3.16): validating the URL, resolving a path against the request's own origin, finding
 * VLC on {@code PATH} or its standard install locations, and launching it detached from an
 * argument vector, never through a shell.
 */
package app.aula.external;
