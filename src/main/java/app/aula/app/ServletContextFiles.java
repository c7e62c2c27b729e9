package app.aula.app;

import app.aula.library.DemoLibrary;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/** The WAR's own files, as the demo extraction reads them. */
final class ServletContextFiles implements DemoLibrary.BundledFiles {

    private final ServletContext context;

    ServletContextFiles(ServletContext context) {
        this.context = context;
    }

    @Override
    public Set<String> list(String folder) {
        Set<String> paths = context.getResourcePaths(folder);
        return paths == null ? Set.of() : paths;
    }

    @Override
    public InputStream open(String path) throws IOException {
        InputStream in = context.getResourceAsStream(path);
        if (in == null) {
            throw new IOException("missing bundled file " + path);
        }
        return in;
    }
}
