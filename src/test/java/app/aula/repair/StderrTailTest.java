package app.aula.repair;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** media.md §6.4: stderr is drained into a ring buffer that keeps only its last bytes. */
class StderrTailTest {

    @Test
    void shortOutputIsKeptWhole() {
        StderrTail tail = new StderrTail(16);
        tail.drain(new ByteArrayInputStream("error: x".getBytes(StandardCharsets.UTF_8)));
        assertEquals("error: x", tail.text());
    }

    @Test
    void longOutputKeepsOnlyTheLastCapacityBytes() {
        StderrTail tail = new StderrTail(4096);
        String text = "a".repeat(5000) + "b".repeat(4000) + "END";
        tail.drain(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(text.substring(text.length() - 4096), tail.text());
    }

    @Test
    void aCharacterCutAtTheStartOfTheTailIsDropped() {
        StderrTail tail = new StderrTail(5);
        tail.drain(new ByteArrayInputStream("xxé1234".getBytes(StandardCharsets.UTF_8)));
        assertEquals("1234", tail.text(), "only the second byte of é was kept");
    }
}
