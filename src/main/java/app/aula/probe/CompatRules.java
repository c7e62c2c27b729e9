package app.aula.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code needsCompat} verdict of the issue, as reasons: audio that is not AAC, MP3 or Opus;
 * video that is not H.264, VP9 or AV1; {@code moov} at the end of a file larger than the
 * threshold; missing timestamps. No reason means direct playback is expected to work.
 *
 * @param moovEndThresholdBytes a file with {@code moov} at the end counts only when it is larger
 *     than this (default {@link #DEFAULT_MOOV_END_THRESHOLD}); small files load whole quickly anyway
 */
public record CompatRules(long moovEndThresholdBytes) {

    /** 32 MiB: about a minute of 4 Mbit/s video, which a browser reads to the end without much delay. */
    public static final long DEFAULT_MOOV_END_THRESHOLD = 32L * 1024 * 1024;

    static final Set<String> DIRECT_AUDIO = Set.of("aac", "mp3", "opus");
    static final Set<String> DIRECT_VIDEO = Set.of("h264", "vp9", "av1");

    public static CompatRules defaults() {
        return new CompatRules(DEFAULT_MOOV_END_THRESHOLD);
    }

    /**
     * The reasons, in a fixed order: {@code video:<codec>}, one {@code audio:<codec>} per distinct
     * unsupported audio codec, {@code moov_at_end}, {@code missing_timestamps}.
     *
     * @param sizeBytes the file size; null (unknown) counts as large, so a doubtful file gets compat
     */
    public List<String> reasons(StreamFacts facts, MoovPosition moov, Long sizeBytes) {
        List<String> reasons = new ArrayList<>();
        if (facts.videoCodec() != null && !DIRECT_VIDEO.contains(facts.videoCodec().toLowerCase(Locale.ROOT))) {
            reasons.add("video:" + facts.videoCodec());
        }
        for (String audio : facts.audioCodecs()) {
            String reason = "audio:" + audio;
            if (!DIRECT_AUDIO.contains(audio.toLowerCase(Locale.ROOT)) && !reasons.contains(reason)) {
                reasons.add(reason);
            }
        }
        if (moov == MoovPosition.END && (sizeBytes == null || sizeBytes > moovEndThresholdBytes)) {
            reasons.add("moov_at_end");
        }
        if (!facts.hasTimestamps()) {
            reasons.add("missing_timestamps");
        }
        return List.copyOf(reasons);
    }
}
