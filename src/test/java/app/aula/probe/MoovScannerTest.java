package app.aula.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MoovScannerTest {

    @TempDir
    Path folder;

    private static byte[] box(String type, int payload) {
        ByteBuffer box = ByteBuffer.allocate(8 + payload);
        box.putInt(8 + payload).put(type.getBytes(StandardCharsets.US_ASCII));
        return box.array();
    }

    private static byte[] largeBox(String type, int payload) {
        ByteBuffer box = ByteBuffer.allocate(16 + payload);
        box.putInt(1).put(type.getBytes(StandardCharsets.US_ASCII)).putLong(16 + payload);
        return box.array();
    }

    private MoovPosition scan(byte[]... boxes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] box : boxes) {
            bytes.write(box);
        }
        Path file = Files.write(folder.resolve("f.mp4"), bytes.toByteArray());
        try (LocalBoxReader reader = new LocalBoxReader(file)) {
            return MoovScanner.scan(reader);
        }
    }

    @Test
    void moovBeforeMdatIsFront() throws IOException {
        assertEquals(MoovPosition.FRONT, scan(box("ftyp", 16), box("moov", 40), box("mdat", 100)));
    }

    @Test
    void moovAfterMdatIsEnd() throws IOException {
        assertEquals(MoovPosition.END, scan(box("ftyp", 16), box("free", 0), box("mdat", 300), box("moov", 40)));
    }

    @Test
    void sixtyFourBitSizesAreFollowed() throws IOException {
        assertEquals(MoovPosition.END, scan(box("ftyp", 16), largeBox("mdat", 500), box("moov", 40)));
    }

    @Test
    void noMoovOrGarbageIsUnknown() throws IOException {
        assertEquals(MoovPosition.UNKNOWN, scan(box("ftyp", 16), box("mdat", 100)));
        assertEquals(MoovPosition.UNKNOWN, scan(new byte[] {0, 0, 0, 8, 1, 2, 3, 4, 9, 9}));
        assertEquals(MoovPosition.UNKNOWN, scan(new byte[] {0, 0, 0, 4, 'f', 't', 'y', 'p'}));
        assertEquals(MoovPosition.UNKNOWN, scan(new byte[0]));
    }

    @Test
    void contentRangeTotal() {
        assertEquals(1234, RangeBoxReader.total("bytes 0-15/1234"));
        assertEquals(-1, RangeBoxReader.total("bytes 0-15/*"));
    }
}
