package app.aula.it;

import static app.aula.it.MediaSupport.assertBody;
import static app.aula.it.MediaSupport.assertCacheControl;
import static app.aula.it.MediaSupport.assertCommonSecurityHeaders;
import static app.aula.it.MediaSupport.assertCors;
import static app.aula.it.MediaSupport.assertError;
import static app.aula.it.MediaSupport.assertFull;
import static app.aula.it.MediaSupport.assertInlineDisposition;
import static app.aula.it.MediaSupport.assertNotModified;
import static app.aula.it.MediaSupport.assertPartial;
import static app.aula.it.MediaSupport.assertUnsatisfiable;
import static app.aula.it.MediaSupport.imfDate;
import static app.aula.it.MediaSupport.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /drive/files/local:…} against a library folder (AULA_LIBRARY_PATH): byte ranges and
 * preconditions (media.md §3.2, including every row of its example table), types and headers
 * (§3.3–3.4, api.md §1.4, §1.7), safe resolution of refs (§2.2), ref syntax (api.md §3.12),
 * methods and query strings (api.md §1.1–1.2), and client disconnects (§5).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ContainerKind.class)
class MediaLocalIT {

    @Parameter
    ContainerKind kind;

    static final long MTIME = 1_700_000_000_123L; // Tue, 14 Nov 2023 22:13:20.123 GMT
    static final byte[] TEN = "0123456789".getBytes(StandardCharsets.US_ASCII);
    static final byte[] BIG = randomBytes(3 * 1024 * 1024, 20240301L);
    static final String READING = "Lección 1: ¿Qué es una nube? Cúmulos, estratos y el pingüino Ñandú.\n";
    static final String VTT = "WEBVTT\n\n00:00.000 --> 00:02.000\nBienvenidos, señoras y señores\n";
    static final String HTML = "<!DOCTYPE html><html><body><p>Página</p><script>document.title='x'</script></body></html>";
    static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"><script>1</script></svg>";
    static final String ACCENTED_NAME = "lección 1.txt";

    static MediaSupport.Library library;
    static RunningAula app;

    @BeforeParameterizedClassInvocation
    static void deploy(ContainerKind kind) throws Exception {
        library = new MediaSupport.Library();
        fill(library);
        try {
            app = RunningAula.start(kind, AulaSetup.create().param("AULA_LIBRARY_PATH", library.root.toString()));
        } catch (Exception e) {
            library.close();
            throw e;
        }
    }

    @AfterParameterizedClassInvocation
    static void undeploy() throws Exception {
        try {
            RunningAula.stopAll(app);
        } finally {
            app = null;
            library.close();
        }
    }

    static void fill(MediaSupport.Library lib) {
        lib.file("a.bin", TEN, MTIME);
        lib.file("grande.bin", BIG, MTIME);
        lib.file("sub/clase.mp4", "not really an mp4, but named like one", MTIME);
        lib.file("lectura.txt", READING, MTIME);
        lib.file("sub.vtt", VTT, MTIME);
        lib.file("pagina.html", HTML, MTIME);
        lib.file("dibujo.svg", SVG, MTIME);
        lib.file("datos.json", "{\"clave\":\"valor\"}", MTIME);
        lib.file("codigo.py", "print('hola')\n", MTIME);
        lib.file("tabla.csv", "a,b\n1,2\n", MTIME);
        lib.file("cancion.mp3", "ID3 not really", MTIME);
        lib.file("documento.pdf", "%PDF-1.4 not really", MTIME);
        lib.file("sin-extension", "no extension here", MTIME);
        lib.file("vacio.bin", new byte[0], MTIME);
        lib.file("carpeta/dentro-de-carpeta.txt", "inside a folder", MTIME);
        lib.file(".env", "SECRET=must-not-leak", MTIME);
        lib.file(ACCENTED_NAME, READING, MTIME);
        lib.outsideFile("x", "OUTSIDE-SECRET");
        lib.outsideFile("secreto.txt", "OUTSIDE-SECRET");
        lib.link("enlace", lib.outside);
        lib.link("fuera.txt", lib.outside.resolve("secreto.txt"));
        lib.link("dentro", Path.of("a.bin"));
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String etagOf(HttpResult response) {
        String etag = response.header("ETag");
        assertNotNull(etag, () -> "ETag missing: " + response);
        return etag;
    }

    static final String A = path("local:a.bin");

    // ---- media.md §3.2 example table ----

    @Test
    void withoutRangeTheWholeFileIs200() {
        HttpResult response = app.get(A);

        assertFull(response, TEN);
        assertCommonSecurityHeaders(response);
    }

    @ParameterizedTest(name = "{0} → 206 {1}-{2}")
    @CsvSource(delimiter = '|', textBlock = """
            bytes=2-5                      | 2 | 5
            bytes=7-                       | 7 | 9
            bytes=-3                       | 7 | 9
            bytes=5-100                    | 5 | 9
            bytes=-20                      | 0 | 9
            bytes=-10                      | 0 | 9
            bytes=0-0                      | 0 | 0
            bytes=9-9                      | 9 | 9
            bytes=0-                       | 0 | 9
            bytes=0-99999999999999999999   | 0 | 9
            bytes=-99999999999999999999    | 0 | 9
            bytes=0002-0005                | 2 | 5
            BYTES=2-5                      | 2 | 5
            Bytes=2-5                      | 2 | 5
            """)
    void satisfiableRangesGiveExactly206AndTheSlice(String range, long first, long last) {
        HttpResult response = app.get(A, "Range", range);

        assertPartial(response, first, last, TEN);
    }

    @ParameterizedTest(name = "{0} → 416")
    @ValueSource(strings = {"bytes=10-", "bytes=5-2", "bytes=-", "bytes=x-1", "bytes=-0", "bytes=0-1,3-4",
            "bytes=0-1, 3-4", "bytes=", "bytes=abc", "bytes=1-x", "bytes=1-2-3", "bytes=99999999999999999999-",
            "bytes=10-20", "bytes=-00", "bytes=0-1,", "bytes=1 -2", "bytes=0x1-2"})
    void unsatisfiableOrMalformedRangesAre416WithTheSize(String range) {
        HttpResult response = app.get(A, "Range", range);

        assertUnsatisfiable(response, TEN.length);
        assertCommonSecurityHeaders(response);
    }

    @ParameterizedTest(name = "{0} → 200")
    @ValueSource(strings = {"items=0-1", "none", "bits=0-1", "byte=0-1"})
    void otherUnitsAreIgnored(String range) {
        HttpResult response = app.get(A, "Range", range);

        assertFull(response, TEN);
    }

    @Test
    void ifRangeWithTheCurrentEtagHonoursTheRange() {
        String etag = etagOf(app.get(A));

        assertPartial(app.get(A, "Range", "bytes=2-5", "If-Range", etag), 2, 5, TEN);
    }

    @Test
    void ifRangeWithAStaleEtagSendsTheWholeFile() {
        assertFull(app.get(A, "Range", "bytes=2-5", "If-Range", "\"X\""), TEN);
    }

    @Test
    void ifRangeWithAWeakTagNeverMatches() {
        String etag = etagOf(app.get(A));

        assertFull(app.get(A, "Range", "bytes=2-5", "If-Range", "W/" + etag), TEN);
    }

    @Test
    void ifRangeWithTheExactLastModifiedHonoursTheRange() {
        String lastModified = app.get(A).header("Last-Modified");

        assertPartial(app.get(A, "Range", "bytes=2-5", "If-Range", lastModified), 2, 5, TEN);
    }

    @Test
    void ifRangeWithAnotherDateSendsTheWholeFile() {
        String later = imfDate(Instant.ofEpochMilli(MTIME).plusSeconds(1));

        assertFull(app.get(A, "Range", "bytes=2-5", "If-Range", later), TEN);
    }

    @Test
    void ifNoneMatchWithTheCurrentEtagIs304() {
        String etag = etagOf(app.get(A));

        assertNotModified(app.get(A, "If-None-Match", etag), etag);
    }

    @ParameterizedTest(name = "If-None-Match {0}")
    @ValueSource(strings = {"weak", "star", "list"})
    void ifNoneMatchUsesWeakComparisonAndAcceptsStarAndLists(String form) {
        String etag = etagOf(app.get(A));
        String header = switch (form) {
            case "weak" -> "W/" + etag;
            case "star" -> "*";
            default -> "\"X\", " + etag;
        };

        assertNotModified(app.get(A, "If-None-Match", header), etag);
    }

    @Test
    void ifNoneMatchWinsOverRange() {
        String etag = etagOf(app.get(A));

        assertNotModified(app.get(A, "If-None-Match", etag, "Range", "bytes=2-5"), etag);
    }

    @Test
    void ifNoneMatchWithAStaleEtagIs200() {
        assertFull(app.get(A, "If-None-Match", "\"X\""), TEN);
    }

    @Test
    void ifMatchWithAnotherEtagIs412() {
        HttpResult response = app.get(A, "If-Match", "\"X\"");

        assertError(response, 412, "precondition_failed");
    }

    @Test
    void ifMatchWithTheCurrentEtagOrStarIs200() {
        String etag = etagOf(app.get(A));

        assertFull(app.get(A, "If-Match", etag), TEN);
        assertFull(app.get(A, "If-Match", "*"), TEN);
    }

    @Test
    void ifMatchUsesStrongComparisonSoAWeakTagIs412() {
        String etag = etagOf(app.get(A));

        assertError(app.get(A, "If-Match", "W/" + etag), 412, "precondition_failed");
    }

    @Test
    void ifModifiedSinceTheLastModificationIs304() {
        HttpResult full = app.get(A);
        String lastModified = full.header("Last-Modified");

        assertNotModified(app.get(A, "If-Modified-Since", lastModified), etagOf(full));
    }

    @Test
    void ifModifiedSinceAnEarlierDateIs200() {
        String earlier = imfDate(Instant.ofEpochMilli(MTIME).minusSeconds(3600));

        assertFull(app.get(A, "If-Modified-Since", earlier), TEN);
    }

    @Test
    void ifModifiedSinceIsIgnoredWhenIfNoneMatchIsPresent() {
        String lastModified = app.get(A).header("Last-Modified");

        assertFull(app.get(A, "If-None-Match", "\"X\"", "If-Modified-Since", lastModified), TEN);
    }

    @Test
    void ifUnmodifiedSinceAnEarlierDateIs412() {
        String earlier = imfDate(Instant.ofEpochMilli(MTIME).minusSeconds(3600));

        assertError(app.get(A, "If-Unmodified-Since", earlier), 412, "precondition_failed");
    }

    @Test
    void ifUnmodifiedSinceTheLastModificationIs200() {
        String lastModified = app.get(A).header("Last-Modified");

        assertFull(app.get(A, "If-Unmodified-Since", lastModified), TEN);
    }

    @Test
    void ifUnmodifiedSinceIsIgnoredWhenIfMatchIsPresent() {
        String etag = etagOf(app.get(A));
        String earlier = imfDate(Instant.ofEpochMilli(MTIME).minusSeconds(3600));

        assertFull(app.get(A, "If-Match", etag, "If-Unmodified-Since", earlier), TEN);
    }

    @Test
    void headGivesTheHeadersOfAFull200WithoutBodyAndIgnoresRange() {
        HttpResult get = app.get(A);
        HttpResult head = app.head(A, "Range", "bytes=2-5");

        assertEquals(200, head.status(), head::toString);
        assertEquals(0, head.body().length, "HEAD body");
        assertEquals("10", head.header("Content-Length"), "Content-Length of HEAD");
        assertNull(head.header("Content-Range"), "Content-Range on HEAD");
        assertEquals("bytes", head.header("Accept-Ranges"), "Accept-Ranges of HEAD");
        for (String name : List.of("ETag", "Last-Modified", "Content-Type", "Cache-Control", "Content-Disposition")) {
            assertEquals(get.header(name), head.header(name), "HEAD " + name + " differs from GET");
        }
    }

    @Test
    void aPartialAnswerCarriesTheSameHeadersAsTheFullOne() {
        HttpResult full = app.get(A);
        HttpResult partial = app.get(A, "Range", "bytes=2-5");

        assertEquals(206, partial.status(), partial::toString);
        for (String name : List.of("ETag", "Last-Modified", "Content-Type", "Cache-Control", "Content-Disposition")) {
            assertNotNull(full.header(name), name + " missing on the 200");
            assertEquals(full.header(name), partial.header(name), name + " of the 206");
        }
    }

    // ---- a larger file ----

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bytes=262143-262144     | 262143  | 262144
            bytes=262144-524288     | 262144  | 524288
            bytes=1000000-1000099   | 1000000 | 1000099
            bytes=3145000-          | 3145000 | 3145727
            bytes=-1                | 3145727 | 3145727
            bytes=-3145728          | 0       | 3145727
            bytes=0-                | 0       | 3145727
            """)
    void rangesOfALargeFileAreExactSlices(String range, long first, long last) {
        assertPartial(app.get(path("local:grande.bin"), "Range", range), first, last, BIG);
    }

    @Test
    void aLargeFileIsSentWhole() {
        assertFull(app.get(path("local:grande.bin")), BIG);
    }

    // ---- validators ----

    @Test
    void theEtagIsLocalSizeAndMtimeInHex() {
        HttpResult response = app.get(path("local:grande.bin"));

        Matcher etag = Pattern.compile("\"L-([0-9a-fA-F]+)-([0-9a-fA-F]+)\"").matcher(etagOf(response));
        assertTrue(etag.matches(), () -> "ETag format: " + response.header("ETag"));
        assertEquals(BIG.length, Long.parseLong(etag.group(1), 16), "size in the ETag");
        assertEquals(MTIME, Long.parseLong(etag.group(2), 16), "mtime (ms) in the ETag");
    }

    @Test
    void lastModifiedIsTheMtimeAsImfFixdate() {
        assertEquals("Tue, 14 Nov 2023 22:13:20 GMT", app.get(A).header("Last-Modified"));
    }

    // ---- Content-Type, CSP, Cache-Control, Content-Disposition ----

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            local:sub/clase.mp4  | video/mp4
            local:sub.vtt        | text/vtt; charset=utf-8
            local:lectura.txt    | text/plain; charset=utf-8
            local:datos.json     | text/plain; charset=utf-8
            local:codigo.py      | text/plain; charset=utf-8
            local:tabla.csv      | text/plain; charset=utf-8
            local:pagina.html    | text/html; charset=utf-8
            local:dibujo.svg     | image/svg+xml
            local:cancion.mp3    | audio/mpeg
            local:documento.pdf  | application/pdf
            local:sin-extension  | application/octet-stream
            local:a.bin          | application/octet-stream
            """)
    void contentTypeFollowsTheExtension(String ref, String type) {
        HttpResult response = app.get(path(ref));

        assertEquals(200, response.status(), response::toString);
        ApiAssertions.assertMediaType(type, response.header("Content-Type"));
    }

    @Test
    void aReadingKeepsItsAccentedUtf8BytesExactly() {
        HttpResult response = app.get(path("local:lectura.txt"));

        assertFull(response, READING.getBytes(StandardCharsets.UTF_8));
        ApiAssertions.assertMediaType("text/plain; charset=utf-8", response.header("Content-Type"));
    }

    @Test
    void mediaIsNeverCompressedEvenWhenGzipIsAccepted() {
        HttpResult response = app.get(path("local:lectura.txt"), "Accept-Encoding", "gzip");

        assertFull(response, READING.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void htmlIsSandboxed() {
        HttpResult response = app.get(path("local:pagina.html"));

        assertFull(response, HTML.getBytes(StandardCharsets.UTF_8));
        ApiAssertions.assertCsp(MediaSupport.HTML_CSP, response.header("Content-Security-Policy"));
    }

    @Test
    void svgIsSandboxed() {
        HttpResult response = app.get(path("local:dibujo.svg"));

        assertFull(response, SVG.getBytes(StandardCharsets.UTF_8));
        ApiAssertions.assertCsp(MediaSupport.SVG_CSP, response.header("Content-Security-Policy"));
    }

    @Test
    void videoAndAudioArePubliclyCacheableForAnHour() {
        assertCacheControl("public, max-age=3600", app.get(path("local:sub/clase.mp4")));
        assertCacheControl("public, max-age=3600", app.get(path("local:cancion.mp3")));
    }

    @Test
    void videoWithAnAuthorizationHeaderIsPrivatelyCacheable() {
        assertCacheControl("private, max-age=3600", app.get(path("local:sub/clase.mp4"), "Authorization", "Basic dTpw"));
    }

    @Test
    void otherTypesArePrivatelyCacheableForFiveMinutes() {
        assertCacheControl("private, max-age=300", app.get(path("local:lectura.txt")));
        assertCacheControl("private, max-age=300", app.get(path("local:pagina.html")));
        assertCacheControl("private, max-age=300", app.get(A));
    }

    @Test
    void contentDispositionIsInlineWithTheLastSegment() {
        assertInlineDisposition("clase.mp4", app.get(path("local:sub/clase.mp4")));
        assertInlineDisposition("a.bin", app.get(A));
    }

    @Test
    void contentDispositionPercentEncodesAccentsAndSpaces() {
        HttpResult response = app.get(path("local:" + ACCENTED_NAME));

        assertFull(response, READING.getBytes(StandardCharsets.UTF_8));
        assertInlineDisposition(ACCENTED_NAME, response);
    }

    @Test
    void namesAreNotUnicodeNormalised() {
        String decomposed = "local:leccio\u0301n 1.txt";

        assertError(app.get(path(decomposed)), 404, "not_found");
    }

    // ---- CORS ----

    @Test
    void anAllowedOriginGetsCorsHeadersOnFullAndPartialAnswers() {
        assertCors(app.get(A, "Origin", MediaSupport.ORIGIN));
        assertCors(app.get(A, "Origin", MediaSupport.ORIGIN, "Range", "bytes=2-5"));
    }

    @Test
    void corsAlsoCoversErrorsAnd304() {
        String etag = etagOf(app.get(A));

        assertCors(app.get(A, "Origin", MediaSupport.ORIGIN, "Range", "bytes=10-"));
        assertCors(app.get(path("local:falta.bin"), "Origin", MediaSupport.ORIGIN));
        assertCors(app.get(path("local:.env"), "Origin", MediaSupport.ORIGIN));
        assertCors(app.get(A, "Origin", MediaSupport.ORIGIN, "If-None-Match", etag));
    }

    @Test
    void varyOriginIsSentWithoutAnOriginToo() {
        HttpResult response = app.get(A);

        ApiAssertions.assertVaryContains(response, "Origin");
        assertNull(response.header("Access-Control-Allow-Origin"), "no ACAO without Origin");
    }

    @Test
    void aForeignOriginGetsNoAllowOrigin() {
        HttpResult response = app.get(A, "Origin", "http://localhost.evil.org");

        assertFull(response, TEN);
        assertNull(response.header("Access-Control-Allow-Origin"), "ACAO for a foreign origin");
        ApiAssertions.assertVaryContains(response, "Origin");
    }

    // ---- empty files ----

    @ParameterizedTest(name = "Range {0}")
    @ValueSource(strings = {"", "bytes=0-1", "bytes=-5", "bytes=0-"})
    void anEmptyFileIs200EmptyEvenWithARange(String range) {
        HttpResult response = range.isEmpty() ? app.get(path("local:vacio.bin"))
                : app.get(path("local:vacio.bin"), "Range", range);

        assertFull(response, new byte[0]);
    }

    // ---- safe resolution (media.md §2.2) ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local:", "local:/etc/passwd", "local:C:/x", "local:../x", "local:./a.bin", "local:.env",
            "local:sub/.oculto", "local:a:b", "local:carpeta./x", "local:carpeta /x", "local:sub/", "local:.."})
    void refsBreakingTheSyntaxAre400InvalidLocalRef(String ref) {
        HttpResult response = app.get(path(ref));

        assertError(response, 400, "invalid_local_ref");
        assertFalse(response.text().contains("SECRET"), "leaked content");
    }

    @Test
    void aPathLongerThan1024CharactersIs400InvalidLocalRef() {
        String ref = "local:" + "a".repeat(200) + "/" + "b".repeat(200) + "/" + "c".repeat(200) + "/"
                + "d".repeat(200) + "/" + "e".repeat(221); // 1025 characters
        assertEquals(1025, ref.length() - "local:".length());

        assertError(app.get(path(ref)), 400, "invalid_local_ref");
    }

    @Test
    void aPathOf1024CharactersIsValidSyntaxAndMissingIs404() {
        String ref = "local:" + "a".repeat(200) + "/" + "b".repeat(200) + "/" + "c".repeat(200) + "/"
                + "d".repeat(200) + "/" + "e".repeat(220);
        assertEquals(1024, ref.length() - "local:".length());

        assertError(app.get(path(ref)), 404, "not_found");
    }

    @Test
    void aSegmentTooLongForTheFileSystemIs404NotAServerError() {
        assertError(app.get(path("local:" + "n".repeat(1000))), 404, "not_found");
    }

    /**
     * Encoded forms that the container may refuse itself (api.md §1.1: encoded backslashes,
     * control characters, dot segments): any 400 is accepted, and nothing may leak.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/drive/files/local:a%5Cb", "/drive/files/local:sub%5C..%5C.env", "/drive/files/local:a/%2E/b",
            "/drive/files/local:sub/%2E%2E/.env", "/drive/files/local:a%01b", "/drive/files/local:a%00b",
            "/drive/files/local:a%0Ab", "/drive/files/local:carpeta/../a.bin"})
    void encodedTraversalAndControlCharactersAre400(String rawPath) {
        HttpResult response = app.get(rawPath);

        assertEquals(400, response.status(), response::toString);
        assertFalse(response.text().contains("SECRET"), "leaked content");
    }

    @Test
    void aSymlinkLeadingOutsideTheRootIs404() {
        HttpResult response = app.get(path("local:enlace/x"));

        assertError(response, 404, "not_found");
        assertFalse(response.text().contains("OUTSIDE-SECRET"), "leaked content");
    }

    @Test
    void aFileSymlinkLeadingOutsideTheRootIs404() {
        HttpResult response = app.get(path("local:fuera.txt"));

        assertError(response, 404, "not_found");
        assertFalse(response.text().contains("OUTSIDE-SECRET"), "leaked content");
    }

    @Test
    void aFolderIs404() {
        assertError(app.get(path("local:carpeta")), 404, "not_found");
    }

    @Test
    void aMissingFileIs404() {
        assertError(app.get(path("local:falta.bin")), 404, "not_found");
    }

    @Test
    void aSymlinkToAFileInsideTheRootIsServed() {
        assertFull(app.get(path("local:dentro")), TEN);
    }

    @Test
    void aFileInsideAFolderIsServed() {
        assertFull(app.get(path("local:carpeta/dentro-de-carpeta.txt")), "inside a folder".getBytes(StandardCharsets.UTF_8));
    }

    // ---- Drive-id syntax, methods, query strings ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"short", "abcdefghi", "abc.defghij", "abc defghij", "abcdefghij!"})
    void aMalformedDriveIdIs400InvalidFileId(String id) {
        assertError(app.get(path(id)), 400, "invalid_file_id");
    }

    @Test
    void aDriveIdWithATrailingNewlineIs400() {
        HttpResult response = app.get("/drive/files/abcdefghij%0A");

        assertEquals(400, response.status(), response::toString);
    }

    @Test
    void aWellFormedDriveIdWithoutDriveCredentialsIs503DriveNotAvailable() {
        assertError(app.get(path("abcdefghij")), 503, "drive_not_available");
    }

    @Test
    void postIs405WithAllow() {
        HttpResult response = app.post(A, "");

        assertEquals(405, response.status(), response::toString);
        assertNotNull(response.header("Allow"), "Allow header");
        List<String> allowed = new ArrayList<>(response.headerTokens("Allow"));
        assertTrue(allowed.contains("get") && allowed.contains("head"), () -> "Allow: " + allowed);
        assertEquals(JsonSupport.parse("{\"error\":\"method_not_allowed\",\"allowed\":[\"GET\",\"HEAD\"]}"), response.json());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"?raw=1", "?x=1", "?raw=1&start=5"})
    void theQueryStringIsIgnored(String query) {
        assertFull(app.get(A + query), TEN);
        assertPartial(app.get(A + query, "Range", "bytes=2-5"), 2, 5, TEN);
    }

    // ---- client disconnect (media.md §5) ----

    @Test
    void aClientThatDisconnectsMidStreamLeavesTheServerHealthyAndLeaksNoThread() {
        String big = path("local:grande.bin");
        // Warm-up: a complete download and one abort, so lazily created pools already exist.
        assertFull(app.get(big), BIG);
        MediaSupport.getAndAbort(app.port(), big, "", 8192);
        assertFull(app.get(A), TEN);
        List<String> baseline = app.liveAulaThreads();

        for (int i = 0; i < 10; i++) {
            MediaSupport.Aborted aborted = MediaSupport.getAndAbort(app.port(), big, "", 4096 + i * 1000);
            assertTrue(aborted.statusLine().contains(" 200"), aborted::statusLine);
        }
        MediaSupport.Aborted partial = MediaSupport.getAndAbort(app.port(), big, "Range: bytes=1000-\r\n", 4096);
        assertTrue(partial.statusLine().contains(" 206"), partial::statusLine);

        assertFull(app.get(A), TEN);
        assertPartial(app.get(big, "Range", "bytes=2000000-2000099"), 2000000, 2000099, BIG);
        List<String> after = MediaSupport.awaitAulaThreadsAtMost(app, baseline.size(), Duration.ofSeconds(5));
        assertTrue(after.size() <= baseline.size(),
                () -> "aula threads grew after aborted streams: before " + baseline + ", after " + after);
    }

    @Test
    void aNormalDownloadIsUnaffectedByAnAbortedOneOnAnotherConnection() {
        MediaSupport.getAndAbort(app.port(), path("local:grande.bin"), "", 1024);

        HttpResult response = app.get(path("local:grande.bin"), "Range", "bytes=0-1023");
        assertPartial(response, 0, 1023, BIG);
        assertBody(java.util.Arrays.copyOf(BIG, 1024), response.body());
    }
}
