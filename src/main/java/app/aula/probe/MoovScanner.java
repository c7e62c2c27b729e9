package app.aula.probe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Walks the top-level boxes of an MP4/MOV input (ISO/IEC 14496-12 §4.2: 32-bit size and type,
 * a 64-bit size when the size is 1, "to the end" when it is 0) until it meets {@code moov} or
 * {@code mdat}: {@code moov} first is {@link MoovPosition#FRONT}; {@code mdat} first is
 * {@link MoovPosition#END} once a later {@code moov} is found. Reads one 16-byte header per box,
 * so a typical file costs two or three reads.
 */
final class MoovScanner {

    static final int MAX_BOXES = 64;
    private static final int HEADER = 16;

    private MoovScanner() {}

    /** Never throws: an unreadable or malformed input is {@link MoovPosition#UNKNOWN}. */
    static MoovPosition scan(BoxReader reader) {
        try {
            return walk(reader);
        } catch (IOException | RuntimeException e) {
            return MoovPosition.UNKNOWN;
        }
    }

    private static MoovPosition walk(BoxReader reader) throws IOException {
        long offset = 0;
        boolean mediaSeen = false;
        byte[] header = new byte[HEADER];
        for (int box = 0; box < MAX_BOXES; box++) {
            int read = reader.read(offset, header);
            if (read < 8) {
                return MoovPosition.UNKNOWN;
            }
            ByteBuffer bytes = ByteBuffer.wrap(header);
            long boxSize = Integer.toUnsignedLong(bytes.getInt(0));
            String type = boxType(header);
            if (type == null) {
                return MoovPosition.UNKNOWN;
            }
            if (type.equals("moov")) {
                return mediaSeen ? MoovPosition.END : MoovPosition.FRONT;
            }
            if (type.equals("mdat")) {
                mediaSeen = true;
            }
            if (boxSize == 1) {
                if (read < 16) {
                    return MoovPosition.UNKNOWN;
                }
                boxSize = bytes.getLong(8);
            } else if (boxSize == 0) {
                return MoovPosition.UNKNOWN; // the last box runs to the end: no moov after it
            }
            if (boxSize < 8) {
                return MoovPosition.UNKNOWN;
            }
            offset += boxSize;
            long size = reader.size();
            if (offset < 0 || size >= 0 && offset + 8 > size) {
                return MoovPosition.UNKNOWN;
            }
        }
        return MoovPosition.UNKNOWN;
    }

    /** The four type characters, or null when they are not printable ASCII (not a box). */
    private static String boxType(byte[] header) {
        for (int i = 4; i < 8; i++) {
            if (header[i] < 0x20 || header[i] > 0x7E) {
                return null;
            }
        }
        return new String(header, 4, 4, StandardCharsets.US_ASCII);
    }
}
