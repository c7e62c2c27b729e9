package app.aula.json;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 checks for JSON bodies Aula stores or serves. Jackson detects UTF-16/UTF-32 on
 * its own and lets some malformed sequences through, while Aula's files must be UTF-8 (the
 * original reads them as such), so bytes are checked with the JDK's reporting decoder first.
 */
public final class Utf8Text {

    private static final int CHUNK = 8192;

    private Utf8Text() {}

    /**
     * The offset of the first byte that is not well-formed UTF-8, or of a NUL among the first
     * four bytes (the signature of UTF-16/32 JSON without a byte-order mark); -1 when all is
     * well. A UTF-8 byte-order mark is fine.
     */
    public static int firstProblem(byte[] bytes) {
        int malformed = firstMalformed(bytes);
        if (malformed >= 0) {
            return malformed;
        }
        for (int i = 0; i < Math.min(4, bytes.length); i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int firstMalformed(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(CHUNK); // reused: only well-formedness matters here
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return in.position();
            }
            if (result.isUnderflow()) {
                CoderResult flush = decoder.flush(out.clear());
                return flush.isError() ? in.position() : -1;
            }
            out.clear();
        }
    }
}
