package app.aula.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;

/**
 * {@code AULA_VIEWER_PATH} as a static root (for example, the original front end). Files are
 * looked up on every request; a real path outside the root (symlinks) counts as missing.
 */
public final class ViewerFolder implements StaticRoot {

    /** The original front end uses inline styles and a web font (api.md §3.18). */
    static final String COMPAT_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline'; "
            + "style-src 'self' 'unsafe-inline' https://fonts.googleapis.com; img-src 'self' data: blob:; "
            + "media-src 'self' blob:; font-src 'self' data: https://fonts.gstatic.com; connect-src 'self'; "
            + "frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    private final Path root;
    private final Path realRoot;

    public ViewerFolder(Path root) throws IOException {
        this.root = root;
        this.realRoot = root.toRealPath();
    }

    @Override
    public Entry find(String relativePath) throws IOException {
        Path candidate = root.resolve(relativePath).normalize();
        if (!candidate.startsWith(root.normalize()) || !Files.exists(candidate)) {
            return new Missing();
        }
        Path real = candidate.toRealPath();
        if (!real.startsWith(realRoot)) {
            return new Missing();
        }
        BasicFileAttributes attrs = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attrs.isDirectory()) {
            return new Directory();
        }
        if (!attrs.isRegularFile() || !Files.isReadable(real)) {
            return new Missing();
        }
        Instant modified = attrs.lastModifiedTime().toInstant();
        String etag = "\"" + Long.toHexString(attrs.size()) + "-" + Long.toHexString(modified.toEpochMilli()) + "\"";
        return new StaticFile(attrs.size(), modified, etag, () -> Files.newInputStream(real));
    }

    @Override
    public String htmlPolicy() {
        return COMPAT_POLICY;
    }
}
