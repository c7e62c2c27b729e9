package app.aula.library;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Decides the active library root: {@code AULA_LIBRARY_PATH} when configured, otherwise the
 * extracted demo copy while the demo catalogue is shown (media.md §2.3). A configured root that
 * is missing at start-up is looked at again on use, so mounting it later needs no restart.
 */
public final class LibraryRoots {

    private final Optional<Path> configured;
    private final Optional<LocalLibrary> demo;
    private final BooleanSupplier demoShown;
    private final AtomicReference<LocalLibrary> configuredLibrary = new AtomicReference<>();

    public LibraryRoots(Optional<Path> configured, Optional<Path> demoFolder, BooleanSupplier demoShown) {
        this.configured = configured;
        this.demo = demoFolder.flatMap(LocalLibrary::open);
        this.demoShown = demoShown;
        configured.flatMap(LocalLibrary::open).ifPresent(configuredLibrary::set);
    }

    public LibraryRoot current() {
        if (configured.isPresent()) {
            LocalLibrary library = configuredLibrary.get();
            if (library != null && !LocalLibrary.isReadableFolder(configured.get())) {
                return new LibraryRoot.Unavailable(configured.get()); // unmounted after start-up
            }
            if (library == null) {
                library = LocalLibrary.open(configured.get()).orElse(null);
                if (library == null) {
                    return new LibraryRoot.Unavailable(configured.get());
                }
                configuredLibrary.compareAndSet(null, library);
            }
            return new LibraryRoot.Active(library);
        }
        if (demo.isPresent() && demoShown.getAsBoolean()) {
            return new LibraryRoot.Active(demo.get());
        }
        return new LibraryRoot.Disabled();
    }

    /** For {@code /api/self-check-drive} → {@code localRefsAllowed}. */
    public boolean active() {
        return current() instanceof LibraryRoot.Active;
    }
}
