/**
 * Progress: the installation's single {@code progress.json} (catalog.md §7). Owns reading it
 * leniently (anything that is not a JSON object reads as {@code {}}), its strong ETag, and
 * replacing it with the request bytes verbatim through an atomic, durable write under one lock
 * that also covers the {@code If-Match} check. The server never interprets or rewrites records.
 */
package app.aula.progress;
