package app.aula.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class PreparedBodyTest {

    private static final byte[] BODY = "{\"categories\":[],\"text\":\"ñandú ñandú ñandú ñandú ñandú\"}"
            .repeat(40).getBytes(StandardCharsets.UTF_8);

    static byte[] gunzip(byte[] gzip) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    @Test
    void identityIsKeptAsGiven() {
        assertSame(BODY, PreparedBody.of(BODY).identity());
    }

    @Test
    void gzipDecompressesToTheIdentityBytes() throws IOException {
        assertArrayEquals(BODY, gunzip(PreparedBody.of(BODY).gzip()));
        assertArrayEquals(new byte[0], gunzip(PreparedBody.of(new byte[0]).gzip()));
    }

    @Test
    void gzipUsesDeflateLevelSix() {
        Deflater deflater = new Deflater(6, true);
        deflater.setInput(BODY);
        deflater.finish();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        byte[] chunk = new byte[512];
        while (!deflater.finished()) {
            raw.write(chunk, 0, deflater.deflate(chunk));
        }
        deflater.end();
        byte[] gzip = PreparedBody.of(BODY).gzip();
        // a gzip member is a 10-byte header, the raw deflate stream and an 8-byte trailer
        assertArrayEquals(raw.toByteArray(), Arrays.copyOfRange(gzip, 10, gzip.length - 8));
    }
}
