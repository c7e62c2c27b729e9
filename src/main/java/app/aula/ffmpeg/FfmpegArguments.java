package app.aula.ffmpeg;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The exact FFmpeg argument vectors of media.md §6.5 (compat stream), §6.6 (initial remux) and
 * §7.3 (repair), without the binary itself. Pure functions: the lists are compared element by
 * element in tests, so any change here is a contract change.
 */
public final class FfmpegArguments {

    private static final List<String> QUIET = List.of("-hide_banner", "-loglevel", "error", "-nostdin");
    private static final List<String> STREAMS = List.of("-map", "0:v:0", "-map", "0:a?");
    private static final List<String> VIDEO_COPY = List.of("-c:v", "copy");
    private static final List<String> VIDEO_REENCODE = List.of("-c:v", "libx264", "-preset", "veryfast",
            "-pix_fmt", "yuv420p", "-g", "48", "-keyint_min", "48", "-sc_threshold", "0");
    private static final String RESAMPLE = "aresample=async=1:min_hard_comp=0.100:first_pts=0";
    private static final String RESAMPLE_REMUX = "aresample=async=1:first_pts=0";
    private static final List<String> TIMING = List.of("-avoid_negative_ts", "make_zero");
    private static final List<String> TIMING_FROM_ZERO = List.of("-avoid_negative_ts", "disabled", "-use_editlist", "1");
    private static final List<String> FRAGMENTED_FROM_ZERO_TO_STDOUT = List.of(
            "-movflags", "+frag_keyframe+delay_moov+default_base_moof", "-f", "mp4", "pipe:1");
    private static final List<String> FRAGMENTED_TO_STDOUT = List.of(
            "-movflags", "+frag_keyframe+empty_moov+default_base_moof", "-f", "mp4", "pipe:1");

    private FfmpegArguments() {}

    /** Compat stream from the start of the source (no {@code -ss}). */
    public static List<String> compat(String source, CompatMode mode) {
        return compat(source, mode, BigDecimal.ZERO);
    }

    /** Compat stream starting at {@code startSeconds}; {@code -ss} goes before {@code -i} only when it is above 0. */
    public static List<String> compat(String source, CompatMode mode, double startSeconds) {
        return compat(source, mode, BigDecimal.valueOf(startSeconds));
    }

    /** Same, with the start as the decimal the request carried (at most 3 decimals are used). */
    public static List<String> compat(String source, CompatMode mode, BigDecimal startSeconds) {
        return compat(source, mode, startSeconds, TIMING, FRAGMENTED_TO_STDOUT);
    }

    /**
     * The compat stream whose output timeline starts at 0 even when the video has B-frames
     * (media.md §6.5): {@code make_zero} shifts the first <em>decode</em> time to 0, which leaves
     * the first frame shown at 2 frames or so; instead the timestamps are kept and an edit list
     * hides the decoder delay. The edit list needs the first packets, so the moov is written
     * with the first fragment ({@code delay_moov}) rather than empty up front. Only valid when
     * {@code seekSeconds} lands both streams at the same time: 0, a keyframe time in copy mode
     * ({@link KeyframeProbe}), or any time in re-encode mode (frame-accurate).
     */
    public static List<String> compatFromZero(String source, CompatMode mode, BigDecimal seekSeconds) {
        return compat(source, mode, seekSeconds, TIMING_FROM_ZERO, FRAGMENTED_FROM_ZERO_TO_STDOUT);
    }

    private static List<String> compat(String source, CompatMode mode, BigDecimal startSeconds, List<String> timing,
            List<String> container) {
        List<String> args = new ArrayList<>(QUIET);
        args.add("-fflags");
        args.add("+genpts+igndts+discardcorrupt");
        String start = seconds(startSeconds);
        if (startSeconds.signum() > 0 && !start.equals("0")) {
            args.add("-ss");
            args.add(start);
        }
        args.add("-i");
        args.add(source);
        args.addAll(STREAMS);
        args.addAll(mode == CompatMode.REENCODE ? VIDEO_REENCODE : VIDEO_COPY);
        addAudio(args, RESAMPLE);
        args.addAll(timing);
        args.addAll(container);
        return List.copyOf(args);
    }

    /** ffprobe printing the time of the first video keyframe from a seek to {@code start} (the one at or before it). */
    static List<String> keyframeAtOrBefore(String source, BigDecimal start) {
        return List.of("-v", "error", "-select_streams", "v:0", "-skip_frame", "nokey",
                "-show_entries", "frame=pts_time", "-read_intervals", seconds(start) + "%+#1",
                "-of", "csv=p=0", source);
    }

    /**
     * Initial remux of a full, non-raw Drive request (§6.6): copy mode without {@code igndts},
     * resampling without {@code min_hard_comp}, and no interleaving or mux delay so the first
     * bytes leave as soon as possible (those flags go with the other output-timing flags).
     */
    public static List<String> initialRemux(String source) {
        List<String> args = new ArrayList<>(QUIET);
        args.add("-fflags");
        args.add("+genpts+discardcorrupt");
        args.add("-i");
        args.add(source);
        args.addAll(STREAMS);
        args.addAll(VIDEO_COPY);
        addAudio(args, RESAMPLE_REMUX);
        args.addAll(TIMING);
        args.addAll(List.of("-max_interleave_delta", "0", "-muxdelay", "0", "-muxpreload", "0"));
        args.addAll(FRAGMENTED_TO_STDOUT);
        return List.copyOf(args);
    }

    /** Repair (§7.3): a seekable MP4 with the index in front, written to {@code artifact} (always the last argument). */
    public static List<String> repair(String source, Path artifact) {
        List<String> args = new ArrayList<>(QUIET);
        args.add("-y");
        args.add("-fflags");
        args.add("+genpts+igndts+discardcorrupt");
        args.add("-i");
        args.add(source);
        args.addAll(STREAMS);
        args.addAll(VIDEO_COPY);
        addAudio(args, RESAMPLE);
        args.addAll(TIMING);
        args.addAll(List.of("-movflags", "+faststart", "-f", "mp4"));
        // Absolute, so the path starts with '/' and FFmpeg reads it neither as an option nor as a protocol.
        args.add(artifact.toAbsolutePath().toString());
        return List.copyOf(args);
    }

    /** The duration fallback when no ffprobe sits next to the binary: FFmpeg prints {@code Duration:} and exits. */
    static List<String> durationByFfmpeg(String source) {
        return List.of("-hide_banner", "-nostdin", "-i", source);
    }

    /** ffprobe printing only the container duration in seconds ({@code N/A} when unknown). */
    static List<String> durationByFfprobe(String source) {
        return List.of("-v", "error", "-show_entries", "format=duration",
                "-of", "default=noprint_wrappers=1:nokey=1", source);
    }

    /** Seconds with up to 3 decimals, no exponent and no trailing zeros: {@code 12.5}, {@code 90}, {@code 0.001}. */
    public static String seconds(BigDecimal value) {
        BigDecimal rounded = value.setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.signum() == 0 ? "0" : rounded.toPlainString();
    }

    private static void addAudio(List<String> args, String resample) {
        args.addAll(List.of("-c:a", "aac", "-ar", "48000", "-af", resample));
    }
}
