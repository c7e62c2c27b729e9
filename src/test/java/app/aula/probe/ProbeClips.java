package app.aula.probe;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One-second test clips made by the real FFmpeg, and where that FFmpeg is. */
final class ProbeClips {

    private ProbeClips() {}

    /** The first {@code ffmpeg} on {@code PATH}. */
    static Path ffmpegOnPath() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "ffmpeg");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("ffmpeg not on PATH");
    }

    /** Encodes 1 s of test picture and tone with the given codecs and muxer options into {@code out}. */
    static Path make(Path out, String videoCodec, String audioCodec, String... extra) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ffmpegOnPath().toString(), "-hide_banner", "-loglevel", "error",
                "-nostdin", "-y", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=25:duration=1", "-f", "lavfi", "-i",
                "sine=frequency=440:duration=1", "-c:v", videoCodec, "-c:a", audioCodec));
        if (videoCodec.equals("libx264")) {
            command.addAll(List.of("-pix_fmt", "yuv420p", "-preset", "ultrafast"));
        }
        command.addAll(List.of(extra));
        command.add(out.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("ffmpeg failed to make " + out + ": " + new String(output));
        }
        return out;
    }
}
