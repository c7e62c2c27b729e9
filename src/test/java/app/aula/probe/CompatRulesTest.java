package app.aula.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompatRulesTest {

    private final CompatRules rules = new CompatRules(100);

    private static StreamFacts facts(String video, List<String> audio, boolean timestamps) {
        return new StreamFacts("mov,mp4,m4a,3gp,3g2,mj2", video, audio, 2.0, timestamps, 50L, "ffprobe");
    }

    @Test
    void browserCodecsWithTimestampsNeedNothing() {
        for (String video : List.of("h264", "vp9", "av1")) {
            for (String audio : List.of("aac", "mp3", "opus")) {
                assertEquals(List.of(), rules.reasons(facts(video, List.of(audio), true), MoovPosition.FRONT, 50L));
            }
        }
    }

    @Test
    void otherAudioCodecsNeedCompatOncePerCodec() {
        assertEquals(List.of("audio:ac3"),
                rules.reasons(facts("h264", List.of("aac", "ac3", "ac3"), true), MoovPosition.FRONT, 50L));
        assertEquals(List.of("audio:flac", "audio:dts"),
                rules.reasons(facts(null, List.of("flac", "dts"), true), MoovPosition.UNKNOWN, 50L));
    }

    @Test
    void otherVideoCodecsNeedCompat() {
        assertEquals(List.of("video:hevc"), rules.reasons(facts("hevc", List.of("aac"), true), MoovPosition.FRONT, 50L));
        assertEquals(List.of("video:mpeg2video", "audio:mp2"),
                rules.reasons(facts("mpeg2video", List.of("mp2"), true), MoovPosition.UNKNOWN, 50L));
    }

    @Test
    void moovAtTheEndCountsOnlyAboveTheThresholdOrWithUnknownSize() {
        StreamFacts fine = facts("h264", List.of("aac"), true);
        assertEquals(List.of(), rules.reasons(fine, MoovPosition.END, 100L));
        assertEquals(List.of("moov_at_end"), rules.reasons(fine, MoovPosition.END, 101L));
        assertEquals(List.of("moov_at_end"), rules.reasons(fine, MoovPosition.END, null));
        assertEquals(List.of(), rules.reasons(fine, MoovPosition.FRONT, 10_000L));
        assertEquals(List.of(), rules.reasons(fine, MoovPosition.UNKNOWN, 10_000L));
    }

    @Test
    void missingTimestampsNeedCompat() {
        assertEquals(List.of("missing_timestamps"),
                rules.reasons(facts("h264", List.of("aac"), false), MoovPosition.FRONT, 50L));
    }

    @Test
    void defaultThresholdIs32MiB() {
        assertEquals(32L * 1024 * 1024, CompatRules.defaults().moovEndThresholdBytes());
    }
}
