package app.aula.library;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** media.md §2.3: the bundled demo library is copied once to {@code <data>/.aula-demo/<version>/}. */
class DemoLibraryTest {

    @TempDir
    Path temp;

    /** Stands for the exploded WAR: {@code <war>/WEB-INF/aula-demo/...}. */
    private Path war;
    private Path bundledRoot;
    private Path data;

    /**
     * {@link DemoLibrary.BundledFiles} over a real folder tree, with the ServletContext's conventions:
     * absolute paths from the WAR root, folders ending in {@code /}. Records every opened path.
     */
    private static final class FolderFiles implements DemoLibrary.BundledFiles {
        private final Path war;
        private final String failOn;
        final List<String> opened = Collections.synchronizedList(new ArrayList<>());

        FolderFiles(Path war, String failOn) {
            this.war = war;
            this.failOn = failOn;
        }

        @Override
        public Set<String> list(String folder) {
            Path dir = war.resolve(folder.substring(1));
            if (!Files.isDirectory(dir)) {
                return Set.of();
            }
            try (Stream<Path> children = Files.list(dir)) {
                return children.map(c -> folder + c.getFileName() + (Files.isDirectory(c) ? "/" : ""))
                        .collect(Collectors.toCollection(TreeSet::new));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public InputStream open(String path) throws IOException {
            opened.add(path);
            if (path.equals(failOn)) {
                throw new IOException("simulated read failure of " + path);
            }
            return Files.newInputStream(war.resolve(path.substring(1)));
        }
    }

    @BeforeEach
    void bundle() throws IOException {
        war = temp.resolve("war");
        bundledRoot = Files.createDirectories(war.resolve("WEB-INF/aula-demo"));
        data = temp.resolve("data");
        Files.writeString(bundledRoot.resolve("courses_cache.json"), "{\"categorias\":[]}", StandardCharsets.UTF_8);
        Path media = Files.createDirectories(bundledRoot.resolve("media/sql"));
        byte[] video = new byte[700 * 1024];
        new Random(42).nextBytes(video);
        Files.write(media.resolve("clase 1 – introducción.mp4"), video);
        Files.writeString(media.resolve("lectura.txt"), "Introducción: ¿qué es una consulta? Año, señal.\n",
                StandardCharsets.UTF_8);
        Files.write(media.resolve("vacio.csv"), new byte[0]);
        Files.writeString(bundledRoot.resolve("media/resumen.html"), "<script>alert(1)</script>");
    }

    /** Relative path → bytes of every regular file under {@code folder}. */
    private static TreeMap<String, byte[]> files(Path folder) throws IOException {
        TreeMap<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(folder.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private List<String> leftoverTempFolders() throws IOException {
        Path demoParent = data.resolve(".aula-demo");
        if (!Files.isDirectory(demoParent)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(demoParent)) {
            return children.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".tmp-")).toList();
        }
    }

    @Test
    void extractionCopiesEveryFileByteExactIntoTheVersionFolder() throws IOException {
        Optional<Path> extracted = DemoLibrary.extract(new FolderFiles(war, null), data, "1.2.3");
        assertEquals(Optional.of(data.resolve(".aula-demo").resolve("1.2.3")), extracted);
        TreeMap<String, byte[]> expected = files(bundledRoot);
        TreeMap<String, byte[]> actual = files(extracted.get());
        assertEquals(expected.keySet(), actual.keySet());
        for (String name : expected.keySet()) {
            assertArrayEquals(expected.get(name), actual.get(name), name);
        }
    }

    @Test
    void anEmptyBundledFolderIsCreatedToo() throws IOException {
        Files.createDirectories(bundledRoot.resolve("media/vacia"));
        Path extracted = DemoLibrary.extract(new FolderFiles(war, null), data, "1.2.3").orElseThrow();
        assertTrue(Files.isDirectory(extracted.resolve("media/vacia")));
    }

    @Test
    void theDataFolderIsCreatedWhenMissing() {
        assertFalse(Files.exists(data));
        Path extracted = DemoLibrary.extract(new FolderFiles(war, null), data, "1.2.3").orElseThrow();
        assertTrue(Files.isRegularFile(extracted.resolve("courses_cache.json")));
    }

    @Test
    void extractionIsSkippedWhenTheCopyAlreadyExists() throws IOException {
        Path existing = Files.createDirectories(data.resolve(".aula-demo/1.2.3"));
        Files.writeString(existing.resolve("marker.txt"), "kept");
        FolderFiles bundled = new FolderFiles(war, null);
        assertEquals(Optional.of(existing), DemoLibrary.extract(bundled, data, "1.2.3"));
        assertEquals(List.of(), bundled.opened);
        assertEquals(Set.of("marker.txt"), files(existing).keySet());
    }

    @Test
    void aSecondExtractionOfTheSameVersionReadsNothing() throws IOException {
        Path first = DemoLibrary.extract(new FolderFiles(war, null), data, "1.2.3").orElseThrow();
        FolderFiles again = new FolderFiles(war, null);
        assertEquals(Optional.of(first), DemoLibrary.extract(again, data, "1.2.3"));
        assertEquals(List.of(), again.opened);
    }

    @Test
    void anotherVersionGetsItsOwnCopy() throws IOException {
        Path one = DemoLibrary.extract(new FolderFiles(war, null), data, "1.2.3").orElseThrow();
        Path two = DemoLibrary.extract(new FolderFiles(war, null), data, "1.2.4").orElseThrow();
        assertEquals(data.resolve(".aula-demo/1.2.4"), two);
        assertEquals(files(one).keySet(), files(two).keySet());
    }

    @Test
    void noTemporaryFolderIsLeftAfterExtraction() throws IOException {
        DemoLibrary.extract(new FolderFiles(war, null), data, "1.2.3").orElseThrow();
        assertEquals(List.of(), leftoverTempFolders());
        try (Stream<Path> children = Files.list(data.resolve(".aula-demo"))) {
            assertEquals(List.of("1.2.3"), children.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aFailedExtractionReturnsEmptyAndLeavesNeitherCopyNorTemporaryFolder() throws IOException {
        FolderFiles failing = new FolderFiles(war, "/WEB-INF/aula-demo/media/sql/lectura.txt");
        assertEquals(Optional.empty(), DemoLibrary.extract(failing, data, "1.2.3"));
        assertFalse(Files.exists(data.resolve(".aula-demo/1.2.3")));
        assertEquals(List.of(), leftoverTempFolders());
    }

    @Test
    void aFailedExtractionIsRetriedCompletelyNextTime() throws IOException {
        DemoLibrary.extract(new FolderFiles(war, "/WEB-INF/aula-demo/courses_cache.json"), data, "1.2.3");
        Path extracted = DemoLibrary.extract(new FolderFiles(war, null), data, "1.2.3").orElseThrow();
        assertEquals(files(bundledRoot).keySet(), files(extracted).keySet());
    }

    @Test
    void nothingBundledGivesEmptyAndWritesNothing() throws IOException {
        Path emptyWar = Files.createDirectories(temp.resolve("empty-war"));
        assertEquals(Optional.empty(), DemoLibrary.extract(new FolderFiles(emptyWar, null), data, "1.2.3"));
        assertFalse(Files.exists(data.resolve(".aula-demo")));
    }

    @Test
    void anEmptyBundledFolderGivesEmpty() throws IOException {
        Path emptyWar = temp.resolve("empty-war");
        Files.createDirectories(emptyWar.resolve("WEB-INF/aula-demo"));
        assertEquals(Optional.empty(), DemoLibrary.extract(new FolderFiles(emptyWar, null), data, "1.2.3"));
    }

    @Test
    void aVersionWithSlashesAndSpacesBecomesOneSafeFolderName() throws IOException {
        Path extracted = DemoLibrary.extract(new FolderFiles(war, null), data, "1.0/beta 2").orElseThrow();
        assertEquals(data.resolve(".aula-demo"), extracted.getParent());
        String name = extracted.getFileName().toString();
        assertFalse(name.contains("/") || name.contains(" "), name);
        assertTrue(Files.isRegularFile(extracted.resolve("courses_cache.json")));
    }

    @Test
    void aVersionWithABackslashStaysOneFolderName() {
        Path extracted = DemoLibrary.extract(new FolderFiles(war, null), data, "..\\..\\x").orElseThrow();
        assertEquals(data.resolve(".aula-demo"), extracted.getParent());
    }

    @Test
    void aDotDotVersionStaysInsideTheDemoFolder() {
        // A version that normalises to the parent would make <data> itself the library root.
        Path demoParent = data.resolve(".aula-demo").toAbsolutePath().normalize();
        Optional<Path> extracted = DemoLibrary.extract(new FolderFiles(war, null), data, "..");
        assertTrue(extracted.isPresent());
        Path root = extracted.get().toAbsolutePath().normalize();
        assertEquals(demoParent, root.getParent(), "the demo library root is " + root);
    }
}
