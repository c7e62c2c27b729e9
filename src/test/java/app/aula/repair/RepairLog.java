package app.aula.repair;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Records what is logged on {@code aula.repair} while open, as {@code LEVEL message} lines. */
final class RepairLog extends Handler implements AutoCloseable {

    /** Held strongly: a logger nobody references may be collected and recreated without this handler. */
    private final Logger logger = Logger.getLogger("aula.repair");
    private final List<LogRecord> records = new ArrayList<>();

    RepairLog() {
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord logRecord) {
        records.add(logRecord);
    }

    synchronized List<String> warnings() {
        return records.stream().filter(r -> r.getLevel().equals(Level.WARNING)).map(LogRecord::getMessage).toList();
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
