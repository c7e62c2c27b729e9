package app.aula.catalog;

/** Where a catalogue file came from, as reported by cache-meta and health (catalog.md §4). */
public enum CatalogSource {
    DATA("data"),
    VIEWER("viewer"),
    DEMO("demo"),
    NONE("none");

    private final String label;

    CatalogSource(String label) {
        this.label = label;
    }

    /** The wire label: {@code "data"}, {@code "viewer"}, {@code "demo"} or {@code "none"}. */
    public String label() {
        return label;
    }
}
