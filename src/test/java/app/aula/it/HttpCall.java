package app.aula.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One request through java.net.http. It never decompresses, never follows redirects and speaks
 * HTTP/1.1 only, so the tests see exactly what the container sent.
 */
final class HttpCall {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final int port;
    private final String method;
    private final String pathAndQuery;
    private final List<String[]> headers = new ArrayList<>();
    private byte[] body;

    HttpCall(int port, String method, String pathAndQuery) {
        this.port = port;
        this.method = method;
        this.pathAndQuery = pathAndQuery;
    }

    HttpCall header(String name, String value) {
        headers.add(new String[] {name, value});
        return this;
    }

    HttpCall body(byte[] bytes) {
        this.body = bytes;
        return this;
    }

    HttpCall body(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    HttpResult send() {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(h -> request.header(h[0], h[1]));
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new HttpResult(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
