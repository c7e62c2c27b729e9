package app.aula.testing.drive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Drive's partial-response {@code fields} parameter for {@code files.get}: {@code a,b(c,d),e/f} and
 * {@code *}. Without the parameter Drive v3 answers {@code kind,id,name,mimeType}. A field the fake
 * does not model is rejected with 400 {@code invalidParameter}, as Drive rejects unknown fields, so
 * a typo in the caller's field list fails loudly instead of silently reading nothing.
 */
final class MetadataFields {

    private static final Object ALL = new Object();
    private static final String DEFAULT_FIELDS = "kind,id,name,mimeType";
    private static final DateTimeFormatter RFC_3339_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** Modelled fields; a non-empty set lists the sub-fields of an object field. */
    private static final Map<String, Set<String>> SCHEMA = Map.of(
            "kind", Set.of(), "id", Set.of(), "name", Set.of(), "mimeType", Set.of(), "size", Set.of(),
            "md5Checksum", Set.of(), "headRevisionId", Set.of(), "modifiedTime", Set.of(),
            "videoMediaMetadata", Set.of("width", "height", "durationMillis"));

    private MetadataFields() {}

    /** The JSON Drive sends for {@code file} under the {@code fields} parameter (null: Drive's default). */
    static ObjectNode render(FakeDriveFile file, String fields) {
        Map<String, Object> selection = parse(fields == null ? DEFAULT_FIELDS : fields);
        return select(full(file), selection);
    }

    /** Every modelled field that has a value. Drive sends int64 values (size, durations) as strings. */
    private static ObjectNode full(FakeDriveFile file) {
        ObjectNode node = DriveErrors.JSON.createObjectNode();
        node.put("kind", "drive#file");
        node.put("id", file.id());
        node.put("name", file.name());
        node.put("mimeType", file.mimeType());
        if (!file.isGoogleNative()) {
            node.put("size", Long.toString(file.size()));
        }
        if (file.md5Checksum() != null) {
            node.put("md5Checksum", file.md5Checksum());
        }
        if (file.headRevisionId() != null) {
            node.put("headRevisionId", file.headRevisionId());
        }
        node.put("modifiedTime", RFC_3339_MILLIS.format(file.modifiedTime()));
        if (file.durationMillis() != null) {
            node.putObject("videoMediaMetadata").put("durationMillis", Long.toString(file.durationMillis()));
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static ObjectNode select(ObjectNode source, Map<String, Object> selection) {
        if (selection.containsKey("*")) {
            return source.deepCopy();
        }
        ObjectNode result = DriveErrors.JSON.createObjectNode();
        selection.forEach((name, sub) -> {
            JsonNode value = source.get(name);
            if (value == null) {
                return;
            }
            if (sub == ALL) {
                result.set(name, value.deepCopy());
            } else if (value.isObject()) {
                result.set(name, select((ObjectNode) value, (Map<String, Object>) sub));
            }
        });
        return result;
    }

    /** Parses and validates a field list; {@link IllegalArgumentException} names the bad field. */
    static Map<String, Object> parse(String fields) {
        Parser parser = new Parser(fields);
        Map<String, Object> selection = parser.list(SCHEMA.keySet(), "");
        if (parser.position != fields.length()) {
            throw invalid(fields);
        }
        return selection;
    }

    private static IllegalArgumentException invalid(String field) {
        return new IllegalArgumentException("Invalid field selection " + field);
    }

    /** Recursive descent over {@code list := item (',' item)*; item := name ('/' name)* ('(' list ')')?}. */
    private static final class Parser {
        private final String text;
        private int position;

        Parser(String text) {
            this.text = text;
        }

        Map<String, Object> list(Set<String> allowed, String prefix) {
            Map<String, Object> selection = new LinkedHashMap<>();
            do {
                item(selection, allowed, prefix);
            } while (accept(','));
            return selection;
        }

        @SuppressWarnings("unchecked")
        private void item(Map<String, Object> selection, Set<String> allowed, String prefix) {
            String name = name();
            if (name.equals("*") && prefix.isEmpty()) {
                selection.put("*", ALL);
                return;
            }
            if (!allowed.contains(name)) {
                throw invalid(prefix + name);
            }
            Set<String> children = prefix.isEmpty() ? SCHEMA.get(name) : Set.of();
            boolean nested = peek('/') || peek('(');
            if (!nested) {
                selection.put(name, ALL);
                return;
            }
            if (children.isEmpty()) {
                throw invalid(prefix + name + text.charAt(position));
            }
            Object existing = selection.get(name);
            Map<String, Object> sub = existing instanceof Map<?, ?> map
                    ? (Map<String, Object>) map : new LinkedHashMap<>();
            if (accept('/')) {
                item(sub, children, prefix + name + "/");
            } else {
                expect('(');
                sub.putAll(list(children, prefix + name + "/"));
                expect(')');
            }
            if (existing != ALL) {
                selection.put(name, sub);
            }
        }

        private String name() {
            int start = position;
            while (position < text.length() && "/(),".indexOf(text.charAt(position)) < 0) {
                position++;
            }
            String name = text.substring(start, position).trim();
            if (name.isEmpty()) {
                throw invalid(text);
            }
            return name;
        }

        private boolean peek(char c) {
            return position < text.length() && text.charAt(position) == c;
        }

        private boolean accept(char c) {
            if (peek(c)) {
                position++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!accept(c)) {
                throw invalid(text);
            }
        }
    }
}
