package app.aula.media;

import app.aula.http.JsonReply;
import app.aula.library.LocalLibrary;
import app.aula.repair.RepairService;
import app.aula.web.ServletReplies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * {@code /api/repaired/{ref}} (api.md §3.15): a ready repair artifact, served by the same range,
 * precondition and streaming code as local files on {@code /drive/files}.
 */
public final class RepairedServlet extends GetOrHeadServlet {

    private static final long serialVersionUID = 1L;
    static final String PREFIX = "/api/repaired/";

    private final transient RepairService repairs;
    private final transient ScheduledExecutorService timers;

    public RepairedServlet(RepairService repairs, ScheduledExecutorService timers) {
        this.repairs = repairs;
        this.timers = timers;
    }

    @Override
    protected void serve(HttpServletRequest request, HttpServletResponse response, long started) throws IOException {
        Optional<String> ref = MediaServlet.refOf(request, PREFIX);
        if (ref.isEmpty() || FileRef.parse(ref.get()).ref().isEmpty()) {
            ServletReplies.send(request, response, JsonReply.error(400, "invalid_file_id"));
            return;
        }
        Optional<Path> artifact = repairs.artifact(ref.get());
        Optional<LocalLibrary.LocalFile> file = artifact.flatMap(RepairedServlet::stat);
        if (file.isEmpty()) {
            ServletReplies.send(request, response, JsonReply.error(404, "artifact_not_found"));
            return;
        }
        LocalLibrary.LocalFile f = file.get();
        Representation representation = new Representation(f.name(), f.size(),
                Representation.fileTag("R", f.size(), f.lastModified()), f.lastModified(), "video/mp4");
        MediaServlet.sendFile(request, response, representation, f, "repaired", ref.get(), started, timers);
    }

    private static Optional<LocalLibrary.LocalFile> stat(Path artifact) {
        try {
            return Optional.of(new LocalLibrary.LocalFile(artifact, artifact.getFileName().toString(),
                    Files.size(artifact), Files.getLastModifiedTime(artifact).toInstant()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
