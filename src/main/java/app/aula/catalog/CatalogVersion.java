package app.aula.catalog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * {@code catalogVersion} (api.md §1.8): 16 lowercase hex digits of a SHA-256 over everything the
 * catalogue bodies are made of, so equal inputs give equal versions across restarts and any change
 * of a body changes the version. Every input is length-prefixed so that no two different input
 * tuples hash the same byte stream.
 */
final class CatalogVersion {

    /**
     * Bumped whenever the code that derives bodies from a file changes their bytes, so browsers do
     * not keep a body from an older Aula behind an unchanged ETag.
     */
    static final String FORMAT = "aula-catalog-bodies/1";

    private static final int CHUNK = 64 * 1024;

    private CatalogVersion() {}

    /** The version of a snapshot built from a file. */
    static String ofFile(byte[] fileBytes, String path, CatalogSource source, Instant mtime) {
        return digest("file", fileBytes, path, source, mtime);
    }

    /** The version of the empty snapshot, which still differs by the path cache-meta reports. */
    static String ofEmpty(String path, CatalogSource pathSource, Instant mtime) {
        return digest("empty", new byte[0], path, pathSource, mtime);
    }

    private static String digest(String kind, byte[] fileBytes, String path, CatalogSource source,
            Instant mtime) {
        MessageDigest sha256 = sha256();
        text(sha256, FORMAT);
        text(sha256, kind);
        number(sha256, fileBytes.length);
        // Chunks let the JIT swap in the SHA intrinsic early; one 20 MB call starts interpreted.
        for (int at = 0; at < fileBytes.length; at += CHUNK) {
            sha256.update(fileBytes, at, Math.min(CHUNK, fileBytes.length - at));
        }
        text(sha256, path);
        text(sha256, source.label());
        if (mtime == null) {
            number(sha256, -1);
        } else {
            number(sha256, 1);
            number(sha256, UtcTime.epochMicros(mtime));
        }
        return HexFormat.of().formatHex(sha256.digest(), 0, 8);
    }

    private static void text(MessageDigest sha256, String value) {
        if (value == null) {
            number(sha256, -1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        number(sha256, utf8.length);
        sha256.update(utf8);
    }

    private static void number(MessageDigest sha256, long value) {
        sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
