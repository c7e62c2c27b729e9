package app.aula.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Stats normalisation for the bootstrap and cache-meta (catalog.md §3.4). {@code /api/courses}
 * serves stats as stored; only these two derived bodies need four clean integers.
 */
public final class StatsNormalizer {

    /** ASCII digits with an optional sign and surrounding blanks, as Python's {@code int()} reads them. */
    private static final Pattern INTEGER_TEXT = Pattern.compile("\\s*([+-]?[0-9]+)\\s*");

    private static final String[] KEYS = {"totalCategories", "totalRoutes", "totalCourses", "totalClasses"};

    private StatsNormalizer() {}

    /**
     * Normalises the stored {@code stats} value (which may be {@code null} when the key is
     * missing). A non-object gives four zeros.
     */
    public static NormalizedStats normalize(JsonNode stats) {
        if (stats == null || !stats.isObject()) {
            return NormalizedStats.ZERO;
        }
        List<String> warnings = new ArrayList<>();
        BigInteger[] values = new BigInteger[KEYS.length];
        for (int i = 0; i < KEYS.length; i++) {
            values[i] = toInteger(KEYS[i], stats.get(KEYS[i]), warnings);
        }
        return new NormalizedStats(values[0], values[1], values[2], values[3], warnings);
    }

    private static BigInteger toInteger(String key, JsonNode value, List<String> warnings) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return BigInteger.ZERO;
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue();
        }
        if (value.isNumber()) {
            double number = value.doubleValue();
            if (Double.isFinite(number)) { // truncation toward zero, exact even for huge values
                return value.isBigDecimal()
                        ? value.decimalValue().toBigInteger()
                        : new BigDecimal(number).toBigInteger();
            }
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? BigInteger.ONE : BigInteger.ZERO;
        }
        if (value.isTextual()) {
            var digits = INTEGER_TEXT.matcher(value.textValue());
            if (digits.matches()) {
                return new BigInteger(digits.group(1));
            }
        }
        warnings.add("stats." + key + ": " + describe(value) + " is not a number; using 0");
        return BigInteger.ZERO;
    }

    private static String describe(JsonNode value) {
        String text = value.toString();
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
