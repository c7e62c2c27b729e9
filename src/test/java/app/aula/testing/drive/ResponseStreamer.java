package app.aula.testing.drive;

import app.aula.testing.drive.RecordedRequest.Outcome;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * Writes every answer of the fake: optional latency or hang before the headers, then the body in
 * small flushed chunks, so that a scripted reset or stall lands exactly after N bytes and a client
 * that goes away is noticed on the next write (recorded as {@link Outcome#CLIENT_GONE}).
 */
final class ResponseStreamer {

    /** Small enough that a disconnect is seen within a few chunks once socket buffers are full. */
    static final int CHUNK_BYTES = 16 * 1024;

    /** A source of body bytes. */
    interface Body {
        void copy(long position, byte[] target, int offset, int length);
    }

    private final Pauses pauses;

    ResponseStreamer(Pauses pauses) {
        this.pauses = pauses;
    }

    /** A JSON answer ({@code application/json; charset=UTF-8}). */
    void json(HttpExchange exchange, RecordedRequest record, Fault fault, int status, byte[] json,
              Map<String, String> headers) {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        send(exchange, record, fault, status, headers,
                (position, target, offset, length) ->
                        System.arraycopy(json, Math.toIntExact(position), target, offset, length),
                0, json.length);
    }

    /** Sends {@code status}, {@code headers} and the body bytes {@code first..first+length-1}. */
    void send(HttpExchange exchange, RecordedRequest record, Fault fault, int status, Map<String, String> headers,
              Body body, long first, long length) {
        Fault effective = fault == null ? Fault.NONE : fault;
        if (!effective.latency.isZero() && !pauses.sleep(effective.latency)
                || effective.hangBeforeHeaders && !pauses.holdUntilReleased(() -> record.stalled(true))) {
            abort(exchange, record, Outcome.ABORTED_BY_CLOSE);
            return;
        }
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        try {
            // Length -1 means "no body" to HttpServer; 0 would switch to chunked encoding.
            exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
            record.status(status);
            writeBody(exchange, record, effective, body, first, length);
        } catch (IOException e) {
            abort(exchange, record, Outcome.CLIENT_GONE);
        }
    }

    private void writeBody(HttpExchange exchange, RecordedRequest record, Fault fault, Body body,
                           long first, long length) throws IOException {
        OutputStream out = exchange.getResponseBody();
        byte[] buffer = new byte[CHUNK_BYTES];
        long sent = 0;
        boolean stalledOnce = false;
        while (sent < length) {
            if (sent == fault.resetAfterBytes) {
                abort(exchange, record, Outcome.RESET_BY_FAKE);
                return;
            }
            if (sent == fault.stallAfterBytes && !stalledOnce) {
                stalledOnce = true;
                if (!pauses.holdUntilReleased(() -> record.stalled(true))) {
                    abort(exchange, record, Outcome.ABORTED_BY_CLOSE);
                    return;
                }
            }
            if (!fault.delayPerChunk.isZero() && !pauses.sleep(fault.delayPerChunk)) {
                abort(exchange, record, Outcome.ABORTED_BY_CLOSE);
                return;
            }
            long chunk = Math.min(CHUNK_BYTES, length - sent);
            chunk = clipAt(chunk, sent, fault.resetAfterBytes);
            chunk = clipAt(chunk, sent, fault.stallAfterBytes);
            body.copy(first + sent, buffer, 0, (int) chunk);
            out.write(buffer, 0, (int) chunk);
            out.flush();
            sent += chunk;
            record.bodyBytesSent(sent);
        }
        out.close();
        record.end(Outcome.COMPLETED);
    }

    /** Shortens a chunk so that it ends exactly at a scripted byte position ahead of it. */
    private static long clipAt(long chunk, long sent, long position) {
        return position > sent && position < sent + chunk ? position - sent : chunk;
    }

    /**
     * Ends the exchange without completing the body. With bytes still owed, HttpServer closes the
     * TCP connection, so the client sees the body end early.
     */
    private static void abort(HttpExchange exchange, RecordedRequest record, Outcome outcome) {
        record.end(outcome);
        exchange.close();
    }
}
