package app.aula.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** media.md §3.3 (Content-Type) and §3.4 (Cache-Control, Content-Disposition, Content-Security-Policy). */
class MediaTypesTest {

    private static final String TEXT_PLAIN = "text/plain; charset=utf-8";

    // ---- §3.3 extension fallback table, for each "no useful source type" case

    /** Every row of the §3.3 table: file name, expected type. */
    private static final String[][] TABLE = {
        {"a.mp4", "video/mp4"}, {"a.m4v", "video/mp4"}, {"a.webm", "video/webm"}, {"a.mkv", "video/x-matroska"},
        {"a.mov", "video/quicktime"}, {"a.mp3", "audio/mpeg"}, {"a.m4a", "audio/mp4"},
        {"a.vtt", "text/vtt; charset=utf-8"}, {"a.html", "text/html; charset=utf-8"},
        {"a.htm", "text/html; charset=utf-8"}, {"a.pdf", "application/pdf"}, {"a.zip", "application/zip"},
        {"a.png", "image/png"}, {"a.jpg", "image/jpeg"}, {"a.jpeg", "image/jpeg"}, {"a.gif", "image/gif"},
        {"a.webp", "image/webp"}, {"a.svg", "image/svg+xml"},
    };

    @Test
    void everyTableRowAppliesWhenTheSourceTypeIsMissing() {
        for (String[] row : TABLE) {
            assertEquals(row[1], MediaTypes.contentType(null, row[0]), row[0]);
        }
    }

    @Test
    void everyTableRowAppliesWhenTheSourceTypeIsEmpty() {
        for (String[] row : TABLE) {
            assertEquals(row[1], MediaTypes.contentType("", row[0]), row[0]);
        }
    }

    @Test
    void everyTableRowAppliesWhenTheSourceTypeIsApplicationOctetStream() {
        for (String[] row : TABLE) {
            assertEquals(row[1], MediaTypes.contentType("application/octet-stream", row[0]), row[0]);
        }
    }

    @Test
    void everyTableRowAppliesWhenTheSourceTypeIsBinaryOctetStream() {
        for (String[] row : TABLE) {
            assertEquals(row[1], MediaTypes.contentType("binary/octet-stream", row[0]), row[0]);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"APPLICATION/OCTET-STREAM", "application/octet-stream; charset=binary",
        " application/octet-stream ", "Binary/Octet-Stream"})
    void octetStreamVariantsInOtherCaseOrWithParametersStillFallBackToTheExtension(String source) {
        assertEquals("video/mp4", MediaTypes.contentType(source, "clase.mp4"));
    }

    @Test
    void aRealSourceTypeWinsOverTheExtension() {
        assertEquals("video/webm", MediaTypes.contentType("video/webm", "x.mp4"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "image/png|foto.jpg|image/png",
        "application/pdf|documento.zip|application/pdf",
        "video/quicktime|clip.mkv|video/quicktime",
        "audio/ogg|pista.mp3|audio/ogg",
    })
    void otherRealSourceTypesAreKeptAsGiven(String source, String name, String expected) {
        assertEquals(expected, MediaTypes.contentType(source, name));
    }

    // ---- §3.3 viewable text

    @ParameterizedTest
    @ValueSource(strings = {"txt", "srt", "md", "py", "js", "css", "json", "csv", "sql", "xml", "yml", "yaml"})
    void viewableTextWithoutASourceTypeIsPlainUtf8Text(String extension) {
        assertEquals(TEXT_PLAIN, MediaTypes.contentType(null, "lectura." + extension));
    }

    @ParameterizedTest
    @ValueSource(strings = {"txt", "srt", "md", "py", "js", "css", "json", "csv", "sql", "xml", "yml", "yaml"})
    void viewableTextWithAnOctetStreamSourceIsPlainUtf8Text(String extension) {
        assertEquals(TEXT_PLAIN, MediaTypes.contentType("application/octet-stream", "lectura." + extension));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "application/json|datos.json",
        "text/html|notas.txt",
        "text/html; charset=iso-8859-1|notas.txt",
        "application/javascript|script.js",
        "text/javascript|script.js",
        "text/css|estilo.css",
        "text/csv|tabla.csv",
        "application/xml|feed.xml",
        "text/xml; charset=utf-16|feed.xml",
        "text/markdown|README.md",
        "text/x-python|main.py",
        "application/x-yaml|config.yml",
        "application/sql|consulta.sql",
        "application/x-subrip|subs.srt",
        "video/mp4|raro.yaml",
    })
    void viewableTextIsPlainUtf8TextWhateverTheSourceSays(String source, String name) {
        assertEquals(TEXT_PLAIN, MediaTypes.contentType(source, name));
    }

    // ---- §3.3 charset on text/*

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "text/vtt|a.bin|text/vtt; charset=utf-8",
        "text/html|a.bin|text/html; charset=utf-8",
        "text/html|leccion.html|text/html; charset=utf-8",
        "text/rtf|a.rtf|text/rtf; charset=utf-8",
        "text/calendar; method=REQUEST|a.ics|text/calendar; method=REQUEST; charset=utf-8",
    })
    void aTextTypeWithoutCharsetGetsUtf8(String source, String name, String expected) {
        assertEquals(expected, MediaTypes.contentType(source, name));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "text/html; charset=iso-8859-1|leccion.html",
        "text/html;charset=windows-1252|leccion.html",
        "text/vtt; Charset=UTF-16|subs.vtt",
        "text/rtf; CHARSET=us-ascii|a.rtf",
    })
    void aTextTypeWithACharsetKeepsIt(String source, String name) {
        assertEquals(source, MediaTypes.contentType(source, name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"video/mp4", "application/pdf", "image/svg+xml", "audio/mpeg"})
    void nonTextTypesGetNoCharset(String source) {
        assertFalse(MediaTypes.contentType(source, "x.bin").contains("charset"), source);
    }

    // ---- extensions: case, absence, odd names

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "CLASE.MP4|video/mp4",
        "Clase.Mp4|video/mp4",
        "FOTO.JPEG|image/jpeg",
        "Leccion.HTML|text/html; charset=utf-8",
        "NOTAS.TXT|text/plain; charset=utf-8",
        "Datos.Json|text/plain; charset=utf-8",
        "IMAGEN.SVG|image/svg+xml",
    })
    void extensionsAreCaseInsensitive(String name, String expected) {
        assertEquals(expected, MediaTypes.contentType(null, name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"LICENSE", "video", "clase.", ""})
    void aNameWithoutExtensionIsOctetStream(String name) {
        assertEquals("application/octet-stream", MediaTypes.contentType(null, name));
    }

    @Test
    void aNullNameWithoutSourceTypeIsOctetStream() {
        assertEquals("application/octet-stream", MediaTypes.contentType(null, null));
    }

    @Test
    void aNullNameKeepsARealSourceType() {
        assertEquals("video/mp4", MediaTypes.contentType("video/mp4", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"backup.tar.gz", "setup.exe", "data.bin", "archivo.rar"})
    void anUnknownExtensionIsOctetStream(String name) {
        assertEquals("application/octet-stream", MediaTypes.contentType(null, name));
    }

    @Test
    void onlyTheLastExtensionCounts() {
        assertEquals("application/zip", MediaTypes.contentType(null, "clase.mp4.zip"));
        assertEquals(TEXT_PLAIN, MediaTypes.contentType(null, "pagina.html.txt"));
        assertEquals("text/html; charset=utf-8", MediaTypes.contentType(null, "notas.txt.html"));
    }

    // ---- §3.4 Content-Security-Policy

    @ParameterizedTest
    @ValueSource(strings = {"text/html", "text/html; charset=utf-8", "TEXT/HTML; charset=iso-8859-1", " text/html "})
    void htmlGetsTheScriptSandbox(String type) {
        assertEquals("sandbox allow-scripts allow-forms allow-popups allow-popups-to-escape-sandbox",
                MediaTypes.sandboxPolicy(type));
    }

    @ParameterizedTest
    @ValueSource(strings = {"image/svg+xml", "IMAGE/SVG+XML", "image/svg+xml; charset=utf-8"})
    void svgGetsTheBareSandbox(String type) {
        assertEquals("sandbox", MediaTypes.sandboxPolicy(type));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/xml", "text/xml", "application/xhtml+xml", "application/rss+xml",
        "TEXT/XML; charset=utf-8", "Application/XHTML+XML", "application/atom+xml"})
    void xmlTypesGetTheBareSandboxBecauseTheyCanRunScripts(String type) {
        assertEquals("sandbox", MediaTypes.sandboxPolicy(type));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain; charset=utf-8", "video/mp4", "application/pdf", "image/png",
        "text/vtt; charset=utf-8", "application/octet-stream", "application/json", "application/xml-dtd"})
    void otherTypesGetNoSandbox(String type) {
        assertNull(MediaTypes.sandboxPolicy(type));
    }

    @Test
    void theTypesChosenForHtmlAndSvgFilesGetTheirSandboxes() {
        assertEquals("sandbox allow-scripts allow-forms allow-popups allow-popups-to-escape-sandbox",
                MediaTypes.sandboxPolicy(MediaTypes.contentType(null, "resumen.html")));
        assertEquals("sandbox", MediaTypes.sandboxPolicy(MediaTypes.contentType("binary/octet-stream", "logo.svg")));
    }

    // ---- §3.4 Cache-Control

    @ParameterizedTest
    @ValueSource(strings = {"video/mp4", "video/webm", "audio/mpeg", "audio/mp4", "VIDEO/MP4", "video/x-matroska"})
    void videoAndAudioArePublicForAnHour(String type) {
        assertEquals("public, max-age=3600", MediaTypes.cacheControl(type, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"video/mp4", "audio/mpeg"})
    void videoAndAudioArePrivateForAnHourWhenTheRequestCarriesAuthorization(String type) {
        assertEquals("private, max-age=3600", MediaTypes.cacheControl(type, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain; charset=utf-8", "application/pdf", "image/png", "text/html; charset=utf-8",
        "application/octet-stream", "text/vtt; charset=utf-8"})
    void otherTypesArePrivateForFiveMinutesWithoutAuthorization(String type) {
        assertEquals("private, max-age=300", MediaTypes.cacheControl(type, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain; charset=utf-8", "application/pdf", "image/png"})
    void otherTypesArePrivateForFiveMinutesWithAuthorization(String type) {
        assertEquals("private, max-age=300", MediaTypes.cacheControl(type, true));
    }

    // ---- §3.4 Content-Disposition: inline; filename*=UTF-8''<percent-encoded name> (RFC 8187)

    private static final String PREFIX = "inline; filename*=UTF-8''";

    /** RFC 8187 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~". */
    private static boolean attrChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "!#$&+-.^_`|~".indexOf(c) >= 0;
    }

    /**
     * Checks the RFC 8187 value-chars grammar (attr-char or {@code %XX}) and decodes it as UTF-8, the
     * way a browser reads {@code filename*}: {@code +} is a literal plus, never a space.
     */
    private static String decodeExtValue(String header) {
        assertTrue(header.startsWith(PREFIX), header);
        String value = header.substring(PREFIX.length());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                assertTrue(i + 2 < value.length(), "truncated escape in " + header);
                bytes.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                assertTrue(attrChar(c), "'" + c + "' is not an RFC 8187 attr-char in " + header);
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void accentsAndADashArePercentEncodedAsUtf8AndSpacesAsPercent20() {
        assertEquals(PREFIX + "clase%201%20%E2%80%93%20introducci%C3%B3n.mp4",
                MediaTypes.contentDisposition("clase 1 – introducción.mp4"));
    }

    @Test
    void spacesAreEncodedAsPercent20NotPlus() {
        String header = MediaTypes.contentDisposition("mi clase final.mp4");
        assertEquals(PREFIX + "mi%20clase%20final.mp4", header);
    }

    @ParameterizedTest
    @ValueSource(strings = {"clase 1 – introducción.mp4", "el \"mejor\" vídeo.mp4", "it's.pdf", "C++ básico.pdf",
        "100% práctico.mp4", "a%20b.txt", "a+b.mp4", "ñandú;año=2024.png", "日本語.pdf", "emoji 🎓.mp4",
        "coma, punto y coma; igual=.txt", "corchetes [1] (2) {3}.zip", "barra\\inversa.txt"})
    void theEncodedNameIsAValidRfc8187ValueThatDecodesToTheExactName(String name) {
        assertEquals(name, decodeExtValue(MediaTypes.contentDisposition(name)));
    }

    @Test
    void quotesAreEncodedSoTheyCannotEndTheHeaderValue() {
        String header = MediaTypes.contentDisposition("el \"mejor\".mp4");
        assertFalse(header.substring(PREFIX.length()).contains("\""), header);
        assertEquals("el \"mejor\".mp4", decodeExtValue(header));
    }

    @Test
    void aPlusInTheNameStaysAPlusForTheBrowser() {
        assertEquals("C++ básico.pdf", decodeExtValue(MediaTypes.contentDisposition("C++ básico.pdf")));
    }

    @Test
    void aPercentSignInTheNameIsEncodedAsPercent25() {
        String header = MediaTypes.contentDisposition("100% práctico.mp4");
        assertTrue(header.contains("100%25"), header);
        assertEquals("100% práctico.mp4", decodeExtValue(header));
    }

    @Test
    void anAsteriskInTheNameIsPercentEncoded() {
        // '*' is not an RFC 8187 attr-char, so it must travel as %2A.
        assertEquals("nota*importante.txt", decodeExtValue(MediaTypes.contentDisposition("nota*importante.txt")));
    }

    @Test
    void theDispositionIsNeverAttachment() {
        for (String name : new String[] {"a.zip", "setup.exe", "clase.mp4", "attachment.pdf"}) {
            assertTrue(MediaTypes.contentDisposition(name).startsWith("inline; "), name);
        }
    }
}
