package app.aula.external;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** Finds and launches VLC (api.md §3.16). */
public final class ExternalPlayer {

    /** Where VLC was found: on {@code PATH} (reported as {@code opened_vlc_cmd}) or a known location. */
    public record Player(Path executable, boolean fromPath) {}

    private final Function<String, String> environment;
    private final String osName;

    public ExternalPlayer(Function<String, String> environment, String osName) {
        this.environment = environment;
        this.osName = osName.toLowerCase(Locale.ROOT);
    }

    /** True for absolute http(s) URLs and for paths starting with {@code /} (resolved later). */
    public static boolean acceptableTarget(String url) {
        if (url.startsWith("/")) {
            return !url.startsWith("//");
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * A path is resolved against the request's own origin: scheme, the local address the
     * request arrived on, the real local port and the context path (api.md §3.16).
     */
    public static String resolve(String url, String scheme, String localAddress, int localPort, String contextPath) {
        if (!url.startsWith("/")) {
            return url;
        }
        String address = localAddress.startsWith("[") && localAddress.endsWith("]")
                ? localAddress.substring(1, localAddress.length() - 1) : localAddress;
        // IPv6 literals go in brackets; a zone id's "%" must be written "%25" in a URL (RFC 6874).
        String host = address.contains(":") ? "[" + address.replace("%", "%25") + "]" : address;
        return scheme + "://" + host + ":" + localPort + contextPath + url;
    }

    public Optional<Player> find() {
        String path = environment.apply("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                for (String name : List.of("vlc", "vlc.exe")) {
                    if (dir.isEmpty()) {
                        continue;
                    }
                    Path candidate = Path.of(dir, name);
                    if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                        return Optional.of(new Player(candidate.toAbsolutePath(), true));
                    }
                }
            }
        }
        for (Path known : knownLocations()) {
            if (Files.isRegularFile(known) && Files.isExecutable(known)) {
                return Optional.of(new Player(known, false));
            }
        }
        return Optional.empty();
    }

    private List<Path> knownLocations() {
        List<Path> locations = new ArrayList<>();
        if (osName.contains("win")) {
            for (String key : List.of("ProgramFiles", "ProgramFiles(x86)")) {
                String base = environment.apply(key);
                if (base != null) {
                    locations.add(Path.of(base, "VideoLAN", "VLC", "vlc.exe"));
                }
            }
        } else if (osName.contains("mac")) {
            locations.add(Path.of("/Applications/VLC.app/Contents/MacOS/VLC"));
        }
        return locations;
    }

    /** Starts the player detached, with its output discarded. */
    public void launch(Player player, String url) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(player.executable().toString(), url);
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.redirectInput(ProcessBuilder.Redirect.from(new File(osName.contains("win") ? "NUL" : "/dev/null")));
        builder.start();
    }
}
