package app.aula.library;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** media.md §2.2 steps 3–5: safe resolution of {@code local:} paths against a real folder. */
class LocalLibraryTest {

    private static final Instant MTIME = Instant.parse("2024-03-05T10:15:30.123Z");
    private static final byte[] VIDEO = "0123456789 video bytes".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SECRET = "outside the root".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path temp;

    private Path root;
    private Path outside;

    @BeforeEach
    void layout() throws IOException {
        root = Files.createDirectories(temp.resolve("lib"));
        outside = Files.createDirectories(temp.resolve("outside"));
        Path video = Files.write(Files.createDirectories(root.resolve("sql")).resolve("01-consultas.mp4"), VIDEO);
        Files.setLastModifiedTime(video, FileTime.from(MTIME));
        Files.write(outside.resolve("x.mp4"), SECRET);
        Files.write(outside.resolve("secret.mp4"), SECRET);
    }

    private LocalLibrary library() {
        return LocalLibrary.open(root).orElseThrow();
    }

    // ---- open

    @Test
    void anExistingFolderOpens() {
        assertEquals(root, LocalLibrary.open(root).orElseThrow().root());
    }

    @Test
    void aMissingFolderDoesNotOpen() {
        assertEquals(Optional.empty(), LocalLibrary.open(temp.resolve("falta")));
    }

    @Test
    void aRegularFileDoesNotOpenAsALibrary() {
        assertEquals(Optional.empty(), LocalLibrary.open(root.resolve("sql/01-consultas.mp4")));
    }

    // ---- resolution table

    @Test
    void anExistingFileIsServedWithItsNameSizeAndMtime() throws IOException {
        LocalLibrary.LocalFile file = library().resolve("sql/01-consultas.mp4").orElseThrow();
        assertEquals("01-consultas.mp4", file.name());
        assertEquals(VIDEO.length, file.size());
        assertEquals(MTIME, file.lastModified());
        assertArrayEquals(VIDEO, Files.readAllBytes(file.path()));
    }

    @Test
    void aFileAtTheTopOfTheRootIsServedWithItsOwnName() throws IOException {
        Files.write(root.resolve("guia.pdf"), new byte[] {1, 2, 3});
        LocalLibrary.LocalFile file = library().resolve("guia.pdf").orElseThrow();
        assertEquals("guia.pdf", file.name());
        assertEquals(3, file.size());
    }

    @Test
    void theNameIsTheLastSegmentOfTheRef() throws IOException {
        Path deep = Files.createDirectories(root.resolve("curso/tema 1/lecturas"));
        Files.writeString(deep.resolve("clase 1 – introducción.txt"), "¡Hola!", StandardCharsets.UTF_8);
        LocalLibrary.LocalFile file = library().resolve("curso/tema 1/lecturas/clase 1 – introducción.txt")
                .orElseThrow();
        assertEquals("clase 1 – introducción.txt", file.name());
        assertEquals("¡Hola!".getBytes(StandardCharsets.UTF_8).length, file.size());
    }

    @Test
    void anEmptyFileIsServedWithSizeZero() throws IOException {
        Files.write(root.resolve("vacio.txt"), new byte[0]);
        assertEquals(0, library().resolve("vacio.txt").orElseThrow().size());
    }

    @Test
    void aFolderIsNotServed() {
        assertEquals(Optional.empty(), library().resolve("sql"));
    }

    @Test
    void aMissingFileIsNotServed() {
        assertEquals(Optional.empty(), library().resolve("falta.mp4"));
    }

    @Test
    void aPathThroughARegularFileIsNotServed() {
        assertEquals(Optional.empty(), library().resolve("sql/01-consultas.mp4/x.mp4"));
    }

    @Test
    void aSymlinkToAFolderOutsideTheRootIsNotServed() throws IOException {
        Files.createSymbolicLink(root.resolve("enlace"), outside);
        assertEquals(Optional.empty(), library().resolve("enlace/x.mp4"));
    }

    @Test
    void aSymlinkToAFileOutsideTheRootIsNotServed() throws IOException {
        Files.createSymbolicLink(root.resolve("fuera.mp4"), outside.resolve("secret.mp4"));
        assertEquals(Optional.empty(), library().resolve("fuera.mp4"));
    }

    @Test
    void aRelativeSymlinkClimbingOutOfTheRootIsNotServed() throws IOException {
        Files.createSymbolicLink(root.resolve("sql/arriba.mp4"), Path.of("../../outside/secret.mp4"));
        assertEquals(Optional.empty(), library().resolve("sql/arriba.mp4"));
    }

    @Test
    void aSymlinkIntoASiblingWhoseNameStartsLikeTheRootIsNotServed() throws IOException {
        Path sibling = Files.createDirectories(temp.resolve("lib2"));
        Files.write(sibling.resolve("x.mp4"), SECRET);
        Files.createSymbolicLink(root.resolve("vecino"), sibling);
        assertEquals(Optional.empty(), library().resolve("vecino/x.mp4"));
    }

    @Test
    void aDotDotPathIsNotServedEvenIfItReachesAnExistingFile() {
        assertEquals(Optional.empty(), library().resolve("../outside/x.mp4"));
        assertEquals(Optional.empty(), library().resolve("sql/../../outside/x.mp4"));
    }

    @Test
    void aSymlinkToAFileInsideTheRootIsServedUnderTheLinkName() throws IOException {
        Files.createSymbolicLink(root.resolve("atajo.mp4"), Path.of("sql/01-consultas.mp4"));
        LocalLibrary.LocalFile file = library().resolve("atajo.mp4").orElseThrow();
        assertEquals("atajo.mp4", file.name());
        assertEquals(VIDEO.length, file.size());
        assertEquals(MTIME, file.lastModified());
        assertArrayEquals(VIDEO, Files.readAllBytes(file.path()));
    }

    @Test
    void aSymlinkToAFolderInsideTheRootIsServed() throws IOException {
        Files.createSymbolicLink(root.resolve("carpeta"), root.resolve("sql"));
        LocalLibrary.LocalFile file = library().resolve("carpeta/01-consultas.mp4").orElseThrow();
        assertEquals("01-consultas.mp4", file.name());
        assertEquals(VIDEO.length, file.size());
    }

    @Test
    void aDanglingSymlinkIsNotServed() throws IOException {
        Files.createSymbolicLink(root.resolve("roto.mp4"), root.resolve("no-existe.mp4"));
        assertEquals(Optional.empty(), library().resolve("roto.mp4"));
    }

    @Test
    void aRootThatIsItselfASymlinkServesItsFiles() throws IOException {
        Path link = Files.createSymbolicLink(temp.resolve("lib-link"), root);
        LocalLibrary library = LocalLibrary.open(link).orElseThrow();
        LocalLibrary.LocalFile file = library.resolve("sql/01-consultas.mp4").orElseThrow();
        assertEquals("01-consultas.mp4", file.name());
        assertEquals(VIDEO.length, file.size());
        assertEquals(MTIME, file.lastModified());
    }

    @Test
    void aRootThatIsItselfASymlinkStillRefusesEscapes() throws IOException {
        Files.createSymbolicLink(root.resolve("enlace"), outside);
        Path link = Files.createSymbolicLink(temp.resolve("lib-link"), root);
        assertEquals(Optional.empty(), LocalLibrary.open(link).orElseThrow().resolve("enlace/x.mp4"));
    }

    @Test
    void aRootThatIsItselfASymlinkServesInnerSymlinks() throws IOException {
        Files.createSymbolicLink(root.resolve("atajo.mp4"), Path.of("sql/01-consultas.mp4"));
        Path link = Files.createSymbolicLink(temp.resolve("lib-link"), root);
        assertEquals(VIDEO.length, LocalLibrary.open(link).orElseThrow().resolve("atajo.mp4").orElseThrow().size());
    }

    @Test
    void namesMatchExactlyWithoutUnicodeNormalisation() throws IOException {
        String composed = Normalizer.normalize("introducción.txt", Normalizer.Form.NFC);
        String decomposed = Normalizer.normalize("introducción.txt", Normalizer.Form.NFD);
        Files.writeString(root.resolve(composed), "texto", StandardCharsets.UTF_8);
        assertTrue(library().resolve(composed).isPresent());
        assertEquals(Optional.empty(), library().resolve(decomposed));
    }

    @Test
    void aFileCreatedAfterOpeningIsServed() throws IOException {
        LocalLibrary library = library();
        Files.write(root.resolve("nuevo.mp4"), VIDEO);
        assertEquals(VIDEO.length, library.resolve("nuevo.mp4").orElseThrow().size());
    }
}
