package app.aula.repair;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stopping an FFmpeg process the way media.md §6.4 asks: the polite stop, up to 1 s of grace, then
 * a kill. Children are stopped too (collected first, because they stop being descendants once the
 * parent is gone), so a wrapper script cannot leave its FFmpeg behind.
 */
final class ProcessStop {

    private static final long GRACE_MILLIS = 1000;

    private ProcessStop() {}

    /** Returns once the process has exited, or after about 2 s at most. */
    static void stop(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        boolean interrupted = false;
        try {
            if (process.waitFor(GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
                return;
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        children.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
