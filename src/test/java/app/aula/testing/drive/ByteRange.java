package app.aula.testing.drive;

/**
 * What the fake does with a {@code Range} header, the way Drive's download front end behaves: one
 * satisfiable byte range gives 206, a first position at or past the end gives 416, and anything it
 * cannot use (no header, another unit, several ranges, bad syntax) is ignored, giving 200.
 */
record ByteRange(Kind kind, long first, long last) {

    enum Kind { FULL, PARTIAL, UNSATISFIABLE }

    private static final ByteRange FULL = new ByteRange(Kind.FULL, -1, -1);
    private static final ByteRange UNSATISFIABLE = new ByteRange(Kind.UNSATISFIABLE, -1, -1);

    long length() {
        return last - first + 1;
    }

    static ByteRange resolve(String header, long size) {
        if (header == null) {
            return FULL;
        }
        String value = header.trim();
        int equals = value.indexOf('=');
        if (equals < 0 || !value.substring(0, equals).trim().equalsIgnoreCase("bytes")) {
            return FULL;
        }
        String spec = value.substring(equals + 1).trim();
        int dash = spec.indexOf('-');
        if (spec.indexOf(',') >= 0 || dash < 0) {
            return FULL;
        }
        String firstText = spec.substring(0, dash).trim();
        String lastText = spec.substring(dash + 1).trim();
        if (firstText.isEmpty()) {
            // Suffix form "-n": the last n bytes.
            long suffix = digits(lastText);
            if (suffix <= 0) {
                return FULL;
            }
            if (size == 0) {
                return UNSATISFIABLE;
            }
            return new ByteRange(Kind.PARTIAL, Math.max(0, size - suffix), size - 1);
        }
        long first = digits(firstText);
        long last = lastText.isEmpty() ? Long.MAX_VALUE : digits(lastText);
        if (first < 0 || last < 0 || last < first) {
            return FULL;
        }
        if (first >= size) {
            return UNSATISFIABLE;
        }
        return new ByteRange(Kind.PARTIAL, first, Math.min(last, size - 1));
    }

    /** ASCII digits as a number that saturates at {@code Long.MAX_VALUE}; -1 when not digits. */
    private static long digits(String text) {
        if (text.isEmpty()) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            int digit = c - '0';
            value = value > (Long.MAX_VALUE - digit) / 10 ? Long.MAX_VALUE : value * 10 + digit;
        }
        return value;
    }
}
