package app.aula.http;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The preconditions and range rules of media.md §3.2 (RFC 9110 §13 and §14), decided once for
 * every byte endpoint (local files, Drive, repaired artifacts) — the way Go's
 * {@code http.ServeContent} and Jetty's {@code ResourceService} keep them in one place.
 */
public final class ByteServing {

    private ByteServing() {}

    /** The request headers that matter here; absent ones are null. */
    public record Conditions(String method, String ifMatch, String ifUnmodifiedSince, String ifNoneMatch,
            String ifModifiedSince, String range, String ifRange) {}

    /** What is known about the representation: a quoted strong ETag and a date, either may be null. */
    public record Validators(long size, String etag, Instant lastModified) {}

    /** The answer's shape; headers and body follow from it. */
    public sealed interface Decision permits NotModified, PreconditionFailed, RangeNotSatisfiable, Full, Partial {}

    public record NotModified() implements Decision {}

    public record PreconditionFailed() implements Decision {}

    /** 416 with {@code Content-Range: bytes *}{@code /size}. */
    public record RangeNotSatisfiable(long size) implements Decision {}

    /** 200 with the whole representation. */
    public record Full(long size) implements Decision {}

    /** 206 with one span. */
    public record Partial(ByteRange range) implements Decision {}

    public static Decision decide(Conditions request, Validators resource) {
        Optional<Decision> precondition = preconditions(request, resource);
        if (precondition.isPresent()) {
            return precondition.get();
        }
        return range(request, resource);
    }

    /** Steps 1–2: 412 or 304, or empty when the request may proceed. */
    public static Optional<Decision> preconditions(Conditions request, Validators resource) {
        if (request.ifMatch() != null) {
            boolean star = request.ifMatch().trim().equals("*");
            if (!star && (resource.etag() == null || !EntityTags.matchHits(request.ifMatch(), resource.etag()))) {
                return Optional.of(new PreconditionFailed());
            }
        } else if (request.ifUnmodifiedSince() != null && resource.lastModified() != null) {
            Optional<Instant> since = HttpDates.parse(request.ifUnmodifiedSince());
            if (since.isPresent() && seconds(resource.lastModified()).isAfter(since.get())) {
                return Optional.of(new PreconditionFailed());
            }
        }
        boolean safe = "GET".equals(request.method()) || "HEAD".equals(request.method());
        if (request.ifNoneMatch() != null) {
            if (EntityTags.noneMatchHits(request.ifNoneMatch(), resource.etag())) {
                // RFC 9110 §13.1.2: 304 for GET/HEAD, 412 for any other method.
                return Optional.of(safe ? new NotModified() : new PreconditionFailed());
            }
        } else if (safe && resource.lastModified() != null
                && HttpDates.notModifiedSince(request.ifModifiedSince(), resource.lastModified())) {
            return Optional.of(new NotModified());
        }
        return Optional.empty();
    }

    /** Steps 3–7: the span to send, for a request that passed its preconditions. */
    static Decision range(Conditions request, Validators resource) {
        long size = resource.size();
        if (!"GET".equals(request.method()) || request.range() == null || size == 0
                || !ifRangeHolds(request.ifRange(), resource)) {
            return new Full(size);
        }
        RangeHeader.Parsed parsed = RangeHeader.parse(request.range(), size);
        if (parsed instanceof RangeHeader.Span span) {
            return new Partial(span.range());
        }
        if (parsed instanceof RangeHeader.Unsatisfiable) {
            return new RangeNotSatisfiable(size);
        }
        return new Full(size);
    }

    /** Step 4: a tag must strongly equal the ETag; a date must equal Last-Modified exactly. */
    static boolean ifRangeHolds(String ifRange, Validators resource) {
        if (ifRange == null) {
            return true;
        }
        String value = ifRange.trim();
        if (value.startsWith("\"") || value.startsWith("W/")) {
            return resource.etag() != null && !value.startsWith("W/") && value.equals(resource.etag());
        }
        Optional<Instant> date = HttpDates.parse(value);
        return date.isPresent() && resource.lastModified() != null
                && date.get().equals(seconds(resource.lastModified()));
    }

    private static Instant seconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }
}
