// Learning view (viewer.md §4 "Learning", §10 items 22–24).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { viewerModule } from './paths.mjs';
import { reset, ctxFor, mountView, text } from './views-fixture.mjs';

const learning = (await import(viewerModule('views/learning.js'))).default;
const T1 = '2026-01-01T10:00:00.000Z';

test('no progress → empty state with a link to #explore', async () => {
  reset();
  const view = await learning.render(ctxFor('#learning'));
  const node = mountView(view);
  assert.equal(view.title, 'Mi aprendizaje');
  const cta = node.querySelector('.learning-empty a');
  assert.equal(cta.getAttribute('href'), '#explore');
  assert.equal(node.querySelector('.stat-card'), null);
  view.destroy();
});

test('one completed class puts its route under "En curso" with "1 / N clases"', async () => {
  reset({ progress: { '1PandasVideo0001': { status: 'complete', completedAt: T1, course: 'pandas' } } });
  const view = await learning.render(ctxFor('#learning'));
  const node = mountView(view);
  const stats = node.querySelectorAll('.stat-card');
  assert.deepEqual(stats.map((s) => s.getAttribute('data-stat')), ['completed', 'started', 'finished', 'overall']);
  assert.match(text(stats[0]), /1 de 3/);
  assert.match(text(stats[1]), /1$/);
  assert.match(text(stats[2]), /0$/);
  assert.match(text(stats[3]), /33 %.*mitad/);
  const bar = node.querySelector('.global-bar');
  assert.equal(bar.getAttribute('role'), 'progressbar');
  assert.equal(bar.getAttribute('aria-valuenow'), '33');
  const cards = node.querySelectorAll('.learning-started a.card');
  assert.equal(cards.length, 1);
  assert.equal(cards[0].getAttribute('href'), '#route/0/0');
  assert.match(text(cards[0]), /Ruta Analista.*Ciencia de Datos.*1 \/ 2 clases/);
  assert.equal(cards[0].querySelector('.ring').getAttribute('aria-label'), '50 % completado');
  assert.equal(node.querySelectorAll('.learning-finished a.card').length, 0);
  view.destroy();
});

test('in-progress only counts as started; a completed course-route is finished', async () => {
  reset({ progress: {
    'local:sql/01-consultas.mp4': { status: 'complete', completedAt: T1, course: 'taller-sql' },
    '0|0|0|0|0': { status: 'in_progress', lastWatched: T1, watchTime: 30 },
  } });
  const node = mountView(await learning.render(ctxFor('#learning')));
  assert.deepEqual(node.querySelectorAll('.learning-started a.card').map((a) => a.getAttribute('href')), ['#route/0/0']);
  assert.deepEqual(node.querySelectorAll('.learning-finished a.card').map((a) => a.getAttribute('href')), ['#route/0/1']);
  assert.match(text(node.querySelector('.learning-started a.card')), /0 \/ 2 clases/);
  assert.match(text(node.querySelector('.learning-finished a.card')), /1 \/ 1 clase(?!s)/);
  assert.match(text(node.querySelector('[data-stat="started"]')), /2$/);
  assert.match(text(node.querySelector('[data-stat="finished"]')), /1$/);
});
