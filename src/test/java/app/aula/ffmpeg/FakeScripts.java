package app.aula.ffmpeg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Fake FFmpeg binaries for tests: small {@code /bin/sh} scripts written into a temp folder. */
final class FakeScripts {

    private FakeScripts() {}

    /** Writes {@code folder/name} as an executable shell script with {@code body} after the shebang. */
    static Path write(Path folder, String name, String body) throws IOException {
        Files.createDirectories(folder);
        Path script = folder.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /** An {@code ffmpeg} that answers {@code -version} with {@code exitCode} and appends one line per call to {@code calls}. */
    static Path versionAnswering(Path folder, int exitCode, Path calls) throws IOException {
        return write(folder, "ffmpeg", "echo \"$@\" >> '" + calls + "'\n"
                + "[ \"$1\" = \"-version\" ] && { echo 'ffmpeg version fake'; exit " + exitCode + "; }\nexit 0");
    }
}
