package app.aula.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Three mutable maps standing in for system properties, environment and context parameters. */
final class Sources {

    final Map<String, String> system = new HashMap<>();
    final Map<String, String> environment = new HashMap<>();
    final Map<String, String> context = new HashMap<>();
    private final Path home;
    private final Path workingDirectory;

    Sources(Path home, Path workingDirectory) {
        this.home = home;
        this.workingDirectory = workingDirectory;
    }

    Sources system(String key, String value) {
        system.put(key, value);
        return this;
    }

    Sources env(String key, String value) {
        environment.put(key, value);
        return this;
    }

    Sources context(String key, String value) {
        context.put(key, value);
        return this;
    }

    Settings load() {
        return new SettingsLoader(system::get, environment::get, context::get, home, workingDirectory).load();
    }
}
