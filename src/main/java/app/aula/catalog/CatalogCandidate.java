package app.aula.catalog;

import java.nio.file.Path;

/**
 * One place a {@code courses_cache.json} may be (catalog.md §5.1). {@code composedPath} is the
 * configured folder plus {@code /courses_cache.json}, not canonicalised, as cache-meta shows it.
 */
public record CatalogCandidate(CatalogSource source, Path file, String composedPath) {

    public static final String FILE_NAME = "courses_cache.json";

    public static CatalogCandidate in(CatalogSource source, Path folder) {
        String folderText = folder.toString();
        String composed = folderText.endsWith("/") ? folderText + FILE_NAME : folderText + "/" + FILE_NAME;
        return new CatalogCandidate(source, folder.resolve(FILE_NAME), composed);
    }
}
