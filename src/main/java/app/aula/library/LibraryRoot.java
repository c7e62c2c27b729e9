package app.aula.library;

import java.nio.file.Path;

/** Whether {@code local:} refs can be served right now, and from where (media.md §2.2 step 1). */
public sealed interface LibraryRoot permits LibraryRoot.Disabled, LibraryRoot.Unavailable, LibraryRoot.Active {

    /** No root: no library path configured and the demo is not shown → 400 {@code local_refs_disabled}. */
    record Disabled() implements LibraryRoot {}

    /** A configured root that is not a readable folder → 503 {@code library_unavailable}. */
    record Unavailable(Path configured) implements LibraryRoot {}

    record Active(LocalLibrary library) implements LibraryRoot {}
}
