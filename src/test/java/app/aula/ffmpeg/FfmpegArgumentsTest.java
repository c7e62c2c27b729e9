package app.aula.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FfmpegArgumentsTest {

    private static final String SOURCE = "file:/library/a b/clip.mp4";

    private static List<String> split(String arguments) {
        return List.of(arguments.split(" "));
    }

    @Test
    void compatCopyWithoutStartIsTheExactListOfSection65() {
        List<String> expected = split("-hide_banner -loglevel error -nostdin"
                + " -fflags +genpts+igndts+discardcorrupt"
                + " -i SRC"
                + " -map 0:v:0 -map 0:a?"
                + " -c:v copy"
                + " -c:a aac -ar 48000 -af aresample=async=1:min_hard_comp=0.100:first_pts=0"
                + " -avoid_negative_ts make_zero"
                + " -movflags +frag_keyframe+empty_moov+default_base_moof -f mp4 pipe:1")
                .stream().map(arg -> arg.equals("SRC") ? SOURCE : arg).toList();
        assertEquals(expected, FfmpegArguments.compat(SOURCE, CompatMode.COPY));
        assertEquals(expected, FfmpegArguments.compat(SOURCE, CompatMode.COPY, 0.0));
        assertEquals(expected, FfmpegArguments.compat(SOURCE, CompatMode.COPY, BigDecimal.ZERO));
    }

    @Test
    void compatReencodeWithoutStartAddsTheH264GroupInPlaceOfCopy() {
        List<String> expected = split("-hide_banner -loglevel error -nostdin"
                + " -fflags +genpts+igndts+discardcorrupt"
                + " -i SRC"
                + " -map 0:v:0 -map 0:a?"
                + " -c:v libx264 -preset veryfast -pix_fmt yuv420p -g 48 -keyint_min 48 -sc_threshold 0"
                + " -c:a aac -ar 48000 -af aresample=async=1:min_hard_comp=0.100:first_pts=0"
                + " -avoid_negative_ts make_zero"
                + " -movflags +frag_keyframe+empty_moov+default_base_moof -f mp4 pipe:1")
                .stream().map(arg -> arg.equals("SRC") ? SOURCE : arg).toList();
        assertEquals(expected, FfmpegArguments.compat(SOURCE, CompatMode.REENCODE));
    }

    @Test
    void compatCopyWithStartPutsSeekBeforeTheInput() {
        List<String> expected = split("-hide_banner -loglevel error -nostdin"
                + " -fflags +genpts+igndts+discardcorrupt"
                + " -ss 12.5"
                + " -i SRC"
                + " -map 0:v:0 -map 0:a?"
                + " -c:v copy"
                + " -c:a aac -ar 48000 -af aresample=async=1:min_hard_comp=0.100:first_pts=0"
                + " -avoid_negative_ts make_zero"
                + " -movflags +frag_keyframe+empty_moov+default_base_moof -f mp4 pipe:1")
                .stream().map(arg -> arg.equals("SRC") ? SOURCE : arg).toList();
        assertEquals(expected, FfmpegArguments.compat(SOURCE, CompatMode.COPY, 12.5));
        assertEquals(expected, FfmpegArguments.compat(SOURCE, CompatMode.COPY, new BigDecimal("12.500")));
    }

    @Test
    void compatReencodeWithStartPutsSeekBeforeTheInput() {
        List<String> expected = split("-hide_banner -loglevel error -nostdin"
                + " -fflags +genpts+igndts+discardcorrupt"
                + " -ss 0.001"
                + " -i SRC"
                + " -map 0:v:0 -map 0:a?"
                + " -c:v libx264 -preset veryfast -pix_fmt yuv420p -g 48 -keyint_min 48 -sc_threshold 0"
                + " -c:a aac -ar 48000 -af aresample=async=1:min_hard_comp=0.100:first_pts=0"
                + " -avoid_negative_ts make_zero"
                + " -movflags +frag_keyframe+empty_moov+default_base_moof -f mp4 pipe:1")
                .stream().map(arg -> arg.equals("SRC") ? SOURCE : arg).toList();
        assertEquals(expected, FfmpegArguments.compat(SOURCE, CompatMode.REENCODE, 0.001));
    }

    @Test
    void startIsWrittenWithAtMostThreeDecimalsAndNoExponent() {
        assertEquals("86400", FfmpegArguments.seconds(new BigDecimal("86400")));
        assertEquals("90", FfmpegArguments.seconds(BigDecimal.valueOf(90.0)));
        assertEquals("0.001", FfmpegArguments.seconds(BigDecimal.valueOf(1e-3)));
        assertEquals("1.235", FfmpegArguments.seconds(new BigDecimal("1.2345")));
        assertEquals("100", FfmpegArguments.seconds(new BigDecimal("1E+2")));
        assertEquals("0", FfmpegArguments.seconds(new BigDecimal("0.000")));
        List<String> args = FfmpegArguments.compat(SOURCE, CompatMode.COPY, 1e-7);
        assertFalse(args.contains("-ss"), "a start that rounds to 0 seeks nowhere: " + args);
        assertFalse(FfmpegArguments.compat(SOURCE, CompatMode.COPY, -3).contains("-ss"));
    }

    @Test
    void initialRemuxIsCopyModeWithoutIgndtsOrMinHardCompAndWithoutMuxDelays() {
        List<String> expected = split("-hide_banner -loglevel error -nostdin"
                + " -fflags +genpts+discardcorrupt"
                + " -i SRC"
                + " -map 0:v:0 -map 0:a?"
                + " -c:v copy"
                + " -c:a aac -ar 48000 -af aresample=async=1:first_pts=0"
                + " -avoid_negative_ts make_zero -max_interleave_delta 0 -muxdelay 0 -muxpreload 0"
                + " -movflags +frag_keyframe+empty_moov+default_base_moof -f mp4 pipe:1")
                .stream().map(arg -> arg.equals("SRC") ? SOURCE : arg).toList();
        assertEquals(expected, FfmpegArguments.initialRemux(SOURCE));
    }

    @Test
    void repairIsTheExactListOfSection73WithTheArtifactLast() {
        Path artifact = Path.of("/data/repaired_videos/abc.mp4");
        String source = "http://127.0.0.1:8080/drive/files/abc?raw=1";
        List<String> expected = split("-hide_banner -loglevel error -nostdin -y"
                + " -fflags +genpts+igndts+discardcorrupt -i SRC"
                + " -map 0:v:0 -map 0:a? -c:v copy -c:a aac -ar 48000"
                + " -af aresample=async=1:min_hard_comp=0.100:first_pts=0"
                + " -avoid_negative_ts make_zero -movflags +faststart -f mp4 /data/repaired_videos/abc.mp4")
                .stream().map(arg -> arg.equals("SRC") ? source : arg).toList();
        List<String> actual = FfmpegArguments.repair(source, artifact);
        assertEquals(expected, actual);
        assertEquals(artifact.toString(), actual.get(actual.size() - 1));
    }

    @Test
    void repairMakesARelativeArtifactPathAbsolute() {
        List<String> actual = FfmpegArguments.repair("file:/x.mp4", Path.of("repaired_videos/x.mp4"));
        String last = actual.get(actual.size() - 1);
        assertEquals(Path.of("repaired_videos/x.mp4").toAbsolutePath().toString(), last);
    }

    @Test
    void durationArgumentListsAreExact() {
        assertEquals(List.of("-hide_banner", "-nostdin", "-i", SOURCE), FfmpegArguments.durationByFfmpeg(SOURCE));
        assertEquals(List.of("-v", "error", "-show_entries", "format=duration", "-of",
                "default=noprint_wrappers=1:nokey=1", SOURCE), FfmpegArguments.durationByFfprobe(SOURCE));
    }

    @Test
    void compatFromZeroKeepsTheTimestampsAndHidesTheDecoderDelayWithAnEditListInADelayedMoov() {
        List<String> expected = split("-hide_banner -loglevel error -nostdin"
                + " -fflags +genpts+igndts+discardcorrupt"
                + " -ss 2.04"
                + " -i SRC"
                + " -map 0:v:0 -map 0:a?"
                + " -c:v copy"
                + " -c:a aac -ar 48000 -af aresample=async=1:min_hard_comp=0.100:first_pts=0"
                + " -avoid_negative_ts disabled -use_editlist 1"
                + " -movflags +frag_keyframe+delay_moov+default_base_moof -f mp4 pipe:1")
                .stream().map(arg -> arg.equals("SRC") ? SOURCE : arg).toList();
        assertEquals(expected, FfmpegArguments.compatFromZero(SOURCE, CompatMode.COPY, new BigDecimal("2.040")));
    }

    @Test
    void compatFromZeroAtZeroHasNoSeek() {
        assertFalse(FfmpegArguments.compatFromZero(SOURCE, CompatMode.REENCODE, BigDecimal.ZERO).contains("-ss"));
    }

    @Test
    void theKeyframeProbeAsksFfprobeForTheFirstKeyframeFromASeekToTheStart() {
        assertEquals(split("-v error -select_streams v:0 -skip_frame nokey -show_entries frame=pts_time"
                + " -read_intervals 12.5%+#1 -of csv=p=0").stream().toList(),
                FfmpegArguments.keyframeAtOrBefore(SOURCE, new BigDecimal("12.500")).subList(0, 12));
        assertEquals(SOURCE, FfmpegArguments.keyframeAtOrBefore(SOURCE, BigDecimal.ONE).get(12));
    }
}
