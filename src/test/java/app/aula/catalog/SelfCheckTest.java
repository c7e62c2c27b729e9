package app.aula.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelfCheckTest {

    private static final Instant GENERATED = Instant.parse("2025-01-02T03:04:05.987Z");

    private static List<Integer> counts(SelfCheck check) {
        return List.of(check.totalRefs(), check.validDriveRefs(), check.localRefs(), check.invalidRefs(),
                check.emptyRefs());
    }

    /** One class in a route of courses, with the given {@code files} and {@code resources}. */
    private static SelfCheck ofClass(String lessonJson) {
        return SelfCheck.of(Samples.parse("{\"categories\":[{\"routes\":[{\"courses\":[{\"modules\":[{\"classes\":["
                + lessonJson + "]}]}]}]}]}"));
    }

    @Test
    void sampleGives16Refs4Valid2Local0Invalid10EmptyAndTheDocumentedFirstIssue() {
        SelfCheck check = SelfCheck.of(Samples.sampleTree());
        assertEquals(List.of(16, 4, 2, 0, 10), counts(check));
        assertEquals(false, check.ok());
        assertEquals(new SelfCheck.Issue("cat[0].route[1].course[0].mod[0].class[0].files.video",
                "local:sql/01-consultas.mp4", "local_ref_detected"), check.issues().get(0));
        assertEquals(2, check.issues().size());
    }

    @Test
    void sampleBodyHasTheApiFieldsInOrder() {
        byte[] body = SelfCheck.of(Samples.sampleTree()).toJson(GENERATED, true);
        assertEquals("{\"generatedAt\":\"2025-01-02T03:04:05Z\",\"totalRefs\":16,\"validDriveRefs\":4,"
                + "\"localRefs\":2,\"invalidRefs\":0,\"emptyRefs\":10,\"issues\":["
                + "{\"location\":\"cat[0].route[1].course[0].mod[0].class[0].files.video\","
                + "\"value\":\"local:sql/01-consultas.mp4\",\"reason\":\"local_ref_detected\"},"
                + "{\"location\":\"cat[0].route[1].course[0].mod[0].class[0].files.summary\","
                + "\"value\":\"local:sql/01-consultas_summary.html\",\"reason\":\"local_ref_detected\"}],"
                + "\"ok\":false,\"message\":\"drive_only_issues_found\",\"localRefsAllowed\":true}",
                Samples.utf8(body));
    }

    @Test
    void originalFixtureHasFourValidDriveRefsAndNothingElse() {
        SelfCheck check = SelfCheck.of(Samples.parse(Samples.fixture("original-fixture.json")));
        assertEquals(List.of(4, 4, 0, 0, 0), counts(check));
        assertEquals(List.of(), check.issues());
        assertEquals("{\"generatedAt\":\"2025-01-02T03:04:05Z\",\"totalRefs\":4,\"validDriveRefs\":4,"
                + "\"localRefs\":0,\"invalidRefs\":0,\"emptyRefs\":0,\"issues\":[],\"ok\":true,"
                + "\"message\":\"drive_only_ok\",\"localRefsAllowed\":false}",
                Samples.utf8(check.toJson(GENERATED, false)));
    }

    @Test
    void classificationFollowsTheFirstMatchingRule() {
        SelfCheck check = ofClass("{\"files\":{\"a\":null,\"b\":\"\",\"c\":\"   \",\"d\":5,\"e\":{\"x\":true},"
                + "\"f\":\" local:x.mp4\",\"g\":\"https://drive.google.com/file/d/1\",\"h\":\"http://x\","
                + "\"i\":\"short\",\"j\":\"has space inside\",\"k\":\" 1abcdefghij \",\"l\":\"A-_09aZbcde\"}}");
        assertEquals(List.of(12, 2, 1, 6, 3), counts(check));
        String at = "cat[0].route[0].course[0].mod[0].class[0].files.";
        assertEquals(List.of(
                new SelfCheck.Issue(at + "d", "5", "non_string_ref"),
                new SelfCheck.Issue(at + "e", "{\"x\":true}", "non_string_ref"),
                new SelfCheck.Issue(at + "f", " local:x.mp4", "local_ref_detected"),
                new SelfCheck.Issue(at + "g", "https://drive.google.com/file/d/1", "url_ref_detected"),
                new SelfCheck.Issue(at + "h", "http://x", "url_ref_detected"),
                new SelfCheck.Issue(at + "i", "short", "invalid_drive_id_format"),
                new SelfCheck.Issue(at + "j", "has space inside", "invalid_drive_id_format")), check.issues());
    }

    @Test
    void resourceFilesAreCheckedAndAMissingFileCountsAsEmpty() {
        SelfCheck check = ofClass("{\"resources\":[{\"file\":\"bad\"},{\"name\":\"x\"},\"notAnObject\","
                + "{\"file\":\"1ValidDriveRef\"}],\"files\":{\"video\":\"1ValidDriveRe2\"}}");
        assertEquals(List.of(4, 2, 0, 1, 1), counts(check));
        assertEquals(List.of(new SelfCheck.Issue("cat[0].route[0].course[0].mod[0].class[0].resources[0].file",
                "bad", "invalid_drive_id_format")), check.issues());
    }

    @Test
    void onlyTheFirstThirtyIssuesAreKeptButAllAreCounted() {
        StringBuilder files = new StringBuilder("{\"files\":{");
        for (int i = 0; i < 35; i++) {
            files.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":\"bad").append(i).append('"');
        }
        SelfCheck check = ofClass(files.append("}}").toString());
        assertEquals(35, check.invalidRefs());
        assertEquals(30, check.issues().size());
        assertEquals("cat[0].route[0].course[0].mod[0].class[0].files.f29", check.issues().get(29).location());
    }

    @Test
    void hostileShapesAreSkippedWithoutThrowing() {
        SelfCheck check = SelfCheck.of(Samples.parse("{\"categories\":[1,{\"routes\":[\"r\",{\"courses\":[null,"
                + "{\"modules\":[7,{\"classes\":\"x\"},{\"classes\":[\"c\",{\"files\":[\"1abcdefghijk\"],\"resources\":{}},"
                + "{\"files\":{\"video\":\"x y\"},\"resources\":\"r\"}]}]}]},{\"isCourse\":true,\"modules\":{}}]}]}"));
        assertEquals(List.of(1, 0, 0, 1, 0), counts(check));
        assertEquals("cat[1].route[1].course[1].mod[2].class[2].files.video", check.issues().get(0).location());
    }

    @Test
    void emptyResultIsOk() {
        assertEquals("{\"generatedAt\":\"1970-01-01T00:00:00Z\",\"totalRefs\":0,\"validDriveRefs\":0,\"localRefs\":0,"
                + "\"invalidRefs\":0,\"emptyRefs\":0,\"issues\":[],\"ok\":true,\"message\":\"drive_only_ok\","
                + "\"localRefsAllowed\":false}", Samples.utf8(SelfCheck.EMPTY.toJson(Instant.EPOCH, false)));
    }
}
