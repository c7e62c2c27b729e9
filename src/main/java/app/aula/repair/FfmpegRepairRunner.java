package app.aula.repair;

import app.aula.ffmpeg.Ffmpeg;
import app.aula.ffmpeg.FfmpegArguments;
import app.aula.ffmpeg.FfmpegProcess;
import app.aula.ffmpeg.FfmpegSlots;
import app.aula.ffmpeg.StdoutTarget;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * Runs repair jobs through the shared {@link Ffmpeg} (media.md §7.3): the exact repair argument
 * list, the slot the worker holds, the 2-hour limit, and termination when the job is cancelled
 * (undeploy), so repairs count in {@code ffmpegJobs} like every other FFmpeg process.
 */
public final class FfmpegRepairRunner implements RepairRunner<FfmpegSlots.Slot> {

    private static final int STDERR_CHARS = 300;

    private final Ffmpeg ffmpeg;

    public FfmpegRepairRunner(Ffmpeg ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    @Override
    public CompletableFuture<RepairOutcome> run(String source, Path artifact, FfmpegSlots.Slot slot) {
        FfmpegProcess process;
        try {
            process = ffmpeg.start(slot, FfmpegArguments.repair(source, artifact), StdoutTarget.DISCARD,
                    "repair artifact=" + artifact.getFileName()).terminateAfter(ProcessRepairRunner.TIMEOUT);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<RepairOutcome> outcome = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                process.terminate().join(); // undeploy: the process is gone before cancel returns
                return super.cancel(mayInterruptIfRunning);
            }
        };
        process.onExit().whenComplete((code, failure) -> {
            if (failure != null) {
                outcome.completeExceptionally(failure);
            } else if (process.timedOut()) {
                outcome.completeExceptionally(new TimeoutException("ffmpeg_timeout"));
            } else {
                outcome.complete(new RepairOutcome(code, process.stderrHead(STDERR_CHARS)));
            }
        });
        return outcome;
    }
}
