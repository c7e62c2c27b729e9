package app.aula.media;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A file reference from the catalogue (media.md §2.1): a Drive id matching
 * {@code ^[A-Za-z0-9_-]{10,}$} in full, or {@code local:<relative path>} whose path passes the
 * syntax rules of media.md §2.2 step 2.
 */
public sealed interface FileRef permits FileRef.DriveId, FileRef.LocalPath {

    Pattern DRIVE_ID = Pattern.compile("[A-Za-z0-9_-]{10,}");
    String LOCAL_PREFIX = "local:";

    /** The ref exactly as the client gave it. */
    String text();

    record DriveId(String text) implements FileRef {}

    record LocalPath(String text, String path) implements FileRef {}

    /** Why a ref was refused, as an api.md §4 code. */
    enum Problem {
        INVALID_FILE_ID("invalid_file_id"),
        INVALID_LOCAL_REF("invalid_local_ref");

        private final String code;

        Problem(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** Either a ref or the reason it is not one. */
    record Parsed(Optional<FileRef> ref, Problem problem) {}

    static Parsed parse(String text) {
        if (text == null) {
            return new Parsed(Optional.empty(), Problem.INVALID_FILE_ID);
        }
        if (text.startsWith(LOCAL_PREFIX)) {
            String path = text.substring(LOCAL_PREFIX.length());
            return localPathAllowed(path)
                    ? new Parsed(Optional.of(new LocalPath(text, path)), null)
                    : new Parsed(Optional.empty(), Problem.INVALID_LOCAL_REF);
        }
        // matcher().matches() covers the whole input, so a trailing newline is refused (fixed).
        return DRIVE_ID.matcher(text).matches()
                ? new Parsed(Optional.of(new DriveId(text)), null)
                : new Parsed(Optional.empty(), Problem.INVALID_FILE_ID);
    }

    /** media.md §2.2 step 2. */
    static boolean localPathAllowed(String path) {
        if (path.isEmpty() || path.length() > 1024 || path.startsWith("/")) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\' || c == ':' || Character.isISOControl(c)) {
                return false;
            }
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.startsWith(".") || segment.endsWith(" ") || segment.endsWith(".")) {
                return false;
            }
        }
        return true;
    }
}
