package app.aula.drive;

import app.aula.config.Settings;
import com.google.api.services.drive.DriveScopes;
import com.google.auth.http.HttpTransportFactory;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finds the Google credentials Aula uses for Drive, in the order of media.md §4.1: the inline key,
 * the key file, {@code GOOGLE_APPLICATION_CREDENTIALS}, {@code service_account.json} in the data
 * folder then the viewer folder (sources 1–4, which only read local files), and finally the rest
 * of Application Default Credentials (source 5, which may use the network and is therefore only
 * ever called from a background thread).
 *
 * <p>Parsing is left to google-auth-library. What is searched is recorded as short notes for
 * {@code /api/health → drive.error}; notes name keys and paths, never key material, and the
 * library's exception messages are never copied into them.
 */
final class DriveCredentialSource {

    private static final Logger LOG = Logger.getLogger("aula.drive");

    /** Read-only Drive access, and nothing else. */
    static final String SCOPE = DriveScopes.DRIVE_READONLY;
    static final String COMPAT_KEY_FILE = "service_account.json";

    /** Source 5: the remaining Application Default Credentials lookups. May block on the network. */
    @FunctionalInterface
    interface ApplicationDefaultLookup {
        GoogleCredentials find() throws IOException;
    }

    /** Credentials, already scoped, and where they came from (for the log; no secret in it). */
    record Found(GoogleCredentials credentials, String source) {}

    /** The outcome of sources 1–4: credentials, or nothing plus what was searched. */
    record LocalSearch(Optional<Found> found, List<String> searched) {}

    private final Settings settings;
    private final HttpTransportFactory transportFactory;
    private final ApplicationDefaultLookup applicationDefault;

    DriveCredentialSource(Settings settings, HttpTransportFactory transportFactory,
            ApplicationDefaultLookup applicationDefault) {
        this.settings = settings;
        this.transportFactory = transportFactory;
        this.applicationDefault = applicationDefault;
    }

    /** The production lookup of source 5: google-auth-library's own ADC search. */
    static ApplicationDefaultLookup libraryApplicationDefault(HttpTransportFactory transportFactory) {
        return () -> GoogleCredentials.getApplicationDefault(transportFactory);
    }

    /** Sources 1–4, first present and usable wins. Reads local files only; never throws. */
    LocalSearch resolveLocal() {
        List<String> searched = new ArrayList<>();
        Optional<Found> found = inlineKey(searched)
                .or(() -> keyFile(searched))
                .or(() -> applicationCredentialsFile(searched))
                .or(() -> compatibilityKeyFiles(searched));
        return new LocalSearch(found, List.copyOf(searched));
    }

    /** Source 5. Blocks while the library probes (well-known file, metadata server). */
    Optional<Found> resolveApplicationDefault() {
        try {
            GoogleCredentials credentials = applicationDefault.find();
            if (credentials == null) {
                return Optional.empty();
            }
            return Optional.of(new Found(credentials.createScoped(List.of(SCOPE)), "Application Default Credentials"));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Application Default Credentials not found", e);
            return Optional.empty();
        }
    }

    private Optional<Found> inlineKey(List<String> searched) {
        String key = "GOOGLE_SERVICE_ACCOUNT_JSON";
        Optional<String> json = settings.serviceAccountJson();
        if (json.isEmpty()) {
            searched.add(key + (rejected(key) ? " (rejected, see config.errors)" : " (not set)"));
            return Optional.empty();
        }
        byte[] bytes = json.get().getBytes(StandardCharsets.UTF_8);
        return serviceAccountKey(new ByteArrayInputStream(bytes), key, searched);
    }

    private Optional<Found> keyFile(List<String> searched) {
        String key = "GOOGLE_SERVICE_ACCOUNT_FILE";
        Optional<Path> file = settings.serviceAccountFile();
        if (file.isEmpty()) {
            searched.add(key + (rejected(key) ? " (not a readable file, see config.errors)" : " (not set)"));
            return Optional.empty();
        }
        return openKeyFile(file.get(), key + " " + file.get(), searched, true);
    }

    private Optional<Found> applicationCredentialsFile(List<String> searched) {
        String key = "GOOGLE_APPLICATION_CREDENTIALS";
        Optional<Path> file = settings.applicationCredentials();
        if (file.isEmpty()) {
            searched.add(key + (rejected(key) ? " (not a readable file, see config.errors)" : " (not set)"));
            return Optional.empty();
        }
        return openKeyFile(file.get(), key + " " + file.get(), searched, false);
    }

    private Optional<Found> compatibilityKeyFiles(List<String> searched) {
        Set<Path> candidates = new LinkedHashSet<>();
        candidates.add(settings.dataPath().resolve(COMPAT_KEY_FILE));
        settings.viewerPath().ifPresent(viewer -> candidates.add(viewer.resolve(COMPAT_KEY_FILE)));
        for (Path candidate : candidates) {
            if (!Files.exists(candidate)) {
                searched.add(candidate + " (not found)");
                continue;
            }
            Optional<Found> found = openKeyFile(candidate, candidate.toString(), searched, true);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** {@code serviceAccountOnly}: the file must be a service-account key; otherwise any ADC file. */
    private Optional<Found> openKeyFile(Path file, String label, List<String> searched, boolean serviceAccountOnly) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            searched.add(label + " (not a readable file)");
            LOG.warning("Google credentials: " + label + " is not a readable file; trying the next source");
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return serviceAccountOnly ? serviceAccountKey(in, label, searched) : anyCredentialFile(in, label, searched);
        } catch (IOException e) {
            searched.add(label + " (not readable)");
            LOG.warning("Google credentials: " + label + " could not be read (" + e.getClass().getSimpleName()
                    + "); trying the next source");
            return Optional.empty();
        }
    }

    private Optional<Found> serviceAccountKey(InputStream in, String label, List<String> searched) {
        try {
            GoogleCredentials credentials = ServiceAccountCredentials.fromStream(in, transportFactory);
            return Optional.of(new Found(credentials.createScoped(List.of(SCOPE)), label));
        } catch (IOException | RuntimeException e) {
            return unusable(label, e, searched, "not a usable service-account key");
        }
    }

    private Optional<Found> anyCredentialFile(InputStream in, String label, List<String> searched) {
        try {
            GoogleCredentials credentials = GoogleCredentials.fromStream(in, transportFactory);
            return Optional.of(new Found(credentials.createScoped(List.of(SCOPE)), label));
        } catch (IOException | RuntimeException e) {
            return unusable(label, e, searched, "not a usable credentials file");
        }
    }

    private static Optional<Found> unusable(String label, Exception e, List<String> searched, String what) {
        // The library's message may quote the key, so only the exception type is logged.
        searched.add(label + " (" + what + ")");
        LOG.warning("Google credentials: " + label + " is " + what + " (" + e.getClass().getSimpleName()
                + "); trying the next source");
        return Optional.empty();
    }

    private boolean rejected(String key) {
        return settings.errors().stream().anyMatch(error -> key.equals(error.key()));
    }
}
