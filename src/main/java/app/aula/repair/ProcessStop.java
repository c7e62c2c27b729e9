package app.aula.repair;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stopping an FFmpeg process the way media.md §6.4 asks: the polite stop, up to 1 s of grace, then
 * a kill, so the process is gone within 2 s. Its children get the same signals (collected first,
 * because they stop being descendants once the parent is gone), so a wrapper script cannot leave
 * its FFmpeg behind; they are signalled, not awaited, since the JDK notices the exit of a process
 * that is not its own child only by slow polling.
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
        boolean exited = false;
        try {
            exited = process.waitFor(GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (!exited) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(GRACE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
