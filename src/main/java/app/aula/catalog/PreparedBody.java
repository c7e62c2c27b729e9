package app.aula.catalog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/**
 * A JSON body served as-is, with its gzip form computed once when the snapshot is built so that
 * no request ever compresses a catalogue (api.md §1.5). The arrays are shared, never copied:
 * callers write them out and must not modify them.
 */
public record PreparedBody(byte[] identity, byte[] gzip) {

    /** gzip level 6: the spec allows 5–6, and 6 is zlib's default trade-off. */
    static final int GZIP_LEVEL = 6;

    public static PreparedBody of(byte[] identity) {
        return new PreparedBody(identity, gzip(identity));
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 4));
        try (GZIPOutputStream gz = new LevelledGzipStream(out, GZIP_LEVEL)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen with an in-memory stream
        }
        return out.toByteArray();
    }

    /** {@link GZIPOutputStream} fixes the level at the default; its deflater is protected. */
    private static final class LevelledGzipStream extends GZIPOutputStream {
        LevelledGzipStream(ByteArrayOutputStream out, int level) throws IOException {
            super(out, 64 * 1024);
            def.setLevel(level);
        }
    }
}
