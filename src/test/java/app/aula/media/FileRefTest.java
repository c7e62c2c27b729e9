package app.aula.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** media.md §2.1 (syntax of refs) and §2.2 step 2 (syntax of {@code local:} paths). */
class FileRefTest {

    private static void assertDriveId(String text) {
        assertEquals(new FileRef.Parsed(Optional.of(new FileRef.DriveId(text)), null), FileRef.parse(text));
    }

    private static void assertLocal(String text, String path) {
        assertEquals(new FileRef.Parsed(Optional.of(new FileRef.LocalPath(text, path)), null), FileRef.parse(text));
    }

    private static void assertRefused(String text, FileRef.Problem problem) {
        assertEquals(new FileRef.Parsed(Optional.empty(), problem), FileRef.parse(text));
    }

    // ---- Drive ids

    @ParameterizedTest
    @ValueSource(strings = {"1PandasVideo0001", "1AbcdefGhij", "abcdefghij", "0123456789", "__________", "----------",
        "1a_B-c_D-e_F-g_H-i_J-k_L-m_N-o_P-q_R-s_T-u_V-w_X-y_Z-0123456789"})
    void driveIdsOfTenOrMoreAllowedCharactersAreAccepted(String id) {
        assertDriveId(id);
    }

    @Test
    void nineCharactersAreRefused() {
        assertRefused("123456789", FileRef.Problem.INVALID_FILE_ID);
    }

    @Test
    void driveIdWithTrailingNewlineIsRefused() {
        assertRefused("1AbcdefGhij\n", FileRef.Problem.INVALID_FILE_ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 1AbcdefGhij", "1AbcdefGhij ", "1AbcdefGhij\r\n", "\n1AbcdefGhij", "1Abcdef.Ghij",
        "1Abcdef/Ghij", "1Abcdef Ghij", "1Abcdéfghij", "1AbcdefGhij%20", "../../etc/passwd", "1Abcdef+Ghij",
        "LOCAL:sql/01.mp4", "Local:sql/01.mp4", "local", "1AbcdefGhij\u0000"})
    void otherNonLocalTextIsAnInvalidFileId(String text) {
        assertRefused(text, FileRef.Problem.INVALID_FILE_ID);
    }

    @Test
    void nullIsAnInvalidFileId() {
        assertRefused(null, FileRef.Problem.INVALID_FILE_ID);
    }

    @Test
    void problemCodesAreTheApiErrorCodes() {
        assertEquals("invalid_file_id", FileRef.Problem.INVALID_FILE_ID.code());
        assertEquals("invalid_local_ref", FileRef.Problem.INVALID_LOCAL_REF.code());
    }

    // ---- local: refs, the examples of media.md §2.2

    @Test
    void servableExampleIsALocalPath() {
        assertLocal("local:sql/01-consultas.mp4", "sql/01-consultas.mp4");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local:", "local:/etc/x", "local:C:/video.mp4", "local:../x.mp4", "local:a/./b.mp4",
        "local:a\\b.mp4", "local:.env"})
    void refusedExamplesOfTheSpecAreInvalidLocalRefs(String text) {
        assertRefused(text, FileRef.Problem.INVALID_LOCAL_REF);
    }

    @ParameterizedTest
    @ValueSource(strings = {"local:enlace/x.mp4", "local:falta.mp4", "local:sql"})
    void examplesDecidedByResolutionAreSyntacticallyValid(String text) {
        assertLocal(text, text.substring("local:".length()));
    }

    // ---- local: syntax rules

    @ParameterizedTest
    @ValueSource(strings = {"local:a\\b", "local:\\a", "local:a/b\\", "local:..\\x.mp4"})
    void backslashIsRefused(String text) {
        assertRefused(text, FileRef.Problem.INVALID_LOCAL_REF);
    }

    @ParameterizedTest
    @ValueSource(strings = {"local:a:b.mp4", "local:video.mp4:stream", "local:c:", "local::x", "local:local:x"})
    void colonIsRefusedAnywhere(String text) {
        assertRefused(text, FileRef.Problem.INVALID_LOCAL_REF);
    }

    @ParameterizedTest
    @ValueSource(strings = {"local:a\u0000b", "local:a\nb", "local:a\rb", "local:a\tb", "local:x.mp4\n", "local:a\u001fb",
        "local:a\u007fb", "local:a\u0085b", "local:a\u009fb"})
    void controlCharactersAreRefused(String text) {
        assertRefused(text, FileRef.Problem.INVALID_LOCAL_REF);
    }

    @ParameterizedTest
    @ValueSource(strings = {"local:a//b.mp4", "local:a/", "local:a/b/", "local:/", "local://x", "local:.", "local:..",
        "local:a/.", "local:a/..", "local:./a", "local:a/../b", "local:sql/./01.mp4"})
    void emptyDotAndDotDotSegmentsAreRefused(String text) {
        assertRefused(text, FileRef.Problem.INVALID_LOCAL_REF);
    }

    @ParameterizedTest
    @ValueSource(strings = {"local:.hidden/x.mp4", "local:a/.git/config", "local:a/.x.mp4", "local:...", "local:..x"})
    void hiddenSegmentsAreRefused(String text) {
        assertRefused(text, FileRef.Problem.INVALID_LOCAL_REF);
    }

    @ParameterizedTest
    @ValueSource(strings = {"local:a /b.mp4", "local:a/b.mp4 ", "local:a./b.mp4", "local:a/b.", "local:x ", "local: "})
    void segmentsEndingWithSpaceOrDotAreRefused(String text) {
        assertRefused(text, FileRef.Problem.INVALID_LOCAL_REF);
    }

    @ParameterizedTest
    @ValueSource(strings = {"local:a b/c d.mp4", "local: a/b.mp4", "local:clases/introducción.mp4", "local:a.b.c/d.e",
        "local:x", "local:a-b_c/01 - Intro (HD).mp4", "local:日本/動画.mp4"})
    void ordinaryRelativePathsAreAccepted(String text) {
        assertLocal(text, text.substring("local:".length()));
    }

    @Test
    void pathOf1024CharactersIsAccepted() {
        String path = "a/".repeat(511) + "bc";
        assertEquals(1024, path.length());
        assertLocal("local:" + path, path);
    }

    @Test
    void pathOf1025CharactersIsRefused() {
        String path = "a/".repeat(511) + "bcd";
        assertEquals(1025, path.length());
        assertRefused("local:" + path, FileRef.Problem.INVALID_LOCAL_REF);
    }

    @Test
    void localPathKeepsTheRefTextExactly() {
        FileRef ref = FileRef.parse("local:sql/01-consultas.mp4").ref().orElseThrow();
        assertEquals("local:sql/01-consultas.mp4", ref.text());
        assertNull(FileRef.parse("local:sql/01-consultas.mp4").problem());
    }
}
