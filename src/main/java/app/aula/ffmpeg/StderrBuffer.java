package app.aula.ffmpeg;

import java.nio.charset.StandardCharsets;

/**
 * What a process wrote to stderr, in bounded memory: the last {@value #TAIL_BYTES} bytes (a ring)
 * for logs and {@code lastError}, and the first {@value #HEAD_BYTES} bytes, because the first
 * error line (the 502 detail, the repair error) may have left the ring long ago. Thread-safe: one
 * drain thread appends while request or worker threads read.
 */
final class StderrBuffer {

    static final int TAIL_BYTES = 4096;
    static final int HEAD_BYTES = 1024;
    static final int FIRST_LINE_CHARS = 300;

    private final byte[] ring = new byte[TAIL_BYTES];
    private final byte[] head = new byte[HEAD_BYTES];
    private int headLength;
    /** Every byte ever appended; the ring holds the last min(written, TAIL_BYTES) of them. */
    private long written;

    synchronized void append(byte[] bytes, int offset, int length) {
        int toHead = Math.min(length, HEAD_BYTES - headLength);
        if (toHead > 0) {
            System.arraycopy(bytes, offset, head, headLength, toHead);
            headLength += toHead;
        }
        // Of a write longer than the ring only its last TAIL_BYTES can survive.
        int skip = Math.max(0, length - TAIL_BYTES);
        written += skip;
        int from = offset + skip;
        int end = offset + length;
        while (from < end) {
            int position = (int) (written % TAIL_BYTES);
            int chunk = Math.min(end - from, TAIL_BYTES - position);
            System.arraycopy(bytes, from, ring, position, chunk);
            from += chunk;
            written += chunk;
        }
    }

    /** Bytes written so far. */
    synchronized long size() {
        return written;
    }

    /** The last ≤ 4 KiB as text; a character cut in half at the ring's start is dropped. */
    synchronized String tail() {
        int length = (int) Math.min(written, TAIL_BYTES);
        byte[] out = new byte[length];
        int start = (int) ((written - length) % TAIL_BYTES);
        int first = Math.min(length, TAIL_BYTES - start);
        System.arraycopy(ring, start, out, 0, first);
        System.arraycopy(ring, 0, out, first, length - first);
        int from = 0;
        if (written > length) {
            while (from < out.length && (out[from] & 0xC0) == 0x80) {
                from++;
            }
        }
        return new String(out, from, out.length - from, StandardCharsets.UTF_8);
    }

    /** The first {@code maxChars} characters of stderr, stripped of surrounding white space. */
    synchronized String head(int maxChars) {
        String text = new String(head, 0, headLength, StandardCharsets.UTF_8).strip();
        return text.length() <= maxChars ? text : text.substring(0, maxChars);
    }

    /** The first non-blank line, at most {@value #FIRST_LINE_CHARS} characters; {@code ""} when none. */
    synchronized String firstLine() {
        String text = new String(head, 0, headLength, StandardCharsets.UTF_8);
        for (String line : text.split("\r\n|\r|\n")) {
            String stripped = line.strip();
            if (!stripped.isEmpty()) {
                return stripped.length() <= FIRST_LINE_CHARS ? stripped : stripped.substring(0, FIRST_LINE_CHARS);
            }
        }
        return "";
    }
}
