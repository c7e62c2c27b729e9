package app.aula.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
            JsonNode files = lesson.get("files");
            if (files != null && files.isObject()) {
                for (Map.Entry<String, JsonNode> file : files.properties()) {
                    String reason = tally.classify(file.getValue());
                    if (reason != null && tally.keepsIssues()) {
                        tally.issue(classLocation(c, r, k, m, n) + ".files." + file.getKey(), file.getValue(), reason);
                    }
                }
            }
            int resourceIdx = -1;
            for (JsonNode resource : JsonOut.elements(lesson.get("resources"))) {
                resourceIdx++;
                if (!resource.isObject()) {
                    continue;
                }
                JsonNode file = resource.get("file"); // a missing "file" reads as null, like Python's .get()
                String reason = tally.classify(file);
                if (reason != null && tally.keepsIssues()) {
                    tally.issue(classLocation(c, r, k, m, n) + ".resources[" + resourceIdx + "].file", file, reason);
                }
            }
        });
        return tally.result();
    }

    private static String classLocation(int c, int r, int k, int m, int n) {
        return "cat[" + c + "].route[" + r + "].course[" + k + "].mod[" + m + "].class[" + n + "]";
    }

    /** {@code ^[A-Za-z0-9_-]{10,}$} without a regex: this runs for every ref of the catalogue. */
    static boolean isDriveId(String ref) {
        if (ref.length() < 10) {
            return false;
        }
        for (int i = 0; i < ref.length(); i++) {
            char ch = ref.charAt(i);
            boolean allowed = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
                    || ch == '_' || ch == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
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

        /** Counts one ref and returns its issue reason, or {@code null} when it raises none. */
        String classify(JsonNode ref) {
            total++;
            if (ref == null || ref.isNull() || (ref.isTextual() && ref.textValue().strip().isEmpty())) {
                empty++;
                return null;
            }
            if (!ref.isTextual()) {
                invalid++;
                return "non_string_ref";
            }
            String trimmed = ref.textValue().strip();
            if (trimmed.startsWith("local:")) {
                local++;
                return "local_ref_detected";
            }
            if (trimmed.startsWith("http://") || trimmed.startsWith("https://")) {
                invalid++;
                return "url_ref_detected";
            }
            if (!isDriveId(trimmed)) {
                invalid++;
                return "invalid_drive_id_format";
            }
            valid++;
            return null;
        }

        boolean keepsIssues() {
            return issues.size() < MAX_ISSUES;
        }

        /** Strings are reported as stored (untrimmed), other values as compact JSON text. */
        void issue(String location, JsonNode ref, String reason) {
            String value = ref.isTextual() ? ref.textValue() : new String(JsonOut.bytes(ref), StandardCharsets.UTF_8);
            issues.add(new Issue(location, value, reason));
        }

        SelfCheck result() {
            return new SelfCheck(total, valid, local, invalid, empty, issues);
        }
    }
}
