package app.aula.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client over a plain socket, for requests java.net.http refuses to send:
 * a foreign or missing Host, a hand-written Content-Length, chunked bodies. The caller writes
 * the request head; one response is read until the server closes the connection.
 */
final class RawHttp {

    private RawHttp() {
    }

    /**
     * Sends {@code head} (request line and header lines, without the blank line; "Connection:
     * close" is added) followed by {@code body} and reads the response.
     */
    static HttpResult exchange(int port, String head, byte[] body) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(15000);
            OutputStream out = socket.getOutputStream();
            String fullHead = head.replace("\r\n", "\n").replace("\n", "\r\n");
            if (!fullHead.endsWith("\r\n")) {
                fullHead += "\r\n";
            }
            fullHead += "Connection: close\r\n\r\n";
            try {
                out.write(fullHead.getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            } catch (SocketException e) {
                // The server may answer (413, 400) and close before it has read everything.
            }
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HttpResult exchange(int port, String head) {
        return exchange(port, head, new byte[0]);
    }

    /** Encodes a body as HTTP/1.1 chunks of at most {@code chunkSize} bytes. */
    static byte[] chunked(byte[] body, int chunkSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int offset = 0; offset < body.length; offset += chunkSize) {
            int length = Math.min(chunkSize, body.length - offset);
            out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, offset, length);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) != -1; ) {
                received.write(buffer, 0, n);
            }
        } catch (SocketException e) {
            // A reset after the response was sent (unread request bytes) still leaves us the response.
            if (received.size() == 0) {
                throw e;
            }
        }
        return received.toByteArray();
    }

    private static HttpResult parse(byte[] raw) {
        int offset = 0;
        while (true) {
            int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), offset);
            if (end < 0) {
                throw new IllegalStateException("no complete response head in: "
                        + new String(raw, StandardCharsets.ISO_8859_1));
            }
            String[] lines = new String(raw, offset, end - offset, StandardCharsets.ISO_8859_1).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
            offset = end + 4;
            if (status >= 100 && status < 200) {
                continue; // interim response (100 Continue); the final one follows
            }
            byte[] body = Arrays.copyOfRange(raw, offset, raw.length);
            List<String> encoding = headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase("Transfer-Encoding"))
                    .flatMap(e -> e.getValue().stream()).toList();
            if (encoding.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))) {
                body = dechunk(body);
            }
            return new HttpResult(status, headers, body);
        }
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int offset = 0;
        while (offset < body.length) {
            int lineEnd = indexOf(body, "\r\n".getBytes(StandardCharsets.US_ASCII), offset);
            String sizeField = new String(body, offset, lineEnd - offset, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(sizeField.split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(body, lineEnd + 2, size);
            offset = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
