package app.aula.repair;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How a ref maps to its artifact's base name (media.md §7.1): a Drive id is used as it is, and a
 * {@code local:} ref becomes {@code local-} plus the first 32 hex digits of the SHA-256 of the
 * whole ref, so library paths never turn into file names in the repaired folder.
 */
final class ArtifactNames {

    static final String FOLDER = "repaired_videos";
    private static final String LOCAL_PREFIX = "local:";

    private ArtifactNames() {}

    static String nameOf(String ref) {
        if (!ref.startsWith(LOCAL_PREFIX)) {
            return ref;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(ref.getBytes(StandardCharsets.UTF_8));
            return "local-" + HexFormat.of().formatHex(digest).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The {@code artifactPath} field: {@code repaired_videos/<name>.mp4}, relative to the data folder. */
    static String relativeArtifactPath(String ref) {
        return FOLDER + "/" + nameOf(ref) + ".mp4";
    }

    static boolean isLocalName(String name) {
        return name.startsWith("local-");
    }
}
