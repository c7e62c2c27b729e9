/**
 * Google Drive (media.md §4): finds the credentials (inline key, key files, the data or viewer
 * folder's {@code service_account.json}, then Application Default Credentials in the background),
 * builds the google-api-services-drive client against {@code AULA_DRIVE_API_ROOT}, answers file
 * metadata through a TTL-bounded LRU with single-flight misses, keeps an access token fresh for
 * the media servlet's own requests, and translates every Drive failure into the status, reason
 * and {@code Retry-After} Aula answers, with the shared retry rule of §4.5. Blocking client calls
 * run only on the gateway's own {@code aula-drive-*} threads, never on a request thread.
 */
package app.aula.drive;
