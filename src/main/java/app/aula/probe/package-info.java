/**
 * On-demand media probing (the "(new) Probing" item of the FFmpeg issue): {@code ffprobe} (or
 * {@code ffmpeg -i} when no ffprobe sits next to the FFmpeg binary) reports container, codecs,
 * duration and timestamps; Aula scans the top-level MP4 boxes itself for the position of
 * {@code moov}; {@link app.aula.probe.CompatRules} turns these facts into a {@code needsCompat}
 * verdict with reasons. Reports are cached per ref in {@code <AULA_DATA_PATH>/probe_cache.json}
 * and invalidated when the file changes, so a catalogue builder can read the verdicts and mark
 * classes {@code videoPlayback:"compat"} before any playback error. Probes take no FFmpeg slot,
 * stop after 10 s and run on the probe's own two threads, never on a request thread.
 */
package app.aula.probe;
