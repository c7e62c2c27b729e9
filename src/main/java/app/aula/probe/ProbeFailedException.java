package app.aula.probe;

/** A probe that gave no usable answer: 502 {@code probe_failed} with {@link #detail()}. */
public final class ProbeFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    public ProbeFailedException(String detail) {
        super(detail);
    }

    /** A short, log-safe description (the tool's first stderr line, "timeout after 10 s", …). */
    public String detail() {
        return getMessage();
    }
}
