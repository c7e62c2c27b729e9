package app.aula.repair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** media.md §7.3: one repair at a time, a FIFO of at most 32 waiting jobs, and a global slot per run. */
class RepairQueueTest {

    @TempDir
    Path data;

    @TempDir
    Path bin;

    private RepairHarness harness;

    @AfterEach
    void closeService() {
        if (harness != null) {
            harness.close();
        }
    }

    private int callCount() {
        try {
            return harness.ffmpeg.calls().size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String ref(int index) {
        return String.format("1QueueRef%04d", index);
    }

    @Test
    void aJobStaysPendingUntilAGlobalSlotIsFreeThenHoldsItWhileFfmpegRunsAndReleasesIt() throws IOException {
        TestSlots slots = TestSlots.held();
        harness = RepairHarness.started(data, FakeFfmpeg.in(bin), slots, RepairHarness.LIMITS);

        harness.requestDrive(ref(1));
        assertEquals(1, Eventually.until(slots::requested, n -> n == 1));

        assertEquals(RepairStatus.PENDING, harness.service().status(ref(1)).orElseThrow().entry().status());
        assertTrue(harness.ffmpeg.calls().isEmpty(), "FFmpeg must not start without a slot");
        assertEquals(0, slots.released());

        assertTrue(slots.grantNext());
        harness.awaitStatus(ref(1), RepairStatus.COMPLETED);
        assertEquals(1, Eventually.until(slots::released, n -> n == 1));
        assertEquals(1, harness.ffmpeg.calls().size());
    }

    @Test
    void thirtyTwoJobsWaitBehindTheRunningOneAndTheThirtyThirdIsQueueFull() throws IOException {
        TestSlots slots = TestSlots.held();
        harness = RepairHarness.started(data, FakeFfmpeg.in(bin), slots, RepairHarness.LIMITS);
        assertInstanceOf(RepairDecision.Queued.class, harness.requestDrive(ref(0)));
        assertEquals(1, Eventually.until(slots::requested, n -> n == 1), "the worker took the first job");

        for (int i = 1; i <= RepairLimits.MAX_WAITING_JOBS; i++) {
            assertInstanceOf(RepairDecision.Queued.class, harness.requestDrive(ref(i)), "waiting job " + i);
        }
        RepairDecision overflow = harness.requestDrive(ref(99));

        assertInstanceOf(RepairDecision.QueueFull.class, overflow);
        assertFalse(Files.exists(harness.repaired(ref(99) + ".lock")), "no lock for a refused job");
        assertEquals(Optional.empty(), harness.service().status(ref(99)), "no entry for a refused job");
        assertInstanceOf(RepairDecision.AlreadyRunning.class, harness.requestDrive(ref(5)),
                "a queued ref is in progress before the queue bound is checked");
    }

    @Test
    void jobsRunOneAtATimeInTheOrderTheyWereQueued() throws IOException {
        harness = RepairHarness.started(data, FakeFfmpeg.in(bin).blockingUntilGate());
        List<String> queued = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            assertInstanceOf(RepairDecision.Queued.class, harness.requestDrive(ref(i)));
            queued.add(ref(i));
        }
        harness.awaitStatus(ref(0), RepairStatus.IN_PROGRESS);
        assertEquals(1, Eventually.until(this::callCount, n -> n >= 1), "the first FFmpeg started");

        for (int i = 1; i < 4; i++) {
            assertEquals(RepairStatus.PENDING, harness.service().status(ref(i)).orElseThrow().entry().status());
        }
        assertEquals(1, callCount(), "only one FFmpeg runs");

        harness.ffmpeg.openGate();
        for (String ref : queued) {
            harness.awaitStatus(ref, RepairStatus.COMPLETED);
        }
        List<String> artifactsInCallOrder = new ArrayList<>();
        for (List<String> call : harness.ffmpeg.calls()) {
            artifactsInCallOrder.add(Path.of(call.get(call.size() - 1)).getFileName().toString());
        }
        assertEquals(queued.stream().map(ref -> ref + ".mp4").toList(), artifactsInCallOrder);
    }

    @Test
    void theRunnerGetsTheSlotTheWorkerWasGrantedAndTheWorkerReturnsItAfterwards() throws IOException {
        List<AutoCloseable> granted = new CopyOnWriteArrayList<>();
        List<AutoCloseable> seenByRunner = new CopyOnWriteArrayList<>();
        AtomicInteger held = new AtomicInteger();
        RepairSlots<AutoCloseable> slots = () -> {
            held.incrementAndGet();
            AutoCloseable slot = held::decrementAndGet;
            granted.add(slot);
            return CompletableFuture.completedFuture(slot);
        };
        ProcessRepairRunner processes = new ProcessRepairRunner(FakeFfmpeg.in(bin).install());
        RepairRunner<AutoCloseable> runner = (source, artifact, slot) -> {
            seenByRunner.add(slot);
            return processes.run(source, artifact, slot);
        };
        try (RepairService service = RepairService.start(data, RepairHarness.LIMITS, runner, slots, Clock.systemUTC())) {
            service.request(ref(1), RepairHarness.driveSource(ref(1)));
            Eventually.until(() -> service.status(ref(1)).map(report -> report.entry().status()),
                    status -> status.equals(Optional.of(RepairStatus.COMPLETED)));

            assertEquals(granted, seenByRunner, "the runner ran with the granted slot");
            assertEquals(1, granted.size());
            assertEquals(0, Eventually.until(held::get, n -> n == 0), "the slot was returned");
        }
    }

    @Test
    void aSlotWaitCancelledByTheProviderStopsTheWorkerAndLeavesTheJobPending() throws IOException {
        TestSlots slots = TestSlots.held();
        harness = RepairHarness.started(data, FakeFfmpeg.in(bin), slots, RepairHarness.LIMITS);
        harness.requestDrive(ref(1));
        harness.requestDrive(ref(2));
        assertEquals(1, Eventually.until(slots::requested, n -> n == 1));

        assertTrue(slots.cancelNext());

        assertTrue(Eventually.until(RepairQueueTest::workerGone, gone -> gone), "the worker stopped");
        assertEquals(1, slots.requested(), "the second job never asked for a slot");
        assertEquals(RepairStatus.PENDING, harness.service().status(ref(1)).orElseThrow().entry().status());
        assertEquals(RepairStatus.PENDING, harness.service().status(ref(2)).orElseThrow().entry().status());
        assertTrue(harness.ffmpeg.calls().isEmpty());
    }

    private static boolean workerGone() {
        return Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.isAlive() && thread.getName().equals("aula-repair-worker"));
    }
}
