package app.aula.repair;

import java.util.concurrent.CompletableFuture;

/**
 * The global FFmpeg process slots (media.md §6.2) as the repair worker sees them: a repair job
 * waits for one before it starts and holds it while FFmpeg runs.
 *
 * <p>Contract: the future completes with a handle whose {@code close()} returns the slot, once a
 * slot is free. If the caller cancels the future while it waits, the provider drops the request
 * and never hands that slot out.
 */
@FunctionalInterface
public interface RepairSlots {

    CompletableFuture<AutoCloseable> acquireSlot();
}
