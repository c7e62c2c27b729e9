package app.aula.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolOutputsTest {

    @Test
    void ffprobeWithoutStartTimesHasNoTimestampsAndCoverArtIsNoVideo() throws ProbeFailedException {
        String json = """
                {"streams":[{"codec_type":"video","codec_name":"mjpeg","disposition":{"attached_pic":1}},
                {"codec_type":"audio","codec_name":"mp3"}],
                "format":{"format_name":"mp3","duration":"12.5","size":"2048"}}""";
        StreamFacts facts = ToolOutputs.fromFfprobeJson(json.getBytes(StandardCharsets.UTF_8));
        assertNull(facts.videoCodec());
        assertEquals(List.of("mp3"), facts.audioCodecs());
        assertEquals(12.5, facts.durationSec());
        assertEquals(2048L, facts.sizeBytes());
        assertFalse(facts.hasTimestamps());
    }

    @Test
    void ffprobeNonsenseIsAFailure() {
        assertThrows(ProbeFailedException.class, () -> ToolOutputs.fromFfprobeJson("{}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(ProbeFailedException.class, () -> ToolOutputs.fromFfprobeJson("nope".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void ffmpegInputSummary() throws ProbeFailedException {
        String stderr = """
                Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'file:/tmp/a.mp4':
                  Metadata:
                    major_brand     : isom
                  Duration: 00:01:02.50, start: 0.000000, bitrate: 100 kb/s
                  Stream #0:0[0x1](und): Video: h264 (High) (avc1 / 0x31637661), yuv420p, 160x120, 25 fps
                  Stream #0:1[0x2](und): Audio: ac3 (ac-3 / 0x332D6361), 48000 Hz, stereo, fltp, 192 kb/s
                  Stream #0:2: Video: png, rgb24, 300x300 (attached pic)
                At least one output file must be specified
                """;
        StreamFacts facts = ToolOutputs.fromFfmpegStderr(stderr);
        assertEquals("mov,mp4,m4a,3gp,3g2,mj2", facts.container());
        assertEquals("h264", facts.videoCodec());
        assertEquals(List.of("ac3"), facts.audioCodecs());
        assertEquals(62.5, facts.durationSec());
        assertTrue(facts.hasTimestamps());
        assertEquals("ffmpeg", facts.tool());
    }

    @Test
    void ffmpegWithoutStartHasNoTimestamps() throws ProbeFailedException {
        StreamFacts facts = ToolOutputs.fromFfmpegStderr("Input #0, h264, from 'file:/x.h264':\n"
                + "  Duration: N/A, bitrate: N/A\n  Stream #0:0: Video: h264 (High), yuv420p\n");
        assertFalse(facts.hasTimestamps());
        assertNull(facts.durationSec());
        assertThrows(ProbeFailedException.class, () -> ToolOutputs.fromFfmpegStderr("/x: No such file or directory"));
    }

    @Test
    void aStreamLineSeenTwiceCountsOnce() throws ProbeFailedException {
        String summary = "Input #0, matroska,webm, from 'x':\n  Stream #0:0: Audio: opus, 48000 Hz\n";
        assertEquals(List.of("opus"), ToolOutputs.fromFfmpegStderr(summary + "\n" + summary).audioCodecs());
    }
}
