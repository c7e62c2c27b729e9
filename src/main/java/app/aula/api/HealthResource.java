package app.aula.api;

import app.aula.health.HealthReport;
import app.aula.http.JsonReply;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** {@code GET /api/health} (api.md §3.1): always 200, from state kept in memory. */
@Path("health")
public final class HealthResource {

    private final HealthReport report;

    @Context
    private HttpHeaders headers;

    HealthResource(HealthReport report) {
        this.report = report;
    }

    @GET
    public Response health() {
        return ApiReplies.send(headers, JsonReply.of(200, report.render()));
    }
}
