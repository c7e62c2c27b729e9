package app.aula.media;

import app.aula.drive.DriveGateway;
import app.aula.ffmpeg.CompatCounters;
import app.aula.ffmpeg.Ffmpeg;
import app.aula.ffmpeg.FfmpegSource;
import app.aula.http.JsonReply;
import app.aula.library.LibraryRoot;
import app.aula.library.LibraryRoots;
import app.aula.library.LocalLibrary;
import app.aula.web.ServletReplies;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * {@code /api/video-compatible/{ref}[?start=s]} (api.md §3.11, media.md §6.5): validates in the
 * specified order, learns the duration (Drive metadata or a probe), and hands the request to a
 * {@link CompatStream} that runs FFmpeg and relays its fragmented MP4. HEAD answers the headers
 * after validation without starting FFmpeg.
 */
public final class CompatServlet extends GetOrHeadServlet {

    private static final long serialVersionUID = 1L;
    static final String PREFIX = "/api/video-compatible/";
    private static final Pattern START = Pattern.compile("\\d{1,5}(\\.\\d{1,3})?");
    private static final BigDecimal MAX_START = BigDecimal.valueOf(86_400);

    private final transient LibraryRoots libraries;
    private final transient DriveGateway drive;
    private final transient Ffmpeg ffmpeg;
    private final transient CompatStream stream;

    public CompatServlet(LibraryRoots libraries, DriveGateway drive, Ffmpeg ffmpeg, CompatStream stream) {
        this.libraries = libraries;
        this.drive = drive;
        this.ffmpeg = ffmpeg;
        this.stream = stream;
    }

    @Override
    protected void serve(HttpServletRequest request, HttpServletResponse response, long started) throws IOException {
        boolean head = request.getMethod().equals("HEAD");
        Optional<String> refText = MediaServlet.refOf(request, PREFIX);
        CompatCounters counters = ffmpeg.compatCounters();
        if (!head) {
            counters.requested(refText.orElse("")); // HEAD has no side effects, counters included
        }
        // 1. the ref (for local refs the library root comes first, media.md §2.2)
        if (refText.isPresent() && refText.get().startsWith(FileRef.LOCAL_PREFIX)) {
            LibraryRoot root = libraries.current();
            if (root instanceof LibraryRoot.Disabled) {
                ServletReplies.send(request, response, JsonReply.error(400, "local_refs_disabled"));
                return;
            }
        }
        FileRef.Parsed parsed = FileRef.parse(refText.orElse(null));
        if (parsed.ref().isEmpty()) {
            ServletReplies.send(request, response, JsonReply.error(400, parsed.problem().code()));
            return;
        }
        // 2. start
        Optional<BigDecimal> start = startOf(request.getParameter("start"));
        if (start.isEmpty()) {
            ServletReplies.send(request, response, JsonReply.error(400, "invalid_start"));
            return;
        }
        // 3. FFmpeg
        if (!ffmpeg.available()) {
            ServletReplies.send(request, response, JsonReply.error(503, "ffmpeg_not_available"));
            return;
        }
        // 4. the source
        Optional<CompatStream.Source> source = source(request, response, parsed.ref().get());
        if (source.isEmpty()) {
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        source.get().duration().whenComplete((duration, failure) -> {
            OptionalDouble seconds = failure == null ? duration : OptionalDouble.empty();
            if (seconds.isPresent() && start.get().doubleValue() >= seconds.getAsDouble()) {
                ServletReplies.sendAndComplete(request, response, async, JsonReply.error(400, "invalid_start"));
                return;
            }
            CompatStream.Request compat = new CompatStream.Request(request, response, async, source.get(),
                    start.get(), seconds, started);
            if (head) {
                CompatStream.writeHeaders(compat);
                try {
                    response.flushBuffer(); // committed without a Content-Length, like the GET it describes
                } catch (IOException e) {
                    // client gone
                }
                async.complete();
            } else {
                stream.start(compat);
            }
        });
    }

    /** Resolves the input (media.md §6.3), or answers the error and returns empty. */
    private Optional<CompatStream.Source> source(HttpServletRequest request, HttpServletResponse response, FileRef ref)
            throws IOException {
        if (ref instanceof FileRef.LocalPath local) {
            LibraryRoot root = libraries.current();
            if (!(root instanceof LibraryRoot.Active active)) {
                ServletReplies.send(request, response, JsonReply.error(503, "library_unavailable"));
                return Optional.empty();
            }
            Optional<LocalLibrary.LocalFile> file = active.library().resolve(local.path());
            if (file.isEmpty()) {
                ServletReplies.send(request, response, JsonReply.error(404, "not_found"));
                return Optional.empty();
            }
            return Optional.of(new CompatStream.Source(ref.text(), FfmpegSource.localFile(file.get().path()),
                    ffmpeg.durations().duration(file.get().path())));
        }
        if (!drive.available()) {
            ServletReplies.send(request, response, JsonReply.error(503, "drive_not_available"));
            return Optional.empty();
        }
        // Aula's own byte endpoint on the address and port this request arrived on (never a token in argv).
        String input = FfmpegSource.driveFile(request.getScheme(), request.getLocalAddr(), request.getLocalPort(),
                request.getContextPath(), ref.text());
        CompletableFuture<OptionalDouble> duration = drive.metadata(ref.text())
                .thenApply(m -> m.durationMillis() == null ? OptionalDouble.empty()
                        : OptionalDouble.of(m.durationMillis() / 1000.0))
                .exceptionally(failure -> OptionalDouble.empty());
        return Optional.of(new CompatStream.Source(ref.text(), input, duration));
    }

    /** api.md §3.11 step 2: absent → 0; a decimal 0..86400 with at most 3 decimals; else empty. */
    static Optional<BigDecimal> startOf(String parameter) {
        if (parameter == null) {
            return Optional.of(BigDecimal.ZERO);
        }
        if (!START.matcher(parameter).matches()) {
            return Optional.empty();
        }
        BigDecimal value = new BigDecimal(parameter);
        return value.compareTo(MAX_START) > 0 ? Optional.empty() : Optional.of(value);
    }
}
