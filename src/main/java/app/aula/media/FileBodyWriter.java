package app.aula.media;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Sends one span of a local file without blocking (media.md §5): 256 KiB positional reads
 * inside {@code onWritePossible}, written only while the output is ready, so a slow client
 * parks no thread.
 */
final class FileBodyWriter implements WriteListener {

    static final int CHUNK = 256 * 1024;

    private final FileChannel channel;
    private final ServletOutputStream out;
    private final StreamSession session;
    private final byte[] buffer;
    private long position;
    private long remaining;

    FileBodyWriter(FileChannel channel, long offset, long length, ServletOutputStream out, StreamSession session) {
        this.channel = channel;
        this.out = out;
        this.session = session;
        this.position = offset;
        this.remaining = length;
        this.buffer = new byte[(int) Math.min(CHUNK, Math.max(1, length))];
    }

    @Override
    public void onWritePossible() throws IOException {
        session.unblocked();
        while (out.isReady()) {
            if (session.ended()) {
                return;
            }
            if (remaining == 0) {
                session.end(StreamSession.End.COMPLETE);
                return;
            }
            int read = channel.read(ByteBuffer.wrap(buffer, 0, (int) Math.min(buffer.length, remaining)), position);
            if (read < 0) {
                // The file shrank under us: the promised Content-Length cannot be met, so abort.
                session.end(StreamSession.End.UPSTREAM_ERROR);
                return;
            }
            session.sourceByte();
            position += read;
            remaining -= read;
            // The buffer is reused only after isReady() says the previous write is done.
            out.write(buffer, 0, read);
            session.wrote(read);
        }
        session.blocked();
    }

    @Override
    public void onError(Throwable failure) {
        session.end(StreamSession.End.CLIENT_ABORT);
    }
}
