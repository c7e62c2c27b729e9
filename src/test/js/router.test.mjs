import { test } from 'node:test';
import assert from 'node:assert/strict';
import { viewerModule } from './paths.mjs';

const { parseHash, buildHash, navKeyFor, ROUTES } = await import(viewerModule('router.js'));

const ok = (view, params = []) => ({ view, params, valid: true });
const bad = (view) => ({ view, params: null, valid: false });
const home = { view: null, params: null, valid: false, redirect: '#home' };

test('the hash routes of the original are kept', () => {
  assert.deepEqual(Object.keys(ROUTES), ['home', 'explore', 'learning', 'route', 'course', 'player']);
  assert.deepEqual(parseHash('#home'), ok('home'));
  assert.deepEqual(parseHash('#explore'), ok('explore'));
  assert.deepEqual(parseHash('#learning'), ok('learning'));
  assert.deepEqual(parseHash('#route/0/1'), ok('route', [0, 1]));
  assert.deepEqual(parseHash('#course/2/0/13'), ok('course', [2, 0, 13]));
  assert.deepEqual(parseHash('#player/0/1/0/3/4'), ok('player', [0, 1, 0, 3, 4]));
});

test('an empty hash shows home', () => {
  assert.deepEqual(parseHash(''), ok('home'));
  assert.deepEqual(parseHash('#'), ok('home'));
  assert.deepEqual(parseHash(undefined), ok('home'));
});

test('an unknown hash is replaced by #home', () => {
  for (const h of ['#nope', '#Home', '#/home', '#home/1', '#explore/x', '#routes/0/0', '#main-content', '#%72oute/0/0', '#route?x=1']) {
    assert.deepEqual(parseHash(h), home, h);
  }
});

test('a parameter that is not a non-negative integer gives the view\'s not-found state', () => {
  for (const h of ['#route/x/1', '#route/-1/0', '#route/1.5/0', '#route/0', '#route', '#route/0/1/2',
    '#route/ 1/0', '#route/0x1/0', '#route/1e3/0', '#route/0//', '#route//0', '#route/9999999999/0']) {
    assert.deepEqual(parseHash(h), bad('route'), h);
  }
  assert.deepEqual(parseHash('#course/0/0'), bad('course'));
  assert.deepEqual(parseHash('#course/0/0/a'), bad('course'));
  assert.deepEqual(parseHash('#player/0/0/0/0'), bad('player'));
  assert.deepEqual(parseHash('#player/0/0/0/0/0/0'), bad('player'));
});

test('leading zeros and one trailing slash are accepted', () => {
  assert.deepEqual(parseHash('#route/00/01'), ok('route', [0, 1]));
  assert.deepEqual(parseHash('#route/0/1/'), ok('route', [0, 1]));
  assert.deepEqual(parseHash('route/0/1'), ok('route', [0, 1]), 'without the #, as from location.hash.slice(1)');
});

test('buildHash round-trips', () => {
  assert.equal(buildHash('home'), '#home');
  assert.equal(buildHash('route', 0, 1), '#route/0/1');
  assert.equal(buildHash('player', 1, 2, 3, 4, 5), '#player/1/2/3/4/5');
  for (const h of ['#home', '#route/3/4', '#course/0/0/0', '#player/9/8/7/6/5']) {
    const r = parseHash(h);
    assert.equal(buildHash(r.view, ...r.params), h);
  }
});

test('navKeyFor marks only the three navbar views', () => {
  assert.equal(navKeyFor(parseHash('')), 'home');
  assert.equal(navKeyFor(parseHash('#home')), 'home');
  assert.equal(navKeyFor(parseHash('#explore')), 'explore');
  assert.equal(navKeyFor(parseHash('#learning')), 'learning');
  assert.equal(navKeyFor(parseHash('#route/0/0')), null);
  assert.equal(navKeyFor(parseHash('#course/0/0/0')), null);
  assert.equal(navKeyFor(parseHash('#player/0/0/0/0/0')), null);
  assert.equal(navKeyFor(parseHash('#nope')), null);
  assert.equal(navKeyFor(null), null);
});
