package app.aula.probe;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The real process runner, counting how many tools it started. */
final class CountingRunner implements ProbeRunner {

    private final ProbeRunner real;
    private final AtomicInteger runs = new AtomicInteger();

    CountingRunner(ProbeRunner real) {
        this.real = real;
    }

    @Override
    public ToolRun run(List<String> command, Duration timeout) throws IOException {
        runs.incrementAndGet();
        return real.run(command, timeout);
    }

    int runs() {
        return runs.get();
    }
}
