package app.aula.it;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/** A received response: status, headers (names case-insensitive) and the exact body bytes. */
record HttpResult(int status, Map<String, List<String>> headers, byte[] body) {

    HttpResult {
        Map<String, List<String>> insensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> insensitive.merge(name, List.copyOf(values),
                (a, b) -> Stream.concat(a.stream(), b.stream()).toList()));
        headers = insensitive;
    }

    /** The first value of a header, or null when absent. */
    String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    List<String> headerValues(String name) {
        return headers.getOrDefault(name, List.of());
    }

    boolean hasHeader(String name) {
        return headers.containsKey(name);
    }

    /** All values of a comma-separated list header (such as Vary), trimmed and lower-cased. */
    List<String> headerTokens(String name) {
        return headerValues(name).stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .toList();
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    JsonNode json() {
        return JsonSupport.parse(body);
    }

    @Override
    public String toString() {
        String shown = text();
        return status + " " + headers + " " + (shown.length() > 400 ? shown.substring(0, 400) + "…" : shown);
    }
}
