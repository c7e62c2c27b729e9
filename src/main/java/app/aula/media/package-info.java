/**
 * Media: file references (Drive ids and {@code local:} refs), and the async servlet behind
 * {@code /drive/files/*}, {@code /api/repaired/*} and {@code /api/video-compatible/*}. In this
 * version the byte endpoints are not built yet and answer 503 with a JSON body; what exists is
 * the reference syntax shared by every endpoint that takes a ref.
 */
package app.aula.media;
