package app.aula.repair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** media.md §7.1: artifact names, paths under {@code repaired_videos/}, and the ready rule. */
class ArtifactFilesTest {

    @TempDir
    Path data;

    @Test
    void aDriveIdIsItsOwnNameAndALocalRefIsLocalDashThe32FirstHexDigitsOfItsSha256()
            throws NoSuchAlgorithmException {
        String ref = "local:sql/01-consultas.mp4";
        String hex = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(ref.getBytes(StandardCharsets.UTF_8)));

        assertEquals("1AbcdefGhij", ArtifactNames.nameOf("1AbcdefGhij"));
        assertEquals("local-" + hex.substring(0, 32), ArtifactNames.nameOf(ref));
        assertEquals("repaired_videos/local-" + hex.substring(0, 32) + ".mp4", ArtifactNames.relativeArtifactPath(ref));
    }

    @Test
    void theFilesOfARefAreItsMp4MetaAndLockDirectlyInTheRepairedFolder() {
        RepairFolder folder = new RepairFolder(data);
        ArtifactFiles files = folder.filesOf("1AbcdefGhij").orElseThrow();

        Path repaired = data.resolve("repaired_videos").toAbsolutePath();
        assertEquals(repaired.resolve("1AbcdefGhij.mp4"), files.video());
        assertEquals(repaired.resolve("1AbcdefGhij.meta.json"), files.meta());
        assertEquals(repaired.resolve("1AbcdefGhij.lock"), files.lock());
        assertEquals(Optional.empty(), folder.filesOf("../1AbcdefGhij"));
        assertEquals(Optional.empty(), folder.filesOf("sub/1AbcdefGhij"));
        assertEquals(Optional.empty(), folder.filesOf(""));
    }

    @Test
    void anArtifactIsReadyOnlyWithANonEmptyMp4AndAMetaFile() throws IOException {
        RepairFolder folder = new RepairFolder(data);
        folder.create();
        ArtifactFiles files = folder.filesOf("1AbcdefGhij").orElseThrow();

        assertFalse(files.ready(), "nothing on disk");
        Files.writeString(files.meta(), "{}");
        assertFalse(files.ready(), "meta without mp4");
        Files.writeString(files.video(), "");
        assertFalse(files.ready(), "empty mp4");
        Files.writeString(files.video(), "0");
        assertTrue(files.ready());
        Files.delete(files.meta());
        assertFalse(files.ready(), "mp4 without meta");
    }

    @Test
    void theMetaFileRecordsTheRefModeSizeAndTimeAndTheLockThePidAndTime() throws IOException {
        RepairFolder folder = new RepairFolder(data);
        folder.create();
        ArtifactFiles files = folder.filesOf("local:a.mp4").orElseThrow();
        java.time.Instant at = java.time.Instant.parse("2024-05-06T07:08:09.5Z");

        files.writeMeta("local:a.mp4", 10, at);
        files.writeLock(at);

        assertEquals("{\"fileId\":\"local:a.mp4\",\"ffmpegMode\":\"remux_audio\",\"fileSize\":10,"
                + "\"repairedAt\":\"2024-05-06T07:08:09Z\"}", Files.readString(files.meta()));
        assertEquals("{\"pid\":" + ProcessHandle.current().pid() + ",\"at\":\"2024-05-06T07:08:09Z\"}",
                Files.readString(files.lock()));
        assertEquals(Optional.of("local:a.mp4"), files.metaFileId());
    }
}
