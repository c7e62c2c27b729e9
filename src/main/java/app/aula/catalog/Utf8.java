package app.aula.catalog;

/** Line and column of a byte offset, for load errors that point into a catalogue file. */
final class Utf8 {

    private Utf8() {}

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
