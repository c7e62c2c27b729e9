package app.aula.repair;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A fake FFmpeg as a real {@code #!/bin/sh} script (media.md §7.4): exits 0 on {@code -version},
 * appends its argument list to a record file, and writes {@code 0123456789} to its last argument.
 * Variants block until a gate file appears, fail with stderr and an exit code, write nothing, or
 * age / grow their output (sparse) to exercise eviction.
 */
final class FakeFfmpeg {

    static final String OUTPUT = "0123456789";
    private static final String END_OF_CALL = "--end-of-call--";

    private final Path folder;
    private final Path script;
    private final Path record;
    private final Path pidFile;
    private final Path gate;
    private boolean blocking;
    private String failureStderr;
    private int failureExit;
    private boolean writesOutput = true;
    private boolean oldOutput;
    private String outputSize;

    private FakeFfmpeg(Path folder) {
        this.folder = folder;
        this.script = folder.resolve("ffmpeg");
        this.record = folder.resolve("argv.txt");
        this.pidFile = folder.resolve("ffmpeg.pid");
        this.gate = folder.resolve("gate");
    }

    /** A fake that succeeds at once; configure variants, then {@link #install()}. */
    static FakeFfmpeg in(Path folder) {
        return new FakeFfmpeg(folder);
    }

    /** Waits until {@link #openGate()} before producing output. */
    FakeFfmpeg blockingUntilGate() {
        blocking = true;
        return this;
    }

    /** Writes a partial output, then {@code stderr} to stderr, then exits with {@code exitCode}. */
    FakeFfmpeg failing(String stderr, int exitCode) {
        failureStderr = stderr;
        failureExit = exitCode;
        return this;
    }

    /** Exits 0 without writing its output file. */
    FakeFfmpeg withoutOutput() {
        writesOutput = false;
        return this;
    }

    /** Dates its output to the year 2000, so it is the oldest artifact. */
    FakeFfmpeg withOldOutput() {
        oldOutput = true;
        return this;
    }

    /** Extends its output to {@code size} ({@code truncate -s} syntax, e.g. {@code 150M}) as a sparse file. */
    FakeFfmpeg withOutputSize(String size) {
        outputSize = size;
        return this;
    }

    /** Writes the script and makes it executable; returns its path. */
    Path install() throws IOException {
        StringBuilder sh = new StringBuilder("#!/bin/sh\n");
        sh.append("if [ \"$1\" = \"-version\" ]; then echo 'ffmpeg version 0.0-fake'; exit 0; fi\n");
        sh.append("echo $$ > ").append(quote(pidFile)).append('\n');
        sh.append("for arg in \"$@\"; do printf '%s\\n' \"$arg\" >> ").append(quote(record)).append("; done\n");
        sh.append("printf '%s\\n' '").append(END_OF_CALL).append("' >> ").append(quote(record)).append('\n');
        sh.append("for last in \"$@\"; do :; done\n");
        if (blocking) {
            sh.append("while [ ! -e ").append(quote(gate)).append(" ]; do sleep 0.05; done\n");
        }
        if (failureStderr != null) {
            sh.append("printf 'partial' > \"$last\"\n");
            sh.append("printf '%s' ").append(quote(failureStderr)).append(" >&2\n");
            sh.append("exit ").append(failureExit).append('\n');
        }
        if (writesOutput) {
            sh.append("printf '").append(OUTPUT).append("' > \"$last\"\n");
        }
        if (outputSize != null) {
            sh.append("truncate -s ").append(outputSize).append(" \"$last\"\n");
        }
        if (oldOutput) {
            sh.append("touch -t 200001010000 \"$last\"\n");
        }
        sh.append("exit 0\n");
        Files.writeString(script, sh.toString(), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    Path script() {
        return script;
    }

    void openGate() throws IOException {
        Files.writeString(gate, "open");
    }

    /** Every recorded call's argument list, in call order. */
    List<List<String>> calls() throws IOException {
        List<List<String>> calls = new ArrayList<>();
        if (!Files.exists(record)) {
            return calls;
        }
        List<String> current = new ArrayList<>();
        for (String line : Files.readAllLines(record, StandardCharsets.UTF_8)) {
            if (line.equals(END_OF_CALL)) {
                calls.add(current);
                current = new ArrayList<>();
            } else {
                current.add(line);
            }
        }
        return calls;
    }

    /** The pid of the latest call, once it has started. */
    Optional<Long> pid() throws IOException {
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        String text = Files.readString(pidFile).strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text));
    }

    private static String quote(Object value) {
        return "'" + value.toString().replace("'", "'\\''") + "'";
    }

    @Override
    public String toString() {
        return "FakeFfmpeg in " + folder;
    }
}
