package app.aula.catalog;

/**
 * Strict UTF-8 well-formedness (Unicode Table 3-7: no overlong forms, no surrogates, nothing above
 * U+10FFFF). Jackson replaces or lets through some malformed sequences, and the spec wants such
 * files rejected, so the bytes are checked before they are parsed.
 */
final class Utf8 {

    private Utf8() {}

    /** The offset of the first byte that starts a malformed sequence, or -1 when all is well formed. */
    static int firstMalformed(byte[] bytes, int from) {
        int i = from;
        int n = bytes.length;
        while (i < n) {
            int b0 = bytes[i];
            if (b0 >= 0) { // ASCII, by far the most common case
                i++;
                continue;
            }
            b0 &= 0xFF;
            int length;
            int lo = 0x80;
            int hi = 0xBF;
            if (b0 >= 0xC2 && b0 <= 0xDF) {
                length = 2;
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                length = 3;
                if (b0 == 0xE0) {
                    lo = 0xA0; // overlong
                } else if (b0 == 0xED) {
                    hi = 0x9F; // surrogates
                }
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                length = 4;
                if (b0 == 0xF0) {
                    lo = 0x90; // overlong
                } else if (b0 == 0xF4) {
                    hi = 0x8F; // above U+10FFFF
                }
            } else {
                return i; // continuation byte out of place, C0/C1 overlong starts, F5..FF
            }
            if (i + length > n) {
                return i;
            }
            int b1 = bytes[i + 1] & 0xFF;
            if (b1 < lo || b1 > hi) {
                return i;
            }
            for (int k = 2; k < length; k++) {
                int bk = bytes[i + k] & 0xFF;
                if (bk < 0x80 || bk > 0xBF) {
                    return i;
                }
            }
            i += length;
        }
        return -1;
    }

    /** 1-based line of a byte offset (lines end at LF). */
    static int lineOf(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /** 1-based column of a byte offset, counted in bytes from the start of its line. */
    static int columnOf(byte[] bytes, int offset) {
        int start = offset;
        while (start > 0 && bytes[start - 1] != '\n') {
            start--;
        }
        return offset - start + 1;
    }
}
