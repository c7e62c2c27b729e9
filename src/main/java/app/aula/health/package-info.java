/**
 * Health: the {@code /api/health} document (api.md §3.1), assembled from state the other
 * features keep in memory (configuration result, catalogue snapshot, uptime), so that it never
 * waits on Drive, FFmpeg or the disk. Sections for features not built yet report themselves
 * unavailable with zero counters, keeping the original's exact field sets.
 */
package app.aula.health;
