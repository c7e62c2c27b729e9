package app.aula.media;

/**
 * Follows the top-level box structure of an ISO BMFF (MP4) byte stream as it is written, so that
 * something may be inserted between two top-level boxes and nowhere else. It reads only box
 * headers (32-bit size and type, or the 64-bit large size); a box whose size is 0 ("to the end of
 * the file") or impossible ends the tracking, after which no position counts as a boundary.
 */
final class Mp4BoxCursor {

    /**
     * An empty {@code free} box (ISO/IEC 14496-12 §8.1.2): its content "may be ignored, or the
     * object deleted, without affecting the presentation", so it is the one thing that can be
     * written between fragments to learn whether the client is still there.
     */
    static byte[] freeBox() {
        return new byte[] {0, 0, 0, 8, 'f', 'r', 'e', 'e'};
    }

    private final byte[] header = new byte[16];
    private int headerFill;
    private long remaining;
    private long boxes;
    private boolean lost;
    /** The type of the last box started: nothing may go between a {@code moof} and its {@code mdat}. */
    private int lastType;

    /** Takes the next bytes of the stream into account. */
    void advance(byte[] bytes, int offset, int length) {
        int at = offset;
        int end = offset + length;
        while (at < end && !lost) {
            if (remaining > 0) {
                int n = (int) Math.min(remaining, end - at);
                remaining -= n;
                at += n;
                continue;
            }
            header[headerFill++] = bytes[at++];
            if (headerFill == 8) {
                long size = readUnsigned(0, 4);
                if (size == 1) {
                    continue; // a 64-bit large size follows the type
                }
                startBox(size, 8);
            } else if (headerFill == 16) {
                startBox(readUnsigned(8, 8), 16);
            }
        }
    }

    /**
     * True when every byte so far belongs to a complete top-level box, there was one, and it was
     * not a {@code moof}: a fragment's sample offsets count from its {@code moof}
     * ({@code default_base_moof}), so a box between {@code moof} and {@code mdat} would shift
     * every sample of the fragment.
     */
    boolean atBoundary() {
        return !lost && boxes > 0 && headerFill == 0 && remaining == 0 && lastType != MOOF;
    }

    private static final int MOOF = ('m' << 24) | ('o' << 16) | ('o' << 8) | 'f';

    private void startBox(long size, int headerLength) {
        if (size < headerLength) { // 0 = "to the end of the file", negative = above 2^63, or corrupt
            lost = true;
            return;
        }
        remaining = size - headerLength;
        headerFill = 0;
        lastType = (int) readUnsigned(4, 4);
        boxes++;
    }

    private long readUnsigned(int from, int count) {
        long value = 0;
        for (int i = from; i < from + count; i++) {
            value = (value << 8) | (header[i] & 0xFF);
        }
        return value;
    }
}
