package app.aula.repair;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the repair FFmpeg for one job (media.md §7.3): the exact repair argument list with
 * {@code source} as input and {@code artifact} as the last argument, and a 2-hour timeout, while
 * the worker holds {@code slot} (a runner that starts processes through a slot-aware service
 * passes it on; {@link ProcessRepairRunner} ignores it).
 *
 * <p>Contract for implementations (the wiring adapts the shared FFmpeg service to it):
 * <ul>
 *   <li>the future completes with the exit code and the captured stderr text once the process has
 *       ended, whatever the exit code;</li>
 *   <li>it completes exceptionally when the process cannot be started or times out (the exception
 *       message becomes the entry's {@code error});</li>
 *   <li>{@code cancel} on the future stops the process (polite stop, then kill; media.md §6.4)
 *       before {@code cancel} returns, which is how {@link RepairService#close()} ends a running job.</li>
 * </ul>
 *
 * @param <S> the slot type of the {@link RepairSlots} it runs with
 */
@FunctionalInterface
public interface RepairRunner<S extends AutoCloseable> {

    CompletableFuture<RepairOutcome> run(String source, Path artifact, S slot);
}
