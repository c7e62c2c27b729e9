package app.aula.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BootstrapProjectionTest {

    private static final String ZERO_STATS =
            "\"stats\":{\"totalCategories\":0,\"totalRoutes\":0,\"totalCourses\":0,\"totalClasses\":0}";

    private static String project(String json) {
        return Samples.utf8(BootstrapProjection.project(Samples.parse(json)));
    }

    /** A document with one category holding the given routes. */
    private static String withRoutes(String routes) {
        return project("{\"categories\":[{\"routes\":[" + routes + "]}]}");
    }

    private static String expectedWithRoutes(String routes) {
        return "{\"categories\":[{\"id\":\"\",\"name\":\"\",\"icon\":\"\",\"description\":\"\",\"type\":\"\","
                + "\"routes\":[" + routes + "]}]," + ZERO_STATS + "}";
    }

    private static final String EMPTY_COURSE_TAIL = "\"publicId\":\"\",\"moduleCount\":0,\"classCount\":0,"
            + "\"foundInDrive\":true,\"matchType\":null,\"matchedFolder\":null,\"hasPresentation\":false,"
            + "\"presentationId\":\"\",\"modules\":[]";

    private static final String EMPTY_COURSE =
            "{\"name\":\"\",\"folderName\":\"\",\"url\":\"\",\"id\":\"\"," + EMPTY_COURSE_TAIL + "}";

    @Test
    void sampleProjectsToTheSpecResultByteForByte() {
        byte[] expected = Samples.resource(Samples.SAMPLE_BOOTSTRAP);
        byte[] actual = BootstrapProjection.project(Samples.sampleTree());
        assertEquals(1359, actual.length);
        assertArrayEquals(expected, actual);
    }

    @Test
    void emptyCategoriesGiveTheEmptyBody() {
        assertEquals("{\"categories\":[]," + ZERO_STATS + "}", project("{\"categories\":[]}"));
    }

    @Test
    void categoryKeepsOnlyItsFieldsAndCourseCountOnlyWhenPresent() {
        assertEquals("{\"categories\":[{\"id\":\"a\",\"name\":null,\"icon\":\"\",\"description\":\"\",\"type\":7,"
                + "\"routes\":[],\"courseCount\":null}]," + ZERO_STATS + "}",
                project("{\"categories\":[{\"courseCount\":null,\"type\":7,\"extra\":1,\"name\":null,\"id\":\"a\"}]}"));
    }

    @Test
    void routeOfCoursesCountsCoursesUnlessCourseCountIsStored() {
        assertEquals(expectedWithRoutes("{\"id\":\"r\",\"name\":\"\",\"url\":\"\",\"isCourse\":false,\"courses\":["
                + EMPTY_COURSE + "," + EMPTY_COURSE + "],\"courseCount\":2},"
                + "{\"id\":\"\",\"name\":\"\",\"url\":\"\",\"isCourse\":false,\"courses\":[],\"courseCount\":\"x\"}"),
                withRoutes("{\"courses\":[{},{}],\"id\":\"r\",\"isCourse\":0},{\"courseCount\":\"x\",\"isCourse\":[]}"));
    }

    @Test
    void isCourseUsesTruthiness() {
        String[] truthy = {"true", "1", "-0.5", "\"no\"", "[0]", "{\"a\":0}"};
        for (String value : truthy) {
            assertEquals(expectedWithRoutes("{\"id\":\"\",\"name\":\"\",\"url\":\"\",\"isCourse\":true,"
                    + "\"folderName\":\"\"," + EMPTY_COURSE_TAIL + "}"),
                    withRoutes("{\"isCourse\":" + value + "}"), value);
        }
        String[] falsy = {"false", "0", "0.0", "\"\"", "[]", "{}", "null"};
        for (String value : falsy) {
            assertEquals(expectedWithRoutes("{\"id\":\"\",\"name\":\"\",\"url\":\"\",\"isCourse\":false,"
                    + "\"courses\":[],\"courseCount\":0}"), withRoutes("{\"isCourse\":" + value + "}"), value);
        }
    }

    @Test
    void courseRouteMergesCourseFieldsAfterItsOwnKeysWithoutCourseCount() {
        assertEquals(expectedWithRoutes("{\"id\":\"r1\",\"name\":\"N\",\"url\":\"https://x.org/cursos/sql/\","
                + "\"isCourse\":true,\"folderName\":\"F\",\"publicId\":\"sql\",\"moduleCount\":5,\"classCount\":3,"
                + "\"foundInDrive\":false,\"matchType\":\"exact\",\"matchedFolder\":\"F\",\"hasPresentation\":true,"
                + "\"presentationId\":\"1Presentation01\",\"modules\":[{\"name\":\"M\",\"classCount\":3,\"classes\":3}]}"),
                withRoutes("{\"modules\":[{\"name\":\"M\",\"classes\":[{},{},{}]}],\"presentationId\":\"1Presentation01\","
                        + "\"hasPresentation\":true,\"matchedFolder\":\"F\",\"matchType\":\"exact\",\"foundInDrive\":false,"
                        + "\"moduleCount\":5,\"courseCount\":9,\"courses\":[{}],\"folderName\":\"F\",\"isCourse\":true,"
                        + "\"url\":\"https://x.org/cursos/sql/\",\"name\":\"N\",\"id\":\"r1\",\"extra\":[1]}"));
    }

    @Test
    void courseFieldsFollowSpecOrderWithDefaultsAndStoredNulls() {
        assertEquals(expectedWithRoutes("{\"id\":\"\",\"name\":\"\",\"url\":\"\",\"isCourse\":false,\"courses\":["
                + "{\"name\":\"Curso de Álgebra\",\"folderName\":null,\"url\":\"\",\"id\":\" 1Id \",\"publicId\":\"1Id\","
                + "\"moduleCount\":0,\"classCount\":0,\"foundInDrive\":null,\"matchType\":null,\"matchedFolder\":null,"
                + "\"hasPresentation\":false,\"presentationId\":null,\"modules\":[]}],\"courseCount\":1}"),
                withRoutes("{\"courses\":[{\"presentationId\":null,\"foundInDrive\":null,\"id\":\" 1Id \","
                        + "\"folderName\":null,\"name\":\"Curso de Álgebra\",\"files\":{\"video\":\"1abcdefghij\"}}]}"));
    }

    @Test
    void moduleNamesDefaultToModuloNAndCountsFollowTheClassesRule() {
        String modules = "[{\"classes\":[{},{}]},{\"name\":null,\"classes\":4},{\"name\":\"\",\"classes\":-3},"
                + "{\"name\":0,\"classes\":\"7\"},{\"name\":\"Intro\",\"classes\":{\"a\":1}},7,\"m\",null,[]]";
        String expected = "[{\"name\":\"Módulo 1\",\"classCount\":2,\"classes\":2},"
                + "{\"name\":\"Módulo 2\",\"classCount\":4,\"classes\":4},"
                + "{\"name\":\"Módulo 3\",\"classCount\":0,\"classes\":0},"
                + "{\"name\":0,\"classCount\":0,\"classes\":0},"
                + "{\"name\":\"Intro\",\"classCount\":0,\"classes\":0},"
                + "{\"name\":\"Módulo 6\",\"classCount\":0,\"classes\":0},"
                + "{\"name\":\"Módulo 7\",\"classCount\":0,\"classes\":0},"
                + "{\"name\":\"Módulo 8\",\"classCount\":0,\"classes\":0},"
                + "{\"name\":\"Módulo 9\",\"classCount\":0,\"classes\":0}]";
        assertEquals(expectedWithRoutes("{\"id\":\"\",\"name\":\"\",\"url\":\"\",\"isCourse\":true,\"folderName\":\"\","
                + "\"publicId\":\"\",\"moduleCount\":9,\"classCount\":6,\"foundInDrive\":true,\"matchType\":null,"
                + "\"matchedFolder\":null,\"hasPresentation\":false,\"presentationId\":\"\",\"modules\":" + expected + "}"),
                withRoutes("{\"isCourse\":true,\"modules\":" + modules + "}"));
    }

    @Test
    void storedCountsAreKeptOnlyWhenTheyAreJsonIntegers() {
        String course = "{\"moduleCount\":%s,\"classCount\":%s,\"modules\":[{\"classes\":[{}]},{\"classes\":2}]}";
        String tail = "\"foundInDrive\":true,\"matchType\":null,\"matchedFolder\":null,\"hasPresentation\":false,"
                + "\"presentationId\":\"\",\"modules\":[{\"name\":\"Módulo 1\",\"classCount\":1,\"classes\":1},"
                + "{\"name\":\"Módulo 2\",\"classCount\":2,\"classes\":2}]";
        String head = "{\"name\":\"\",\"folderName\":\"\",\"url\":\"\",\"id\":\"\",\"publicId\":\"\",";
        assertEquals(expectedWithRoutes("{\"id\":\"\",\"name\":\"\",\"url\":\"\",\"isCourse\":false,\"courses\":["
                + head + "\"moduleCount\":12345678901234567890,\"classCount\":-4," + tail + "},"
                + head + "\"moduleCount\":2,\"classCount\":3," + tail + "}],\"courseCount\":2}"),
                withRoutes("{\"courses\":[" + String.format(course, "12345678901234567890", "-4") + ","
                        + String.format(course, "2.0", "\"9\"") + "]}"));
    }

    @Test
    void hostileShapesProjectWithDefaultsInsteadOfThrowing() {
        String json = "{\"categories\":[1,\"x\",null,[],{\"routes\":{\"a\":1}},{\"routes\":[5,\"r\",null,"
                + "{\"courses\":\"x\"},{\"courses\":[3,\"c\",{\"modules\":{\"a\":[]}},{\"modules\":\"m\"}]}]}],"
                + "\"stats\":{\"totalCategories\":\"12\",\"totalRoutes\":1.9,\"totalCourses\":true,\"totalClasses\":\"abc\"}}";
        String emptyCategory = "{\"id\":\"\",\"name\":\"\",\"icon\":\"\",\"description\":\"\",\"type\":\"\",\"routes\":[]}";
        String emptyRoute = "{\"id\":\"\",\"name\":\"\",\"url\":\"\",\"isCourse\":false,\"courses\":[],\"courseCount\":0}";
        String expected = "{\"categories\":[" + String.join(",", java.util.Collections.nCopies(5, emptyCategory))
                + ",{\"id\":\"\",\"name\":\"\",\"icon\":\"\",\"description\":\"\",\"type\":\"\",\"routes\":["
                + emptyRoute + "," + emptyRoute + "," + emptyRoute + "," + emptyRoute + ","
                + "{\"id\":\"\",\"name\":\"\",\"url\":\"\",\"isCourse\":false,\"courses\":["
                + String.join(",", java.util.Collections.nCopies(4, EMPTY_COURSE)) + "],\"courseCount\":4}]}],"
                + "\"stats\":{\"totalCategories\":12,\"totalRoutes\":1,\"totalCourses\":1,\"totalClasses\":0}}";
        assertEquals(expected, project(json));
    }
}
