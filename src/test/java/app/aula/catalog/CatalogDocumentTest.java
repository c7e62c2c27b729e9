package app.aula.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CatalogDocumentTest {

    private static InvalidCatalogException rejected(byte[] bytes) {
        return assertThrows(InvalidCatalogException.class, () -> CatalogDocument.parse(bytes));
    }

    private static InvalidCatalogException rejected(String text) {
        return rejected(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void sampleParsesWithKeysInFileOrder() throws Exception {
        JsonNode tree = CatalogDocument.parse(Samples.resource(Samples.SAMPLE));
        assertEquals(java.util.List.of("categories", "stats"),
                java.util.List.copyOf(tree.properties().stream().map(java.util.Map.Entry::getKey).toList()));
        assertArrayEquals(Samples.resource(Samples.SAMPLE_COMPACT), JsonOut.bytes(tree));
    }

    @Test
    void leadingBomIsTolerated() throws Exception {
        byte[] withBom = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, ascii("{\"categories\":[]}"));
        assertEquals("{\"categories\":[]}", Samples.utf8(JsonOut.bytes(CatalogDocument.parse(withBom))));
    }

    @Test
    void minimalDocumentsWithAbsentOrNullOrObjectStatsAreValid() throws Exception {
        CatalogDocument.parse(ascii("{\"categories\":[]}"));
        CatalogDocument.parse(ascii("{\"categories\":[],\"stats\":null}"));
        CatalogDocument.parse(ascii("{\"categories\":[],\"stats\":{}}"));
        // deeper type errors are not checked at load time
        CatalogDocument.parse(ascii("{\"categories\":[1,\"x\",null,{\"routes\":7}],\"stats\":{\"totalRoutes\":\"abc\"}}"));
    }

    @Test
    void invalidUtf8IsRejectedWithLineAndColumnInsteadOfReplaced() {
        byte[] bytes = concat(ascii("{\"categories\":[],\n\"x\":\"a"), new byte[] {(byte) 0xC3, 0x28},
                ascii("\"}"));
        InvalidCatalogException e = rejected(bytes);
        assertEquals("invalid UTF-8", e.reason());
        assertEquals(2, e.line());
        assertEquals(7, e.column());
        assertEquals("invalid UTF-8 (line 2, column 7)", e.getMessage());
    }

    @Test
    void overlongSurrogateAndOutOfRangeUtf8AreRejected() {
        byte[][] malformed = {
            {(byte) 0xC0, (byte) 0xAF},                         // overlong "/"
            {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},            // overlong, 3 bytes
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},            // UTF-16 surrogate
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
            {(byte) 0xFF},                                      // never valid
            {(byte) 0xE2, (byte) 0x82},                         // truncated sequence
        };
        for (byte[] bad : malformed) {
            byte[] bytes = concat(ascii("{\"categories\":[],\"x\":\""), bad, ascii("\"}"));
            assertEquals("invalid UTF-8", rejected(bytes).reason());
        }
    }

    @Test
    void utf16IsRejectedEvenWithItsBom() {
        byte[] utf16 = "{\"categories\":[]}".getBytes(StandardCharsets.UTF_16);
        assertEquals("invalid UTF-8", rejected(utf16).reason());
        byte[] utf16NoBom = "{\"categories\":[]}".getBytes(StandardCharsets.UTF_16BE);
        assertTrue(rejected(utf16NoBom).reason().startsWith("invalid JSON"));
    }

    @Test
    void syntaxErrorCarriesLineAndColumn() {
        InvalidCatalogException e = rejected("{\"categories\":[],\n  \"stats\": {,}}");
        assertTrue(e.reason().startsWith("invalid JSON: "), e.reason());
        assertEquals(2, e.line());
        assertEquals(13, e.column());
        assertTrue(e.getMessage().endsWith("(line 2, column 13)"), e.getMessage());
    }

    @Test
    void moreThanOneValueIsInvalid() {
        assertTrue(rejected("{\"categories\":[]} {}").reason().startsWith("invalid JSON"));
    }

    @Test
    void emptyOrBlankFileIsInvalid() {
        assertEquals("empty document", rejected("").reason());
        assertEquals("empty document", rejected(" \n ").reason());
    }

    @Test
    void topLevelMustBeAnObject() {
        assertEquals("top level is not an object", rejected("[]").reason());
        assertEquals("top level is not an object", rejected("\"categories\"").reason());
    }

    @Test
    void categoriesMustBePresentAndAnArray() {
        assertEquals("\"categories\" is missing", rejected("{\"stats\":{}}").reason());
        assertEquals("\"categories\" is not an array", rejected("{\"categories\":{}}").reason());
        assertEquals("\"categories\" is not an array", rejected("{\"categories\":null}").reason());
    }

    @Test
    void statsMustBeAbsentNullOrAnObject() {
        for (String stats : new String[] {"[]", "\"abc\"", "3", "true"}) {
            assertEquals("\"stats\" is neither null nor an object",
                    rejected("{\"categories\":[],\"stats\":" + stats + "}").reason());
        }
    }

    @Test
    void nanInfinityAndOverflowingNumbersAreInvalid() {
        assertTrue(rejected("{\"categories\":[],\"x\":NaN}").reason().startsWith("invalid JSON"));
        assertTrue(rejected("{\"categories\":[],\"x\":Infinity}").reason().startsWith("invalid JSON"));
        assertTrue(rejected("{\"categories\":[],\"x\":-Infinity}").reason().startsWith("invalid JSON"));
        assertEquals("number out of range: Infinity",
                rejected("{\"categories\":[{\"a\":[1e400]}]}").reason());
    }

    @Test
    void integersAreKeptExactlyAndUnknownFieldsKept() throws Exception {
        String text = "{\"extra\":{\"n\":123456789012345678901234567890},\"categories\":[{\"zz\":1.5}]}";
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), JsonOut.bytes(CatalogDocument.parse(ascii(text))));
    }
}
