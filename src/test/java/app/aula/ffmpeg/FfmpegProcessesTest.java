package app.aula.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegProcessesTest {

    @TempDir
    Path temp;

    private final FfmpegProcesses processes = new FfmpegProcesses();

    @AfterEach
    void closeAll() {
        processes.closeAll();
    }

    /** A script with a unique name, so /proc can tell whether it still runs. */
    private Path script(String body) throws IOException {
        return FakeScripts.write(temp, "fake-ffmpeg-" + UUID.randomUUID() + ".sh", body);
    }

    /**
     * Prints to stderr in a loop, ignores SIGTERM, and has a child that ignores it too. SIGPIPE
     * is ignored as well: {@code destroy()} closes the JDK's end of the pipes, and a plain script
     * would die of its next write instead of waiting for the kill.
     */
    private Path stubborn() throws IOException {
        return script("trap '' TERM PIPE\n"
                + "(trap '' TERM PIPE; while :; do sleep 1; done) &\n"
                + "i=0\nwhile :; do i=$((i+1)); echo \"noise line $i\" >&2; done");
    }

    /** The number of the newest complete {@code noise line N} in the stderr tail, or 0. */
    private static int lastNoise(FfmpegProcess process) {
        String tail = process.stderrTail();
        int end = tail.lastIndexOf('\n');
        int start = tail.lastIndexOf("noise line ", end);
        try {
            return start < 0 || end < 0 ? 0 : Integer.parseInt(tail.substring(start + "noise line ".length(), end));
        } catch (NumberFormatException e) {
            return 0; // the newest line is something else
        }
    }

    @Test
    void stdoutStderrAndExitCodeOfANormalRun() throws Exception {
        Path fake = script("echo out-bytes; echo 'first error' >&2; echo 'second' >&2; exit 3");
        FfmpegProcess process = processes.start(List.of(fake.toString(), "-nostdin"), StdoutTarget.PIPE, "test");
        assertEquals("out-bytes\n", new String(process.stdout().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(OptionalInt.of(3), process.waitForExit(Duration.ofSeconds(2)));
        assertEquals("first error\nsecond\n", process.stderrTail());
        assertEquals("first error", process.firstStderrLine());
        assertEquals("first error", process.stderrHead(11));
        assertEquals(List.of(fake.toString(), "-nostdin"), process.command());
    }

    @Test
    void argumentsAreNeverInterpretedByAShell() throws Exception {
        Path fake = script("for a in \"$@\"; do printf '%s\\n' \"$a\"; done");
        List<String> tricky = List.of("$(touch " + temp.resolve("pwned") + ")", "a b", "*", "';exit 9'");
        List<String> command = new java.util.ArrayList<>(List.of(fake.toString()));
        command.addAll(tricky);
        FfmpegProcess process = processes.start(command, StdoutTarget.PIPE, "test");
        String out = new String(process.stdout().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(String.join("\n", tricky) + "\n", out);
        assertEquals(OptionalInt.of(0), process.waitForExit(Duration.ofSeconds(2)));
        assertFalse(Files.exists(temp.resolve("pwned")));
    }

    @Test
    void stdinIsAtEndOfFile() throws Exception {
        Path fake = script("if read line; then echo got-input; else echo stdin-eof; fi");
        FfmpegProcess process = processes.start(List.of(fake.toString()), StdoutTarget.PIPE, "test");
        assertEquals("stdin-eof\n", new String(process.stdout().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void discardedStdoutReadsAsEmpty() throws Exception {
        Path fake = script("echo lots of output");
        FfmpegProcess process = processes.start(List.of(fake.toString()), StdoutTarget.DISCARD, "test");
        assertEquals(OptionalInt.of(0), process.waitForExit(Duration.ofSeconds(2)));
        assertEquals(0, process.stdout().readAllBytes().length);
    }

    @Test
    void aProcessIgnoringSigtermIsKilledWithItsChildWithinTwoSeconds() throws Exception {
        Path fake = stubborn();
        FfmpegProcess process = processes.start(List.of(fake.toString()), StdoutTarget.PIPE, "stubborn");
        assertTrue(Waiting.until(Duration.ofSeconds(5), () -> lastNoise(process) >= 500
                && process.toHandle().descendants().findAny().isPresent()));
        List<ProcessHandle> family = process.toHandle().descendants().toList();

        long started = System.nanoTime();
        process.terminate().get(3, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertTrue(took.compareTo(Duration.ofMillis(900)) >= 0, "SIGTERM was ignored, so the kill comes after 1 s: " + took);
        assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "gone within 2 s: " + took);
        assertFalse(process.toHandle().isAlive());
        assertTrue(Waiting.until(Duration.ofSeconds(1), () -> family.stream().noneMatch(ProcessLiveness::running)),
                "descendants killed too");
        assertEquals(List.of(), Waiting.processesMentioning(fake.toString()));
        assertTrue(process.waitForExit(Duration.ofSeconds(2)).isPresent());
    }

    @Test
    void theStderrRingKeepsOnlyTheLast4KiBOfAContinuousStream() throws Exception {
        FfmpegProcess process = processes.start(List.of(stubborn().toString()), StdoutTarget.PIPE, "stubborn");
        assertTrue(Waiting.until(Duration.ofSeconds(10), () -> lastNoise(process) >= 5000));
        process.terminate().get(3, TimeUnit.SECONDS);
        process.waitForExit(Duration.ofSeconds(2));
        String tail = process.stderrTail();
        assertTrue(tail.length() <= 4096 && tail.length() > 4000, "length " + tail.length());
        assertFalse(tail.contains("noise line 1\n"), "old lines are gone");
        assertEquals("noise line 1", process.firstStderrLine(), "the first line is kept apart");
        assertTrue(lastNoise(process) >= 5000, "the ring holds the newest lines");
    }

    @Test
    void terminateAfterStopsAProcessThatRunsTooLong() throws Exception {
        Path fake = script("exec sleep 30");
        FfmpegProcess process = processes.start(List.of(fake.toString()), StdoutTarget.DISCARD, "slow")
                .terminateAfter(Duration.ofMillis(200));
        assertTrue(process.waitForExit(Duration.ofSeconds(3)).isPresent());
        assertTrue(process.timedOut());
    }

    @Test
    void exitCodeWithinGivesTheCodeOrTerminatesWhenLate() throws Exception {
        Path quick = script("exit 0");
        FfmpegProcess done = processes.start(List.of(quick.toString()), StdoutTarget.DISCARD, "quick");
        assertEquals(OptionalInt.of(0), done.exitCodeWithin(Duration.ofSeconds(2)).get(3, TimeUnit.SECONDS));

        Path late = script("exec sleep 30");
        FfmpegProcess slow = processes.start(List.of(late.toString()), StdoutTarget.DISCARD, "late");
        assertEquals(OptionalInt.empty(), slow.exitCodeWithin(Duration.ofMillis(100)).get(3, TimeUnit.SECONDS));
        assertTrue(Waiting.until(Duration.ofSeconds(2), () -> !slow.isAlive()), "a late process is terminated");
    }

    @Test
    void registryTracksRunningProcesses() throws Exception {
        FfmpegProcess process = processes.start(List.of(script("exec sleep 30").toString()), StdoutTarget.DISCARD, "r");
        assertEquals(List.of(process), processes.snapshot());
        process.terminate().get(3, TimeUnit.SECONDS);
        assertTrue(Waiting.until(Duration.ofSeconds(3), () -> processes.running() == 0));
    }

    @Test
    void closeAllKillsEveryProcessAndLeavesNoThreadOrChild() throws Exception {
        Path first = stubborn();
        Path second = script("exec sleep 30");
        FfmpegProcess a = processes.start(List.of(first.toString()), StdoutTarget.PIPE, "a");
        FfmpegProcess b = processes.start(List.of(second.toString()), StdoutTarget.DISCARD, "b");
        b.terminateAfter(Duration.ofHours(2)); // a pending timer task must not keep a thread either
        assertTrue(Waiting.until(Duration.ofSeconds(5), () -> lastNoise(a) >= 100));
        assertFalse(Waiting.threadsNamed("aula-ffmpeg").isEmpty());

        long started = System.nanoTime();
        assertTrue(processes.closeAll());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(4)) < 0);

        assertFalse(a.toHandle().isAlive());
        assertFalse(b.toHandle().isAlive());
        assertEquals(List.of(), Waiting.processesMentioning(first.toString()));
        assertEquals(List.of(), Waiting.processesMentioning(second.toString()));
        assertTrue(Waiting.until(Duration.ofSeconds(2), () -> Waiting.threadsNamed("aula-ffmpeg").isEmpty()),
                "threads left: " + Waiting.threadsNamed("aula-ffmpeg"));
        assertEquals(List.of(), ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(child -> child.info().commandLine().orElse("").contains(temp.toString())).toList());
        assertThrows(IOException.class,
                () -> processes.start(List.of(second.toString()), StdoutTarget.DISCARD, "after close"));
    }
}
