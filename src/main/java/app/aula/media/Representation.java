package app.aula.media;

import app.aula.http.ByteServing;
import java.time.Instant;

/**
 * What a byte endpoint knows about the file before sending it: enough to decide preconditions
 * and ranges and to write every header of media.md §3.3–3.4. {@code etag} (quoted) and
 * {@code lastModified} may be null when the source has none.
 */
public record Representation(String fileName, long size, String etag, Instant lastModified, String contentType) {

    public ByteServing.Validators validators() {
        return new ByteServing.Validators(size, etag, lastModified);
    }

    /** Local files and artifacts: {@code "<prefix>-<size hex>-<mtime ms hex>"} (media.md §3.4). */
    public static String fileTag(String prefix, long size, Instant lastModified) {
        return "\"" + prefix + "-" + Long.toHexString(size) + "-" + Long.toHexString(lastModified.toEpochMilli()) + "\"";
    }
}
