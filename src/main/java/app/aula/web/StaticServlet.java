package app.aula.web;

import app.aula.http.EntityTags;
import app.aula.http.HttpDates;
import app.aula.http.JsonReply;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * Everything that is neither API nor media (api.md §3.18): the viewer from a {@link StaticRoot},
 * GET and HEAD only, index files for directories, no listings, conditional GET, and JSON 404s
 * for unknown {@code /api/} and {@code /drive/} paths that reach it.
 */
public final class StaticServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient StaticRoot root;

    public StaticServlet(StaticRoot root) {
        this.root = root;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        String path = RequestPaths.path(request);
        if (RequestPaths.isReserved(path) && !isUnsupported(method)) {
            ServletReplies.send(request, response, JsonReply.error(404, "not_found"));
            return;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            ServletReplies.send(request, response, JsonReply.methodNotAllowed(List.of("GET", "HEAD", "OPTIONS")));
            return;
        }
        serve(request, response, path);
    }

    /** Methods that get 405 on every path (api.md §1.2). */
    private static boolean isUnsupported(String method) {
        return !method.equals("GET") && !method.equals("HEAD") && !method.equals("POST");
    }

    private void serve(HttpServletRequest request, HttpServletResponse response, String path) throws IOException {
        if (!StaticExposure.segmentsAllowed(path)) {
            notFound(response);
            return;
        }
        String relative = path.substring(1);
        StaticRoot.Entry entry = root.find(relative);
        if (entry instanceof StaticRoot.Directory) {
            if (!relative.isEmpty() && !relative.endsWith("/")) {
                String query = request.getQueryString();
                response.setStatus(301);
                response.setHeader("Location", request.getRequestURI() + "/" + (query == null ? "" : "?" + query));
                response.setContentLength(0);
                return;
            }
            relative = relative + "index.html";
            entry = root.find(relative);
        }
        String fileName = relative.substring(relative.lastIndexOf('/') + 1);
        Optional<String> contentType = StaticExposure.contentType(fileName);
        if (!(entry instanceof StaticRoot.StaticFile file) || contentType.isEmpty()) {
            notFound(response);
            return;
        }
        response.setHeader("ETag", file.etag());
        response.setHeader("Last-Modified", HttpDates.format(file.lastModified()));
        response.setHeader("Cache-Control", "no-cache");
        if (StaticExposure.isHtml(fileName)) {
            response.setHeader("Content-Security-Policy", root.htmlPolicy());
        }
        String ifNoneMatch = request.getHeader("If-None-Match");
        boolean notModified = ifNoneMatch != null
                ? EntityTags.noneMatchHits(ifNoneMatch, file.etag())
                : HttpDates.notModifiedSince(request.getHeader("If-Modified-Since"), file.lastModified());
        if (notModified) {
            response.setStatus(304); // the guard filter commits it without a Content-Length
            return;
        }
        response.setContentType(contentType.get());
        response.setContentLengthLong(file.length());
        if (request.getMethod().equals("HEAD")) {
            return;
        }
        try (InputStream in = file.body().open(); OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }

    private static void notFound(HttpServletResponse response) throws IOException {
        byte[] body = "<!doctype html><title>404</title><h1>404 Not Found</h1>\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        response.setStatus(404);
        response.setContentType("text/html; charset=utf-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
