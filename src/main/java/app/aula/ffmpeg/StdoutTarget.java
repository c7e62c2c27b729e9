package app.aula.ffmpeg;

/** Where a started process's standard output goes. */
public enum StdoutTarget {
    /** A pipe the caller reads through {@link FfmpegProcess#stdout()} (compat stream, initial remux, ffprobe). */
    PIPE,
    /** Nowhere: the process writes its result to a file (repair) or only to stderr (probes). */
    DISCARD
}
