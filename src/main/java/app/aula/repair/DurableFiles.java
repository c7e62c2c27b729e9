package app.aula.repair;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Atomic, durable replacement of a small file: a temp file in the same folder, fsync, rename over
 * the target, fsync of the folder. Readers see the old or the new content, never a mix.
 *
 * <p>The temp file is written with a {@link FileOutputStream}, not a {@code FileChannel}: channel
 * I/O is interruptible, and the repair worker is interrupted at shutdown, which would otherwise
 * abort a state write half-way.
 */
final class DurableFiles {

    private static final Logger LOG = Logger.getLogger("aula.repair");

    private DurableFiles() {}

    /** Replaces {@code target}; the temp file is {@code .<target name>.<random>.tmp}, deleted on failure. */
    static void replace(Path target, byte[] body) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temp = folder.resolve(tempPrefix(target) + UUID.randomUUID() + ".tmp");
        try {
            try (FileOutputStream out = new FileOutputStream(temp.toFile())) {
                out.write(body);
                out.getFD().sync();
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                LOG.warning("Atomic move not supported in " + folder + "; replacing " + target.getFileName()
                        + " non-atomically");
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        syncFolder(folder);
    }

    /** The name prefix of {@code target}'s temp files, for start-up removal of crash leftovers. */
    static String tempPrefix(Path target) {
        return "." + target.getFileName() + ".";
    }

    /** Makes the rename durable where the platform can open a folder; elsewhere it is still atomic. */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not possible on every platform (e.g. Windows), or interrupted at shutdown.
        }
    }
}
