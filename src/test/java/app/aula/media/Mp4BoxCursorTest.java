package app.aula.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Mp4BoxCursorTest {

    static byte[] box(String type, int payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload);
        b.putInt(8 + payload).put(type.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    static byte[] largeBox(String type, int payload) {
        ByteBuffer b = ByteBuffer.allocate(16 + payload);
        b.putInt(1).put(type.getBytes(StandardCharsets.US_ASCII)).putLong(16 + payload);
        return b.array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void nothingWrittenIsNotABoundary() {
        assertFalse(new Mp4BoxCursor().atBoundary());
    }

    @Test
    void theEndOfEachCompleteBoxIsABoundaryWhateverTheChunking() {
        byte[] stream = concat(box("ftyp", 16), box("moov", 700), largeBox("mdat", 3000), box("free", 0));
        int[] ends = {24, 24 + 708, 24 + 708 + 3016, stream.length};
        for (int chunk = 1; chunk <= 97; chunk += 3) {
            Mp4BoxCursor cursor = new Mp4BoxCursor();
            for (int at = 0; at < stream.length; at += chunk) {
                int n = Math.min(chunk, stream.length - at);
                cursor.advance(stream, at, n);
                int position = at + n;
                boolean expected = java.util.Arrays.stream(ends).anyMatch(e -> e == position);
                assertTrue(cursor.atBoundary() == expected, "chunk " + chunk + " at " + position);
            }
        }
    }

    @Test
    void aBoxRunningToTheEndOfTheFileEndsTheTracking() {
        Mp4BoxCursor cursor = new Mp4BoxCursor();
        byte[] ftyp = box("ftyp", 16);
        cursor.advance(ftyp, 0, ftyp.length);
        byte[] open = ByteBuffer.allocate(8).putInt(0).put("mdat".getBytes(StandardCharsets.US_ASCII)).array();
        cursor.advance(open, 0, open.length);
        assertFalse(cursor.atBoundary());
        cursor.advance(ftyp, 0, ftyp.length);
        assertFalse(cursor.atBoundary(), "never a boundary again after a size-0 box");
    }

    @Test
    void anImpossibleSizeEndsTheTracking() {
        Mp4BoxCursor cursor = new Mp4BoxCursor();
        byte[] bad = ByteBuffer.allocate(8).putInt(5).put("moof".getBytes(StandardCharsets.US_ASCII)).array();
        cursor.advance(bad, 0, bad.length);
        byte[] ftyp = box("ftyp", 0);
        cursor.advance(ftyp, 0, ftyp.length);
        assertFalse(cursor.atBoundary());
    }

    @Test
    void theFreeBoxIsAnEmptyEightByteFreeBoxAndItselfABoundary() {
        byte[] free = Mp4BoxCursor.freeBox();
        assertArrayEquals(new byte[] {0, 0, 0, 8, 'f', 'r', 'e', 'e'}, free);
        Mp4BoxCursor cursor = new Mp4BoxCursor();
        cursor.advance(free, 0, free.length);
        assertTrue(cursor.atBoundary());
    }

    @Test
    void theEndOfAMoofIsNeverABoundaryBecauseItsMdatMustFollowAtOnce() {
        Mp4BoxCursor cursor = new Mp4BoxCursor();
        byte[] moov = box("moov", 40);
        byte[] moof = box("moof", 100);
        byte[] mdat = box("mdat", 1000);
        cursor.advance(moov, 0, moov.length);
        assertTrue(cursor.atBoundary(), "after moov, before the first fragment");
        cursor.advance(moof, 0, moof.length);
        assertFalse(cursor.atBoundary(), "between moof and mdat");
        cursor.advance(mdat, 0, mdat.length);
        assertTrue(cursor.atBoundary(), "after the fragment's mdat");
    }
}
