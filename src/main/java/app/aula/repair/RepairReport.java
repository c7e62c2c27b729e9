package app.aula.repair;

/**
 * What {@code GET /api/repair-status/{ref}} reports (api.md §3.14).
 *
 * @param entry the stored entry, as it is
 * @param artifactReady whether the artifact is ready right now; the resource adds
 *     {@code artifactUrl} only when this is true and the entry is {@code completed}
 */
public record RepairReport(RepairEntry entry, boolean artifactReady) {

    /** True when the response should carry {@code artifactUrl}. */
    public boolean servable() {
        return artifactReady && entry.status() == RepairStatus.COMPLETED;
    }
}
