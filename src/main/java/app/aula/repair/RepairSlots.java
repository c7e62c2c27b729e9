package app.aula.repair;

import java.util.concurrent.CompletableFuture;

/**
 * The global FFmpeg process slots (media.md §6.2) as the repair worker sees them: a repair job
 * waits for one before it starts, holds it while FFmpeg runs, and closes it afterwards.
 *
 * <p>Contract: the future completes with the slot once one is free; {@code close()} on the slot
 * returns it and must be idempotent (the runner may return it first, when its process ends). If
 * the worker cancels the future while it waits (shutdown), the provider drops the request. A
 * future the provider cancels itself means the provider is shutting down: the worker stops too.
 * The shared slots fit as they are: {@code RepairSlots<FfmpegSlots.Slot> slots = ffmpegSlots::acquireWhenFree}.
 *
 * @param <S> the slot type, passed on to the {@link RepairRunner}
 */
@FunctionalInterface
public interface RepairSlots<S extends AutoCloseable> {

    CompletableFuture<S> acquireSlot();
}
