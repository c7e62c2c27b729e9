package app.aula.repair;

import app.aula.config.Settings;
import java.time.Duration;

/**
 * The configured bounds of the repair subsystem (config.md §2).
 *
 * @param maxMegabytes {@code AULA_REPAIRED_MAX_MB}: cap for all artifacts together, in MiB
 * @param lockTtl {@code AULA_REPAIR_LOCK_TTL_SECONDS}: age at which a lock file counts as stale
 * @param failedRetention {@code AULA_REPAIR_FAILED_RETENTION_SECONDS}: how long failed entries stay
 */
public record RepairLimits(int maxMegabytes, Duration lockTtl, Duration failedRetention) {

    /** At most this many jobs wait behind the running one (media.md §7.3). */
    public static final int MAX_WAITING_JOBS = 32;

    public static RepairLimits from(Settings settings) {
        return new RepairLimits(settings.repairedMaxMb(), Duration.ofSeconds(settings.repairLockTtlSeconds()),
                Duration.ofSeconds(settings.repairFailedRetentionSeconds()));
    }

    long maxBytes() {
        return maxMegabytes * 1024L * 1024L;
    }
}
