package app.aula.api;

import app.aula.config.AddressList;
import app.aula.http.JsonReply;
import app.aula.web.ClientAddress;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Admits a request to an admin endpoint only when its effective client address (socket peer,
 * or {@code X-Forwarded-For} behind a trusted proxy) is in {@code AULA_ADMIN_FROM}. Runs after
 * routing, so unknown paths stay 404 and wrong methods 405 (api.md §1.3).
 */
@AdminOnly
@Priority(Priorities.AUTHORIZATION)
final class AdminGuard implements ContainerRequestFilter {

    private final AddressList adminFrom;
    private final ClientAddress clientAddress;

    @Context
    private HttpServletRequest servletRequest;

    AdminGuard(AddressList adminFrom, ClientAddress clientAddress) {
        this.adminFrom = adminFrom;
        this.clientAddress = clientAddress;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<InetAddress> client = clientAddress.resolve(servletRequest.getRemoteAddr(),
                ClientAddress.headerValues(servletRequest.getHeaders("X-Forwarded-For")));
        if (client.isEmpty() || !adminFrom.contains(client.get())) {
            request.abortWith(ApiReplies.send(request.getHeaderString("Accept-Encoding"), null,
                    JsonReply.error(403, "forbidden")));
        }
    }
}
