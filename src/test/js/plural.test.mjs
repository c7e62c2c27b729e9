import { test } from 'node:test';
import assert from 'node:assert/strict';
import { viewerModule } from './paths.mjs';

const { pluralCategory, tn } = await import(viewerModule('i18n.js'));

test('pluralCategory maps to one/other only', () => {
  for (const lang of ['es', 'en']) {
    assert.equal(pluralCategory(1, lang), 'one');
    for (const n of [0, 2, 5, 11, 21, 100, 1000000, 1.5]) {
      assert.equal(pluralCategory(n, lang), 'other', `${lang} ${n}`);
    }
  }
});

test('pluralCategory survives an unknown locale', () => {
  assert.equal(pluralCategory(1, 'zz-invalid-locale-tag-that-is-way-too-long-!!'), 'one');
  assert.equal(pluralCategory(3, 'zz-invalid-locale-tag-that-is-way-too-long-!!'), 'other');
});

test('explore count: "1 resultado" but "{n} resultados" (fixes "1 resultados")', () => {
  assert.equal(tn('explore.count', 0, null, 'es'), '0 resultados');
  assert.equal(tn('explore.count', 1, null, 'es'), '1 resultado');
  assert.equal(tn('explore.count', 2, null, 'es'), '2 resultados');
  assert.equal(tn('explore.count', 1, null, 'en'), '1 result');
  assert.equal(tn('explore.count', 7, null, 'en'), '7 results');
});

test('counts format the number with Intl and keep extra params', () => {
  assert.equal(tn('count.classes', 1, null, 'es'), '1 clase');
  assert.equal(tn('count.classes', 20000, null, 'es'), '20.000 clases');
  assert.equal(tn('count.classes', 20000, null, 'en'), '20,000 classes');
  assert.equal(tn('count.modules', 1, null, 'en'), '1 module');
  assert.equal(tn('card.routeBadge', 2, { available: 1 }, 'es'), 'Ruta 1/2 cursos');
  assert.equal(tn('card.routeBadge', 1, { available: 1 }, 'es'), 'Ruta 1/1 curso');
  assert.equal(tn('card.courseBadge', 3, null, 'es'), 'Curso 3 módulos');
  assert.equal(tn('card.courseBadge', 1, null, 'en'), 'Course 1 module');
});
