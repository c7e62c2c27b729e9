package app.aula.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsNormalizerTest {

    private static NormalizedStats normalize(String statsJson) {
        return StatsNormalizer.normalize(
                Samples.parse("{\"categories\":[],\"stats\":" + statsJson + "}").get("stats"));
    }

    private static List<BigInteger> values(NormalizedStats stats) {
        return List.of(stats.totalCategories(), stats.totalRoutes(), stats.totalCourses(), stats.totalClasses());
    }

    private static List<BigInteger> ints(long... values) {
        return java.util.Arrays.stream(values).mapToObj(BigInteger::valueOf).toList();
    }

    @Test
    void integersStayAsTheyAreEvenHugeOrNegative() {
        NormalizedStats stats = normalize(
                "{\"totalCategories\":1,\"totalRoutes\":-2,\"totalCourses\":123456789012345678901,\"totalClasses\":0}");
        assertEquals(List.of(BigInteger.ONE, BigInteger.valueOf(-2), new BigInteger("123456789012345678901"),
                BigInteger.ZERO), values(stats));
        assertEquals(List.of(), stats.warnings());
    }

    @Test
    void fractionsAreTruncatedTowardZero() {
        assertEquals(ints(1, -1, 0),
                values(normalize("{\"totalCategories\":1.9,\"totalRoutes\":-1.9,\"totalCourses\":0.5}")).subList(0, 3));
        assertEquals(new BigInteger("100000000000000000000"),
                normalize("{\"totalClasses\":1e20}").totalClasses());
    }

    @Test
    void booleansMissingAndNullConvertWithoutWarnings() {
        NormalizedStats stats = normalize("{\"totalCategories\":true,\"totalRoutes\":false,\"totalCourses\":null}");
        assertEquals(ints(1, 0, 0, 0), values(stats));
        assertEquals(List.of(), stats.warnings());
    }

    @Test
    void digitStringsWithSignAndBlanksAreIntegers() {
        NormalizedStats stats = normalize(
                "{\"totalCategories\":\"12\",\"totalRoutes\":\" -3 \",\"totalCourses\":\"+7\",\"totalClasses\":\"\\t42\\n\"}");
        assertEquals(ints(12, -3, 7, 42), values(stats));
        assertEquals(List.of(), stats.warnings());
    }

    @Test
    void anyOtherValueBecomesZeroWithAWarning() {
        NormalizedStats stats = normalize(
                "{\"totalCategories\":\"abc\",\"totalRoutes\":\"1.5\",\"totalCourses\":[1],\"totalClasses\":{\"n\":1}}");
        assertEquals(ints(0, 0, 0, 0), values(stats));
        assertEquals(List.of(
                "stats.totalCategories: \"abc\" is not a number; using 0",
                "stats.totalRoutes: \"1.5\" is not a number; using 0",
                "stats.totalCourses: [1] is not a number; using 0",
                "stats.totalClasses: {\"n\":1} is not a number; using 0"), stats.warnings());
    }

    @Test
    void statsThatAreNotAnObjectGiveFourZeros() throws Exception {
        assertEquals(NormalizedStats.ZERO, StatsNormalizer.normalize(null));
        for (String stats : new String[] {"[1,2,3,4]", "\"1\"", "null", "5"}) {
            assertEquals(NormalizedStats.ZERO, StatsNormalizer.normalize(
                    app.aula.json.Json.mapper().readTree(stats)), stats);
        }
    }

    @Test
    void unknownStatsKeysAreIgnored() {
        NormalizedStats stats = normalize("{\"extra\":\"abc\",\"totalClasses\":3}");
        assertEquals(ints(0, 0, 0, 3), values(stats));
        assertEquals(List.of(), stats.warnings());
    }
}
