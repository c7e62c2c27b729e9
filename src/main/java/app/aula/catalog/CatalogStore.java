package app.aula.catalog;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The application-scoped holder of the one published {@link CatalogSnapshot}. Readers take the
 * reference once per request and use only that snapshot; the loader swaps it atomically, so a
 * reader never sees a half-built or mixed catalogue.
 */
public final class CatalogStore {

    private final AtomicReference<CatalogSnapshot> current;
    private volatile String lastError;

    public CatalogStore(CatalogSnapshot initial) {
        this.current = new AtomicReference<>(initial);
    }

    public CatalogSnapshot current() {
        return current.get();
    }

    /** The last load failure still in force, or null (health: {@code catalog.error}). */
    public String lastError() {
        return lastError;
    }

    void publish(CatalogSnapshot snapshot) {
        current.set(snapshot);
    }

    void reportError(String error) {
        lastError = error;
    }
}
