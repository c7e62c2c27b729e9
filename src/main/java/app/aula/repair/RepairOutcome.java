package app.aula.repair;

/**
 * How a repair FFmpeg ended.
 *
 * @param exitCode the process's exit code (0 = success)
 * @param stderr what the process wrote to stderr (at least its first 300 characters, or its tail
 *     when a ring buffer kept only the end); never null
 */
public record RepairOutcome(int exitCode, String stderr) {

    public RepairOutcome {
        stderr = stderr == null ? "" : stderr;
    }
}
