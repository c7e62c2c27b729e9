package app.aula.probe;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads header bytes of a Drive file with small {@code Range} requests to Aula's own byte
 * endpoint (the FFmpeg input URL of media.md §6.3), so no Google token is handled here. The size
 * comes from the first answer's {@code Content-Range}.
 */
final class RangeBoxReader implements BoxReader {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient client;
    private final URI source;
    private long size = -1;

    RangeBoxReader(HttpClient client, URI source) {
        this.client = client;
        this.source = source;
    }

    @Override
    public int read(long offset, byte[] into) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(source).timeout(REQUEST_TIMEOUT)
                .header("Range", "bytes=" + offset + "-" + (offset + into.length - 1)).GET().build();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() == 416) {
            return 0;
        }
        if (response.statusCode() != 206) {
            throw new IOException("range request answered " + response.statusCode());
        }
        Optional<String> range = response.headers().firstValue("Content-Range");
        range.map(RangeBoxReader::total).ifPresent(total -> size = total);
        byte[] body = response.body();
        int n = Math.min(body.length, into.length);
        System.arraycopy(body, 0, into, 0, n);
        return n;
    }

    /** The total of {@code bytes a-b/total}, or -1 for {@code *}. */
    static long total(String contentRange) {
        int slash = contentRange.lastIndexOf('/');
        try {
            return slash < 0 ? -1 : Long.parseLong(contentRange.substring(slash + 1).strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void close() {
        // Each read is its own request: nothing stays open.
    }
}
