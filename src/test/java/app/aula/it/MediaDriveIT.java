package app.aula.it;

import static app.aula.it.MediaSupport.assertCacheControl;
import static app.aula.it.MediaSupport.assertCors;
import static app.aula.it.MediaSupport.assertDriveError;
import static app.aula.it.MediaSupport.assertError;
import static app.aula.it.MediaSupport.assertFull;
import static app.aula.it.MediaSupport.assertInlineDisposition;
import static app.aula.it.MediaSupport.assertNotModified;
import static app.aula.it.MediaSupport.assertPartial;
import static app.aula.it.MediaSupport.assertUnsatisfiable;
import static app.aula.it.MediaSupport.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import app.aula.testing.drive.FakeDrive;
import app.aula.testing.drive.FakeDriveFile;
import app.aula.testing.drive.Fault;
import app.aula.testing.drive.RecordedRequest;
import app.aula.testing.drive.RecordedRequest.Kind;
import app.aula.testing.drive.RecordedRequest.Outcome;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
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
 * {@code /drive/files/<id>} against the fake Drive (FakeDrive, in this JVM): the WAR gets
 * AULA_DRIVE_API_ROOT and GOOGLE_SERVICE_ACCOUNT_JSON pointing at it. Byte ranges and validators
 * (media.md §3.2), types and headers (§3.3–3.4), metadata and media requests (§4.2–4.3), upstream
 * error mapping and retries (§4.4–4.5), and the release of the upstream on a client disconnect (§5).
 *
 * <p>Until /api/health reports {@code drive.available: true} with these settings, every test
 * fails with that message (the Drive media path is required, so nothing is skipped).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ContainerKind.class)
class MediaDriveIT {

    @Parameter
    ContainerKind kind;

    static final String TEN_ID = "tenbytes0001";
    static final byte[] TEN = "0123456789".getBytes(StandardCharsets.US_ASCII);
    static final String BIG_ID = "grandevideo01";
    static final int BIG_SIZE = 3 * 1024 * 1024;
    static final String HUGE_ID = "enormevideo01";
    static final long HUGE_SIZE = 64L * 1024 * 1024;
    static final String MD5_OF_TEN = "781e5e245d69b566979b86e28d23f2c7";

    static FakeDrive drive;
    static RunningAula app;
    /** null until checked; "" when Drive is available, else why not. */
    static String driveProblem;
    static final AtomicInteger IDS = new AtomicInteger();

    @BeforeParameterizedClassInvocation
    static void deploy(ContainerKind kind) throws Exception {
        drive = new FakeDrive();
        drive.addFile(TEN_ID, "diez.bin", "application/octet-stream", TEN);
        drive.addGeneratedFile(BIG_ID, "grande.mp4", "video/mp4", BIG_SIZE);
        drive.addGeneratedFile(HUGE_ID, "enorme.mp4", "video/mp4", HUGE_SIZE);
        driveProblem = null;
        try {
            app = RunningAula.start(kind, AulaSetup.create()
                    .param("AULA_DRIVE_API_ROOT", drive.rootUrl())
                    .param("GOOGLE_SERVICE_ACCOUNT_JSON", drive.serviceAccountJson()));
        } catch (Exception e) {
            drive.close();
            throw e;
        }
    }

    @AfterParameterizedClassInvocation
    static void undeploy() throws Exception {
        try {
            RunningAula.stopAll(app);
        } finally {
            app = null;
            drive.close();
        }
    }

    @BeforeEach
    void driveMustBeAvailable() {
        requireDrive(app);
    }

    /** Fails (never skips) with a clear message while the WAR does not report Drive as available. */
    static void requireDrive(RunningAula app) {
        if (driveProblem == null) {
            driveProblem = MediaSupport.driveProblem(app);
        }
        MediaSupport.assertDriveAvailable(driveProblem);
    }

    /** A fresh, valid Drive id, so metadata caching from other tests cannot interfere. */
    static String freshId(String stem) {
        return stem + "-" + IDS.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
    }

    static List<RecordedRequest> media(String id) {
        return drive.requests(Kind.MEDIA).stream().filter(r -> id.equals(r.fileId())).toList();
    }

    static List<RecordedRequest> metadata(String id) {
        return drive.requests(Kind.METADATA).stream().filter(r -> id.equals(r.fileId())).toList();
    }

    static final String TEN_PATH = path(TEN_ID);

    // ---- availability and credentials ----

    @Test
    void healthReportsDriveAvailableWithoutError() {
        JsonNode health = app.get("/api/health").json().path("drive");

        assertTrue(health.path("available").asBoolean(), health::toString);
        assertTrue(health.path("error").isNull(), health::toString);
    }

    @Test
    void theTokenIsRequestedWithTheReadonlyScopeOnly() {
        assertFull(app.get(TEN_PATH), TEN);

        assertEquals(FakeDrive.DRIVE_READONLY_SCOPE, drive.lastGrantedScope());
    }

    // ---- media.md §3.2 table for a Drive id ----

    @Test
    void withoutRangeTheWholeFileIs200() {
        assertFull(app.get(TEN_PATH), TEN);
    }

    @ParameterizedTest(name = "{0} → 206 {1}-{2}")
    @CsvSource(delimiter = '|', textBlock = """
            bytes=2-5                      | 2 | 5
            bytes=7-                       | 7 | 9
            bytes=-3                       | 7 | 9
            bytes=5-100                    | 5 | 9
            bytes=-20                      | 0 | 9
            bytes=0-0                      | 0 | 0
            bytes=0-99999999999999999999   | 0 | 9
            BYTES=2-5                      | 2 | 5
            """)
    void satisfiableRangesGiveExactly206AndTheSlice(String range, long first, long last) {
        assertPartial(app.get(TEN_PATH, "Range", range), first, last, TEN);
    }

    @ParameterizedTest(name = "{0} → 416")
    @ValueSource(strings = {"bytes=10-", "bytes=5-2", "bytes=-", "bytes=x-1", "bytes=-0", "bytes=0-1,3-4",
            "bytes=99999999999999999999-"})
    void unsatisfiableOrMalformedRangesAre416WithTheSize(String range) {
        assertUnsatisfiable(app.get(TEN_PATH, "Range", range), TEN.length);
    }

    @Test
    void anotherUnitIsIgnored() {
        assertFull(app.get(TEN_PATH, "Range", "items=0-1"), TEN);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bytes=0-1048575          | 0       | 1048575
            bytes=1048576-2097151    | 1048576 | 2097151
            bytes=3000000-           | 3000000 | 3145727
            bytes=-65536             | 3080192 | 3145727
            """)
    void rangesOfALargeFileAreExactSlices(String range, long first, long last) {
        FakeDriveFile file = drive.file(BIG_ID);

        HttpResult response = app.get(path(BIG_ID), "Range", range);

        assertEquals(206, response.status(), response::toString);
        assertEquals("bytes " + first + "-" + last + "/" + BIG_SIZE, response.header("Content-Range"));
        MediaSupport.assertBody(file.bytes(first, last), response.body());
        assertEquals(String.valueOf(last - first + 1), response.header("Content-Length"));
    }

    @Test
    void aLargeFileIsSentWhole() {
        HttpResult response = app.get(path(BIG_ID));

        assertEquals(200, response.status(), response::toString);
        MediaSupport.assertBody(drive.file(BIG_ID).bytes(), response.body());
    }

    // ---- validators ----

    @Test
    void theEtagIsTheQuotedMd5() {
        assertEquals("\"" + MD5_OF_TEN + "\"", app.get(TEN_PATH).header("ETag"));
    }

    @Test
    void lastModifiedIsTheDriveModifiedTimeInSeconds() {
        assertEquals("Fri, 01 Mar 2024 12:00:00 GMT", app.get(TEN_PATH).header("Last-Modified"));
    }

    @Test
    void withoutMd5TheEtagIsTheHeadRevision() {
        String id = freshId("revision");
        drive.addFile(id, "r.bin", "application/octet-stream", TEN).md5Checksum(null).headRevisionId("0BRevision42");

        assertEquals("\"0BRevision42\"", app.get(path(id)).header("ETag"));
    }

    @Test
    void withoutAnyValidatorIfRangeSendsTheWholeFile() {
        String id = freshId("novalidator");
        drive.addFile(id, "n.bin", "application/octet-stream", TEN).md5Checksum(null).headRevisionId(null);

        HttpResult plain = app.get(path(id));
        assertNull(plain.header("ETag"), "no ETag without md5Checksum and headRevisionId");
        assertFull(app.get(path(id), "Range", "bytes=2-5", "If-Range", "\"" + MD5_OF_TEN + "\""), TEN);
    }

    @Test
    void ifNoneMatchWithTheMd5Is304() {
        String etag = "\"" + MD5_OF_TEN + "\"";

        assertNotModified(app.get(TEN_PATH, "If-None-Match", etag), etag);
    }

    @Test
    void ifModifiedSinceTheModifiedTimeIs304() {
        assertNotModified(app.get(TEN_PATH, "If-Modified-Since", "Fri, 01 Mar 2024 12:00:00 GMT"),
                "\"" + MD5_OF_TEN + "\"");
    }

    @Test
    void ifMatchWithAnotherEtagIs412() {
        assertError(app.get(TEN_PATH, "If-Match", "\"X\""), 412, "precondition_failed");
    }

    @Test
    void ifRangeWithTheCurrentEtagHonoursTheRange() {
        assertPartial(app.get(TEN_PATH, "Range", "bytes=2-5", "If-Range", "\"" + MD5_OF_TEN + "\""), 2, 5, TEN);
    }

    @ParameterizedTest(name = "If-Range {0}")
    @ValueSource(strings = {"\"X\"", "W/\"781e5e245d69b566979b86e28d23f2c7\""})
    void ifRangeWithAStaleOrWeakTagSendsTheWholeFile(String ifRange) {
        assertFull(app.get(TEN_PATH, "Range", "bytes=2-5", "If-Range", ifRange), TEN);
    }

    @Test
    void anEmptyFileIs200EmptyEvenWithARange() {
        String id = freshId("emptyfile");
        drive.addFile(id, "vacio.bin", "application/octet-stream", new byte[0]);

        assertFull(app.get(path(id), "Range", "bytes=0-1"), new byte[0]);
    }

    // ---- HEAD, metadata and media requests ----

    @Test
    void headGivesTheHeadersOfAFull200AndMakesNoMediaRequest() {
        String id = freshId("headonly");
        drive.addFile(id, "h.mp4", "video/mp4", TEN);

        HttpResult head = app.head(path(id), "Range", "bytes=2-5");

        assertEquals(200, head.status(), head::toString);
        assertEquals(0, head.body().length, "HEAD body");
        assertEquals("10", head.header("Content-Length"));
        assertNull(head.header("Content-Range"), "Content-Range on HEAD");
        assertEquals("\"" + MD5_OF_TEN + "\"", head.header("ETag"));
        ApiAssertions.assertMediaType("video/mp4", head.header("Content-Type"));
        Optional<RecordedRequest> mediaRequest = drive.awaitRequest(
                r -> r.kind() == Kind.MEDIA && id.equals(r.fileId()), Duration.ofSeconds(1));
        assertTrue(mediaRequest.isEmpty(), () -> "HEAD made a media request: " + mediaRequest.get());
    }

    @Test
    void theMediaRequestAsksForExactlyTheChosenSpan() {
        String id = freshId("spancheck");
        drive.addFile(id, "s.bin", "application/octet-stream", TEN);

        assertPartial(app.get(path(id), "Range", "bytes=-3"), 7, 9, TEN);
        assertFull(app.get(path(id)), TEN);

        List<RecordedRequest> requests = media(id);
        assertEquals(2, requests.size(), () -> "media requests: " + requests);
        RecordedRequest ranged = requests.get(0);
        assertEquals("bytes=7-9", ranged.range(), "Range sent upstream for bytes=-3");
        assertNull(requests.get(1).range(), "a full answer asks for no Range");
        for (RecordedRequest request : requests) {
            assertEquals("media", request.queryParameter("alt"));
            assertEquals("true", request.queryParameter("supportsAllDrives"));
            assertNull(request.queryParameter("acknowledgeAbuse"), "acknowledgeAbuse is never sent");
            assertEquals("identity", request.header("Accept-Encoding"));
            assertTrue(String.valueOf(request.authorization()).startsWith("Bearer "), "Authorization: " + request.authorization());
        }
    }

    @Test
    void metadataIsFetchedOnceForRepeatedRequests() {
        String id = freshId("cachecheck");
        drive.addFile(id, "c.bin", "application/octet-stream", TEN);

        assertFull(app.get(path(id)), TEN);
        assertPartial(app.get(path(id), "Range", "bytes=2-5"), 2, 5, TEN);
        assertEquals(200, app.head(path(id)).status());

        assertEquals(1, metadata(id).size(), () -> "metadata requests: " + metadata(id));
    }

    @Test
    void whenMetadataFailsTheRangeIsForwardedAndRelayedWithoutValidators() {
        String id = freshId("degraded");
        drive.addFile(id, "d.bin", "application/octet-stream", TEN);
        drive.metadataFaults(id).add(Fault.status(400));

        HttpResult response = app.get(path(id), "Range", "bytes=2-5");

        assertEquals(206, response.status(), response::toString);
        assertEquals("bytes 2-5/10", response.header("Content-Range"));
        MediaSupport.assertBody("2345".getBytes(StandardCharsets.US_ASCII), response.body());
        assertNull(response.header("ETag"), "no validators in degraded mode");
        assertEquals("bytes=2-5", media(id).get(0).range(), "the client's range is forwarded as received");
    }

    // ---- types and headers ----

    @ParameterizedTest(name = "{1} ({2}) → {3}")
    @CsvSource(delimiter = '|', textBlock = """
            subtitle | clase.vtt   | application/octet-stream | text/vtt; charset=utf-8
            subtitl2 | clase.vtt   | binary/octet-stream      | text/vtt; charset=utf-8
            pyscript | codigo.py   | text/x-python            | text/plain; charset=utf-8
            jsondata | datos.json  | application/json         | text/plain; charset=utf-8
            plaintxt | lectura.txt | text/plain               | text/plain; charset=utf-8
            htmlpage | pagina.html | text/html                | text/html; charset=utf-8
            videomp4 | clase.mp4   | application/octet-stream | video/mp4
            pdffile1 | guia.pdf    | application/pdf          | application/pdf
            svgimage | dibujo.svg  | application/octet-stream | image/svg+xml
            """)
    void contentTypeFollowsDriveWithTheExtensionFallback(String stem, String name, String driveType, String expected) {
        String id = freshId(stem);
        drive.addFile(id, name, driveType, TEN);

        HttpResult response = app.get(path(id));

        assertFull(response, TEN);
        ApiAssertions.assertMediaType(expected, response.header("Content-Type"));
    }

    @Test
    void driveHtmlIsSandboxed() {
        String id = freshId("sandboxhtml");
        drive.addFile(id, "resumen.html", "text/html", "<p>x</p>".getBytes(StandardCharsets.UTF_8));

        ApiAssertions.assertCsp(MediaSupport.HTML_CSP, app.get(path(id)).header("Content-Security-Policy"));
    }

    @Test
    void contentDispositionCarriesTheDriveNameWithAccents() {
        String id = freshId("accented");
        drive.addFile(id, "Lección 1.pdf", "application/pdf", TEN);

        assertInlineDisposition("Lección 1.pdf", app.get(path(id)));
    }

    @Test
    void videoIsPublicAndPrivateWithAuthorization() {
        assertCacheControl("public, max-age=3600", app.get(path(BIG_ID), "Range", "bytes=0-0"));
        assertCacheControl("private, max-age=3600", app.get(path(BIG_ID), "Range", "bytes=0-0", "Authorization", "Basic dTpw"));
        assertCacheControl("private, max-age=300", app.get(TEN_PATH));
    }

    @Test
    void corsHeadersAreSentForAnAllowedOrigin() {
        assertCors(app.get(TEN_PATH, "Origin", MediaSupport.ORIGIN, "Range", "bytes=2-5"));
        assertCors(app.get(path("missingfile-0001"), "Origin", MediaSupport.ORIGIN));
    }

    // ---- upstream errors (media.md §4.4) ----

    @Test
    void anUnknownIdIs404NotFound() {
        assertDriveError(app.get(path("missingfile-0002")), 404, "not_found");
    }

    @Test
    void aMetadataNotFoundIsCached() {
        String id = freshId("gone");

        assertDriveError(app.get(path(id)), 404, "not_found");
        assertDriveError(app.get(path(id)), 404, "not_found");

        assertEquals(1, metadata(id).size(), () -> "metadata requests: " + metadata(id));
    }

    @Test
    void aMediaNotFoundIs404NotFound() {
        String id = freshId("medianotfound");
        drive.addFile(id, "m.bin", "application/octet-stream", TEN);
        drive.mediaFaults(id).add(Fault.status(404));

        assertDriveError(app.get(path(id), "Range", "bytes=2-5"), 404, "not_found");
    }

    @Test
    void twoServerErrorsThenSuccessGiveTheExactBytes() {
        String id = freshId("retry");
        drive.addFile(id, "r.bin", "application/octet-stream", TEN);
        drive.mediaFaults(id).add(Fault.status(500), Fault.status(500));

        assertPartial(app.get(path(id), "Range", "bytes=2-5"), 2, 5, TEN);
        assertEquals(3, media(id).size(), () -> "media requests: " + media(id));
    }

    @ParameterizedTest(name = "{0} → {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            500 | 502 | upstream_error
            502 | 502 | upstream_error
            504 | 502 | upstream_error
            503 | 503 | upstream_unavailable
            """)
    void exhaustedRetriesGiveTheMappedErrorWithRetryAfter(int upstream, int status, String reason) {
        String id = freshId("exhaust" + upstream);
        drive.addFile(id, "e.bin", "application/octet-stream", TEN);
        drive.mediaFaults(id).repeat(Fault.status(upstream), 5);

        HttpResult response = app.get(path(id), "Range", "bytes=2-5");

        assertDriveError(response, status, reason);
        assertEquals("5", response.header("Retry-After"), "Retry-After without an upstream value");
        assertEquals(4, media(id).size(), () -> "one request and 3 retries: " + media(id));
    }

    @Test
    void rateLimitingIsRetriedThen503WithTheUpstreamRetryAfter() {
        String id = freshId("ratelimited");
        drive.addFile(id, "l.bin", "application/octet-stream", TEN);
        drive.mediaFaults(id).repeat(Fault.rateLimited(1), 5);

        HttpResult response = app.get(path(id), "Range", "bytes=2-5");

        assertDriveError(response, 503, "rate_limited");
        assertEquals("1", response.header("Retry-After"));
        assertEquals(4, media(id).size(), () -> "one request and 3 retries: " + media(id));
    }

    @Test
    void aRetryAfterBeyondTheBudgetGivesUpAtOnce() {
        String id = freshId("longwait");
        drive.addFile(id, "w.bin", "application/octet-stream", TEN);
        drive.mediaFaults(id).repeat(Fault.rateLimited(120), 2);

        HttpResult response = app.get(path(id), "Range", "bytes=2-5");

        assertDriveError(response, 503, "rate_limited");
        assertEquals("120", response.header("Retry-After"));
        assertEquals(1, media(id).size(), () -> "no retry when Retry-After exceeds the budget: " + media(id));
    }

    @ParameterizedTest(name = "403 {0}")
    @ValueSource(strings = {"userRateLimitExceeded", "rateLimitExceeded"})
    void forbiddenRateLimitReasonsAreRetriedThen503RateLimited(String driveReason) {
        String id = freshId("rl403");
        drive.addFile(id, "q.bin", "application/octet-stream", TEN);
        drive.mediaFaults(id).repeat(Fault.driveError(403, driveReason), 5);

        HttpResult response = app.get(path(id), "Range", "bytes=2-5");

        assertDriveError(response, 503, "rate_limited");
        assertEquals("5", response.header("Retry-After"));
        assertEquals(4, media(id).size(), () -> "one request and 3 retries: " + media(id));
    }

    @ParameterizedTest(name = "{0} {1} → {2} {3}")
    @CsvSource(delimiter = '|', textBlock = """
            403 | downloadQuotaExceeded       | 403 | download_quota_exceeded |
            403 | cannotDownloadAbusiveFile   | 403 | abusive_file            |
            403 | dailyLimitExceeded          | 503 | quota_exceeded          | 3600
            403 | quotaExceeded               | 503 | quota_exceeded          | 3600
            403 | fileNotDownloadable         | 403 | not_downloadable        |
            403 | cannotDownloadFile          | 403 | not_downloadable        |
            403 | forbidden                   | 403 | access_denied           |
            403 | insufficientFilePermissions | 403 | access_denied           |
            400 | badRequest                  | 502 | upstream_rejected       |
            """)
    void nonRetriedUpstreamErrorsAreMapped(int upstream, String driveReason, int status, String reason, String retryAfter) {
        String id = freshId("mapped");
        drive.addFile(id, "f.bin", "application/octet-stream", TEN);
        drive.mediaFaults(id).repeat(Fault.driveError(upstream, driveReason), 2);

        HttpResult response = app.get(path(id), "Range", "bytes=2-5");

        assertDriveError(response, status, reason);
        if (retryAfter != null) {
            assertEquals(retryAfter, response.header("Retry-After"));
        }
        assertEquals(1, media(id).size(), () -> "not retried: " + media(id));
    }

    @Test
    void aGoogleDocumentIs403NotDownloadable() {
        String id = freshId("googledoc");
        drive.addGoogleDoc(id, "Apuntes");

        assertDriveError(app.get(path(id)), 403, "not_downloadable");
    }

    @Test
    void oneUnauthorizedIsRetriedWithAFreshToken() {
        String id = freshId("auth1");
        drive.addFile(id, "a.bin", "application/octet-stream", TEN);
        drive.mediaFaults(id).add(Fault.status(401));

        assertPartial(app.get(path(id), "Range", "bytes=2-5"), 2, 5, TEN);
        assertEquals(2, media(id).size(), () -> "media requests: " + media(id));
    }

    @Test
    void repeatedUnauthorizedIs502AuthFailed() {
        String id = freshId("auth2");
        drive.addFile(id, "a.bin", "application/octet-stream", TEN);
        drive.mediaFaults(id).repeat(Fault.status(401), 3);

        assertDriveError(app.get(path(id), "Range", "bytes=2-5"), 502, "auth_failed");
        assertEquals(2, media(id).size(), () -> "retried once: " + media(id));
    }

    @Test
    void anUpstream416Is416WithTheKnownSize() {
        String id = freshId("upstream416");
        drive.addFile(id, "u.bin", "application/octet-stream", TEN);
        drive.mediaFaults(id).add(Fault.status(416));

        HttpResult response = app.get(path(id), "Range", "bytes=2-5");

        assertEquals(416, response.status(), response::toString);
        assertEquals("bytes */10", response.header("Content-Range"));
    }

    // ---- streaming failures (media.md §4.5, §5) ----

    @Test
    void aClientDisconnectClosesTheUpstreamConnectionWithinTwoSeconds() {
        MediaSupport.Aborted aborted = MediaSupport.getAndAbort(app.port(), path(HUGE_ID), "", 256 * 1024);
        long closedAt = System.nanoTime();

        assertTrue(aborted.statusLine().contains(" 200"), aborted::statusLine);
        Optional<RecordedRequest> released = drive.awaitRequest(r -> r.kind() == Kind.MEDIA
                && HUGE_ID.equals(r.fileId()) && r.outcome() == Outcome.CLIENT_GONE, Duration.ofSeconds(2));
        long waitedMs = (System.nanoTime() - closedAt) / 1_000_000;
        assertTrue(released.isPresent(), () -> "the fake did not see its connection closed within 2 s (waited "
                + waitedMs + " ms): " + media(HUGE_ID));
        assertTrue(released.get().bodyBytesSent() < HUGE_SIZE, "the whole file was fetched");
        assertFull(app.get(TEN_PATH), TEN);
    }

    @Test
    void anUpstreamFailureAfterTheFirstByteNeverEndsTheBodyCleanly() throws IOException {
        String id = freshId("midfail");
        FakeDriveFile file = drive.addGeneratedFile(id, "m.mp4", "video/mp4", BIG_SIZE);
        drive.mediaFaults(id).add(Fault.resetAfter(200_000));

        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", app.port()), 5000);
            socket.setSoTimeout(20000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path(id) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[65536];
            int headEnd = -1;
            long contentLength = -1;
            boolean ended = false;
            try {
                while (true) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        ended = true;
                        break;
                    }
                    received.write(buffer, 0, n);
                    if (headEnd < 0) {
                        String text = received.toString(StandardCharsets.ISO_8859_1);
                        headEnd = text.indexOf("\r\n\r\n");
                        if (headEnd >= 0) {
                            String head = text.substring(0, headEnd).toLowerCase(Locale.ROOT);
                            assertTrue(head.startsWith("http/1.1 200"), head);
                            java.util.regex.Matcher length = java.util.regex.Pattern
                                    .compile("\r\ncontent-length: *(\\d+)").matcher(head);
                            assertTrue(length.find(), () -> "no Content-Length: " + head);
                            contentLength = Long.parseLong(length.group(1));
                        }
                    }
                    if (headEnd >= 0 && received.size() - headEnd - 4 >= contentLength) {
                        break; // complete: a retry before the first byte is allowed to deliver everything
                    }
                }
            } catch (SocketTimeoutException e) {
                fail("the connection was neither completed nor aborted within 20 s after " + received.size() + " bytes");
            } catch (SocketException e) {
                ended = true; // reset: an abort
            }
            byte[] all = received.toByteArray();
            assertTrue(headEnd > 0, "no response head");
            assertEquals(BIG_SIZE, contentLength, "Content-Length of the 200");
            byte[] body = java.util.Arrays.copyOfRange(all, headEnd + 4, all.length);
            if (ended) {
                assertTrue(body.length < BIG_SIZE, "the connection ended after a complete body");
            }
            assertTrue(body.length <= BIG_SIZE, "more bytes than Content-Length");
            MediaSupport.assertBody(file.bytes(0, body.length - 1L), body);
        }
        assertFull(app.get(TEN_PATH), TEN);
    }
}
