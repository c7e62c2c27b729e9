package app.aula.catalog;

import app.aula.json.Json;
import app.aula.json.Utf8Text;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Parsing and the validity rules of a {@code courses_cache.json} file (catalog.md §2.1). Only the
 * top level is checked; deeper type errors are left to the projection defaults of §3.
 */
public final class CatalogDocument {

    private CatalogDocument() {}

    /**
     * Parses the file's bytes into an order-preserving tree, or explains why the file is invalid:
     * malformed UTF-8 (never replaced), a syntax error, more than one value, a top level that is
     * not an object, a missing or non-array {@code categories}, a {@code stats} that is neither
     * absent, {@code null} nor an object, or a number that is not finite.
     */
    public static JsonNode parse(byte[] fileBytes) throws InvalidCatalogException {
        // Strictly UTF-8: Jackson would guess UTF-16/32 from early NULs and let some malformed
        // sequences through, and the original reads these files as UTF-8.
        int problem = Utf8Text.firstProblem(fileBytes);
        if (problem >= 0) {
            throw new InvalidCatalogException(fileBytes[problem] == 0 ? "invalid JSON: NUL character" : "invalid UTF-8",
                    Utf8.lineOf(fileBytes, problem), Utf8.columnOf(fileBytes, problem), null);
        }
        JsonNode tree = parseJson(fileBytes);
        if (tree == null || tree.isMissingNode()) {
            throw new InvalidCatalogException("empty document");
        }
        if (!tree.isObject()) {
            throw new InvalidCatalogException("top level is not an object");
        }
        JsonNode categories = tree.get("categories");
        if (categories == null) {
            throw new InvalidCatalogException("\"categories\" is missing");
        }
        if (!categories.isArray()) {
            throw new InvalidCatalogException("\"categories\" is not an array");
        }
        JsonNode stats = tree.get("stats");
        if (stats != null && !stats.isNull() && !stats.isObject()) {
            throw new InvalidCatalogException("\"stats\" is neither null nor an object");
        }
        rejectNonFiniteNumbers(tree);
        return tree;
    }

    private static JsonNode parseJson(byte[] bytes) throws InvalidCatalogException {
        try {
            return Json.parse(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String reason = "invalid JSON: " + firstLine(e.getOriginalMessage());
            if (at == null || at.getLineNr() < 1) {
                throw new InvalidCatalogException(reason);
            }
            throw new InvalidCatalogException(reason, at.getLineNr(), at.getColumnNr(), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Numbers too large for a double (1e400) parse as Infinity, which the spec rules invalid. */
    private static void rejectNonFiniteNumbers(JsonNode tree) throws InvalidCatalogException {
        Deque<JsonNode> pending = new ArrayDeque<>();
        pending.push(tree);
        while (!pending.isEmpty()) {
            JsonNode node = pending.pop();
            if (node.isContainerNode()) {
                for (JsonNode child : node) {
                    if (child.isContainerNode()) {
                        pending.push(child);
                    } else if (child.isFloatingPointNumber() && !Double.isFinite(child.doubleValue())) {
                        throw new InvalidCatalogException("number out of range: " + child.asText());
                    }
                }
            }
        }
    }
}
