/**
 * Repair: background remux of a problem video into a seekable MP4 artifact under
 * {@code <AULA_DATA_PATH>/repaired_videos/} (media.md §7). {@link app.aula.repair.RepairService}
 * is the one entry point the HTTP layer uses: it decides a repair request (api.md §3.13 steps
 * 5–11), answers status and artifact look-ups, and owns the single worker that runs one repair at
 * a time behind a bounded FIFO queue and a global FFmpeg slot. The persistent side is the atomic
 * {@code repair_state.json} ({@link app.aula.repair.RepairState}) plus the artifact, meta and lock
 * files of each ref ({@link app.aula.repair.ArtifactFiles}); start-up recovery, eviction and
 * retention live in {@link app.aula.repair.RepairJanitor}. FFmpeg itself is reached only through
 * the small {@link app.aula.repair.RepairRunner} and {@link app.aula.repair.RepairSlots}
 * interfaces, so the wiring can plug in the shared FFmpeg service and tests can use a fake binary.
 */
package app.aula.repair;
