/**
 * The local library: the folder that {@code local:} refs resolve against (media.md §2). For now
 * it owns the bundled demo library ({@code WEB-INF/aula-demo/}), which is copied once per Aula
 * version to {@code <AULA_DATA_PATH>/.aula-demo/<version>/} so that it is an ordinary folder;
 * safe resolution of {@code local:} refs joins it with the media issue.
 */
package app.aula.library;
