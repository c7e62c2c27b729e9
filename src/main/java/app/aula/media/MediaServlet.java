package app.aula.media;

import app.aula.http.ByteServing;
import app.aula.http.JsonReply;
import app.aula.library.LibraryRoot;
import app.aula.library.LibraryRoots;
import app.aula.library.LocalLibrary;
import app.aula.web.ServletReplies;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * {@code /drive/files/{ref}} (api.md §3.12, media.md §3): validates the ref, finds the file in
 * the local library or on Drive, decides preconditions and ranges once through
 * {@link ByteServing}, and streams the chosen bytes asynchronously without blocking a thread.
 */
public final class MediaServlet extends GetOrHeadServlet {

    private static final long serialVersionUID = 1L;
    static final String PREFIX = "/drive/files/";

    private final transient LibraryRoots libraries;
    private final transient DriveFiles drive;
    private final transient ScheduledExecutorService timers;

    public MediaServlet(LibraryRoots libraries, DriveFiles drive, ScheduledExecutorService timers) {
        this.libraries = libraries;
        this.drive = drive;
        this.timers = timers;
    }

    @Override
    protected void serve(HttpServletRequest request, HttpServletResponse response, long started) throws IOException {
        Optional<String> ref = refOf(request, PREFIX);
        if (ref.isPresent() && ref.get().startsWith(FileRef.LOCAL_PREFIX) && !libraryReady(request, response)) {
            return; // media.md §2.2: the root check comes before the syntax check
        }
        FileRef.Parsed parsed = FileRef.parse(ref.orElse(null));
        if (parsed.ref().isEmpty()) {
            ServletReplies.send(request, response, JsonReply.error(400, parsed.problem().code()));
            return;
        }
        if (parsed.ref().get() instanceof FileRef.LocalPath local) {
            serveLocal(request, response, local, started);
        } else {
            drive.serve(request, response, (FileRef.DriveId) parsed.ref().get(), started);
        }
    }

    /** Answers 400 {@code local_refs_disabled} or 503 {@code library_unavailable} and returns false when no root is active. */
    private boolean libraryReady(HttpServletRequest request, HttpServletResponse response) throws IOException {
        LibraryRoot root = libraries.current();
        if (root instanceof LibraryRoot.Disabled) {
            ServletReplies.send(request, response, JsonReply.error(400, "local_refs_disabled"));
            return false;
        }
        if (root instanceof LibraryRoot.Unavailable) {
            ServletReplies.send(request, response, JsonReply.error(503, "library_unavailable"));
            return false;
        }
        return true;
    }

    private void serveLocal(HttpServletRequest request, HttpServletResponse response, FileRef.LocalPath ref,
            long started) throws IOException {
        LibraryRoot root = libraries.current();
        if (!(root instanceof LibraryRoot.Active)) {
            libraryReady(request, response);
            return;
        }
        Optional<LocalLibrary.LocalFile> file = ((LibraryRoot.Active) root).library().resolve(ref.path());
        if (file.isEmpty()) {
            ServletReplies.send(request, response, JsonReply.error(404, "not_found"));
            return;
        }
        LocalLibrary.LocalFile f = file.get();
        Representation representation = new Representation(f.name(), f.size(),
                Representation.fileTag("L", f.size(), f.lastModified()), f.lastModified(),
                MediaTypes.contentType(null, f.name()));
        sendFile(request, response, representation, f, "local", ref.text(), started, timers);
    }

    /** Answers a local file or artifact: shared by {@code /drive/files} and {@code /api/repaired}. */
    static void sendFile(HttpServletRequest request, HttpServletResponse response, Representation representation,
            LocalLibrary.LocalFile file, String source, String ref, long started, ScheduledExecutorService timers)
            throws IOException {
        ByteServing.Decision decision = ByteServing.decide(ByteResponses.conditions(request), representation.validators());
        Optional<ByteResponses.BodySpan> span = ByteResponses.begin(request, response, representation, decision);
        if (span.isEmpty() || request.getMethod().equals("HEAD") || span.get().length() == 0) {
            return;
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(file.path(), StandardOpenOption.READ);
        } catch (IOException e) {
            response.reset();
            ServletReplies.send(request, response, JsonReply.error(500, "internal_error"));
            return;
        }
        AsyncContext async = request.startAsync();
        String range = span.get().offset() + "-" + (span.get().offset() + span.get().length() - 1) + "/" + file.size();
        StreamSession session = new StreamSession(async,
                new StreamSession.Summary(source, ref, response.getStatus(), range), started, timers,
                () -> closeQuietly(channel));
        response.getOutputStream().setWriteListener(new FileBodyWriter(channel, span.get().offset(),
                span.get().length(), response.getOutputStream(), session));
    }

    /** The ref after the prefix, percent-decoded as UTF-8 and not trimmed (api.md §1.1). */
    static Optional<String> refOf(HttpServletRequest request, String prefix) {
        String raw = request.getRequestURI().substring(request.getContextPath().length());
        if (!raw.startsWith(prefix)) {
            return Optional.empty();
        }
        try {
            // '+' is a literal plus in a path, not a space.
            return Optional.of(URLDecoder.decode(raw.substring(prefix.length()).replace("+", "%2B"),
                    StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformedEscape) {
            return Optional.empty();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
