/**
 * The catalogue: the {@code courses_cache.json} model and everything derived from it (the
 * {@code /api/courses}, {@code /api/bootstrap} and {@code /api/cache-meta} bodies, stats
 * normalisation, slugs and course-detail matching, the self-check of file references, the
 * {@code catalogVersion}), the loading of candidate files, the immutable snapshots built from
 * them and the hot reload that swaps those snapshots atomically.
 */
package app.aula.catalog;
