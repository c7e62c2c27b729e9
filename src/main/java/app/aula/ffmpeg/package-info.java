/**
 * FFmpeg (media.md §6, §7.3), with no HTTP in it: {@link app.aula.ffmpeg.FfmpegDiscovery} finds
 * the binary ({@code FFMPEG_PATH}, then {@code PATH}, each accepted only when {@code -version}
 * exits 0 within 4 s, a miss re-probed at most once a minute); {@link app.aula.ffmpeg.FfmpegSlots}
 * is the global {@code AULA_MAX_FFMPEG_JOBS} cap shared by compat streams, initial remux and
 * repair; {@link app.aula.ffmpeg.FfmpegArguments} and {@link app.aula.ffmpeg.FfmpegSource} build
 * the exact argument vectors and input strings; {@link app.aula.ffmpeg.FfmpegProcesses} starts
 * processes without a shell, drains their stderr into a 4 KiB ring, stops them politely then by
 * force (descendants included) and kills every one at undeploy;
 * {@link app.aula.ffmpeg.DurationProbe} reads a file's duration for {@code Aula-Duration};
 * {@link app.aula.ffmpeg.CompatCounters} keeps {@code health.compatStream}. {@link app.aula.ffmpeg.Ffmpeg}
 * wires them from {@link app.aula.config.Settings} and renders the health objects.
 */
package app.aula.ffmpeg;
