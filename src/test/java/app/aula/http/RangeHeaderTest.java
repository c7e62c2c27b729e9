package app.aula.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Range parser of media.md §3.2 steps 5 and 7 (and RFC 9110 §14.1–14.2), tested against the
 * 10-byte file {@code 0123456789} unless stated otherwise. Steps 3, 4 and 6 (method, If-Range,
 * zero-length files) live in {@link ByteServing} and are tested in {@code ByteServingTest}.
 */
class RangeHeaderTest {

    private static final long TEN = 10;
    private static final String MAX = Long.toString(Long.MAX_VALUE); // 9223372036854775807
    private static final String MAX_PLUS_1 = "9223372036854775808";

    private static RangeHeader.Parsed parse(String header) {
        return RangeHeader.parse(header, TEN);
    }

    private static RangeHeader.Span span(long first, long last, long size) {
        return new RangeHeader.Span(new ByteRange(first, last, size));
    }

    private static final RangeHeader.Ignore IGNORE = new RangeHeader.Ignore();
    private static final RangeHeader.Unsatisfiable UNSATISFIABLE = new RangeHeader.Unsatisfiable();

    // ---- accepted single ranges

    @Test
    void firstLastRangeIsTakenAsIs() {
        assertEquals(span(2, 5, TEN), parse("bytes=2-5"));
    }

    @Test
    void singleByteRangesAtBothEndsAreAccepted() {
        assertEquals(span(0, 0, TEN), parse("bytes=0-0"));
        assertEquals(span(9, 9, TEN), parse("bytes=9-9"));
    }

    @Test
    void openEndedRangeRunsToTheLastByte() {
        assertEquals(span(7, 9, TEN), parse("bytes=7-"));
        assertEquals(span(0, 9, TEN), parse("bytes=0-"));
        assertEquals(span(9, 9, TEN), parse("bytes=9-"));
    }

    @Test
    void suffixRangeSelectsTheLastBytes() {
        assertEquals(span(7, 9, TEN), parse("bytes=-3"));
        assertEquals(span(9, 9, TEN), parse("bytes=-1"));
        assertEquals(span(1, 9, TEN), parse("bytes=-9"));
    }

    @Test
    void suffixEqualToSizeIsTheWholeFile() {
        assertEquals(span(0, 9, TEN), parse("bytes=-10"));
    }

    @Test
    void suffixLargerThanSizeIsTheWholeFile() {
        assertEquals(span(0, 9, TEN), parse("bytes=-11"));
        assertEquals(span(0, 9, TEN), parse("bytes=-20"));
    }

    @Test
    void lastBeyondSizeIsClampedToTheLastByte() {
        assertEquals(span(5, 9, TEN), parse("bytes=5-100"));
        assertEquals(span(5, 9, TEN), parse("bytes=5-10"));
        assertEquals(span(0, 9, TEN), parse("bytes=0-9"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"BYTES=2-5", "Bytes=2-5", "bYtEs=2-5"})
    void unitIsCaseInsensitive(String header) {
        assertEquals(span(2, 5, TEN), parse(header));
    }

    @Test
    void leadingZerosAreAllowedAndDoNotCountTowardsSaturation() {
        assertEquals(span(2, 5, TEN), parse("bytes=002-005"));
        assertEquals(span(0, 5, TEN), parse("bytes=0-000000000000000000000000000005"));
        assertEquals(span(7, 9, TEN), parse("bytes=-000000000000000000000000000003"));
    }

    // ---- blanks (SP and HTAB): optional around the whole field value only; RFC 9110 §14.1.1 allows
    // none inside a ranges-specifier, so a blank there is malformed (or, before '=', another unit)

    @ParameterizedTest
    @ValueSource(strings = {" bytes=2-5", "bytes=2-5 ", "\tbytes=2-5\t", " \t bytes=2-5 \t "})
    void blanksAroundTheWholeHeaderAreAccepted(String header) {
        assertEquals(span(2, 5, TEN), parse(header));
    }

    @Test
    void blanksAroundTheWholeHeaderAreAcceptedForSuffixAndOpenRanges() {
        assertEquals(span(7, 9, TEN), parse(" bytes=-3 "));
        assertEquals(span(7, 9, TEN), parse("\tbytes=7-\t"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes =2-5", "bytes\t=2-5", "bytes = 2-5", " bytes =2-5 ", "BYTES =-3"})
    void aBlankBeforeTheEqualsSignMakesTheUnitAnotherOneAndIsIgnored(String header) {
        assertEquals(IGNORE, parse(header));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes= 2-5", "bytes=\t2-5", "bytes= -3", "bytes= 7-"})
    void aBlankAfterTheEqualsSignIsUnsatisfiable(String header) {
        assertEquals(UNSATISFIABLE, parse(header));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=2 -5", "bytes=2- 5", "bytes=2 - 5", "bytes=2\t-\t5", "bytes=2\t-5"})
    void aBlankAroundTheDashIsUnsatisfiable(String header) {
        assertEquals(UNSATISFIABLE, parse(header));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes= - 3", "bytes=- 3", "bytes=-\t3", "bytes= 7 - ", "bytes=7 -", "bytes=7\t-"})
    void aBlankInsideASuffixOrOpenRangeIsUnsatisfiable(String header) {
        assertEquals(UNSATISFIABLE, parse(header));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=2 3-5", "bytes=2-5 6", "bytes=- 3 4", "bytes=1 0-"})
    void aBlankInsideANumberIsUnsatisfiable(String header) {
        assertEquals(UNSATISFIABLE, parse(header));
    }

    @Test
    void onlySpacesAndTabsAroundTheHeaderAreStripped() {
        assertEquals(IGNORE, parse("\nbytes=2-5")); // the unit is then "\nbytes"
        assertEquals(IGNORE, parse("\u00a0bytes=2-5"));
        assertEquals(UNSATISFIABLE, parse("bytes=2-5\r\n"));
        assertEquals(UNSATISFIABLE, parse("bytes=2-5\u00a0"));
    }

    // ---- malformed → 416

    @ParameterizedTest
    @ValueSource(strings = {"bytes=", "bytes= ", "bytes=-", "bytes= - ", "bytes=abc", "bytes=x-1", "bytes=1-x",
        "bytes=a-", "bytes=-b", "bytes=1-2-3", "bytes=--5", "bytes=5--", "bytes=-5-", "bytes=+1-2", "bytes=-+3",
        "bytes=0x1-2", "bytes=1.5-2", "bytes=1e1-", "bytes=1-2=3", "bytes=2", "bytes=\u0663-5", "bytes=\uff12-5"})
    void malformedRangeSetIsUnsatisfiable(String header) {
        assertEquals(UNSATISFIABLE, parse(header));
    }

    @Test
    void lastBeforeFirstIsUnsatisfiable() {
        assertEquals(UNSATISFIABLE, parse("bytes=5-2"));
        assertEquals(UNSATISFIABLE, parse("bytes=1-0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=-0", "bytes=-00", "bytes=-000000000000000000000000000"})
    void zeroSuffixIsUnsatisfiable(String header) {
        assertEquals(UNSATISFIABLE, parse(header));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=0-1,3-4", "bytes=0-1, 3-4", "bytes=0-1,", "bytes=,0-1", "bytes=,", "bytes=2-5,2-5",
        "bytes=-3,7-", "BYTES=0-1,3-4", "bytes=0-1,abc"})
    void aCommaMeansSeveralRangesAndIsUnsatisfiable(String header) {
        assertEquals(UNSATISFIABLE, parse(header));
    }

    // ---- beyond the end → 416

    @Test
    void firstEqualToSizeIsUnsatisfiable() {
        assertEquals(UNSATISFIABLE, parse("bytes=10-"));
        assertEquals(UNSATISFIABLE, parse("bytes=10-10"));
        assertEquals(UNSATISFIABLE, parse("bytes=10-20"));
    }

    @Test
    void firstBeyondSizeIsUnsatisfiable() {
        assertEquals(UNSATISFIABLE, parse("bytes=11-"));
        assertEquals(UNSATISFIABLE, parse("bytes=100-200"));
    }

    // ---- numbers beyond 64 bits saturate

    @Test
    void hugeLastPositionIsTheWholeFile() {
        assertEquals(span(0, 9, TEN), parse("bytes=0-99999999999999999999"));
        assertEquals(span(0, 9, TEN), parse("bytes=0-" + MAX));
        assertEquals(span(0, 9, TEN), parse("bytes=0-" + MAX_PLUS_1));
        assertEquals(span(3, 9, TEN), parse("bytes=3-184467440737095516160000"));
    }

    @Test
    void hugeFirstPositionIsUnsatisfiable() {
        assertEquals(UNSATISFIABLE, parse("bytes=99999999999999999999-"));
        assertEquals(UNSATISFIABLE, parse("bytes=" + MAX + "-"));
        assertEquals(UNSATISFIABLE, parse("bytes=" + MAX_PLUS_1 + "-"));
        assertEquals(UNSATISFIABLE, parse("bytes=99999999999999999999-99999999999999999999"));
        assertEquals(UNSATISFIABLE, parse("bytes=99999999999999999999-99999999999999999998"));
    }

    @Test
    void hugeSuffixIsTheWholeFile() {
        assertEquals(span(0, 9, TEN), parse("bytes=-99999999999999999999"));
        assertEquals(span(0, 9, TEN), parse("bytes=-" + MAX));
        assertEquals(span(0, 9, TEN), parse("bytes=-" + MAX_PLUS_1));
    }

    @Test
    void hugeLastBeforeASmallFirstIsStillAValidRange() {
        // 99999999999999999999 is > 5 whatever saturation does, so this is first-last with last ≥ first.
        assertEquals(span(5, 9, TEN), parse("bytes=5-99999999999999999999"));
    }

    @Test
    void positionsNearLongMaxWorkOnAFileOfMaximalSize() {
        long size = Long.MAX_VALUE;
        assertEquals(span(0, size - 1, size), RangeHeader.parse("bytes=0-", size));
        assertEquals(span(size - 1, size - 1, size), RangeHeader.parse("bytes=-1", size));
        assertEquals(span(size - 1, size - 1, size), RangeHeader.parse("bytes=9223372036854775806-", size));
        assertEquals(span(0, size - 1, size), RangeHeader.parse("bytes=0-99999999999999999999", size));
        assertEquals(span(0, size - 1, size), RangeHeader.parse("bytes=-99999999999999999999", size));
        assertEquals(UNSATISFIABLE, RangeHeader.parse("bytes=" + MAX + "-", size));
        assertEquals(UNSATISFIABLE, RangeHeader.parse("bytes=99999999999999999999-", size));
    }

    @Test
    void positionsBeyondIntRangeWorkOnLargeFiles() {
        long size = 5L << 32; // 20 GiB
        assertEquals(span(4294967296L, 4294967305L, size), RangeHeader.parse("bytes=4294967296-4294967305", size));
        assertEquals(span(size - 4294967296L, size - 1, size), RangeHeader.parse("bytes=-4294967296", size));
    }

    // ---- other units and missing units → ignored

    @ParameterizedTest
    @ValueSource(strings = {"items=0-1", "items=0-1,3-4", "items=abc", "byte=0-1", "bytess=0-1", "octets=0-1",
        "=0-1", "by tes=0-1", "none=", "bytes2=0-1", "byte\u017f=0-1"})
    void otherUnitIsIgnored(String header) {
        assertEquals(IGNORE, parse(header));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0-1", "bytes 0-1", "bytes", "bytes:0-1", "", "   "})
    void headerWithoutAnEqualsSignHasNoUnitAndIsIgnored(String header) {
        assertEquals(IGNORE, parse(header));
    }

    @Test
    void absentHeaderIsIgnored() {
        assertEquals(IGNORE, parse(null));
    }

    // ---- the syntax step alone (degraded mode forwards a validated range as received)

    @Test
    void parseSpecKeepsFirstAndLastOfAClosedRange() {
        assertEquals(new RangeHeader.Spec(2, 5, -1), RangeHeader.parseSpec("bytes=2-5"));
    }

    @Test
    void parseSpecMarksAnOpenEndAsAbsent() {
        assertEquals(new RangeHeader.Spec(7, -1, -1), RangeHeader.parseSpec("bytes=7-"));
    }

    @Test
    void parseSpecKeepsASuffixAlone() {
        assertEquals(new RangeHeader.Spec(-1, -1, 3), RangeHeader.parseSpec("bytes=-3"));
    }

    @Test
    void parseSpecSaturatesHugeNumbersAtLongMax() {
        assertEquals(new RangeHeader.Spec(0, Long.MAX_VALUE, -1), RangeHeader.parseSpec("bytes=0-99999999999999999999"));
        assertEquals(new RangeHeader.Spec(Long.MAX_VALUE, -1, -1), RangeHeader.parseSpec("bytes=99999999999999999999-"));
        assertEquals(new RangeHeader.Spec(-1, -1, Long.MAX_VALUE), RangeHeader.parseSpec("bytes=-" + MAX_PLUS_1));
        assertEquals(new RangeHeader.Spec(Long.MAX_VALUE - 1, -1, -1),
                RangeHeader.parseSpec("bytes=9223372036854775806-"));
    }

    @Test
    void parseSpecIgnoresOtherUnitsAndAbsentHeaders() {
        assertEquals(IGNORE, RangeHeader.parseSpec("items=0-1"));
        assertEquals(IGNORE, RangeHeader.parseSpec(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=", "bytes=-", "bytes=abc", "bytes=5-2", "bytes=-0", "bytes=0-1,3-4"})
    void parseSpecRejectsWhatIsMalformedWithoutKnowingTheSize(String header) {
        assertEquals(UNSATISFIABLE, RangeHeader.parseSpec(header));
    }

    @Test
    void parseSpecAppliesTheSameBlankRules() {
        assertEquals(new RangeHeader.Spec(2, 5, -1), RangeHeader.parseSpec(" bytes=2-5\t"));
        assertEquals(IGNORE, RangeHeader.parseSpec("bytes =2-5"));
        assertEquals(UNSATISFIABLE, RangeHeader.parseSpec("bytes= 2-5"));
        assertEquals(UNSATISFIABLE, RangeHeader.parseSpec("bytes=2 -5"));
        assertEquals(UNSATISFIABLE, RangeHeader.parseSpec("bytes=- 3"));
    }

    // ---- ByteRange

    @Test
    void byteRangeLengthCountsBothEnds() {
        assertEquals(4, new ByteRange(2, 5, 10).length());
        assertEquals(1, new ByteRange(0, 0, 1).length());
        assertEquals(Long.MAX_VALUE, new ByteRange(0, Long.MAX_VALUE - 1, Long.MAX_VALUE).length());
    }

    @Test
    void byteRangeContentRangeIsFirstDashLastSlashSize() {
        assertEquals("bytes 2-5/10", new ByteRange(2, 5, 10).contentRange());
        assertEquals("bytes 0-9/10", new ByteRange(0, 9, 10).contentRange());
    }

    @Test
    void byteRangeUpstreamRangeHeaderAsksForExactlyTheSpan() {
        assertEquals("bytes=2-5", new ByteRange(2, 5, 10).rangeHeader());
        assertEquals("bytes=7-9", new ByteRange(7, 9, 10).rangeHeader());
    }

    @ParameterizedTest
    @CsvSource({"-1,5,10", "5,4,10", "0,10,10", "0,0,0", "3,-1,10"})
    void byteRangeRejectsASpanOutsideTheFile(long first, long last, long size) {
        assertThrows(IllegalArgumentException.class, () -> new ByteRange(first, last, size));
    }
}
