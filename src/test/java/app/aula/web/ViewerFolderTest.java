package app.aula.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code AULA_VIEWER_PATH} as a static root (api.md §3.18), on a real temporary folder. */
class ViewerFolderTest {

    @TempDir
    Path temp;

    private Path root;
    private Path outside;

    @BeforeEach
    void createFolders() throws IOException {
        root = Files.createDirectories(temp.resolve("viewer"));
        outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(root.resolve("index.html"), "<!doctype html><p>hola</p>");
        Files.createDirectories(root.resolve("js"));
        Files.writeString(root.resolve("js/app.js"), "console.log(1);");
        Files.writeString(outside.resolve("secret.html"), "secret");
    }

    private static byte[] read(StaticRoot.StaticFile file) throws IOException {
        try (InputStream in = file.body().open()) {
            return in.readAllBytes();
        }
    }

    @Test
    void fileIsFoundWithItsLengthMtimeAndBytes() throws IOException {
        Instant mtime = Instant.parse("2024-01-02T03:04:05.678Z");
        Files.setLastModifiedTime(root.resolve("index.html"), FileTime.from(mtime));
        StaticRoot.StaticFile file = assertInstanceOf(StaticRoot.StaticFile.class, new ViewerFolder(root).find("index.html"));
        assertEquals(26, file.length());
        assertEquals(mtime, file.lastModified());
        assertArrayEquals("<!doctype html><p>hola</p>".getBytes(StandardCharsets.UTF_8), read(file));
    }

    @Test
    void nestedFileIsFound() throws IOException {
        StaticRoot.StaticFile file = assertInstanceOf(StaticRoot.StaticFile.class, new ViewerFolder(root).find("js/app.js"));
        assertArrayEquals("console.log(1);".getBytes(StandardCharsets.UTF_8), read(file));
    }

    @Test
    void etagIsQuotedAndStrong() throws IOException {
        StaticRoot.StaticFile file = assertInstanceOf(StaticRoot.StaticFile.class, new ViewerFolder(root).find("index.html"));
        assertTrue(file.etag().matches("\"[^\"]+\""), file.etag());
    }

    @Test
    void rootAndSubfolderAreDirectories() throws IOException {
        ViewerFolder folder = new ViewerFolder(root);
        assertInstanceOf(StaticRoot.Directory.class, folder.find(""));
        assertInstanceOf(StaticRoot.Directory.class, folder.find("js"));
    }

    @Test
    void missingFileIsMissing() throws IOException {
        ViewerFolder folder = new ViewerFolder(root);
        assertInstanceOf(StaticRoot.Missing.class, folder.find("nope.html"));
        assertInstanceOf(StaticRoot.Missing.class, folder.find("js/nope.js"));
        assertInstanceOf(StaticRoot.Missing.class, folder.find("nope/deeper.js"));
    }

    @Test
    void pathEscapingTheRootIsMissing() throws IOException {
        assertInstanceOf(StaticRoot.Missing.class, new ViewerFolder(root).find("../outside/secret.html"));
    }

    @Test
    void symlinkToAFileOutsideTheRootIsMissing() throws IOException {
        Files.createSymbolicLink(root.resolve("leak.html"), outside.resolve("secret.html"));
        assertInstanceOf(StaticRoot.Missing.class, new ViewerFolder(root).find("leak.html"));
    }

    @Test
    void symlinkedFolderLeadingOutsideTheRootIsMissing() throws IOException {
        Files.createSymbolicLink(root.resolve("enlace"), outside);
        ViewerFolder folder = new ViewerFolder(root);
        assertInstanceOf(StaticRoot.Missing.class, folder.find("enlace/secret.html"));
        assertInstanceOf(StaticRoot.Missing.class, folder.find("enlace"));
    }

    @Test
    void symlinkToAFileInsideTheRootIsServed() throws IOException {
        Files.createSymbolicLink(root.resolve("alias.js"), root.resolve("js/app.js"));
        StaticRoot.StaticFile file = assertInstanceOf(StaticRoot.StaticFile.class, new ViewerFolder(root).find("alias.js"));
        assertArrayEquals("console.log(1);".getBytes(StandardCharsets.UTF_8), read(file));
    }

    @Test
    void rootThatIsItselfASymlinkServesItsFiles() throws IOException {
        Path link = Files.createSymbolicLink(temp.resolve("viewer-link"), root);
        assertInstanceOf(StaticRoot.StaticFile.class, new ViewerFolder(link).find("index.html"));
    }

    @Test
    void danglingSymlinkIsMissing() throws IOException {
        Files.createSymbolicLink(root.resolve("gone.html"), temp.resolve("does-not-exist.html"));
        assertInstanceOf(StaticRoot.Missing.class, new ViewerFolder(root).find("gone.html"));
    }

    @Test
    void etagIsStableWhileTheFileIsUnchanged() throws IOException {
        ViewerFolder folder = new ViewerFolder(root);
        String first = ((StaticRoot.StaticFile) folder.find("index.html")).etag();
        String second = ((StaticRoot.StaticFile) folder.find("index.html")).etag();
        assertEquals(first, second);
        assertEquals(first, ((StaticRoot.StaticFile) new ViewerFolder(root).find("index.html")).etag());
    }

    @Test
    void etagChangesWhenTheContentLengthChanges() throws IOException {
        Path index = root.resolve("index.html");
        FileTime mtime = FileTime.from(Instant.parse("2024-01-02T03:04:05Z"));
        Files.setLastModifiedTime(index, mtime);
        ViewerFolder folder = new ViewerFolder(root);
        String before = ((StaticRoot.StaticFile) folder.find("index.html")).etag();
        Files.writeString(index, "<!doctype html><p>adiós, mundo</p>");
        Files.setLastModifiedTime(index, mtime);
        assertNotEquals(before, ((StaticRoot.StaticFile) folder.find("index.html")).etag());
    }

    @Test
    void etagChangesWhenTheMtimeChanges() throws IOException {
        Path index = root.resolve("index.html");
        Files.setLastModifiedTime(index, FileTime.from(Instant.parse("2024-01-02T03:04:05Z")));
        ViewerFolder folder = new ViewerFolder(root);
        String before = ((StaticRoot.StaticFile) folder.find("index.html")).etag();
        Files.setLastModifiedTime(index, FileTime.from(Instant.parse("2024-01-02T03:04:06Z")));
        assertNotEquals(before, ((StaticRoot.StaticFile) folder.find("index.html")).etag());
    }

    @Test
    void htmlPolicyIsTheCompatibilityPolicyOfTheSpec() throws IOException {
        assertEquals("default-src 'self'; script-src 'self' 'unsafe-inline'; "
                + "style-src 'self' 'unsafe-inline' https://fonts.googleapis.com; img-src 'self' data: blob:; "
                + "media-src 'self' blob:; font-src 'self' data: https://fonts.gstatic.com; connect-src 'self'; "
                + "frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'",
                new ViewerFolder(root).htmlPolicy());
    }
}
