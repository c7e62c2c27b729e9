package app.aula.drive;

import com.google.api.client.http.javanet.ConnectionFactory;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connection factory of the Drive client's {@code NetHttpTransport}: it remembers the
 * connection each thread opened last, so that {@link #abortAll()} can close the sockets of calls
 * still blocked in a read when the gateway closes. A thread blocked in
 * {@code HttpURLConnection} ignores interrupts, and undeploy must not wait for a 10 s read
 * timeout. At most one entry per gateway thread is kept.
 */
final class OpenConnections implements ConnectionFactory {

    private final Map<Thread, HttpURLConnection> latest = new ConcurrentHashMap<>();

    @Override
    public HttpURLConnection openConnection(URL url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        latest.put(Thread.currentThread(), connection);
        return connection;
    }

    /** The calling thread's call has finished; its connection stays open for keep-alive reuse. */
    void release() {
        latest.remove(Thread.currentThread());
    }

    /** Closes every connection a gateway thread may still be blocked on. */
    void abortAll() {
        for (HttpURLConnection connection : List.copyOf(latest.values())) {
            connection.disconnect();
        }
        latest.clear();
    }
}
