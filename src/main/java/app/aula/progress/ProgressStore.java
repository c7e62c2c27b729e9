package app.aula.progress;

import app.aula.http.EntityTags;
import app.aula.json.Json;
import app.aula.json.Utf8Text;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * {@code <AULA_DATA_PATH>/progress.json}: lenient reads, strong ETags over the stored bytes,
 * and atomic durable replacement (write a temp file in the same folder, fsync, rename, fsync
 * the folder). One lock serialises writers and their precondition check.
 */
public final class ProgressStore {

    private static final Logger LOG = Logger.getLogger("aula.progress");
    static final String FILE_NAME = "progress.json";
    private static final String TEMP_PREFIX = ".progress.json.";
    private static final String TEMP_SUFFIX = ".tmp";

    private final Path folder;
    private final Path file;
    private final Object writeLock = new Object();

    public ProgressStore(Path dataFolder) {
        this.folder = dataFolder;
        this.file = dataFolder.resolve(FILE_NAME);
    }

    /** The stored document as served by GET: the object, or {@code {}}; with its ETag. */
    public record Snapshot(byte[] body, String etag) {}

    /** Result of a conditional save. */
    public sealed interface SaveResult permits Saved, PreconditionFailed {}

    public record Saved(String etag) implements SaveResult {}

    public record PreconditionFailed(String currentEtag) implements SaveResult {}

    /** Deletes temp files left by a crash mid-write (catalog.md §7.2); called at start-up. */
    public void removeLeftoverTempFiles() {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(folder, TEMP_PREFIX + "*" + TEMP_SUFFIX)) {
            for (Path temp : temps) {
                Files.deleteIfExists(temp);
                LOG.info("Removed leftover progress temp file " + temp.getFileName());
            }
        } catch (IOException e) {
            LOG.warning("Could not clean progress temp files in " + folder + ": " + e);
        }
    }

    public Snapshot read() {
        byte[] stored = readStoredBytes();
        return new Snapshot(asObjectBody(stored), etagOf(stored));
    }

    /**
     * Replaces the document with {@code body} (already validated as a JSON object) unless
     * {@code ifMatch} is present and names no current tag.
     */
    public SaveResult save(byte[] body, String ifMatch) throws IOException {
        synchronized (writeLock) {
            if (ifMatch != null) {
                String current = etagOf(readStoredBytes());
                if (!EntityTags.matchHits(ifMatch, current)) {
                    return new PreconditionFailed(current);
                }
            }
            writeAtomically(body);
            return new Saved(etagOf(body));
        }
    }

    private void writeAtomically(byte[] body) throws IOException {
        Files.createDirectories(folder);
        Path temp = folder.resolve(TEMP_PREFIX + UUID.randomUUID() + TEMP_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(body);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                LOG.warning("Atomic move not supported in " + folder + "; replacing progress.json non-atomically");
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        forceDirectory();
    }

    /** Makes the rename itself durable where the platform allows opening a directory. */
    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not possible on every platform (e.g. Windows); the rename is still atomic.
        }
    }

    private byte[] readStoredBytes() {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new byte[0];
        } catch (IOException e) {
            LOG.warning("Could not read " + file + ": " + e);
            return new byte[0];
        }
    }

    private static byte[] asObjectBody(byte[] stored) {
        if (stored.length == 0 || !isUtf8(stored)) {
            return "{}".getBytes(StandardCharsets.UTF_8);
        }
        try {
            JsonNode node = Json.parse(stored);
            return node.isObject() ? Json.bytes(node) : "{}".getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "{}".getBytes(StandardCharsets.UTF_8);
        }
    }

    /** UTF-8 only: UTF-16/32 JSON would parse, but the original could not read such a file. */
    static boolean isUtf8(byte[] bytes) {
        return Utf8Text.firstProblem(bytes) < 0;
    }

    /** A strong tag over the stored bytes; a missing file has the tag of empty content. */
    static String etagOf(byte[] stored) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(stored);
            return EntityTags.quote(HexFormat.of().formatHex(digest, 0, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
