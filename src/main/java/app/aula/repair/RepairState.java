package app.aula.repair;

import app.aula.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * {@code <AULA_DATA_PATH>/repair_state.json}: the entry of every ref, kept in memory and rewritten
 * whole on every change as {@code {"updatedAt":ISO,"repairs":{"<ref>":Entry}}}. Each rewrite is
 * atomic and durable ({@link DurableFiles}), so a reader never sees a partial file. One lock
 * serialises every read and change together with its write, so the file always reflects the
 * changes in the order they were made.
 *
 * <p>A failed write is logged and the in-memory state stays authoritative: the next change
 * rewrites the whole file, and a read-only data folder already stops repairs at the lock file.
 */
final class RepairState {

    private static final Logger LOG = Logger.getLogger("aula.repair");
    static final String FILE_NAME = "repair_state.json";

    private final Path file;
    private final Clock clock;
    private final Map<String, RepairEntry> entries;

    private RepairState(Path file, Clock clock, Map<String, RepairEntry> entries) {
        this.file = file;
        this.clock = clock;
        this.entries = entries;
    }

    /**
     * Loads the state file of {@code dataFolder}. A missing file is an empty state; an unreadable
     * or corrupt one is an empty state with a warning (it is replaced on the next change). Temp
     * files left by a crash mid-write are removed first.
     */
    static RepairState load(Path dataFolder, Clock clock) {
        Path file = dataFolder.resolve(FILE_NAME);
        removeLeftoverTempFiles(dataFolder, file);
        return new RepairState(file, clock, read(file));
    }

    /** The ref's entry, if any. */
    synchronized Optional<RepairEntry> get(String ref) {
        return Optional.ofNullable(entries.get(ref));
    }

    /** A copy of every entry, in insertion order. */
    synchronized List<RepairEntry> entries() {
        return List.copyOf(entries.values());
    }

    /** Stores {@code entry} under its ref and persists; returns it. */
    synchronized RepairEntry put(RepairEntry entry) {
        entries.put(entry.fileId(), entry);
        persist();
        return entry;
    }

    /**
     * Replaces the ref's entry by {@code change} applied to it (or to {@code absent} when there is
     * none) and persists; returns the new entry.
     */
    synchronized RepairEntry change(String ref, RepairEntry absent, UnaryOperator<RepairEntry> change) {
        RepairEntry current = entries.getOrDefault(ref, absent);
        return put(change.apply(current));
    }

    /**
     * Runs {@code edit} on the live map under the lock, for changes that touch several entries,
     * and persists once if it reports a change ({@code true}).
     */
    synchronized <T> T edit(Function<Map<String, RepairEntry>, Edit<T>> edit) {
        Edit<T> result = edit.apply(entries);
        if (result.changed()) {
            persist();
        }
        return result.value();
    }

    /** What an {@link #edit} produced, and whether the file must be rewritten. */
    record Edit<T>(T value, boolean changed) {}

    private void persist() {
        ObjectNode root = Json.object();
        root.put("updatedAt", UtcSeconds.format(clock.instant()));
        ObjectNode repairs = root.putObject("repairs");
        entries.forEach((ref, entry) -> repairs.set(ref, entry.toJson()));
        try {
            DurableFiles.replace(file, Json.bytes(root));
        } catch (IOException | RuntimeException e) {
            LOG.warning("Could not write " + file + ": " + e);
        }
    }

    private static Map<String, RepairEntry> read(Path file) {
        Map<String, RepairEntry> loaded = new LinkedHashMap<>();
        JsonNode root;
        try {
            root = Json.parse(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return loaded;
        } catch (IOException | RuntimeException e) {
            LOG.warning("Ignoring unreadable " + file + " (starting with an empty repair state): " + e.getMessage());
            return loaded;
        }
        if (!root.isObject()) {
            LOG.warning("Ignoring " + file + ": not a JSON object (starting with an empty repair state)");
            return loaded;
        }
        // The wrapped form; a bare {"<ref>":Entry} object, as older files may hold, is accepted too.
        JsonNode repairs = root.get("repairs");
        JsonNode map = repairs != null && repairs.isObject() ? repairs : root;
        for (Iterator<Map.Entry<String, JsonNode>> fields = map.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isObject()) {
                continue; // e.g. the wrapper's own "updatedAt" when the file is bare
            }
            Optional<RepairEntry> entry = RepairEntry.fromJson(field.getKey(), field.getValue());
            if (entry.isPresent()) {
                loaded.put(field.getKey(), entry.get());
            } else {
                LOG.warning("Ignoring the repair entry of " + field.getKey() + " in " + file + ": unknown status");
            }
        }
        return loaded;
    }

    private static void removeLeftoverTempFiles(Path folder, Path file) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(folder, DurableFiles.tempPrefix(file) + "*.tmp")) {
            for (Path temp : temps) {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            LOG.warning("Could not remove leftover repair state temp files in " + folder + ": " + e);
        }
    }
}
