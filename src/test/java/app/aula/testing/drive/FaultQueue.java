package app.aula.testing.drive;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Faults waiting for the requests of one endpoint (metadata, media or token), either for one file id
 * or for any file. Each matching request takes the head of the queue; an empty queue means normal
 * answers. Thread-safe: the fake's handler threads consume while the test adds.
 */
public final class FaultQueue {

    private final Deque<Fault> pending = new ArrayDeque<>();

    FaultQueue() {}

    /** Appends faults, consumed in the given order by the following requests. */
    public synchronized FaultQueue add(Fault... faults) {
        pending.addAll(List.of(faults));
        return this;
    }

    /** Appends the same fault {@code times} times. */
    public synchronized FaultQueue repeat(Fault fault, int times) {
        for (int i = 0; i < times; i++) {
            pending.add(fault);
        }
        return this;
    }

    /** Faults not yet consumed. */
    public synchronized int remaining() {
        return pending.size();
    }

    public synchronized void clear() {
        pending.clear();
    }

    synchronized Fault poll() {
        return pending.poll();
    }
}
