package app.aula.http;

import java.util.Locale;

/**
 * Parses a {@code Range} header against a known size (media.md §3.2 step 5–7). Pure and total:
 * every input gives one of the three outcomes, never an exception.
 */
public final class RangeHeader {

    private RangeHeader() {}

    /** What a Range header asks for. */
    public sealed interface Parsed permits Ignore, Unsatisfiable, Span {}

    /** No usable range: another unit, or no header. The full body is sent with 200. */
    public record Ignore() implements Parsed {}

    /** Malformed, several ranges, or beyond the end: 416 with {@code bytes *}{@code /size}. */
    public record Unsatisfiable() implements Parsed {}

    public record Span(ByteRange range) implements Parsed {}

    /** A syntactically valid single range before it meets a size ({@code -1} = absent). */
    public record Spec(long first, long last, long suffix) {}

    public static Parsed parse(String header, long size) {
        Object spec = parseSpec(header);
        if (spec instanceof Parsed p) {
            return p;
        }
        return resolve((Spec) spec, size);
    }

    /**
     * The syntax step alone, usable without a size (degraded mode forwards a validated range
     * as received): a {@link Spec}, or {@link Ignore} / {@link Unsatisfiable}.
     */
    public static Object parseSpec(String header) {
        if (header == null) {
            return new Ignore();
        }
        // Only the field's own leading/trailing blanks are optional; RFC 9110 §14.1.1 allows no
        // whitespace inside a ranges-specifier, so a blank there makes the range malformed.
        String value = stripBlanks(header);
        int eq = value.indexOf('=');
        if (eq < 0) {
            return new Ignore();
        }
        String unit = value.substring(0, eq).toLowerCase(Locale.ROOT);
        if (!unit.equals("bytes")) {
            return new Ignore();
        }
        String set = value.substring(eq + 1);
        if (set.indexOf(',') >= 0) {
            return new Unsatisfiable(); // several ranges: 416, as the original (never multipart)
        }
        int dash = set.indexOf('-');
        if (dash < 0) {
            return new Unsatisfiable();
        }
        String firstText = set.substring(0, dash);
        String lastText = set.substring(dash + 1);
        if (firstText.isEmpty()) {
            if (!digits(lastText)) {
                return new Unsatisfiable();
            }
            long suffix = saturatedValue(lastText);
            return suffix == 0 ? new Unsatisfiable() : new Spec(-1, -1, suffix);
        }
        if (!digits(firstText) || !lastText.isEmpty() && !digits(lastText)) {
            return new Unsatisfiable();
        }
        long first = saturatedValue(firstText);
        long last = lastText.isEmpty() ? -1 : saturatedValue(lastText);
        if (last >= 0 && last < first) {
            return new Unsatisfiable();
        }
        return new Spec(first, last, -1);
    }

    static Parsed resolve(Spec spec, long size) {
        if (spec.suffix() > 0) {
            long first = Math.max(0, size - spec.suffix());
            return size == 0 ? new Unsatisfiable() : new Span(new ByteRange(first, size - 1, size));
        }
        if (spec.first() >= size) {
            return new Unsatisfiable();
        }
        long last = spec.last() < 0 || spec.last() >= size ? size - 1 : spec.last();
        return new Span(new ByteRange(spec.first(), last, size));
    }

    private static String stripBlanks(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == ' ' || s.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean digits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Decimal digits of any length; values beyond 64 bits saturate at {@code Long.MAX_VALUE}. */
    private static long saturatedValue(String digits) {
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(i) - '0';
            if (value > (Long.MAX_VALUE - d) / 10) {
                return Long.MAX_VALUE;
            }
            value = value * 10 + d;
        }
        return value;
    }
}
