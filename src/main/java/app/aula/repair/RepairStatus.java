package app.aula.repair;

import java.util.Optional;

/** The {@code status} of a repair entry, with its wire name and its defaults (media.md §7.2). */
public enum RepairStatus {
    PENDING("pending", 0.0, "pending"),
    IN_PROGRESS("in_progress", 0.05, "pending"),
    COMPLETED("completed", 1.0, "remux_audio"),
    FAILED("failed", 0.0, "failed"),
    /** Progress and mode stay as stored; the defaults apply only to a stored entry that lacks them. */
    EVICTED("evicted", 1.0, "remux_audio");

    private final String wireName;
    private final double progress;
    private final String ffmpegMode;

    RepairStatus(String wireName, double progress, String ffmpegMode) {
        this.wireName = wireName;
        this.progress = progress;
        this.ffmpegMode = ffmpegMode;
    }

    public String wireName() {
        return wireName;
    }

    double progress() {
        return progress;
    }

    String ffmpegMode() {
        return ffmpegMode;
    }

    static Optional<RepairStatus> fromWireName(String text) {
        for (RepairStatus status : values()) {
            if (status.wireName.equals(text)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
