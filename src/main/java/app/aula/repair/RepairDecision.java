package app.aula.repair;

/**
 * The answer to a repair request after the caller's own checks (api.md §3.13 steps 5–11), one
 * case per response the resource sends.
 */
public sealed interface RepairDecision {

    /** Step 5: the artifact path would leave the repaired folder → 400 {@code invalid_file_path}. */
    record InvalidPath() implements RepairDecision {}

    /** Step 6: the artifact is ready; the entry is now {@code completed} → 200 entry + {@code artifactUrl}. */
    record Ready(RepairEntry entry) implements RepairDecision {}

    /** Steps 7–8: a fresh lock or a queued/running job → 409 {@code repair_in_progress}. */
    record AlreadyRunning() implements RepairDecision {}

    /**
     * Step 9: {@value RepairLimits#MAX_WAITING_JOBS} jobs already wait → 503 {@code repair_queue_full}
     * with {@code Retry-After: 30}.
     */
    record QueueFull() implements RepairDecision {}

    /** Step 10: the lock file could not be written → 507 {@code cannot_create_lock} with {@code detail}. */
    record CannotCreateLock(String detail) implements RepairDecision {}

    /** Step 11: the {@code pending} entry is stored and the job queued → 202 entry (no {@code artifactUrl}). */
    record Queued(RepairEntry entry) implements RepairDecision {}
}
