package app.aula.drive;

import app.aula.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * What Aula needs to know about one Drive file (media.md §4.2): the fields of the metadata
 * request, as Drive returned them. Every field but {@code id} may be missing (Drive omits
 * {@code size} and {@code md5Checksum} for Google-native documents, for example).
 *
 * @param size bytes, or null when Drive gave none
 * @param modifiedTime null when Drive gave none
 * @param durationMillis {@code videoMediaMetadata.durationMillis}, null unless Drive processed a video
 */
public record DriveMetadata(
        String id,
        String name,
        String mimeType,
        Long size,
        String md5Checksum,
        String headRevisionId,
        Instant modifiedTime,
        Long durationMillis) {

    /** The prefix of Google Docs, Sheets, Slides, folders, shortcuts… (not downloadable in v1). */
    public static final String GOOGLE_NATIVE_PREFIX = "application/vnd.google-apps.";

    /** Drive's own RFC 3339 form: UTC with milliseconds. */
    private static final DateTimeFormatter RFC_3339_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    public DriveMetadata {
        Objects.requireNonNull(id, "id");
    }

    /** True for {@code application/vnd.google-apps.*}: answered 403 {@code not_downloadable}. */
    public boolean isGoogleNative() {
        return mimeType != null && mimeType.startsWith(GOOGLE_NATIVE_PREFIX);
    }

    /**
     * The {@code metadata} object of {@code /api/video-metadata} (api.md §3.10), shaped like
     * Drive's file resource: {@code id}, {@code name}, {@code mimeType}, {@code size} (string),
     * {@code videoMediaMetadata.durationMillis} (string, when known), {@code md5Checksum} and
     * {@code modifiedTime}. Fields Drive did not give are left out, as Drive leaves them out.
     */
    public ObjectNode toVideoMetadataJson() {
        ObjectNode json = Json.object();
        json.put("id", id);
        putIfPresent(json, "name", name);
        putIfPresent(json, "mimeType", mimeType);
        if (size != null) {
            json.put("size", Long.toString(size));
        }
        if (durationMillis != null) {
            json.putObject("videoMediaMetadata").put("durationMillis", Long.toString(durationMillis));
        }
        putIfPresent(json, "md5Checksum", md5Checksum);
        if (modifiedTime != null) {
            json.put("modifiedTime", RFC_3339_MILLIS.format(modifiedTime));
        }
        return json;
    }

    private static void putIfPresent(ObjectNode json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }
}
