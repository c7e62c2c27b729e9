package app.aula.media;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Serves Drive refs for {@code /drive/files} (media.md §3–4). */
public interface DriveFiles {

    void serve(HttpServletRequest request, HttpServletResponse response, FileRef.DriveId ref, long startedNanos)
            throws IOException;
}
