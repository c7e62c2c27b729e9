package app.aula.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StderrBufferTest {

    private static void append(StderrBuffer buffer, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        buffer.append(bytes, 0, bytes.length);
    }

    @Test
    void shortOutputIsKeptWhole() {
        StderrBuffer buffer = new StderrBuffer();
        append(buffer, "first\n");
        append(buffer, "second\n");
        assertEquals("first\nsecond\n", buffer.tail());
        assertEquals("first", buffer.firstLine());
        assertEquals(13, buffer.size());
    }

    @Test
    void ringKeepsExactlyTheLast4KiBAcrossManySmallWrites() {
        StderrBuffer buffer = new StderrBuffer();
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            String line = "line " + i + "\n";
            all.append(line);
            append(buffer, line);
        }
        String expected = all.substring(all.length() - StderrBuffer.TAIL_BYTES);
        assertEquals(expected, buffer.tail());
        assertEquals(all.length(), buffer.size());
        assertEquals("line 0", buffer.firstLine());
    }

    @Test
    void aSingleWriteLargerThanTheRingKeepsItsLast4KiB() {
        StderrBuffer buffer = new StderrBuffer();
        append(buffer, "x".repeat(100));
        String big = "a".repeat(5000) + "b".repeat(4000) + "END";
        append(buffer, big);
        assertEquals(big.substring(big.length() - 4096), buffer.tail());
        assertEquals(4096, buffer.tail().length());
    }

    @Test
    void aCharacterCutAtTheRingStartIsDropped() {
        StderrBuffer buffer = new StderrBuffer();
        append(buffer, "é".repeat(3000)); // 6000 bytes: the ring starts on a whole character
        append(buffer, "z");               // now it starts in the middle of one
        String tail = buffer.tail();
        assertTrue(tail.endsWith("z"));
        assertTrue(tail.chars().limit(tail.length() - 1).allMatch(c -> c == 'é'), "no replacement character: " + tail.charAt(0));
        assertEquals(4095 / 2 + 1, tail.length());
    }

    @Test
    void firstLineSkipsBlankLinesAndIsCutAt300Characters() {
        StderrBuffer buffer = new StderrBuffer();
        append(buffer, "\r\n  \n" + "e".repeat(400) + "\nnext");
        assertEquals("e".repeat(300), buffer.firstLine());
        assertEquals("", new StderrBuffer().firstLine());
    }

    @Test
    void headKeepsTheStartAfterTheRingHasMovedOn() {
        StderrBuffer buffer = new StderrBuffer();
        append(buffer, "  Error opening input: No such file\n");
        append(buffer, "noise\n".repeat(2000));
        assertEquals("Error opening input", buffer.head(19));
        assertTrue(buffer.head(2000).length() <= StderrBuffer.HEAD_BYTES);
        assertTrue(!buffer.tail().contains("Error opening input"));
    }
}
