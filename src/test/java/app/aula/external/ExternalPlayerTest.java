package app.aula.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** api.md §3.16: URL checks, resolution against the request's own origin, and the VLC lookup. */
class ExternalPlayerTest {

    @TempDir
    Path temp;

    private static ExternalPlayer player(Map<String, String> env, String os) {
        return new ExternalPlayer(env::get, os);
    }

    private static Path executable(Path file, String script) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    // ---- acceptableTarget

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/drive/files/1PandasVideo0001", "https://example.org/v.mp4",
        "HTTPS://EXAMPLE.ORG/", "http://[::1]:8080/x", "http://example.org", "/drive/files/1PandasVideo0001",
        "/api/video-compatible/1PandasVideo0001?start=30", "/"})
    void absoluteHttpUrlsAndRootedPathsAreAcceptable(String url) {
        assertTrue(ExternalPlayer.acceptableTarget(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.org/x.mp4", "ftp://example.org/v.mp4", "file:///etc/passwd", "javascript:alert(1)",
        "smb://host/share", "drive/files/x", "relative.mp4", "http:/no-host", "http:no-host", "http://", "",
        "http://exa mple.org/", "--help", "-I dummy", "data:text/plain,x", "vlc://x"})
    void otherTargetsAreNotAcceptable(String url) {
        assertFalse(ExternalPlayer.acceptableTarget(url));
    }

    // ---- resolve

    @Test
    void absoluteUrlIsKeptUnchanged() {
        assertEquals("https://example.org/v.mp4",
                ExternalPlayer.resolve("https://example.org/v.mp4", "http", "127.0.0.1", 8080, "/aula"));
    }

    @Test
    void pathIsResolvedAgainstTheIpv4LocalAddressAndPort() {
        assertEquals("http://127.0.0.1:8080/drive/files/1PandasVideo0001",
                ExternalPlayer.resolve("/drive/files/1PandasVideo0001", "http", "127.0.0.1", 8080, ""));
    }

    @Test
    void pathIsResolvedUnderTheContextPath() {
        assertEquals("https://192.168.1.5:8443/aula/drive/files/1PandasVideo0001?raw=1",
                ExternalPlayer.resolve("/drive/files/1PandasVideo0001?raw=1", "https", "192.168.1.5", 8443, "/aula"));
    }

    @Test
    void ipv6LocalAddressIsBracketed() {
        assertEquals("http://[::1]:9090/x", ExternalPlayer.resolve("/x", "http", "::1", 9090, ""));
        assertEquals("http://[0:0:0:0:0:0:0:1]:9090/ctx/x",
                ExternalPlayer.resolve("/x", "http", "0:0:0:0:0:0:0:1", 9090, "/ctx"));
    }

    @Test
    void ipv6LocalAddressAlreadyInBracketsIsNotBracketedTwice() {
        // Jetty reports IPv6 local addresses in brackets (for example "[::1]").
        assertEquals("http://[::1]:9090/x", ExternalPlayer.resolve("/x", "http", "[::1]", 9090, ""));
    }

    // ---- find

    @Test
    void vlcOnPathIsFoundAndReportedAsFromPath() throws IOException {
        Path empty = Files.createDirectories(temp.resolve("empty"));
        Path bin = temp.resolve("bin");
        Path vlc = executable(bin.resolve("vlc"), "#!/bin/sh\nexit 0\n");
        ExternalPlayer player = player(Map.of("PATH", empty + File.pathSeparator + bin), "Linux");
        assertEquals(Optional.of(new ExternalPlayer.Player(vlc.toAbsolutePath(), true)), player.find());
    }

    @Test
    void firstPathEntryHoldingVlcWins() throws IOException {
        Path first = executable(temp.resolve("one/vlc"), "#!/bin/sh\n");
        executable(temp.resolve("two/vlc"), "#!/bin/sh\n");
        ExternalPlayer player = player(Map.of("PATH", first.getParent() + File.pathSeparator + temp.resolve("two")), "Linux");
        assertEquals(first, player.find().orElseThrow().executable());
    }

    @Test
    void nonExecutableVlcOrFolderNamedVlcIsSkipped() throws IOException {
        Path plain = Files.createDirectories(temp.resolve("plain"));
        Files.writeString(plain.resolve("vlc"), "not executable");
        Files.setPosixFilePermissions(plain.resolve("vlc"), PosixFilePermissions.fromString("rw-r--r--"));
        Path dir = Files.createDirectories(temp.resolve("dir/vlc")).getParent();
        ExternalPlayer player = player(Map.of("PATH", plain + File.pathSeparator + dir), "Linux");
        assertEquals(Optional.empty(), player.find());
    }

    @Test
    void noVlcAnywhereGivesEmpty() throws IOException {
        Path empty = Files.createDirectories(temp.resolve("empty"));
        assertEquals(Optional.empty(), player(Map.of("PATH", empty.toString()), "Linux").find());
        assertEquals(Optional.empty(), player(Map.of(), "Linux").find());
        assertEquals(Optional.empty(), player(Map.of("PATH", File.pathSeparator + File.pathSeparator), "Linux").find());
    }

    @Test
    void windowsProgramFilesLocationIsFoundAndNotReportedAsFromPath() throws IOException {
        Path programFiles = temp.resolve("Program Files (x86)");
        Path vlc = executable(programFiles.resolve("VideoLAN/VLC/vlc.exe"), "#!/bin/sh\n");
        ExternalPlayer player = player(Map.of("ProgramFiles", temp.resolve("Program Files").toString(),
                "ProgramFiles(x86)", programFiles.toString()), "Windows 11");
        assertEquals(Optional.of(new ExternalPlayer.Player(vlc, false)), player.find());
    }

    @Test
    void pathIsSearchedBeforeTheKnownLocations() throws IOException {
        Path programFiles = temp.resolve("pf");
        executable(programFiles.resolve("VideoLAN/VLC/vlc.exe"), "#!/bin/sh\n");
        Path onPath = executable(temp.resolve("bin/vlc"), "#!/bin/sh\n");
        ExternalPlayer player = player(Map.of("PATH", onPath.getParent().toString(), "ProgramFiles", programFiles.toString()),
                "Windows 10");
        assertEquals(Optional.of(new ExternalPlayer.Player(onPath, true)), player.find());
    }

    @Test
    void windowsLocationsAreNotConsultedOnLinux() throws IOException {
        Path programFiles = temp.resolve("pf");
        executable(programFiles.resolve("VideoLAN/VLC/vlc.exe"), "#!/bin/sh\n");
        assertEquals(Optional.empty(), player(Map.of("ProgramFiles", programFiles.toString()), "Linux").find());
    }

    // ---- launch

    @Test
    void launchPassesTheUrlAsOneArgumentWithoutAShell() throws Exception {
        Path out = temp.resolve("args.txt");
        Path done = temp.resolve("done");
        Path vlc = executable(temp.resolve("bin/vlc"),
                "#!/bin/sh\nprintf '%s\\n' \"$#\" \"$@\" > '" + out + "'\ntouch '" + done + "'\n");
        ExternalPlayer player = player(Map.of("PATH", vlc.getParent().toString()), "Linux");
        String url = "http://127.0.0.1:8080/x?a=1&b=$(touch " + temp.resolve("pwned") + ");touch " + temp.resolve("pwned2");
        player.launch(player.find().orElseThrow(), url);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(done) && System.nanoTime() < deadline) {
            Thread.sleep(10); // polling interval, bounded by the deadline
        }
        assertTrue(Files.exists(done), "the player script ran");
        assertEquals(List.of("1", url), Files.readAllLines(out, StandardCharsets.UTF_8));
        assertFalse(Files.exists(temp.resolve("pwned")));
        assertFalse(Files.exists(temp.resolve("pwned2")));
    }
}
