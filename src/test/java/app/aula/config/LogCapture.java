package app.aula.config;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Records what is logged on {@code aula.config} while open, as {@code LEVEL message} lines. */
final class LogCapture extends Handler implements AutoCloseable {

    /** Held strongly: a logger nobody references may be collected and recreated without us. */
    private final Logger logger = Logger.getLogger(ConfigReport.LOGGER_NAME);
    private final List<LogRecord> records = new ArrayList<>();

    LogCapture() {
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord logRecord) {
        records.add(logRecord);
    }

    /** Every captured line as {@code LEVEL message}, e.g. {@code SEVERE Aula config: ...}. */
    synchronized List<String> lines() {
        return records.stream().map(r -> r.getLevel().getName() + " " + r.getMessage()).toList();
    }

    synchronized List<String> lines(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level)).map(LogRecord::getMessage).toList();
    }

    synchronized boolean anyThrown() {
        return records.stream().anyMatch(r -> r.getThrown() != null);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
