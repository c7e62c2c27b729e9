package app.aula.web;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

/**
 * A folder of static files: the viewer bundled in the WAR, or {@code AULA_VIEWER_PATH}. Paths
 * are relative, {@code /}-separated and already checked by {@link StaticExposure}.
 */
public interface StaticRoot {

    /** What is at {@code relativePath} ({@code ""} is the root itself). */
    Entry find(String relativePath) throws IOException;

    /** Content-Security-Policy for HTML pages from this root (api.md §3.18). */
    String htmlPolicy();

    sealed interface Entry permits Missing, Directory, StaticFile {}

    record Missing() implements Entry {}

    record Directory() implements Entry {}

    /** A servable file. {@code etag} is quoted and strong. */
    record StaticFile(long length, Instant lastModified, String etag, Body body) implements Entry {}

    /** Opens the file's bytes; bundled files answer from memory. */
    @FunctionalInterface
    interface Body {
        InputStream open() throws IOException;
    }
}
