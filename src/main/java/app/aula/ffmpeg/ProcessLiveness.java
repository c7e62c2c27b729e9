package app.aula.ffmpeg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Whether a process still runs, counting a zombie as ended. {@link ProcessHandle#isAlive()} calls
 * a zombie alive, and a killed FFmpeg descendant becomes one when its parent dies first and the
 * container's init does not reap it: it holds no resources, so for "is it gone" it is gone.
 */
final class ProcessLiveness {

    private ProcessLiveness() {}

    static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"), StandardCharsets.UTF_8);
            int close = stat.lastIndexOf(')'); // the command name may itself contain ')' or spaces
            char state = close > 0 && stat.length() > close + 2 ? stat.charAt(close + 2) : '?';
            return state != 'Z' && state != 'X';
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException | RuntimeException e) {
            return true; // no /proc: trust isAlive()
        }
    }
}
