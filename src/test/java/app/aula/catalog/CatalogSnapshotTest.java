package app.aula.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CatalogSnapshotTest {

    private static final String EMPTY_BODY = "{\"categories\":[],\"stats\":{\"totalCategories\":0,"
            + "\"totalRoutes\":0,\"totalCourses\":0,\"totalClasses\":0}}";

    private static String courseDetail(CatalogSnapshot snapshot, String cat, String route, String course) {
        return Samples.utf8(snapshot.courseDetail(cat, route, course).orElseThrow().body());
    }

    private static String compact(JsonNode node) {
        return Samples.utf8(JsonOut.bytes(node));
    }

    @Test
    void coursesBodyIsTheCompactReserialisationOf1941Bytes() {
        CatalogSnapshot snapshot = Samples.sampleSnapshot();
        assertEquals(1941, snapshot.courses().identity().length);
        assertArrayEquals(Samples.resource(Samples.SAMPLE_COMPACT), snapshot.courses().identity());
    }

    @Test
    void bootstrapBodyIsTheSpecProjection() {
        assertArrayEquals(Samples.resource(Samples.SAMPLE_BOOTSTRAP), Samples.sampleSnapshot().bootstrap().identity());
    }

    @Test
    void gzipBodiesDecompressToTheirIdentityBodies() throws IOException {
        CatalogSnapshot snapshot = Samples.sampleSnapshot();
        for (PreparedBody body : List.of(snapshot.courses(), snapshot.bootstrap(), snapshot.cacheMeta())) {
            assertArrayEquals(body.identity(), PreparedBodyTest.gunzip(body.gzip()));
        }
    }

    @Test
    void cacheMetaHasTheSpecFieldsInOrder() {
        CatalogSnapshot snapshot = Samples.sampleSnapshot();
        assertEquals("{\"cache_file_path\":\"/data/courses_cache.json\",\"cache_file_name\":\"courses_cache.json\","
                + "\"source\":\"data\",\"mtime\":\"2024-05-06T07:08:09Z\",\"mtimeEpoch\":1714979289.123456,"
                + "\"stats\":{\"totalCategories\":1,\"totalRoutes\":2,\"totalCourses\":3,\"totalClasses\":3},"
                + "\"payloadBytes\":{\"full\":1941,\"bootstrap\":1359},\"version\":\"" + snapshot.version() + "\"}",
                Samples.utf8(snapshot.cacheMeta().identity()));
    }

    @Test
    void mtimeEpochDropsTrailingZerosButKeepsOneDecimal() {
        byte[] file = "{\"categories\":[]}".getBytes(StandardCharsets.UTF_8);
        JsonNode tree = Samples.parse(file);
        String whole = Samples.utf8(CatalogSnapshot.fromDocument(tree, file, CatalogSource.VIEWER,
                "/srv/viewer/courses_cache.json", Instant.parse("2024-05-06T07:08:09Z"), Samples.LOADED_AT)
                .cacheMeta().identity());
        assertTrue(whole.contains("\"source\":\"viewer\",\"mtime\":\"2024-05-06T07:08:09Z\",\"mtimeEpoch\":1714979289.0,"),
                whole);
        String half = Samples.utf8(CatalogSnapshot.fromDocument(tree, file, CatalogSource.DEMO,
                "C:\\aula\\demo\\courses_cache.json", Instant.parse("2024-05-06T07:08:09.5Z"), Samples.LOADED_AT)
                .cacheMeta().identity());
        assertTrue(half.startsWith("{\"cache_file_path\":\"C:\\\\aula\\\\demo\\\\courses_cache.json\","
                + "\"cache_file_name\":\"courses_cache.json\",\"source\":\"demo\",\"mtime\":\"2024-05-06T07:08:09Z\","
                + "\"mtimeEpoch\":1714979289.5,"), half);
    }

    @Test
    void versionIsSixteenHexDigitsAndStableForTheSameInputs() {
        String version = Samples.sampleSnapshot().version();
        assertTrue(version.matches("[0-9a-f]{16}"), version);
        assertEquals(version, Samples.sampleSnapshot().version());
    }

    @Test
    void versionChangesWithFileBytesPathSourceAndMtime() {
        byte[] file = Samples.resource(Samples.SAMPLE);
        JsonNode tree = Samples.parse(file);
        String base = Samples.sampleSnapshot().version();
        byte[] changed = (new String(file, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
        List<String> others = List.of(
                CatalogSnapshot.fromDocument(tree, changed, CatalogSource.DATA, Samples.PATH, Samples.MTIME,
                        Samples.LOADED_AT).version(),
                CatalogSnapshot.fromDocument(tree, file, CatalogSource.DATA, "/other/courses_cache.json",
                        Samples.MTIME, Samples.LOADED_AT).version(),
                CatalogSnapshot.fromDocument(tree, file, CatalogSource.VIEWER, Samples.PATH, Samples.MTIME,
                        Samples.LOADED_AT).version(),
                CatalogSnapshot.fromDocument(tree, file, CatalogSource.DATA, Samples.PATH,
                        Samples.MTIME.plusNanos(1_000), Samples.LOADED_AT).version());
        for (String other : others) {
            assertNotEquals(base, other);
        }
        assertEquals(4, others.stream().distinct().count());
        assertEquals(base, CatalogSnapshot.fromDocument(tree, file, CatalogSource.DATA, Samples.PATH, Samples.MTIME,
                Instant.EPOCH).version(), "loadedAt is not part of the version");
    }

    @Test
    void snapshotReportsItsLoadFacts() {
        CatalogSnapshot snapshot = Samples.sampleSnapshot();
        assertTrue(snapshot.loaded());
        assertEquals(CatalogSource.DATA, snapshot.source());
        assertEquals(Samples.PATH, snapshot.path());
        assertEquals(Samples.MTIME, snapshot.mtime());
        assertEquals(Samples.LOADED_AT, snapshot.loadedAt());
        assertEquals(3, snapshot.classCount());
        assertEquals(List.of(16, 4, 2, 0, 10), List.of(snapshot.selfCheck().totalRefs(),
                snapshot.selfCheck().validDriveRefs(), snapshot.selfCheck().localRefs(),
                snapshot.selfCheck().invalidRefs(), snapshot.selfCheck().emptyRefs()));
        assertEquals(List.of(), snapshot.warnings());
    }

    @Test
    void courseDetailOfPandasHasTheApiFieldsAndTheStoredCourse() {
        CatalogSnapshot snapshot = Samples.sampleSnapshot();
        String pandas = compact(Samples.sampleTree().at("/categories/0/routes/0/courses/0"));
        String expected = "{\"catId\":\"datos\",\"routeId\":\"analista\",\"courseId\":\"pandas\","
                + "\"indices\":{\"catIdx\":0,\"routeIdx\":0,\"courseIdx\":0},\"course\":" + pandas
                + ",\"isCourseRoute\":false}";
        assertEquals(expected, courseDetail(snapshot, "0", "0", "0"));
        assertEquals(expected, courseDetail(snapshot, "datos", "analista", "pandas"));
        assertEquals(expected, courseDetail(snapshot, "ciencia-de-datos", "ruta-analista", "curso-de-pandas"));
        assertEquals(expected, courseDetail(snapshot, "CIENCIA DE DATOS", "Ruta Analista", "1PandasFolder0001"));
    }

    @Test
    void courseDetailOfTallerDeSqlIsTheWholeCourseRoute() {
        CatalogSnapshot snapshot = Samples.sampleSnapshot();
        String route = compact(Samples.sampleTree().at("/categories/0/routes/1"));
        String expected = "{\"catId\":\"datos\",\"routeId\":\"route-2\",\"courseId\":\"taller-sql\","
                + "\"indices\":{\"catIdx\":0,\"routeIdx\":1,\"courseIdx\":0},\"course\":" + route
                + ",\"isCourseRoute\":true}";
        assertEquals(expected, courseDetail(snapshot, "0", "route-2", "taller-sql"));
        assertEquals(expected, courseDetail(snapshot, "0", "1", "0"));
    }

    @Test
    void courseDetailOfTheSecondCourseExcludesTheArraySeparator() {
        CatalogSnapshot snapshot = Samples.sampleSnapshot();
        String estadistica = compact(Samples.sampleTree().at("/categories/0/routes/0/courses/1"));
        assertEquals("{\"catId\":\"datos\",\"routeId\":\"analista\",\"courseId\":\"estadistica\","
                + "\"indices\":{\"catIdx\":0,\"routeIdx\":0,\"courseIdx\":1},\"course\":" + estadistica
                + ",\"isCourseRoute\":false}", courseDetail(snapshot, "0", "0", "1"));
    }

    @Test
    void unknownCourseGivesNoDetail() {
        assertEquals(Optional.empty(), Samples.sampleSnapshot().courseDetail("0", "0", "9"));
    }

    @Test
    void courseDetailCarriesIndicesAndTheEtagBase() {
        CourseDetail detail = Samples.sampleSnapshot().courseDetail("datos", "route-2", "0").orElseThrow();
        assertEquals(List.of(0, 1, 0), List.of(detail.catIdx(), detail.routeIdx(), detail.courseIdx()));
        assertEquals("0123456789abcdef-0.1.0", detail.etagBase("0123456789abcdef"));
    }

    @Test
    void hostileDocumentBuildsAndServesItsCoursesAndStatsWarnings() {
        String json = "{\"top\":1,\"categories\":[1,\"x\",null,{\"id\":\"\",\"routes\":[5,{\"isCourse\":\"yes\","
                + "\"modules\":{\"a\":1}},{\"courses\":[3,{\"name\":\"Curso Ñ\",\"modules\":[{\"classes\":\"s\"},"
                + "{\"classes\":[{\"files\":{\"video\":\"1abcdefghijk\"}},\"c\"]}]}],\"x\":[]}],\"routesX\":{}}],"
                + "\"stats\":{\"totalCategories\":\"12\",\"totalRoutes\":1.9,\"totalCourses\":true,\"totalClasses\":\"abc\"}}";
        CatalogSnapshot snapshot = Samples.snapshot(json);
        JsonNode tree = Samples.parse(json);
        assertArrayEquals(JsonOut.bytes(tree), snapshot.courses().identity());
        assertEquals(1, snapshot.classCount());
        assertEquals(List.of("stats.totalClasses: \"abc\" is not a number; using 0"), snapshot.warnings());
        assertTrue(Samples.utf8(snapshot.cacheMeta().identity()).contains(
                "\"stats\":{\"totalCategories\":12,\"totalRoutes\":1,\"totalCourses\":1,\"totalClasses\":0}"));
        assertEquals("{\"catId\":\"3\",\"routeId\":\"2\",\"courseId\":\"curso-n\",\"indices\":{\"catIdx\":3,"
                + "\"routeIdx\":2,\"courseIdx\":1},\"course\":" + compact(tree.at("/categories/3/routes/2/courses/1"))
                + ",\"isCourseRoute\":false}", courseDetail(snapshot, "3", "2", "curso ñ"));
        assertEquals("{\"catId\":\"3\",\"routeId\":\"1\",\"courseId\":\"0\",\"indices\":{\"catIdx\":3,"
                + "\"routeIdx\":1,\"courseIdx\":0},\"course\":" + compact(tree.at("/categories/3/routes/1"))
                + ",\"isCourseRoute\":true}", courseDetail(snapshot, "3", "1", "0"));
    }

    @Test
    void emptySnapshotWithoutPathServes97ByteBodiesAndNoneCacheMeta() {
        CatalogSnapshot empty = CatalogSnapshot.empty(CatalogSource.DATA, null, null, Samples.LOADED_AT);
        assertEquals(97, empty.courses().identity().length);
        assertEquals(EMPTY_BODY, Samples.utf8(empty.courses().identity()));
        assertEquals(EMPTY_BODY, Samples.utf8(empty.bootstrap().identity()));
        assertEquals("{\"cache_file_path\":null,\"cache_file_name\":null,\"source\":\"none\",\"mtime\":null,"
                + "\"mtimeEpoch\":null,\"stats\":{\"totalCategories\":0,\"totalRoutes\":0,\"totalCourses\":0,"
                + "\"totalClasses\":0},\"payloadBytes\":{\"full\":97,\"bootstrap\":97},\"version\":\""
                + empty.version() + "\"}", Samples.utf8(empty.cacheMeta().identity()));
    }

    @Test
    void emptySnapshotReportsNothingLoaded() {
        CatalogSnapshot empty = CatalogSnapshot.empty(CatalogSource.VIEWER, "/v/courses_cache.json",
                Samples.MTIME, Samples.LOADED_AT);
        assertFalse(empty.loaded());
        assertEquals(CatalogSource.NONE, empty.source());
        assertEquals("/v/courses_cache.json", empty.path());
        assertEquals(Samples.MTIME, empty.mtime());
        assertEquals(0, empty.classCount());
        assertSame(SelfCheck.EMPTY, empty.selfCheck());
        assertEquals(List.of(), empty.warnings());
        assertEquals(Optional.empty(), empty.courseDetail("0", "0", "0"));
        assertTrue(empty.version().matches("[0-9a-f]{16}"));
        assertNull(CatalogSnapshot.empty(CatalogSource.DATA, null, null, Samples.LOADED_AT).path());
    }

    @Test
    void emptySnapshotCacheMetaDescribesTheGivenPath() {
        CatalogSnapshot empty = CatalogSnapshot.empty(CatalogSource.VIEWER, "/v/courses_cache.json",
                Samples.MTIME, Samples.LOADED_AT);
        assertTrue(Samples.utf8(empty.cacheMeta().identity()).startsWith("{\"cache_file_path\":\"/v/courses_cache.json\","
                + "\"cache_file_name\":\"courses_cache.json\",\"source\":\"viewer\",\"mtime\":\"2024-05-06T07:08:09Z\","
                + "\"mtimeEpoch\":1714979289.123456,\"stats\":"));
    }

    @Test
    void emptySnapshotVersionDependsOnThePathInfo() {
        String a = CatalogSnapshot.empty(CatalogSource.DATA, "/d/courses_cache.json", null, Samples.LOADED_AT).version();
        String b = CatalogSnapshot.empty(CatalogSource.VIEWER, "/d/courses_cache.json", null, Samples.LOADED_AT).version();
        String c = CatalogSnapshot.empty(CatalogSource.DATA, null, null, Samples.LOADED_AT).version();
        assertEquals(3, List.of(a, b, c).stream().distinct().count());
        assertEquals(a, CatalogSnapshot.empty(CatalogSource.DATA, "/d/courses_cache.json", null, Instant.EPOCH).version());
    }

    @Test
    void originalFixtureLoads() {
        byte[] file = Samples.fixture("original-fixture.json");
        CatalogSnapshot snapshot = CatalogSnapshot.fromDocument(Samples.parse(file), file, CatalogSource.VIEWER,
                "/viewer/courses_cache.json", Samples.MTIME, Samples.LOADED_AT);
        assertEquals(2, snapshot.classCount());
        assertEquals(4, snapshot.selfCheck().validDriveRefs());
        assertTrue(courseDetail(snapshot, "dev", "backend", "api-course").startsWith("{\"catId\":\"dev\","
                + "\"routeId\":\"backend\",\"courseId\":\"api-course\",\"indices\":{\"catIdx\":0,\"routeIdx\":0,"
                + "\"courseIdx\":0},\"course\":{\"id\":\"api-course\","));
    }
}
