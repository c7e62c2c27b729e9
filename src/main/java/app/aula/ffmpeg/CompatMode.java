package app.aula.ffmpeg;

/** How the compat stream treats the video (media.md §6.5); {@link #label()} is the health and log name. */
public enum CompatMode {
    /** Video copied, audio re-encoded to AAC: the default, cheap on small machines. */
    COPY("copy"),
    /** Video re-encoded to H.264 too ({@code AULA_COMPAT_FORCE_REENCODE=true}): frame-accurate seeking. */
    REENCODE("reencode");

    private final String label;

    CompatMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The mode selected by {@code AULA_COMPAT_FORCE_REENCODE}. */
    public static CompatMode of(boolean forceReencode) {
        return forceReencode ? REENCODE : COPY;
    }
}
