package app.aula.api;

import app.aula.catalog.CatalogSnapshot;
import app.aula.catalog.CatalogStore;
import app.aula.catalog.PreparedBody;
import app.aula.http.EntityTags;
import app.aula.http.JsonReply;
import app.aula.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.glassfish.jersey.uri.UriComponent;

/**
 * The catalogue endpoints (api.md §3.2–3.5, §3.9), answered from the current snapshot only:
 * no request touches the file system.
 */
@Path("/")
public final class CatalogResource {

    private static final String COURSE_DETAIL_EXPECTED = "/api/course-detail/<catId>/<routeId>/<courseId>";

    private final CatalogStore store;
    private final Clock clock;
    private final BooleanSupplier localRefsAllowed;

    @Context
    private HttpHeaders headers;

    @Context
    private HttpServletRequest servletRequest;

    CatalogResource(CatalogStore store, Clock clock, BooleanSupplier localRefsAllowed) {
        this.store = store;
        this.clock = clock;
        this.localRefsAllowed = localRefsAllowed;
    }

    @GET
    @Path("courses")
    public Response courses() {
        CatalogSnapshot snapshot = store.current();
        return prepared(snapshot.courses(), snapshot.version());
    }

    @GET
    @Path("bootstrap")
    public Response bootstrap() {
        CatalogSnapshot snapshot = store.current();
        return prepared(snapshot.bootstrap(), snapshot.version());
    }

    @GET
    @Path("cache-meta")
    public Response cacheMeta() {
        CatalogSnapshot snapshot = store.current();
        return prepared(snapshot.cacheMeta(), snapshot.version());
    }

    @GET
    @Path("course-detail{rest: (/.*)?}")
    public Response courseDetail() {
        List<String> segments = decodedSegments();
        if (segments.size() != 5) {
            return ApiReplies.send(headers, JsonReply.of(400, Json.object()
                    .put("error", "invalid_course_detail_path").put("expected", COURSE_DETAIL_EXPECTED)));
        }
        String cat = segments.get(2);
        String route = segments.get(3);
        String course = segments.get(4);
        CatalogSnapshot snapshot = store.current();
        return snapshot.courseDetail(cat, route, course)
                .map(detail -> {
                    String base = detail.etagBase(snapshot.version());
                    // Not one of the three pre-compressed bodies: gzip only from 1 KiB on (api.md §1.5).
                    return ApiReplies.send(headers, JsonReply.catalogue(detail.body(), null,
                            EntityTags.quote(base), EntityTags.quote(base + "-gz")));
                })
                .orElseGet(() -> ApiReplies.send(headers, JsonReply.of(404, Json.object()
                        .put("error", "course_not_found").put("catRef", cat).put("routeRef", route)
                        .put("courseRef", course))));
    }

    @GET
    @Path("self-check-drive")
    public Response selfCheck() {
        byte[] body = store.current().selfCheck().toJson(clock.instant(), localRefsAllowed.getAsBoolean());
        return ApiReplies.send(headers, JsonReply.of(200, body));
    }

    private Response prepared(PreparedBody body, String version) {
        return ApiReplies.send(headers, JsonReply.catalogue(body.identity(), body.gzip(),
                EntityTags.quote(version), EntityTags.quote(version + "-gz")));
    }

    /** api.md §3.5: the raw path split on {@code /}, empty segments dropped, each percent-decoded. */
    private List<String> decodedSegments() {
        String raw = servletRequest.getRequestURI().substring(servletRequest.getContextPath().length());
        List<String> segments = new ArrayList<>();
        for (String segment : raw.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(UriComponent.decode(segment, UriComponent.Type.PATH_SEGMENT));
            }
        }
        return segments;
    }
}
