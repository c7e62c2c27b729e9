/**
 * JSON: the single Jackson configuration shared by the catalogue, progress and API layers, so
 * that every body Aula writes is compact UTF-8 in document order and every body it reads is
 * parsed with the same strictness (one value, no NaN, no trailing content).
 */
package app.aula.json;
