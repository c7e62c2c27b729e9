package app.aula.repair;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A ring buffer that keeps the last {@code capacity} bytes a process wrote to stderr (media.md
 * §6.4: drained continuously, so FFmpeg never blocks on a full pipe, and memory stays bounded).
 */
final class StderrTail {

    private final byte[] ring;
    private long written;

    StderrTail(int capacity) {
        this.ring = new byte[capacity];
    }

    /** Reads {@code stderr} to its end (or its first read error), keeping the tail. */
    void drain(InputStream stderr) {
        byte[] chunk = new byte[1024];
        try (stderr) {
            int read;
            while ((read = stderr.read(chunk)) >= 0) {
                append(chunk, read);
            }
        } catch (IOException e) {
            // The stream closes under us when the process is killed; what was kept stays.
        }
    }

    synchronized void append(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            ring[(int) (written++ % ring.length)] = bytes[i];
        }
    }

    /**
     * The kept bytes as text. Bytes that are not valid UTF-8 (including a character cut at the
     * start of the tail) are dropped, as the original's {@code decode(errors="ignore")} did.
     */
    synchronized String text() {
        int kept = (int) Math.min(written, ring.length);
        byte[] ordered = new byte[kept];
        int start = (int) ((written - kept) % ring.length);
        for (int i = 0; i < kept; i++) {
            ordered[i] = ring[(start + i) % ring.length];
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.IGNORE)
                    .onUnmappableCharacter(CodingErrorAction.IGNORE)
                    .decode(ByteBuffer.wrap(ordered))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("IGNORE decoding cannot fail", e);
        }
    }
}
