// Explore view (viewer.md §4 "Explore", §10 items 18–21).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { viewerModule } from './paths.mjs';
import { env, reset, ctxFor, mountView, sleep, text, BOOTSTRAP } from './views-fixture.mjs';

const explore = (await import(viewerModule('views/explore.js'))).default;
const { searchCatalog, foldText, DEBOUNCE_MS } = await import(viewerModule('views/explore.js'));

test('foldText ignores case and accents', () => {
  assert.equal(foldText('  Curso de ESTADÍSTICA  '), 'curso de estadistica');
  assert.equal(foldText('Diseño'), 'diseno');
  assert.equal(foldText(null), '');
});

test('searchCatalog: all routes by default; routes and courses inside routes of courses by name', () => {
  let r = searchCatalog(BOOTSTRAP, '');
  assert.equal(r.mode, 'all');
  assert.deepEqual(r.routes.map((x) => x.r), [0, 1]);
  assert.deepEqual(r.courses, []);
  r = searchCatalog(BOOTSTRAP, 'ESTADISTICA');
  assert.deepEqual([r.mode, r.routes.length, r.courses.map((x) => [x.c, x.r, x.k])], ['query', 0, [[0, 0, 1]]]);
  r = searchCatalog(BOOTSTRAP, 'sql');
  assert.deepEqual([r.routes.map((x) => x.r), r.courses.length], [[1], 0], 'a course-route is found as a route');
  r = searchCatalog(BOOTSTRAP, 'curso de');
  assert.equal(r.courses.length, 2);
  assert.equal(searchCatalog(BOOTSTRAP, '', 1).routes.length, 0, 'a chip limits to its category');
  assert.equal(searchCatalog(BOOTSTRAP, 'pandas', 0).courses.length, 1);
  assert.equal(searchCatalog(null, 'x').routes.length, 0);
});

test('render: labelled search, one pressed chip, polite count, results', async () => {
  reset();
  const view = await explore.render(ctxFor('#explore'));
  const node = mountView(view);
  const input = node.querySelector('#explore-search');
  assert.equal(input.getAttribute('type'), 'search');
  assert.ok(input.hasAttribute('autofocus'));
  assert.ok(node.querySelector('label[for="explore-search"]'), 'labelled');
  const count = node.querySelector('#explore-count');
  assert.equal(count.getAttribute('aria-live'), 'polite');
  assert.equal(text(count), '2 rutas disponibles');
  assert.equal(node.querySelectorAll('#explore-results a.card').length, 2);
  const chips = node.querySelectorAll('.explore-chips button');
  assert.deepEqual(chips.map((c) => c.getAttribute('aria-pressed')), ['true', 'false']);
  assert.equal(text(chips[0]), 'Todas');
  await sleep(0);
  assert.equal(env.document.activeElement, input, 'the search field takes focus after the router focuses the h1');
  view.destroy();
});

test('typing filters after the debounce and announces the count; chips combine; empty state', async () => {
  reset();
  const view = await explore.render(ctxFor('#explore'));
  const node = mountView(view);
  const input = node.querySelector('#explore-search');
  const count = node.querySelector('#explore-count');
  input.value = 'pándas';
  input.dispatchEvent({ type: 'input' });
  assert.equal(text(count), '2 rutas disponibles', 'not before the debounce');
  await sleep(DEBOUNCE_MS + 30);
  assert.equal(text(count), '1 resultado');
  const hit = node.querySelector('#explore-results a.search-hit');
  assert.equal(hit.getAttribute('href'), '#course/0/0/0');

  input.value = 'estadistica';
  input.dispatchEvent({ type: 'input' });
  await sleep(DEBOUNCE_MS + 30);
  const unavailable = node.querySelector('#explore-results .search-hit');
  assert.equal(unavailable.tagName, 'DIV', 'an unavailable course is not a link');
  assert.match(text(unavailable), /No disponible/);

  input.value = 'curso';
  input.dispatchEvent({ type: 'input' });
  await sleep(DEBOUNCE_MS + 30);
  assert.equal(text(count), '2 resultados');
  const chips = node.querySelectorAll('.explore-chips button');
  chips[1].click();
  assert.deepEqual(chips.map((c) => c.getAttribute('aria-pressed')), ['false', 'true'], 'exactly one pressed');
  assert.equal(text(count), '2 resultados', 'chip + query');

  input.value = 'zzzz nada';
  input.dispatchEvent({ type: 'input' });
  await sleep(DEBOUNCE_MS + 30);
  assert.equal(text(count), '0 resultados');
  const empty = node.querySelector('#explore-results .state-empty');
  assert.ok(empty, 'empty state');
  empty.querySelector('button').click();
  assert.equal(input.value, '');
  assert.deepEqual(chips.map((c) => c.getAttribute('aria-pressed')), ['true', 'false'], '"Todas" restores');
  assert.equal(text(count), '2 rutas disponibles');
  view.destroy();
});

test('English plurals', async () => {
  reset({ lang: 'en' });
  const node = mountView(await explore.render(ctxFor('#explore')));
  assert.equal(text(node.querySelector('#explore-count')), '2 paths available');
  reset();
});
