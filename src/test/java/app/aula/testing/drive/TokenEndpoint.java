package app.aula.testing.drive;

import app.aula.testing.drive.ServiceAccountKey.InvalidAssertion;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code POST /token}: Google's OAuth token endpoint for the JWT-bearer grant a service account
 * uses. It checks the signed assertion, hands out {@code fake-token-N}, and remembers which tokens
 * are valid, so the files endpoint can answer 401 to a missing, unknown, expired or revoked token.
 */
final class TokenEndpoint {

    static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private final ServiceAccountKey key;
    private final ResponseStreamer streamer;
    private final FaultQueue faults = new FaultQueue();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger issued = new AtomicInteger();
    private final Map<String, Instant> validUntil = new ConcurrentHashMap<>();
    private volatile Duration lifetime = Duration.ofHours(1);
    private volatile String lastGrantedScope;

    TokenEndpoint(ServiceAccountKey key, ResponseStreamer streamer) {
        this.key = key;
        this.streamer = streamer;
    }

    FaultQueue faults() { return faults; }
    int requests() { return requests.get(); }
    String lastGrantedScope() { return lastGrantedScope; }

    void lifetime(Duration newLifetime) {
        if (newLifetime.getSeconds() < 1) {
            throw new IllegalArgumentException("a token lifetime is at least one second: " + newLifetime);
        }
        this.lifetime = newLifetime;
    }

    void handle(HttpExchange exchange, RecordedRequest record) {
        requests.incrementAndGet();
        Fault fault = faults.poll();
        record.fault(fault);
        if (fault != null && fault.replacesAnswer()) {
            reply(exchange, record, fault, fault.status, error(fault.reason, "Scripted failure " + fault.status + "."));
            return;
        }
        if (!record.method().equals("POST")) {
            reply(exchange, record, fault, 405, error("invalid_request", "Use POST."));
            return;
        }
        Map<String, List<String>> form = RecordedRequest.parseQuery(record.body());
        if (!JWT_BEARER.equals(first(form, "grant_type"))) {
            reply(exchange, record, fault, 400, error("unsupported_grant_type", "Invalid grant_type: "
                    + first(form, "grant_type")));
            return;
        }
        JsonNode claims;
        try {
            claims = key.verify(first(form, "assertion"));
        } catch (InvalidAssertion e) {
            reply(exchange, record, fault, 400, error("invalid_grant", e.getMessage()));
            return;
        }
        lastGrantedScope = claims.path("scope").asText();
        ObjectNode answer = DriveErrors.JSON.createObjectNode();
        answer.put("access_token", issue());
        answer.put("expires_in", lifetime.getSeconds());
        answer.put("token_type", "Bearer");
        reply(exchange, record, fault, 200, answer);
    }

    /** A new valid token, as if granted; also used directly by tests that skip the OAuth dance. */
    String issue() {
        String token = "fake-token-" + issued.incrementAndGet();
        validUntil.put(token, Instant.now().plus(lifetime));
        return token;
    }

    /** Whether an {@code Authorization} header carries a token that is issued, unexpired and not revoked. */
    boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        Instant until = validUntil.get(authorization.substring(7).trim());
        return until != null && Instant.now().isBefore(until);
    }

    /** Every token issued so far stops working; the next token request gets a fresh, valid one. */
    void revokeAll() {
        validUntil.clear();
    }

    private void reply(HttpExchange exchange, RecordedRequest record, Fault fault, int status, ObjectNode body) {
        Map<String, String> headers = fault != null && fault.retryAfter != null
                ? Map.of("Retry-After", fault.retryAfter) : Map.of();
        streamer.json(exchange, record, fault, status, DriveErrors.bytes(body), headers);
    }

    /** Google's OAuth error shape: {@code {"error":"invalid_grant","error_description":"…"}}. */
    private static ObjectNode error(String code, String description) {
        ObjectNode body = DriveErrors.JSON.createObjectNode();
        body.put("error", code);
        body.put("error_description", description);
        return body;
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null ? null : values.get(0);
    }
}
