/**
 * The composition root. {@link app.aula.app.AulaContextListener} is the only entry point the
 * container knows: on deploy it reads the {@link app.aula.config.Settings}, has
 * {@link app.aula.app.Aula} build every component with its dependencies passed in, registers
 * the filter and servlets programmatically, runs the first catalogue pass and starts the
 * watcher; on undeploy it stops what it started. Nothing else creates long-lived objects.
 */
package app.aula.app;
