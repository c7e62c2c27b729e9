/**
 * Configuration: reads every key of config.md §2 once at start-up from system properties, the
 * environment and servlet context parameters, validates it, applies the documented fallbacks
 * (strictest ones for security keys), logs one line per rejected value under {@code aula.config},
 * and hands the rest of Aula one immutable {@link app.aula.config.Settings}; it also owns the
 * address-list and host-list value types that the request guards evaluate.
 */
package app.aula.config;
