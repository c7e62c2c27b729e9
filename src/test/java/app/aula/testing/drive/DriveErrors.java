package app.aula.testing.drive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Drive's JSON error bodies:
 * {@code {"error":{"code":403,"message":"…","errors":[{"domain":"usageLimits","reason":"…","message":"…"}]}}}.
 * Domains and messages follow what Drive v3 really sends for each reason, so code that parses
 * {@code error.errors[].reason} (or the client library's {@code GoogleJsonResponseException}) sees
 * the real shape.
 */
final class DriveErrors {

    static final ObjectMapper JSON = new ObjectMapper();

    private record Known(String domain, String message) {}

    private static final Map<String, Known> KNOWN = Map.ofEntries(
            Map.entry("badRequest", new Known("global", "Bad Request")),
            Map.entry("invalidParameter", new Known("global", "Invalid Value")),
            Map.entry("authError", new Known("global", "Invalid Credentials")),
            Map.entry("forbidden", new Known("global", "Forbidden")),
            Map.entry("insufficientFilePermissions", new Known("global",
                    "The user does not have sufficient permissions for this file.")),
            Map.entry("notFound", new Known("global", "File not found.")),
            Map.entry("rateLimitExceeded", new Known("usageLimits", "Rate Limit Exceeded")),
            Map.entry("userRateLimitExceeded", new Known("usageLimits", "User Rate Limit Exceeded")),
            Map.entry("dailyLimitExceeded", new Known("usageLimits", "Daily Limit Exceeded")),
            Map.entry("quotaExceeded", new Known("usageLimits", "Quota exceeded for quota metric 'Queries'.")),
            Map.entry("downloadQuotaExceeded", new Known("usageLimits",
                    "The download quota for this file has been exceeded.")),
            Map.entry("cannotDownloadAbusiveFile", new Known("global",
                    "This file has been identified as malware or spam and cannot be downloaded.")),
            Map.entry("fileNotDownloadable", new Known("global",
                    "Only files with binary content can be downloaded. Use Export with Docs Editors files.")),
            Map.entry("cannotDownloadFile", new Known("global",
                    "The user does not have permission to download this file.")),
            Map.entry("requestedRangeNotSatisfiable", new Known("global", "Request range not satisfiable")),
            Map.entry("backendError", new Known("global", "Backend Error")),
            Map.entry("methodNotAllowed", new Known("global", "Method Not Allowed")));

    private DriveErrors() {}

    static String defaultReason(int status) {
        return switch (status) {
            case 400 -> "badRequest";
            case 401 -> "authError";
            case 403 -> "forbidden";
            case 404 -> "notFound";
            case 405 -> "methodNotAllowed";
            case 416 -> "requestedRangeNotSatisfiable";
            case 429 -> "rateLimitExceeded";
            default -> status >= 500 ? "backendError" : "badRequest";
        };
    }

    /** The body for {@code reason} with Drive's usual message. */
    static byte[] body(int status, String reason) {
        return body(status, reason, null);
    }

    /** The body for {@code reason}; {@code message} (when not null) replaces the usual message. */
    static byte[] body(int status, String reason, String message) {
        Known known = KNOWN.getOrDefault(reason, new Known("global", reason));
        String text = message != null ? message : known.message();
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", status);
        error.put("message", status == 401
                ? "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie"
                        + " or other valid authentication credential."
                : text);
        ObjectNode item = error.putArray("errors").addObject();
        item.put("message", text);
        item.put("domain", known.domain());
        item.put("reason", reason);
        if (status == 401) {
            item.put("location", "Authorization");
            item.put("locationType", "header");
            error.put("status", "UNAUTHENTICATED");
        } else if (reason.equals("notFound")) {
            item.put("location", "fileId");
            item.put("locationType", "parameter");
        }
        return bytes(root);
    }

    /** Drive's 404 for an unknown id: "File not found: <id>." */
    static byte[] fileNotFound(String fileId) {
        return body(404, "notFound", "File not found: " + fileId + ".");
    }

    static byte[] bytes(Object tree) {
        try {
            return JSON.writeValueAsBytes(tree);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }
}
