package app.aula.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** media.md §2.2 step 1 and §2.3: which library root is active, if any. */
class LibraryRootsTest {

    @TempDir
    Path temp;

    private Path configured;
    private Path demo;

    @BeforeEach
    void folders() throws IOException {
        configured = temp.resolve("library");
        demo = temp.resolve("data/.aula-demo/1.0");
    }

    private static Path activeRoot(LibraryRoot root) {
        return assertInstanceOf(LibraryRoot.Active.class, root).library().root();
    }

    @Test
    void aConfiguredRootThatExistsIsActive() throws IOException {
        Files.createDirectories(configured);
        LibraryRoots roots = new LibraryRoots(Optional.of(configured), Optional.empty(), () -> false);
        assertEquals(configured, activeRoot(roots.current()));
        assertTrue(roots.active());
    }

    @Test
    void aConfiguredRootThatIsMissingIsUnavailable() {
        LibraryRoots roots = new LibraryRoots(Optional.of(configured), Optional.empty(), () -> false);
        assertEquals(new LibraryRoot.Unavailable(configured), roots.current());
        assertFalse(roots.active());
    }

    @Test
    void aConfiguredRootThatIsAFileIsUnavailable() throws IOException {
        Files.writeString(configured, "not a folder");
        LibraryRoots roots = new LibraryRoots(Optional.of(configured), Optional.empty(), () -> false);
        assertEquals(new LibraryRoot.Unavailable(configured), roots.current());
    }

    @Test
    void aMissingConfiguredRootBecomesActiveOnceCreatedWithoutRestart() throws IOException {
        LibraryRoots roots = new LibraryRoots(Optional.of(configured), Optional.empty(), () -> false);
        assertEquals(new LibraryRoot.Unavailable(configured), roots.current());
        Files.createDirectories(configured);
        Files.writeString(configured.resolve("a.txt"), "hola");
        LibraryRoot now = roots.current();
        assertEquals(configured, activeRoot(now));
        assertEquals(4, ((LibraryRoot.Active) now).library().resolve("a.txt").orElseThrow().size());
        assertTrue(roots.active());
    }

    @Test
    void aConfiguredRootThatDisappearsAfterStartBecomesUnavailable() throws IOException {
        // media.md §2.2 step 1: "a configured root that is missing or not a readable folder → 503".
        Files.createDirectories(configured);
        LibraryRoots roots = new LibraryRoots(Optional.of(configured), Optional.empty(), () -> false);
        assertTrue(roots.active());
        Files.delete(configured);
        assertEquals(new LibraryRoot.Unavailable(configured), roots.current());
    }

    @Test
    void aConfiguredRootWinsOverAShownDemo() throws IOException {
        Files.createDirectories(configured);
        Files.createDirectories(demo);
        LibraryRoots roots = new LibraryRoots(Optional.of(configured), Optional.of(demo), () -> true);
        assertEquals(configured, activeRoot(roots.current()));
    }

    @Test
    void aMissingConfiguredRootIsUnavailableEvenWithAShownDemo() throws IOException {
        Files.createDirectories(demo);
        LibraryRoots roots = new LibraryRoots(Optional.of(configured), Optional.of(demo), () -> true);
        assertEquals(new LibraryRoot.Unavailable(configured), roots.current());
    }

    @Test
    void withoutAConfiguredRootTheShownDemoIsActive() throws IOException {
        Files.createDirectories(demo);
        LibraryRoots roots = new LibraryRoots(Optional.empty(), Optional.of(demo), () -> true);
        assertEquals(demo, activeRoot(roots.current()));
        assertTrue(roots.active());
    }

    @Test
    void aDemoThatIsNotShownIsDisabled() throws IOException {
        Files.createDirectories(demo);
        LibraryRoots roots = new LibraryRoots(Optional.empty(), Optional.of(demo), () -> false);
        assertEquals(new LibraryRoot.Disabled(), roots.current());
        assertFalse(roots.active());
    }

    @Test
    void theDemoFollowsWhetherItIsShownRightNow() throws IOException {
        Files.createDirectories(demo);
        AtomicBoolean shown = new AtomicBoolean(true);
        LibraryRoots roots = new LibraryRoots(Optional.empty(), Optional.of(demo), shown::get);
        assertTrue(roots.active());
        shown.set(false);
        assertEquals(new LibraryRoot.Disabled(), roots.current());
        assertFalse(roots.active());
        shown.set(true);
        assertEquals(demo, activeRoot(roots.current()));
    }

    @Test
    void noConfiguredRootAndNoDemoFolderIsDisabledEvenWhenTheDemoIsShown() {
        LibraryRoots roots = new LibraryRoots(Optional.empty(), Optional.empty(), () -> true);
        assertEquals(new LibraryRoot.Disabled(), roots.current());
        assertFalse(roots.active());
    }

    @Test
    void aDemoFolderThatWasNeverExtractedIsDisabled() {
        LibraryRoots roots = new LibraryRoots(Optional.empty(), Optional.of(demo), () -> true);
        assertEquals(new LibraryRoot.Disabled(), roots.current());
    }
}
