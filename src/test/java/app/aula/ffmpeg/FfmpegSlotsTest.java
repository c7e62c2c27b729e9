package app.aula.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FfmpegSlotsTest {

    @Test
    void tryAcquireGivesUpToMaxSlotsThenNone() {
        FfmpegSlots slots = new FfmpegSlots(2);
        Optional<FfmpegSlots.Slot> first = slots.tryAcquire();
        Optional<FfmpegSlots.Slot> second = slots.tryAcquire();
        assertTrue(first.isPresent() && second.isPresent());
        assertTrue(slots.tryAcquire().isEmpty());
        assertEquals(2, slots.active());
        assertEquals(2, slots.max());
        first.get().close();
        assertEquals(1, slots.active());
        assertTrue(slots.tryAcquire().isPresent());
    }

    @Test
    void closingASlotTwiceReleasesItOnlyOnce() {
        FfmpegSlots slots = new FfmpegSlots(2);
        FfmpegSlots.Slot first = slots.tryAcquire().orElseThrow();
        slots.tryAcquire().orElseThrow();
        first.close();
        first.close();
        assertTrue(first.released());
        assertEquals(1, slots.active());
        assertTrue(slots.tryAcquire().isPresent());
        assertTrue(slots.tryAcquire().isEmpty(), "a double close must not create a third slot");
    }

    @Test
    void waitersAreServedFirstComeFirstServedAsSlotsAreReleased() throws Exception {
        FfmpegSlots slots = new FfmpegSlots(1);
        FfmpegSlots.Slot held = slots.acquireWhenFree().get(1, TimeUnit.SECONDS);
        CompletableFuture<FfmpegSlots.Slot> first = slots.acquireWhenFree();
        CompletableFuture<FfmpegSlots.Slot> second = slots.acquireWhenFree();
        assertFalse(first.isDone());
        assertFalse(second.isDone());
        assertEquals(2, slots.waiting());
        assertTrue(slots.tryAcquire().isEmpty(), "a waiter's turn is not taken by tryAcquire");

        held.close();
        assertTrue(first.isDone());
        assertFalse(second.isDone());
        assertEquals(1, slots.active());

        first.get().close();
        assertTrue(second.isDone());
        second.get().close();
        assertEquals(0, slots.active());
        assertEquals(0, slots.waiting());
    }

    @Test
    void aCancelledWaiterIsSkipped() throws Exception {
        FfmpegSlots slots = new FfmpegSlots(1);
        FfmpegSlots.Slot held = slots.tryAcquire().orElseThrow();
        CompletableFuture<FfmpegSlots.Slot> cancelled = slots.acquireWhenFree();
        CompletableFuture<FfmpegSlots.Slot> next = slots.acquireWhenFree();
        cancelled.cancel(false);
        assertEquals(1, slots.waiting());
        held.close();
        assertTrue(next.isDone());
        assertEquals(1, slots.active());
        next.get().close();
        assertEquals(0, slots.active());
    }

    @Test
    void zeroMaxNeverGivesASlot() {
        FfmpegSlots slots = new FfmpegSlots(0);
        assertTrue(slots.tryAcquire().isEmpty());
        CompletableFuture<FfmpegSlots.Slot> wait = slots.acquireWhenFree();
        ExecutionException failure = assertThrows(ExecutionException.class, () -> wait.get(1, TimeUnit.SECONDS));
        assertTrue(failure.getCause() instanceof IllegalStateException);
        assertEquals(0, slots.active());
        assertEquals(0, slots.max());
    }

    @Test
    void closeCancelsWaitersAndRefusesNewSlots() {
        FfmpegSlots slots = new FfmpegSlots(1);
        FfmpegSlots.Slot held = slots.tryAcquire().orElseThrow();
        CompletableFuture<FfmpegSlots.Slot> waiter = slots.acquireWhenFree();
        slots.close();
        assertTrue(waiter.isCancelled());
        held.close();
        assertEquals(0, slots.active());
        assertTrue(slots.tryAcquire().isEmpty());
        assertTrue(slots.acquireWhenFree().isCompletedExceptionally());
    }

    @Test
    void concurrentUseNeverExceedsMaxAndEndsAtZero() throws Exception {
        FfmpegSlots slots = new FfmpegSlots(3);
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        List<Integer> overflows = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < 2000; i++) {
                        FfmpegSlots.Slot slot = (i % 2 == 0)
                                ? slots.tryAcquire().orElse(null)
                                : slots.acquireWhenFree().get(5, TimeUnit.SECONDS);
                        if (slot != null) {
                            if (slots.active() > 3) {
                                overflows.add(slots.active());
                            }
                            slot.close();
                        }
                    }
                } catch (Exception e) {
                    overflows.add(-1);
                }
            });
            workers.add(worker);
            worker.start();
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join(30_000);
        }
        assertEquals(List.of(), overflows);
        assertEquals(0, slots.active());
        assertEquals(0, slots.waiting());
    }
}
