package app.aula.probe;

import app.aula.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Probe reports per ref, kept in memory and in {@code <AULA_DATA_PATH>/probe_cache.json}
 * ({@code {"version":1,"entries":{"<ref>":{"fingerprint":…,"report":{…}}}}}), replaced atomically
 * (temp file, fsync, rename) after every new report. An entry is valid while its fingerprint
 * matches the file's current one (local: size and mtime; Drive: md5Checksum and size); an entry
 * without a fingerprint (Drive gave none) is valid for {@link #UNFINGERPRINTED_TTL}.
 */
public final class ProbeCache {

    public static final String FILE_NAME = "probe_cache.json";
    static final Duration UNFINGERPRINTED_TTL = Duration.ofDays(1);
    static final int MAX_ENTRIES = 10_000;
    private static final Logger LOG = Logger.getLogger("aula.probe");

    private final Path file;
    private final Clock clock;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** A stored report and the file version it describes (null: none known, the TTL applies). */
    record Entry(String fingerprint, ProbeReport report) {}

    /** Loads {@code dataPath/probe_cache.json}; a missing or unreadable file starts an empty cache. */
    public ProbeCache(Path dataPath, Clock clock) {
        this.file = dataPath.resolve(FILE_NAME);
        this.clock = clock;
        load();
    }

    /** The cached report for {@code ref} when it still describes the file with {@code fingerprint}. */
    public synchronized Optional<ProbeReport> get(String ref, String fingerprint) {
        Entry entry = entries.get(ref);
        if (entry == null) {
            return Optional.empty();
        }
        boolean valid = entry.fingerprint() == null
                ? fingerprint == null && entry.report().probedAt().plus(UNFINGERPRINTED_TTL).isAfter(clock.instant())
                : entry.fingerprint().equals(fingerprint);
        return valid ? Optional.of(entry.report()) : Optional.empty();
    }

    /** Stores a report and rewrites the file; a failed write is logged, the memory entry stays. */
    public synchronized void put(String ref, String fingerprint, ProbeReport report) {
        entries.remove(ref);
        entries.put(ref, new Entry(fingerprint, report));
        while (entries.size() > MAX_ENTRIES) {
            entries.values().stream().min(Comparator.comparing(e -> e.report().probedAt()))
                    .ifPresent(oldest -> entries.remove(oldest.report().ref()));
        }
        try {
            replaceAtomically(Json.bytes(toJson()));
        } catch (IOException e) {
            LOG.warning("probe cache not written to " + file + ": " + e);
        }
    }

    /**
     * {@code ref → needsCompat} for every stored report, in probe order: what a catalogue builder
     * needs to write {@code videoPlayback:"compat"} (true) or {@code "direct"} (false) hints.
     * Entries are not re-checked against the files here; a changed file is re-probed on its next GET.
     */
    public synchronized Map<String, Boolean> verdicts() {
        Map<String, Boolean> verdicts = new LinkedHashMap<>();
        entries.forEach((ref, entry) -> verdicts.put(ref, entry.report().needsCompat()));
        return verdicts;
    }

    Path file() {
        return file;
    }

    private ObjectNode toJson() {
        ObjectNode root = Json.object().put("version", 1);
        ObjectNode all = root.putObject("entries");
        entries.forEach((ref, entry) -> {
            ObjectNode node = all.putObject(ref);
            node.put("fingerprint", entry.fingerprint());
            node.set("report", entry.report().toJson());
        });
        return root;
    }

    private void load() {
        try {
            JsonNode root = Json.parse(Files.readAllBytes(file));
            root.path("entries").fields().forEachRemaining(field -> {
                JsonNode fingerprint = field.getValue().path("fingerprint");
                entries.put(field.getKey(), new Entry(fingerprint.isTextual() ? fingerprint.asText() : null,
                        ProbeReport.fromJson(field.getValue().path("report"))));
            });
        } catch (NoSuchFileException e) {
            // First start: nothing probed yet.
        } catch (IOException | RuntimeException e) {
            entries.clear();
            LOG.warning("probe cache " + file + " unreadable, starting empty: " + e);
        }
    }

    /** Temp file in the same folder, fsync, rename over the target, fsync of the folder. */
    private void replaceAtomically(byte[] body) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temp = folder.resolve("." + FILE_NAME + "." + UUID.randomUUID() + ".tmp");
        try {
            // A stream, not a channel: channel writes abort when the probe thread is interrupted at undeploy.
            try (FileOutputStream out = new FileOutputStream(temp.toFile())) {
                out.write(body);
                out.getFD().sync();
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform can open a folder; the rename is still atomic.
        }
    }
}
