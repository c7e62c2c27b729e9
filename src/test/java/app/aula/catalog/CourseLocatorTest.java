package app.aula.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CourseLocatorTest {

    private static final CourseLocator SAMPLE = CourseLocator.of(Samples.sampleTree());

    private static List<Integer> indices(CourseLocator locator, String cat, String route, String course) {
        Optional<CourseLocator.Match> match = locator.locate(cat, route, course);
        assertTrue(match.isPresent(), cat + "/" + route + "/" + course + " should resolve");
        return List.of(match.get().catIdx(), match.get().routeIdx(), match.get().courseIdx());
    }

    private static CourseLocator locator(String json) {
        return CourseLocator.of(Samples.parse(json));
    }

    @Test
    void indicesResolveCursoDePandas() {
        CourseLocator.Match match = SAMPLE.locate("0", "0", "0").orElseThrow();
        assertEquals(new CourseLocator.Match(0, 0, 0, false, "\"datos\"", "\"analista\"", "pandas"), match);
    }

    @Test
    void idsResolveCursoDePandas() {
        assertEquals(List.of(0, 0, 0), indices(SAMPLE, "datos", "analista", "pandas"));
    }

    @Test
    void slugsResolveCursoDePandas() {
        assertEquals(List.of(0, 0, 0), indices(SAMPLE, "ciencia-de-datos", "ruta-analista", "curso-de-pandas"));
    }

    @Test
    void upperCaseNamesAndCourseFolderIdResolveCursoDePandas() {
        assertEquals(List.of(0, 0, 0), indices(SAMPLE, "CIENCIA DE DATOS", "Ruta Analista", "1PandasFolder0001"));
    }

    @Test
    void courseRouteResolvesByRouteIdAndUrlSlugOrByIndexZero() {
        CourseLocator.Match expected = new CourseLocator.Match(0, 1, 0, true, "\"datos\"", "\"route-2\"", "taller-sql");
        assertEquals(expected, SAMPLE.locate("0", "route-2", "taller-sql").orElseThrow());
        assertEquals(expected, SAMPLE.locate("0", "1", "0").orElseThrow());
    }

    @Test
    void secondCourseResolvesCursoDeEstadistica() {
        CourseLocator.Match match = SAMPLE.locate("0", "0", "1").orElseThrow();
        assertEquals(new CourseLocator.Match(0, 0, 1, false, "\"datos\"", "\"analista\"", "estadistica"), match);
    }

    @Test
    void unknownCourseIndexDoesNotResolve() {
        assertEquals(Optional.empty(), SAMPLE.locate("0", "0", "9"));
        assertEquals(Optional.empty(), SAMPLE.locate("0", "1", "1")); // a course-route has only index 0
    }

    @Test
    void refsAreTrimmedAndLowerCasedWithTheRootLocale() {
        assertEquals(List.of(0, 0, 0), indices(SAMPLE, "  DATOS\t", " 0 ", "\nPANDAS "));
        Locale previous = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr"));
            // Turkish lower-casing would turn I into dotless ı and miss "ingles"
            CourseLocator turkish = locator("{\"categories\":[{\"id\":\"INGLES\",\"routes\":[{\"id\":\"RI\","
                    + "\"courses\":[{\"name\":\"IDIOMA\"}]}]}]}");
            assertEquals(List.of(0, 0, 0), indices(turkish, "ingles", "ri", "idioma"));
        } finally {
            Locale.setDefault(previous);
        }
    }

    @Test
    void nameMatchingIsAccentSensitiveAndAccentFreeRefsGoThroughTheSlug() {
        CourseLocator locator = locator("{\"categories\":[{\"name\":\"Estadística\",\"routes\":[{\"name\":\"Ruta\","
                + "\"courses\":[{\"name\":\"Curso Básico\"}]}]}]}");
        assertEquals(List.of(0, 0, 0), indices(locator, "ESTADÍSTICA", "ruta", "curso básico"));
        assertEquals(List.of(0, 0, 0), indices(locator, "estadistica", "ruta", "curso-basico"));
        assertEquals(Optional.empty(), locator.locate("estadistica", "ruta", "curso basico"));
    }

    @Test
    void indexMatchingIsExactDecimal() {
        CourseLocator locator = locator("{\"categories\":[{},{\"routes\":[{\"courses\":[{},{},{}]}]}]}");
        assertEquals(List.of(1, 0, 2), indices(locator, "1", "0", "2"));
        assertEquals(Optional.empty(), locator.locate("01", "0", "2"));
        assertEquals(Optional.empty(), locator.locate("1", "+0", "2"));
        assertEquals(Optional.empty(), locator.locate("1", "0", "2.0"));
    }

    @Test
    void aMatchingCategoryWithoutAMatchingRouteDoesNotStopTheSearch() {
        CourseLocator locator = locator("{\"categories\":[{\"id\":\"dup\",\"routes\":[{\"id\":\"other\",\"courses\":[{}]}]},"
                + "{\"id\":\"dup\",\"routes\":[{\"id\":\"wanted\",\"courses\":[{\"id\":\"c\"}]}]}]}");
        assertEquals(List.of(1, 0, 0), indices(locator, "dup", "wanted", "c"));
    }

    @Test
    void aMatchingRouteWithoutTheCourseDoesNotStopTheSearch() {
        CourseLocator locator = locator("{\"categories\":[{\"routes\":[{\"id\":\"r\",\"courses\":[{\"id\":\"a\"}]},"
                + "{\"id\":\"r\",\"courses\":[{\"id\":\"b\"},{\"id\":\"c\"}]}]}]}");
        assertEquals(List.of(0, 1, 1), indices(locator, "0", "r", "c"));
    }

    @Test
    void courseRouteMatchingMovesOnToTheNextRouteWhenTheCourseRefDoesNotMatch() {
        CourseLocator locator = locator("{\"categories\":[{\"routes\":["
                + "{\"name\":\"Shared\",\"isCourse\":true,\"url\":\"https://x.org/cursos/solo/\"},"
                + "{\"name\":\"Shared\",\"courses\":[{\"name\":\"Target\"}]}]}]}");
        assertEquals(List.of(0, 1, 0), indices(locator, "0", "shared", "target"));
        CourseLocator.Match solo = locator.locate("0", "shared", "solo").orElseThrow();
        assertEquals(List.of(0, 0, 0), List.of(solo.catIdx(), solo.routeIdx(), solo.courseIdx()));
        assertTrue(solo.courseRoute());
    }

    @Test
    void courseRouteAlsoMatchesItsNameSlugIdAndPublicId() {
        CourseLocator locator = locator("{\"categories\":[{\"routes\":[{\"id\":\"r-9\",\"name\":\"Taller de SQL\","
                + "\"isCourse\":1}]}]}");
        for (String ref : new String[] {"r-9", "taller de sql", "taller-de-sql", "0"}) {
            assertEquals(List.of(0, 0, 0), indices(locator, "0", "0", ref), ref);
        }
        assertEquals("r-9", locator.locate("0", "0", "0").orElseThrow().courseId()); // publicId: the id
        assertEquals("taller-de-sql", locator("{\"categories\":[{\"routes\":[{\"name\":\"Taller de SQL\","
                + "\"isCourse\":true}]}]}").locate("0", "0", "0").orElseThrow().courseId());
    }

    @Test
    void nonStringCandidatesAndNonObjectElementsNeverMatchButKeepTheirIndex() {
        CourseLocator locator = locator("{\"categories\":[5,{\"id\":7,\"name\":null,\"routes\":[\"r\",{\"id\":[\"x\"],"
                + "\"courses\":[null,{\"id\":3}]}]}]}");
        assertEquals(Optional.empty(), locator.locate("0", "0", "0"));
        assertEquals(Optional.empty(), locator.locate("7", "1", "1"));
        assertEquals(Optional.empty(), locator.locate("1", "1", "3"));
        assertEquals(Optional.empty(), locator.locate("1", "1", "0"));
        CourseLocator.Match match = locator.locate("1", "1", "1").orElseThrow();
        assertEquals(new CourseLocator.Match(1, 1, 1, false, "7", "[\"x\"]", "1"), match);
    }

    @Test
    void blankRefsAndBlankCandidatesNeverMatch() {
        CourseLocator locator = locator("{\"categories\":[{\"id\":\"  \",\"routes\":[{\"courses\":[{\"name\":\" \"}]}]}]}");
        assertEquals(Optional.empty(), locator.locate(" ", "0", "0"));
        assertEquals(Optional.empty(), locator.locate("0", "0", ""));
        assertEquals(List.of(0, 0, 0), indices(locator, "0", "0", "0"));
    }

    @Test
    void idsFallBackToTheIndexWhenMissingOrEmpty() {
        CourseLocator locator = locator("{\"categories\":[{\"id\":\"\",\"routes\":[{\"courses\":[{}]}]}]}");
        assertEquals(new CourseLocator.Match(0, 0, 0, false, "\"0\"", "\"0\"", "0"),
                locator.locate("0", "0", "0").orElseThrow());
    }

    @Test
    void anEmptyCatalogueResolvesNothing() {
        assertEquals(Optional.empty(), CourseLocator.of(null).locate("0", "0", "0"));
    }
}
