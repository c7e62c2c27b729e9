package app.aula.testing.drive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A throw-away service account: an RSA key pair made at start-up, the key JSON a Google console
 * would hand out (with {@code token_uri} pointing at the fake), and the check of the signed JWT
 * that google-auth-library sends to exchange for an access token.
 */
final class ServiceAccountKey {

    static final String PROJECT_ID = "aula-fake-project";
    static final String CLIENT_EMAIL = "aula-tests@" + PROJECT_ID + ".iam.gserviceaccount.com";
    /**
     * google-auth-library always signs for Google's token endpoint, even with a custom
     * {@code token_uri}; the fake's own URI is accepted too, for other clients.
     */
    static final String GOOGLE_TOKEN_AUDIENCE = "https://oauth2.googleapis.com/token";
    /** Allowed clock difference between the JWT's times and the fake's clock. */
    private static final long SKEW_SECONDS = 300;

    private final KeyPair keyPair;
    private final String privateKeyId;
    private final String tokenUri;
    private final String json;

    ServiceAccountKey(String tokenUri) {
        this.tokenUri = tokenUri;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keyPair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is a mandatory JDK feature", e);
        }
        byte[] idBytes = new byte[20];
        ThreadLocalRandom.current().nextBytes(idBytes);
        this.privateKeyId = HexFormat.of().formatHex(idBytes);
        this.json = keyJson();
    }

    String json() {
        return json;
    }

    String privateKeyId() {
        return privateKeyId;
    }

    private String keyJson() {
        // The private key is PKCS#8 ("BEGIN PRIVATE KEY"), 64-column base64, as Google issues it.
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keyPair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        ObjectNode key = DriveErrors.JSON.createObjectNode();
        key.put("type", "service_account");
        key.put("project_id", PROJECT_ID);
        key.put("private_key_id", privateKeyId);
        key.put("private_key", pem);
        key.put("client_email", CLIENT_EMAIL);
        key.put("client_id", "100000000000000000001");
        key.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
        key.put("token_uri", tokenUri);
        key.put("auth_provider_x509_cert_url", "https://www.googleapis.com/oauth2/v1/certs");
        key.put("client_x509_cert_url", "https://www.googleapis.com/robot/v1/metadata/x509/" + CLIENT_EMAIL);
        key.put("universe_domain", "googleapis.com");
        return key.toPrettyString();
    }

    /**
     * Checks a JWT-bearer assertion: RS256 signature by this key, {@code kid}, issuer, audience (the
     * Google token URI or the fake's), a scope, and the time window. Returns the claims.
     *
     * @throws InvalidAssertion with the reason, which the token endpoint sends back
     */
    JsonNode verify(String assertion) throws InvalidAssertion {
        String[] parts = assertion == null ? new String[0] : assertion.split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidAssertion("Invalid JWT: not three dot-separated parts.");
        }
        JsonNode header = decode(parts[0]);
        JsonNode claims = decode(parts[1]);
        if (!"RS256".equals(header.path("alg").asText())) {
            throw new InvalidAssertion("Invalid JWT: alg must be RS256.");
        }
        if (!privateKeyId.equals(header.path("kid").asText())) {
            throw new InvalidAssertion("Invalid JWT: unknown kid.");
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(keyPair.getPublic());
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                throw new InvalidAssertion("Invalid JWT Signature.");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidAssertion("Invalid JWT Signature.");
        }
        if (!CLIENT_EMAIL.equals(claims.path("iss").asText())) {
            throw new InvalidAssertion("Invalid JWT: iss is not the service account.");
        }
        String audience = claims.path("aud").asText();
        if (!GOOGLE_TOKEN_AUDIENCE.equals(audience) && !tokenUri.equals(audience)) {
            throw new InvalidAssertion("Invalid JWT: aud must be " + GOOGLE_TOKEN_AUDIENCE + ".");
        }
        if (claims.path("scope").asText().isBlank()) {
            throw new InvalidAssertion("Invalid JWT: no scope.");
        }
        long now = Instant.now().getEpochSecond();
        if (claims.path("exp").asLong() < now - SKEW_SECONDS || claims.path("iat").asLong() > now + SKEW_SECONDS) {
            throw new InvalidAssertion("Invalid JWT: Token must be a short-lived token and in a reasonable timeframe.");
        }
        return claims;
    }

    private static JsonNode decode(String part) throws InvalidAssertion {
        try {
            return DriveErrors.JSON.readTree(Base64.getUrlDecoder().decode(part));
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidAssertion("Invalid JWT: a part is not base64url JSON.");
        }
    }

    static final class InvalidAssertion extends Exception {
        InvalidAssertion(String message) {
            super(message);
        }
    }
}
