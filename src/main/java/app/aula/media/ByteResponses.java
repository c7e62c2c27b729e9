package app.aula.media;

import app.aula.http.ByteServing;
import app.aula.http.HttpDates;
import app.aula.http.JsonReply;
import app.aula.web.ServletReplies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * Writes the status and headers of a byte response (media.md §3.2–3.4) for a decision of
 * {@link ByteServing}: the same code for local files, Drive files and repaired artifacts.
 */
public final class ByteResponses {

    private ByteResponses() {}

    public static ByteServing.Conditions conditions(HttpServletRequest request) {
        return new ByteServing.Conditions(request.getMethod(), request.getHeader("If-Match"),
                request.getHeader("If-Unmodified-Since"), request.getHeader("If-None-Match"),
                request.getHeader("If-Modified-Since"), request.getHeader("Range"), request.getHeader("If-Range"));
    }

    /**
     * Answers 304, 412 or 416 completely and returns empty; for 200/206 writes the headers and
     * returns the bytes to send (the whole file for 200).
     */
    public static Optional<BodySpan> begin(HttpServletRequest request, HttpServletResponse response,
            Representation file, ByteServing.Decision decision) throws IOException {
        boolean authorized = request.getHeader("Authorization") != null;
        if (decision instanceof ByteServing.NotModified) {
            response.setStatus(304);
            validators(response, file);
            response.setHeader("Cache-Control", MediaTypes.cacheControl(file.contentType(), authorized));
            // Committed now, so that no container adds "Content-Length: 0" (also on async paths).
            response.flushBuffer();
            return Optional.empty();
        }
        if (decision instanceof ByteServing.PreconditionFailed) {
            ServletReplies.send(request, response, JsonReply.error(412, "precondition_failed"));
            return Optional.empty();
        }
        if (decision instanceof ByteServing.RangeNotSatisfiable unsatisfiable) {
            rangeNotSatisfiable(request, response, unsatisfiable.size());
            return Optional.empty();
        }
        representationHeaders(response, file, authorized);
        if (decision instanceof ByteServing.Partial partial) {
            response.setStatus(206);
            response.setHeader("Content-Range", partial.range().contentRange());
            response.setContentLengthLong(partial.range().length());
            return Optional.of(new BodySpan(partial.range().first(), partial.range().length()));
        }
        response.setStatus(200);
        response.setContentLengthLong(file.size());
        return Optional.of(new BodySpan(0, file.size()));
    }

    /** The bytes a 200 or 206 sends: {@code length} bytes from {@code offset} (may be 0). */
    public record BodySpan(long offset, long length) {}

    /** 416 with {@code Content-Range: bytes *}{@code /size} (when known) and {@code Accept-Ranges}. */
    public static void rangeNotSatisfiable(HttpServletRequest request, HttpServletResponse response, long size)
            throws IOException {
        response.setHeader("Accept-Ranges", "bytes");
        if (size >= 0) {
            response.setHeader("Content-Range", "bytes */" + size);
        }
        ServletReplies.send(request, response, JsonReply.error(416, "range_not_satisfiable"));
    }

    static void representationHeaders(HttpServletResponse response, Representation file, boolean authorized) {
        response.setHeader("Accept-Ranges", "bytes");
        response.setContentType(file.contentType());
        validators(response, file);
        response.setHeader("Cache-Control", MediaTypes.cacheControl(file.contentType(), authorized));
        if (file.fileName() != null && !file.fileName().isEmpty()) {
            response.setHeader("Content-Disposition", MediaTypes.contentDisposition(file.fileName()));
        }
        String sandbox = MediaTypes.sandboxPolicy(file.contentType());
        // Other media replace the JSON default (frame-ancestors 'none'): the viewer frames
        // readings and PDFs from its own origin (viewer.md §5.8), and no other site may.
        response.setHeader("Content-Security-Policy", sandbox != null ? sandbox : MediaTypes.FRAMEABLE_BY_SELF);
    }

    private static void validators(HttpServletResponse response, Representation file) {
        if (file.etag() != null) {
            response.setHeader("ETag", file.etag());
        }
        if (file.lastModified() != null) {
            response.setHeader("Last-Modified", HttpDates.format(file.lastModified()));
        }
    }
}
