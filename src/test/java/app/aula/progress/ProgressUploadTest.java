package app.aula.progress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** api.md §3.8 steps 2–3: size rules and "exactly one UTF-8 JSON object". */
class ProgressUploadTest {

    private static final int MAX = 2_097_152;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static ProgressUpload.Outcome upload(byte[] body) throws IOException {
        return ProgressUpload.read(new ByteArrayInputStream(body), body.length, MAX);
    }

    private static ProgressUpload.Outcome chunked(byte[] body, int max) throws IOException {
        return ProgressUpload.read(new ByteArrayInputStream(body), -1, max);
    }

    /** A JSON object of exactly {@code size} bytes. */
    private static byte[] objectOfSize(int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) 'x');
        byte[] head = utf8("{\"p\":\"");
        System.arraycopy(head, 0, b, 0, head.length);
        b[size - 2] = '"';
        b[size - 1] = '}';
        return b;
    }

    /** A stream that records whether anyone read from it. */
    private static final class WatchedStream extends InputStream {
        boolean touched;

        @Override
        public int read() {
            touched = true;
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            touched = true;
            Arrays.fill(b, off, off + len, (byte) 'x');
            return len;
        }
    }

    private static void assertRejected(int status, String error, ProgressUpload.Outcome outcome) {
        ProgressUpload.Rejected rejected = assertInstanceOf(ProgressUpload.Rejected.class, outcome);
        assertEquals(status, rejected.status());
        assertEquals(error, rejected.error());
    }

    // ---- size

    @Test
    void declaredLengthZeroIs413WithoutReading() throws IOException {
        WatchedStream in = new WatchedStream();
        ProgressUpload.Outcome outcome = ProgressUpload.read(in, 0, MAX);
        assertEquals(new ProgressUpload.Rejected(413, "payload_too_large", null), outcome);
        assertFalse(in.touched);
    }

    @Test
    void declaredLengthAboveTheMaximumIs413WithoutReading() throws IOException {
        WatchedStream in = new WatchedStream();
        ProgressUpload.Outcome outcome = ProgressUpload.read(in, MAX + 1L, MAX);
        assertEquals(new ProgressUpload.Rejected(413, "payload_too_large", null), outcome);
        assertFalse(in.touched);
    }

    @Test
    void hugeDeclaredLengthIs413() throws IOException {
        assertRejected(413, "payload_too_large", ProgressUpload.read(new WatchedStream(), Long.MAX_VALUE, MAX));
    }

    @Test
    void bodyOfExactlyTheMaximumIsAccepted() throws IOException {
        byte[] body = objectOfSize(MAX);
        ProgressUpload.Accepted accepted = assertInstanceOf(ProgressUpload.Accepted.class, upload(body));
        assertArrayEquals(body, accepted.body());
    }

    @Test
    void unknownLengthBodyOfExactlyTheMaximumIsAccepted() throws IOException {
        byte[] body = objectOfSize(64);
        ProgressUpload.Accepted accepted = assertInstanceOf(ProgressUpload.Accepted.class, chunked(body, 64));
        assertArrayEquals(body, accepted.body());
    }

    @Test
    void unknownLengthBodyOneByteOverTheMaximumIs413() throws IOException {
        assertEquals(new ProgressUpload.Rejected(413, "payload_too_large", null), chunked(objectOfSize(65), 64));
    }

    @Test
    void unknownLengthEndlessStreamIs413() throws IOException {
        assertRejected(413, "payload_too_large", ProgressUpload.read(new WatchedStream(), -1, 1024));
    }

    @Test
    void unknownLengthEmptyBodyIs413() throws IOException {
        assertRejected(413, "payload_too_large", chunked(new byte[0], MAX));
    }

    // ---- JSON

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1} x", "{\"a\":1}{\"b\":2}", "{\"a\":1},", "{\"a\":1} {}", "{\"a\":1}\n]"})
    void trailingContentIsInvalidJson(String body) throws IOException {
        ProgressUpload.Rejected rejected = assertInstanceOf(ProgressUpload.Rejected.class, upload(utf8(body)));
        assertEquals(400, rejected.status());
        assertEquals("invalid_json", rejected.error());
        assertNotNull(rejected.detail());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"a\":}", "{'a':1}", "{a:1}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":1,}",
        "nul", "// comment\n{}"})
    void syntaxErrorsAreInvalidJsonWithDetail(String body) throws IOException {
        ProgressUpload.Rejected rejected = assertInstanceOf(ProgressUpload.Rejected.class, upload(utf8(body)));
        assertEquals(400, rejected.status());
        assertEquals("invalid_json", rejected.error());
        assertNotNull(rejected.detail());
    }

    @Test
    void invalidUtf8IsInvalidJson() throws IOException {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertRejected(400, "invalid_json", upload(body));
    }

    @Test
    void latin1BodyIsInvalidJson() throws IOException {
        assertRejected(400, "invalid_json", upload("{\"k\":\"lección\"}".getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void utf16BodyIsInvalidJson() throws IOException {
        assertRejected(400, "invalid_json", upload("{\"a\":1}".getBytes(StandardCharsets.UTF_16LE)));
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "   ", "\n", "\t\r\n "})
    void whitespaceOnlyBodyIsInvalidJson(String body) throws IOException {
        assertRejected(400, "invalid_json", upload(utf8(body)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1]", "[]", "\"s\"", "1", "-2.5", "true", "false", "null", " [ {\"a\":1} ] "})
    void jsonThatIsNotAnObjectIsNotAnObject(String body) throws IOException {
        ProgressUpload.Outcome outcome = upload(utf8(body));
        assertEquals(new ProgressUpload.Rejected(400, "not_an_object", null), outcome);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"a\":1}", " {\"a\":1} \n", "{\"1PandasVideo0001\":{\"status\":\"complete\"}}",
        "{ \"k\" : \"lección ✓\" , \"n\" : 1.50 }", "{\"a\":{\"b\":[1,2,{\"c\":null}]}}"})
    void acceptedBytesAreExactlyTheInput(String text) throws IOException {
        byte[] body = utf8(text);
        ProgressUpload.Accepted accepted = assertInstanceOf(ProgressUpload.Accepted.class, upload(body));
        assertArrayEquals(body, accepted.body());
    }

    @Test
    void unknownLengthValidBodyIsAcceptedVerbatim() throws IOException {
        byte[] body = utf8("{\"a\":\"b\"}");
        ProgressUpload.Accepted accepted = assertInstanceOf(ProgressUpload.Accepted.class, chunked(body, MAX));
        assertArrayEquals(body, accepted.body());
    }

    @Test
    void notAnObjectHasNoDetail() throws IOException {
        assertNull(((ProgressUpload.Rejected) upload(utf8("[1]"))).detail());
    }
}
