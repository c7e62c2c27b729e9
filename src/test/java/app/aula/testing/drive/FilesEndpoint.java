package app.aula.testing.drive;

import com.sun.net.httpserver.HttpExchange;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code files.get} of Drive v3: metadata ({@code GET /drive/v3/files/{id}}) and media
 * ({@code alt=media}, on that path or on {@code /download/drive/v3/files/{id}}, which the Java
 * client library uses). Order of checks: scripted fault, method, bearer token (401), file known
 * and reachable (404), then the answer itself.
 */
final class FilesEndpoint {

    private static final String WWW_AUTHENTICATE =
            "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"";

    private final Map<String, FakeDriveFile> files = new ConcurrentHashMap<>();
    private final TokenEndpoint tokens;
    private final ResponseStreamer streamer;
    private final Faults metadataFaults = new Faults();
    private final Faults mediaFaults = new Faults();

    FilesEndpoint(TokenEndpoint tokens, ResponseStreamer streamer) {
        this.tokens = tokens;
        this.streamer = streamer;
    }

    FakeDriveFile add(FakeDriveFile file) {
        files.put(file.id(), file);
        return file;
    }

    boolean remove(String id) {
        return files.remove(id) != null;
    }

    FakeDriveFile file(String id) {
        return files.get(id);
    }

    Faults metadataFaults() { return metadataFaults; }
    Faults mediaFaults() { return mediaFaults; }

    void metadata(HttpExchange exchange, RecordedRequest record) {
        FakeDriveFile file = admit(exchange, record, metadataFaults);
        if (file == null) {
            return;
        }
        String alt = record.queryParameter("alt");
        if (alt != null && !alt.equals("json")) {
            error(exchange, record, 400, "invalidParameter", "Invalid value for alt: " + alt);
            return;
        }
        byte[] json;
        try {
            json = DriveErrors.bytes(MetadataFields.render(file, record.queryParameter("fields")));
        } catch (IllegalArgumentException e) {
            error(exchange, record, 400, "invalidParameter", e.getMessage());
            return;
        }
        streamer.json(exchange, record, record.fault(), 200, json, Map.of());
    }

    void media(HttpExchange exchange, RecordedRequest record) {
        FakeDriveFile file = admit(exchange, record, mediaFaults);
        if (file == null) {
            return;
        }
        if (!"media".equals(record.queryParameter("alt"))) {
            error(exchange, record, 400, "badRequest", "The download path needs alt=media.");
            return;
        }
        if (file.isGoogleNative()) {
            error(exchange, record, 403, "fileNotDownloadable", null);
            return;
        }
        long size = file.size();
        ByteRange range = ByteRange.resolve(record.range(), size);
        Map<String, String> headers = new LinkedHashMap<>();
        switch (range.kind()) {
            case UNSATISFIABLE -> {
                headers.put("Content-Range", "bytes */" + size);
                streamer.json(exchange, record, record.fault(), 416,
                        DriveErrors.body(416, "requestedRangeNotSatisfiable"), headers);
            }
            case PARTIAL -> {
                headers.put("Content-Type", file.mimeType());
                headers.put("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + size);
                streamer.send(exchange, record, record.fault(), 206, headers, file::copy, range.first(),
                        range.length());
            }
            case FULL -> {
                headers.put("Content-Type", file.mimeType());
                streamer.send(exchange, record, record.fault(), 200, headers, file::copy, 0, size);
            }
        }
    }

    /** The common checks; answers and returns null when the request goes no further. */
    private FakeDriveFile admit(HttpExchange exchange, RecordedRequest record, Faults faults) {
        Fault fault = faults.next(record.fileId());
        record.fault(fault);
        if (fault != null && fault.replacesAnswer()) {
            error(exchange, record, fault.status, fault.reason, null);
            return null;
        }
        if (!record.method().equals("GET")) {
            error(exchange, record, 405, "methodNotAllowed", null);
            return null;
        }
        if (!tokens.accepts(record.authorization())) {
            error(exchange, record, 401, "authError", null);
            return null;
        }
        FakeDriveFile file = files.get(record.fileId());
        boolean reachable = file != null
                && (!file.inSharedDrive() || "true".equalsIgnoreCase(record.queryParameter("supportsAllDrives")));
        if (!reachable) {
            streamer.json(exchange, record, fault, 404, DriveErrors.fileNotFound(record.fileId()), Map.of());
            return null;
        }
        return file;
    }

    private void error(HttpExchange exchange, RecordedRequest record, int status, String reason, String message) {
        Fault fault = record.fault();
        Map<String, String> headers = new LinkedHashMap<>();
        if (fault != null && fault.retryAfter != null) {
            headers.put("Retry-After", fault.retryAfter);
        }
        if (status == 401) {
            headers.put("WWW-Authenticate", WWW_AUTHENTICATE);
        }
        streamer.json(exchange, record, fault, status, DriveErrors.body(status, reason, message), headers);
    }

    /** Fault queues of one endpoint: one per file id, consulted first, then one for any file. */
    static final class Faults {
        private final FaultQueue anyFile = new FaultQueue();
        private final Map<String, FaultQueue> byFile = new ConcurrentHashMap<>();

        FaultQueue forFile(String id) {
            return byFile.computeIfAbsent(id, key -> new FaultQueue());
        }

        FaultQueue forAnyFile() {
            return anyFile;
        }

        Fault next(String id) {
            FaultQueue own = id == null ? null : byFile.get(id);
            Fault fault = own == null ? null : own.poll();
            return fault != null ? fault : anyFile.poll();
        }

        void clear() {
            anyFile.clear();
            byFile.values().forEach(FaultQueue::clear);
        }
    }
}
