import { test } from 'node:test';
import assert from 'node:assert/strict';
import { viewerModule } from './paths.mjs';

const { DICT, LANGS, DEFAULT_LANG } = await import(viewerModule('strings.js'));
const i18n = await import(viewerModule('i18n.js'));

/** Every leaf path of a nested dictionary, e.g. "nav.home". */
function leafPaths(node, prefix = '') {
  const out = [];
  for (const [key, value] of Object.entries(node)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) out.push(...leafPaths(value, path));
    else out.push(path);
  }
  return out;
}

function objectPaths(node, prefix = '') {
  const out = [];
  for (const [key, value] of Object.entries(node)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) out.push(path, ...objectPaths(value, path));
  }
  return out;
}

const placeholders = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('the dictionary has exactly the languages es and en, Spanish first and default', () => {
  assert.deepEqual(Object.keys(DICT), ['es', 'en']);
  assert.deepEqual([...LANGS], ['es', 'en']);
  assert.equal(DEFAULT_LANG, 'es');
});

test('es and en have identical key sets, including nested keys', () => {
  const es = leafPaths(DICT.es).sort();
  const en = leafPaths(DICT.en).sort();
  const missingInEn = es.filter((k) => !en.includes(k));
  const missingInEs = en.filter((k) => !es.includes(k));
  assert.deepEqual(missingInEn, [], `keys missing in en: ${missingInEn.join(', ')}`);
  assert.deepEqual(missingInEs, [], `keys missing in es: ${missingInEs.join(', ')}`);
  assert.deepEqual(objectPaths(DICT.es).sort(), objectPaths(DICT.en).sort(), 'nested groups differ');
});

test('every leaf is a non-empty string', () => {
  for (const lang of LANGS) {
    for (const path of leafPaths(DICT[lang])) {
      const value = i18n.lookup(lang, path);
      assert.equal(typeof value, 'string', `${lang}.${path} is not a string`);
      assert.ok(value.trim().length > 0, `${lang}.${path} is empty`);
    }
  }
});

test('a key uses the same {placeholders} in both languages', () => {
  for (const path of leafPaths(DICT.es)) {
    assert.deepEqual(placeholders(i18n.lookup('en', path)), placeholders(i18n.lookup('es', path)), `placeholders differ for ${path}`);
  }
});

test('plural groups have exactly the forms one and other', () => {
  for (const lang of LANGS) {
    for (const path of objectPaths(DICT[lang])) {
      const node = i18n.lookup(lang, path);
      const keys = Object.keys(node);
      if (keys.includes('one') || keys.includes('other')) {
        assert.deepEqual(keys.sort(), ['one', 'other'], `${lang}.${path} must hold exactly one/other`);
      }
    }
  }
});

test('core strings of viewer.md §8', () => {
  const t = (lang, key, params) => i18n.t(key, params, lang);
  assert.equal(t('es', 'boot.error'), 'No se pudo conectar con el servidor');
  assert.equal(t('en', 'boot.error'), 'Could not reach the server');
  assert.equal(t('es', 'boot.code', { code: 'bootstrap_http_500', endpoint: '/api/bootstrap' }), 'Código: bootstrap_http_500 • Endpoint: /api/bootstrap');
  assert.equal(t('en', 'boot.code', { code: 'x', endpoint: 'y' }), 'Code: x • Endpoint: y');
  assert.deepEqual(['nav.home', 'nav.explore', 'nav.learning'].map((k) => t('es', k)), ['Inicio', 'Explorar', 'Mi aprendizaje']);
  assert.deepEqual(['nav.home', 'nav.explore', 'nav.learning'].map((k) => t('en', k)), ['Home', 'Explore', 'My learning']);
  assert.deepEqual(['course.start', 'course.continue', 'course.review'].map((k) => t('es', k)), ['Empezar', 'Continuar', 'Repasar']);
  assert.deepEqual(['course.start', 'course.continue', 'course.review'].map((k) => t('en', k)), ['Start', 'Continue', 'Review']);
  assert.deepEqual(['notFound.route', 'notFound.course', 'notFound.class'].map((k) => t('es', k)), ['Ruta no encontrada', 'Curso no encontrado', 'Clase no encontrada']);
  assert.deepEqual(['notFound.route', 'notFound.course', 'notFound.class'].map((k) => t('en', k)), ['Path not found', 'Course not found', 'Class not found']);
  assert.equal(t('es', 'player.noVideo'), 'Esta clase no tiene video');
  assert.equal(t('en', 'player.noVideo'), 'This class has no video');
  assert.equal(t('es', 'player.resumed', { time: '1:05' }), 'Reanudado en 1:05');
  assert.equal(t('en', 'player.resumed', { time: '1:05' }), 'Resumed at 1:05');
  assert.equal(t('es', 'player.restart'), 'Empezar desde el principio');
  assert.equal(t('en', 'player.restart'), 'Start over');
});

test('t() interpolates, falls back to Spanish, then to the key', () => {
  assert.equal(i18n.t('app.titleSuffix', { view: 'Inicio' }, 'es'), 'Inicio · Aula');
  assert.equal(i18n.t('no.such.key', null, 'en'), 'no.such.key');
  assert.equal(i18n.t('nav', null, 'es'), 'nav', 'a group is not a string');
  assert.equal(i18n.interpolate('{a} and {b}', { a: 'x' }, 'en'), 'x and {b}', 'unknown placeholders stay');
  assert.equal(i18n.interpolate('{n}', { n: 12345 }, 'en'), '12,345', 'numbers go through Intl');
  assert.equal(i18n.interpolate('{n}', { n: 12345 }, 'es'), '12.345');
});

test('setLang switches, notifies and rejects unknown languages', () => {
  const seen = [];
  const off = i18n.onLangChange((l) => seen.push(l));
  try {
    assert.equal(i18n.getLang(), 'es');
    assert.equal(i18n.setLang('en'), true);
    assert.equal(i18n.t('nav.home'), 'Home');
    assert.equal(i18n.setLang('en'), false, 'no change, no notification');
    assert.equal(i18n.setLang('fr'), true, 'unknown → Spanish');
    assert.equal(i18n.getLang(), 'es');
    assert.deepEqual(seen, ['en', 'es']);
  } finally {
    off();
    i18n.setLang('es');
  }
});

test('the saved language is read defensively', () => {
  const store = (value) => ({ getItem: () => value });
  assert.equal(i18n.readSavedLang(store('en')), 'en');
  assert.equal(i18n.readSavedLang(store('xx')), 'es');
  assert.equal(i18n.readSavedLang(store(null)), 'es');
  assert.equal(i18n.readSavedLang({ getItem() { throw new Error('SecurityError'); } }), 'es');
  assert.equal(i18n.readSavedLang(null), 'es');
  const written = {};
  i18n.saveLang({ setItem: (k, v) => { written[k] = v; } }, 'en');
  assert.deepEqual(written, { aula_lang: 'en' });
  assert.doesNotThrow(() => i18n.saveLang({ setItem() { throw new Error('quota'); } }, 'en'));
});
