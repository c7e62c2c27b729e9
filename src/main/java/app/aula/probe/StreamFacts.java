package app.aula.probe;

import java.util.List;

/**
 * What the probing tool said about one input, before any verdict.
 *
 * @param container FFmpeg's demuxer name list ({@code mov,mp4,m4a,3gp,3g2,mj2}, {@code matroska,webm})
 * @param videoCodec the first real video stream's codec (cover art excluded), or null for none
 * @param audioCodecs the codec of every audio stream, in stream order
 * @param durationSec the container duration, or null when the tool gave none
 * @param hasTimestamps false when the container or an audio/video stream has no start time
 * @param sizeBytes the input's size as the tool reported it, or null
 * @param tool {@code ffprobe} or {@code ffmpeg} (the fallback, which reports less)
 */
public record StreamFacts(String container, String videoCodec, List<String> audioCodecs, Double durationSec,
        boolean hasTimestamps, Long sizeBytes, String tool) {

    public StreamFacts {
        audioCodecs = List.copyOf(audioCodecs);
    }

    /** True for the inputs whose top-level boxes are worth scanning for {@code moov}. */
    boolean isMp4Family() {
        return container != null && (container.contains("mp4") || container.contains("mov"));
    }
}
