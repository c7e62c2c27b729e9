package app.aula.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 9110 §8.8.3 / §13.1.1–13.1.2 as used by api.md §1.8 and §3.8. */
class EntityTagsTest {

    private static final String V = "\"0123456789abcdef\"";
    private static final String V_GZ = "\"0123456789abcdef-gz\"";

    @Test
    void quoteWrapsTheOpaqueValueInDoubleQuotes() {
        assertEquals("\"abc\"", EntityTags.quote("abc"));
        assertEquals("\"\"", EntityTags.quote(""));
    }

    // ---- If-None-Match (weak comparison)

    @Test
    void noneMatchNullOrBlankHeaderNeverMatches() {
        assertFalse(EntityTags.noneMatchHits(null, V));
        assertFalse(EntityTags.noneMatchHits("", V));
        assertFalse(EntityTags.noneMatchHits("   ", V));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", " * ", "\t*"})
    void noneMatchStarMatchesAnyCurrentTag(String header) {
        assertTrue(EntityTags.noneMatchHits(header, V));
    }

    @Test
    void noneMatchExactTagMatches() {
        assertTrue(EntityTags.noneMatchHits(V, V, V_GZ));
        assertTrue(EntityTags.noneMatchHits(V_GZ, V, V_GZ));
    }

    @Test
    void noneMatchWeakHeaderTagMatchesStrongCurrentTag() {
        assertTrue(EntityTags.noneMatchHits("W/" + V, V));
    }

    @Test
    void noneMatchStrongHeaderTagMatchesWeakCurrentTag() {
        assertTrue(EntityTags.noneMatchHits(V, "W/" + V));
    }

    @Test
    void noneMatchListMatchesWhenAnyMemberMatches() {
        assertTrue(EntityTags.noneMatchHits("\"x\", \"y\", " + V, V));
        assertTrue(EntityTags.noneMatchHits("\"x\"," + V + ",\"y\"", V));
        assertTrue(EntityTags.noneMatchHits("\"x\" ,  W/" + V_GZ, V, V_GZ));
    }

    @Test
    void noneMatchDifferentTagsDoNotMatch() {
        assertFalse(EntityTags.noneMatchHits("\"x\", \"y\"", V, V_GZ));
        assertFalse(EntityTags.noneMatchHits("\"0123456789ABCDEF\"", V));
    }

    @Test
    void noneMatchUnquotedValueDoesNotMatchQuotedTag() {
        assertFalse(EntityTags.noneMatchHits("0123456789abcdef", V));
    }

    @Test
    void noneMatchCommaInsideQuotesDoesNotSplitTheTag() {
        assertTrue(EntityTags.noneMatchHits("\"a,b\", \"c\"", "\"a,b\""));
        assertTrue(EntityTags.noneMatchHits("\"a,b\", \"c\"", "\"c\""));
        assertFalse(EntityTags.noneMatchHits("\"a,b\"", "\"a\""));
        assertFalse(EntityTags.noneMatchHits("\"a,b\"", "\"b\""));
    }

    @Test
    void parseListSplitsOnlyOnCommasOutsideQuotes() {
        assertEquals(List.of("\"a,b\"", "W/\"c\"", "\"d\""), EntityTags.parseList(" \"a,b\" , W/\"c\",,\"d\" "));
    }

    @Test
    void noneMatchIgnoresNullCurrentTags() {
        assertTrue(EntityTags.noneMatchHits(V, null, V));
        assertFalse(EntityTags.noneMatchHits(V, (String) null));
    }

    // ---- If-Match (strong comparison)

    @Test
    void matchNullOrBlankHeaderNeverMatches() {
        assertFalse(EntityTags.matchHits(null, V));
        assertFalse(EntityTags.matchHits("", V));
    }

    @Test
    void matchStarAlwaysMatches() {
        assertTrue(EntityTags.matchHits("*", V));
    }

    @Test
    void matchExactStrongTagMatches() {
        assertTrue(EntityTags.matchHits(V, V));
    }

    @Test
    void matchListMatchesWhenAnyStrongMemberMatches() {
        assertTrue(EntityTags.matchHits("\"x\", " + V + ", \"y\"", V));
    }

    @Test
    void matchWeakHeaderTagNeverMatches() {
        assertFalse(EntityTags.matchHits("W/" + V, V));
        assertFalse(EntityTags.matchHits("\"x\", W/" + V, V));
    }

    @Test
    void matchWeakCurrentTagNeverStronglyMatches() {
        // RFC 9110 §8.8.3.2: strong comparison requires that neither tag is weak.
        assertFalse(EntityTags.matchHits(V, "W/" + V));
    }

    @Test
    void matchDifferentTagDoesNotMatch() {
        assertFalse(EntityTags.matchHits("\"nope\"", V));
    }

    @Test
    void matchCommaInsideQuotesDoesNotSplitTheTag() {
        assertTrue(EntityTags.matchHits("\"a,b\"", "\"a,b\""));
        assertFalse(EntityTags.matchHits("\"a,b\"", "\"a\""));
    }
}
