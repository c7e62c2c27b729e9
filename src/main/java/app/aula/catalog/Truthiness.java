package app.aula.catalog;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The original's truthiness, used wherever {@code isCourse} (and ids that fall back to an index)
 * are read: everything is true except missing, {@code null}, {@code false}, zero, {@code ""},
 * {@code []} and <code>{}</code> (catalog.md §2.3).
 */
final class Truthiness {

    private Truthiness() {}

    static boolean isTruthy(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.isIntegralNumber()
                    ? value.bigIntegerValue().signum() != 0
                    : value.doubleValue() != 0.0;
        }
        if (value.isTextual()) {
            return !value.textValue().isEmpty();
        }
        if (value.isContainerNode()) {
            return value.size() > 0;
        }
        return true; // binary or POJO nodes never come out of the parser
    }
}
