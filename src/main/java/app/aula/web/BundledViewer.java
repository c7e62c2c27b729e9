package app.aula.web;

import jakarta.servlet.ServletContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * The viewer bundled in the WAR ({@code WEB-INF/viewer/}), read once at start-up into memory:
 * it is small, never changes while deployed, and this way neither the container's default
 * servlet nor a packed WAR's file access is on the request path.
 */
public final class BundledViewer implements StaticRoot {

    static final String RESOURCE_ROOT = "/WEB-INF/viewer/";

    static final String STRICT_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; media-src 'self' blob:; font-src 'self'; connect-src 'self'; "
            + "frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    private final Map<String, byte[]> files = new HashMap<>();
    private final Map<String, String> etags = new HashMap<>();
    private final java.util.Set<String> directories = new java.util.HashSet<>();
    private final Instant deployedAt;

    public BundledViewer(ServletContext context, Instant deployedAt) throws IOException {
        this.deployedAt = deployedAt;
        directories.add("");
        load(context, RESOURCE_ROOT);
    }

    private void load(ServletContext context, String folder) throws IOException {
        Set<String> paths = context.getResourcePaths(folder);
        if (paths == null) {
            return;
        }
        for (String resource : paths) {
            String relative = resource.substring(RESOURCE_ROOT.length());
            if (resource.endsWith("/")) {
                directories.add(relative.substring(0, relative.length() - 1));
                load(context, resource);
            } else {
                try (InputStream in = context.getResourceAsStream(resource)) {
                    if (in != null) {
                        byte[] bytes = in.readAllBytes();
                        files.put(relative, bytes);
                        etags.put(relative, "\"" + sha256(bytes).substring(0, 16) + "\"");
                    }
                }
            }
        }
    }

    @Override
    public Entry find(String relativePath) {
        String key = relativePath.endsWith("/") ? relativePath.substring(0, relativePath.length() - 1) : relativePath;
        if (directories.contains(key)) {
            return new Directory();
        }
        byte[] bytes = files.get(key);
        if (bytes == null) {
            return new Missing();
        }
        return new StaticFile(bytes.length, deployedAt, etags.get(key), () -> new ByteArrayInputStream(bytes));
    }

    @Override
    public String htmlPolicy() {
        return STRICT_POLICY;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
