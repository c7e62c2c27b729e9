package app.aula.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FfmpegSourceTest {

    @Test
    void localFileIsFileColonAndTheAbsoluteNormalisedPath() {
        assertEquals("file:/library/course/a:b.mp4", FfmpegSource.localFile(Path.of("/library/course/./a:b.mp4")));
        assertEquals("file:" + Path.of("x/y.mp4").toAbsolutePath(), FfmpegSource.localFile(Path.of("x/y.mp4")));
    }

    @Test
    void driveIdOnIpv4IsAulasOwnRawByteEndpoint() {
        assertEquals("http://127.0.0.1:8080/drive/files/1AbC-d_e?raw=1",
                FfmpegSource.driveFile("http", "127.0.0.1", 8080, "", "1AbC-d_e"));
    }

    @Test
    void driveUrlKeepsSchemeAndContextPath() {
        assertEquals("https://10.1.2.3:8443/aula/drive/files/id?raw=1",
                FfmpegSource.driveFile("https", "10.1.2.3", 8443, "/aula", "id"));
        assertEquals("http://10.1.2.3:80/drive/files/id?raw=1",
                FfmpegSource.driveFile("http", "10.1.2.3", 80, null, "id"));
    }

    @Test
    void ipv6AddressesAreBracketedOnceWhetherOrNotTheContainerDid() {
        assertEquals("http://[::1]:8080/drive/files/id?raw=1", FfmpegSource.driveFile("http", "::1", 8080, "", "id"));
        assertEquals("http://[::1]:8080/drive/files/id?raw=1", FfmpegSource.driveFile("http", "[::1]", 8080, "", "id"));
        assertEquals("http://[0:0:0:0:0:0:0:1]:9/drive/files/id?raw=1",
                FfmpegSource.driveFile("http", "0:0:0:0:0:0:0:1", 9, "", "id"));
    }

    @Test
    void ipv6ZoneIdIsEscapedOnce() {
        assertEquals("[fe80::1%25eth0]", FfmpegSource.host("fe80::1%eth0"));
        assertEquals("[fe80::1%25eth0]", FfmpegSource.host("[fe80::1%25eth0]"));
    }

    @Test
    void fileIdIsPercentEncodedAsOnePathSegment() {
        assertEquals("http://127.0.0.1:1/drive/files/a%2Fb%3Fc%23d%20e%25%C3%A9?raw=1",
                FfmpegSource.driveFile("http", "127.0.0.1", 1, "", "a/b?c#d e%é"));
        assertEquals("AZaz09-._~", FfmpegSource.pathSegment("AZaz09-._~"));
    }
}
