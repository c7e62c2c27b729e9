package app.aula.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The self-check of every file reference in a catalogue (api.md §3.9), computed once per snapshot.
 *
 * @param issues the first {@value #MAX_ISSUES} issues in walk order
 */
public record SelfCheck(int totalRefs, int validDriveRefs, int localRefs, int invalidRefs, int emptyRefs,
        List<Issue> issues) {

    public static final int MAX_ISSUES = 30;

    /** The result for a catalogue with no references. */
    public static final SelfCheck EMPTY = new SelfCheck(0, 0, 0, 0, 0, List.of());

    private static final Pattern DRIVE_ID = Pattern.compile("[A-Za-z0-9_-]{10,}");

    /** One questionable reference: where it is, its stored value as text, and why. */
    public record Issue(String location, String value, String reason) {}

    public SelfCheck {
        issues = List.copyOf(issues);
    }

    /** {@code localRefs == 0 && invalidRefs == 0}. */
    public boolean ok() {
        return localRefs == 0 && invalidRefs == 0;
    }

    /**
     * Walks category › route › course › module › class and classifies every value of
     * {@code files} (all keys, {@code null} included) and every {@code resources[r].file}.
     */
    public static SelfCheck of(JsonNode root) {
        Tally tally = new Tally();
        CatalogWalk.forEachClass(root, (c, r, k, m, n, lesson) -> {
            String at = "cat[" + c + "].route[" + r + "].course[" + k + "].mod[" + m + "].class[" + n + "]";
            JsonNode files = lesson.get("files");
            if (files != null && files.isObject()) {
                for (Map.Entry<String, JsonNode> file : files.properties()) {
                    tally.classify(at, ".files." + file.getKey(), file.getValue());
                }
            }
            int resourceIdx = -1;
            for (JsonNode resource : JsonOut.elements(lesson.get("resources"))) {
                resourceIdx++;
                if (resource.isObject()) { // a missing "file" reads as null, like Python's .get()
                    tally.classify(at, ".resources[" + resourceIdx + "].file", resource.get("file"));
                }
            }
        });
        return tally.result();
    }

    /** The api.md §3.9 body, fields in order. */
    public byte[] toJson(Instant generatedAt, boolean localRefsAllowed) {
        return JsonOut.bytes(out -> {
            out.writeStartObject();
            out.writeStringField("generatedAt", UtcTime.seconds(generatedAt));
            out.writeNumberField("totalRefs", totalRefs);
            out.writeNumberField("validDriveRefs", validDriveRefs);
            out.writeNumberField("localRefs", localRefs);
            out.writeNumberField("invalidRefs", invalidRefs);
            out.writeNumberField("emptyRefs", emptyRefs);
            out.writeArrayFieldStart("issues");
            for (Issue issue : issues) {
                out.writeStartObject();
                out.writeStringField("location", issue.location());
                out.writeStringField("value", issue.value());
                out.writeStringField("reason", issue.reason());
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeBooleanField("ok", ok());
            out.writeStringField("message", ok() ? "drive_only_ok" : "drive_only_issues_found");
            out.writeBooleanField("localRefsAllowed", localRefsAllowed);
            out.writeEndObject();
        });
    }

    /** Mutable counters used only while one walk runs. */
    private static final class Tally {
        private int total;
        private int valid;
        private int local;
        private int invalid;
        private int empty;
        private final List<Issue> issues = new ArrayList<>();

        /** Counts one ref; the location is only assembled for the issues that are kept. */
        void classify(String lesson, String field, JsonNode ref) {
            total++;
            if (ref == null || ref.isNull() || (ref.isTextual() && ref.textValue().strip().isEmpty())) {
                empty++;
                return;
            }
            if (!ref.isTextual()) {
                invalid++;
                issue(lesson, field, ref.toString(), "non_string_ref");
                return;
            }
            String stored = ref.textValue();
            String trimmed = stored.strip();
            if (trimmed.startsWith("local:")) {
                local++;
                issue(lesson, field, stored, "local_ref_detected");
            } else if (trimmed.startsWith("http://") || trimmed.startsWith("https://")) {
                invalid++;
                issue(lesson, field, stored, "url_ref_detected");
            } else if (!DRIVE_ID.matcher(trimmed).matches()) {
                invalid++;
                issue(lesson, field, stored, "invalid_drive_id_format");
            } else {
                valid++;
            }
        }

        private void issue(String lesson, String field, String value, String reason) {
            if (issues.size() < MAX_ISSUES) {
                issues.add(new Issue(lesson + field, value, reason));
            }
        }

        SelfCheck result() {
            return new SelfCheck(total, valid, local, invalid, empty, issues);
        }
    }
}
