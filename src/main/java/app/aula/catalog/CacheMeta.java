package app.aula.catalog;

import java.time.Instant;

/** The {@code /api/cache-meta} body (catalog.md §4), fields in the documented order. */
final class CacheMeta {

    private CacheMeta() {}

    /**
     * @param path   the composed path cache-meta reports, or {@code null} when there is none
     * @param source the label of that path ({@link CatalogSource#NONE} without a path)
     * @param mtime  the file's modification time, or {@code null}
     */
    static byte[] body(String path, CatalogSource source, Instant mtime, NormalizedStats stats,
            int fullBytes, int bootstrapBytes, String version) {
        return JsonOut.bytes(out -> {
            out.writeStartObject();
            out.writeStringField("cache_file_path", path);
            out.writeStringField("cache_file_name", path == null ? null : baseName(path));
            out.writeStringField("source", source.label());
            out.writeStringField("mtime", mtime == null ? null : UtcTime.seconds(mtime));
            out.writeFieldName("mtimeEpoch");
            if (mtime == null) {
                out.writeNull();
            } else {
                out.writeNumber(UtcTime.epochSeconds(mtime));
            }
            out.writeFieldName("stats");
            stats.write(out);
            out.writeObjectFieldStart("payloadBytes");
            out.writeNumberField("full", fullBytes);
            out.writeNumberField("bootstrap", bootstrapBytes);
            out.writeEndObject();
            out.writeStringField("version", version);
            out.writeEndObject();
        });
    }

    /** The last segment of the path; both separators count, since the path is never resolved. */
    static String baseName(String path) {
        int cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(cut + 1);
    }
}
