/**
 * Media: file references (Drive ids and {@code local:} refs) and the asynchronous, non-blocking
 * byte endpoint {@code /drive/files/*} (media.md §3–5). {@link app.aula.media.MediaServlet}
 * validates the ref and decides preconditions and ranges once through
 * {@link app.aula.http.ByteServing}; local files are sent by {@link app.aula.media.FileBodyWriter}
 * and Drive bodies relayed by {@link app.aula.media.UpstreamBodyPump}, both only while the
 * output is ready; {@link app.aula.media.StreamSession} owns the end of every stream (complete,
 * client abort, upstream error, stall) and its summary log line. The FFmpeg paths
 * ({@code /api/video-compatible/*}, {@code /api/repaired/*}) still answer 503 here.
 */
package app.aula.media;
