// Progress client (viewer.md §6.3, §6.5, §10 items 59, 61–63): record writers, debounced saves
// with If-Match, 412 handling, retries, beacons, boot merge, returning tab, blocked storage.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { viewerModule } from './paths.mjs';
import { BASE, installStorage, manualTimers, fakeServer, T, complete, watching, reset } from './progress-fakes.mjs';

const P = await import(viewerModule('progress.js'));
const { state } = await import(viewerModule('state.js'));
const { loadProgress } = await import(viewerModule('api.js'));

let store;
let timers;
let server;
let beacons;

function setup({ doc = {}, fail = null, blocked = false, beacon = true } = {}) {
  P.resetProgressForTests();
  store = installStorage({ blocked });
  timers = manualTimers();
  server = fakeServer({ doc, fail });
  beacons = [];
  P.configureProgress({
    fetchImpl: server.fetch,
    base: BASE,
    setTimeout: timers.setTimeout,
    clearTimeout: timers.clearTimeout,
    now: timers.now,
    sendBeacon: beacon ? (url, body) => { beacons.push({ url, body }); return true; } : () => false,
  });
}

/** Boot steps 3–4 as app.js runs them. */
async function boot(opts) {
  let server0;
  try {
    const res = await loadProgress({ fetchImpl: server.fetch, base: BASE });
    server0 = { ok: true, data: res.data, etag: res.etag };
  } catch (error) {
    server0 = { ok: false, error };
  }
  const done = P.initProgress(server0, opts);
  await timers.flush();
  return done;
}

const local = () => JSON.parse(store.get('aula_progress') || 'null');

beforeEach(() => setup());

test('record writers: shapes, synchronous aula_progress, listeners', async () => {
  await boot();
  const seen = [];
  const off = P.onProgressChange((info) => seen.push(info));
  const rec = P.saveInProgress('vid1', { watchTime: 12.3456, duration: 300, course: 'pandas' });
  assert.deepEqual(rec, { status: 'in_progress', lastWatched: '2026-03-01T10:00:00.000Z', watchTime: 12.346, duration: 300, course: 'pandas' });
  assert.deepEqual(local().vid1, rec, 'written to aula_progress at once');
  assert.equal(store.get('aula_progress_dirty'), '1');
  assert.deepEqual(P.getRecord('vid1'), rec);
  P.getRecord('vid1').watchTime = 99;
  assert.equal(P.getRecord('vid1').watchTime, 12.346, 'getRecord returns a copy');
  assert.equal(P.getRecord('nope'), null);

  const done = P.markComplete('vid1', 'pandas');
  assert.equal(done.status, 'complete');
  assert.ok(Date.parse(done.completedAt) > Date.parse(rec.lastWatched), 'a new action is strictly newer');
  assert.equal(done.course, 'pandas');
  const again = P.saveInProgress('vid1', { watchTime: 5, course: 'pandas' });
  assert.deepEqual(again, done, 'a complete record is never downgraded');
  assert.deepEqual(P.markComplete('vid1', 'pandas'), done, 'completing twice keeps the first record');

  const tomb = P.markNotStarted('vid1', 'pandas');
  assert.equal(tomb.status, 'not_started');
  assert.ok(Date.parse(tomb.resetAt) > Date.parse(done.completedAt));
  assert.deepEqual(Object.keys(tomb), ['status', 'resetAt', 'course']);
  const back = P.saveInProgress('vid1', { watchTime: 7 });
  assert.equal(back.status, 'in_progress', 'watching after a reset starts again');
  assert.equal(back.course, 'pandas', 'the course is kept from the previous record');

  assert.equal(seen.length, 4, 'one call per change; no-ops are silent');
  assert.ok(seen.every((i) => i.source === 'local' && i.keys[0] === 'vid1'));
  off();
  P.markComplete('other');
  assert.equal(seen.length, 4, 'unsubscribed');
  assert.equal(P.saveInProgress('', {}), null);
  assert.equal(P.markComplete(null), null);
});

test('saves are debounced 400 ms, carry If-Match and update the ETag (§6.3)', async () => {
  await boot();
  assert.equal(server.posts().length, 0, 'an empty, equal map is not sent at boot');
  const etag0 = state.progressEtag;
  P.saveInProgress('a', { watchTime: 1, course: 'c1' });
  await timers.advance(300);
  P.saveInProgress('a', { watchTime: 2, course: 'c1' });
  await timers.advance(300);
  P.markComplete('b', 'c1');
  await timers.advance(399);
  assert.equal(server.posts().length, 0, 'nothing before 400 ms of quiet');
  await timers.advance(1);
  const posts = server.posts();
  assert.equal(posts.length, 1);
  assert.equal(posts[0].headers['If-Match'], etag0);
  assert.equal(posts[0].headers['Content-Type'], 'application/json');
  assert.deepEqual(JSON.parse(posts[0].body), state.progress, 'the whole map');
  assert.deepEqual(server.doc, state.progress);
  assert.equal(state.progressEtag, server.etag, 'each 200 updates the stored ETag');
  assert.equal(store.get('aula_progress_dirty'), undefined, 'no save owed any more');

  // The same map again: not sent.
  await P.syncNow();
  assert.equal(server.posts().length, 1, 'unchanged maps are not sent');
});

test('boot merge: complete beats in_progress, newer wins, ties go to the server (§10.59)', async () => {
  setup({ doc: { x: complete(T(1), { course: 's' }), y: watching(T(5), 50), z: watching(T(3), 30), tie: watching(T(2), 1) } });
  store.set('aula_progress', JSON.stringify({ x: watching(T(9), 90), y: watching(T(6), 60), z: watching(T(1), 10), tie: watching(T(2), 2), only: complete(T(4)) }));
  await boot();
  await timers.advance(0);
  assert.deepEqual(state.progress.x, complete(T(1), { course: 's' }));
  assert.equal(state.progress.y.watchTime, 60, 'newer local wins');
  assert.equal(state.progress.z.watchTime, 30, 'newer server wins');
  assert.equal(state.progress.tie.watchTime, 1, 'tie → server');
  assert.deepEqual(state.progress.only, complete(T(4)), 'local-only records are kept');
  assert.equal(server.posts().length, 1, 'the merged map differs from the server → one POST');
  assert.deepEqual(server.doc, state.progress, 'local-only records reach the server (fixed)');
  assert.deepEqual(local(), state.progress);
});

test('boot: no POST when equal; aula_progress_dirty forces one', async () => {
  setup({ doc: { a: complete(T(1)) } });
  store.set('aula_progress', JSON.stringify({ a: complete(T(1)) }));
  await boot();
  await timers.advance(0);
  assert.equal(server.posts().length, 0);

  setup({ doc: { a: complete(T(1)) } });
  store.set('aula_progress', JSON.stringify({ a: complete(T(1)) }));
  store.set('aula_progress_dirty', '1');
  await boot();
  await timers.advance(0);
  assert.equal(server.posts().length, 1);
  assert.equal(store.get('aula_progress_dirty'), undefined);
});

test('412: GET, merge, store, POST with the new ETag; no completion is lost (§10.61)', async () => {
  await boot();
  const changes = [];
  P.onProgressChange((i) => changes.push(i.source));
  server.write({ other: complete(T(1), { course: 'k' }) }); // another tab saved meanwhile
  P.markComplete('mine', 'k');
  await timers.advance(400);
  const posts = server.posts();
  assert.equal(posts.length, 2, '412 then success');
  assert.notEqual(posts[1].headers['If-Match'], posts[0].headers['If-Match']);
  assert.ok(server.gets().length >= 2, 'refetched after the 412');
  assert.deepEqual(Object.keys(server.doc).sort(), ['mine', 'other']);
  assert.deepEqual(Object.keys(state.progress).sort(), ['mine', 'other']);
  assert.deepEqual(local(), state.progress, 'the merge is stored');
  assert.ok(changes.includes('server'), 'listeners hear about the merge');
  assert.equal(state.progressEtag, server.etag);
});

test('after 3 consecutive 412s the client waits 5 s and restarts', async () => {
  let conflicts = 5;
  setup({
    fail: (req, srv) => (req.method === 'POST' && conflicts-- > 0
      ? new Response(JSON.stringify({ error: 'precondition_failed', etag: srv.etag }), { status: 412, headers: { ETag: srv.etag } })
      : null),
  });
  await boot();
  P.markComplete('k1');
  await timers.advance(400);
  assert.equal(server.posts().length, 3, 'three tries, then a pause');
  await timers.advance(4999);
  assert.equal(server.posts().length, 3);
  await timers.advance(1);
  assert.equal(server.posts().length, 6, 'restarted: two more 412s, then success');
  assert.deepEqual(server.doc, state.progress);
});

test('failures retry after 2 s, 5 s, 15 s, then every 60 s, with the indicator state', async () => {
  let down = true;
  setup({ fail: (req) => (down && req.method === 'POST' ? new TypeError('fetch failed') : null) });
  await boot();
  const states = [];
  P.onSaveStateChange((s) => states.push(s.status));
  P.markComplete('k');
  await timers.advance(400);
  const at = [server.posts().length];
  for (const step of [2000, 5000, 15000, 60000, 60000]) {
    await timers.advance(step - 1);
    at.push(server.posts().length);
    await timers.advance(1);
    at.push(server.posts().length);
  }
  assert.deepEqual(at, [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6]);
  assert.equal(P.getSaveState().status, 'local', 'kept in this browser');
  // A change during the back-off waits for the retry (no extra POST).
  P.saveInProgress('v', { watchTime: 3 });
  await timers.advance(400);
  assert.equal(server.posts().length, 6);
  down = false;
  await timers.advance(60000);
  assert.equal(server.posts().length, 7);
  assert.deepEqual(server.doc, state.progress, 'the latest map went out');
  assert.equal(P.getSaveState().status, 'ok');
  assert.deepEqual(states, ['local', 'ok']);
});

test('flushProgress: beacon ≤ 60 KiB without If-Match; larger → aula_progress_dirty (§10.62)', async () => {
  await boot();
  assert.equal(P.flushProgress(), false, 'nothing pending');
  P.markComplete('late', 'c');
  assert.equal(P.flushProgress(), true);
  assert.equal(beacons.length, 1);
  assert.equal(beacons[0].url, `${BASE}api/progress`);
  assert.deepEqual(JSON.parse(beacons[0].body), state.progress);
  assert.equal(store.get('aula_progress_dirty'), '1', 'owed until confirmed');
  // The page lives on: the debounced sync re-checks the server (GET) before any POST.
  await timers.advance(400);
  assert.ok(server.gets().length >= 2);

  const big = {};
  for (let n = 0; n < 800; n++) big[`k${n}`] = complete(T(n), { course: 'x'.repeat(60) });
  P.commitProgress(big);
  assert.equal(P.flushProgress(), false, 'too big for a beacon');
  assert.equal(beacons.length, 1);
  assert.equal(store.get('aula_progress_dirty'), '1');
});

test('flushProgress falls back to fetch keepalive when sendBeacon refuses', async () => {
  setup({ beacon: false });
  await boot();
  P.markComplete('late');
  assert.equal(P.flushProgress(), true);
  await timers.flush();
  const post = server.posts().at(-1);
  assert.equal(post.keepalive, true);
  assert.equal(post.headers['If-Match'], undefined, 'no If-Match');
  assert.deepEqual(server.doc, state.progress);
});

test('pagehide: a change made < 400 ms before closing goes out by beacon, also after the hook ran', async () => {
  await boot();
  const win = new EventTarget();
  const doc = new EventTarget();
  doc.visibilityState = 'visible';
  const stop = P.startProgressLifecycle({ win, doc });
  P.saveInProgress('v', { watchTime: 42, course: 'c' });
  await timers.advance(100);
  win.dispatchEvent(new Event('pagehide'));
  assert.equal(beacons.length, 1);
  assert.equal(JSON.parse(beacons[0].body).v.watchTime, 42);
  P.saveInProgress('v', { watchTime: 43, course: 'c' }); // the player's own pagehide save
  assert.equal(beacons.length, 2, 'changes while unloading go out at once');
  assert.equal(JSON.parse(beacons[1].body).v.watchTime, 43);
  stop();
});

test('next boot sends what the beacon could not (§10.62)', async () => {
  setup({ beacon: false, fail: (req) => (req.keepalive ? new TypeError('refused') : null) });
  await boot();
  P.markComplete('late', 'c');
  P.flushProgress();
  await timers.flush();
  assert.deepEqual(server.doc, {});
  // Next boot (same storage)
  const saved = new Map(store);
  setup();
  for (const [k, v] of saved) store.set(k, v);
  await boot();
  await timers.advance(0);
  assert.equal(server.doc.late.status, 'complete');
  assert.equal(store.get('aula_progress_dirty'), undefined);
});

test('returning tab after ≥ 5 min: conditional GET, merge, POST when local is newer', async () => {
  await boot();
  const win = new EventTarget();
  const doc = new EventTarget();
  const stop = P.startProgressLifecycle({ win, doc });
  doc.visibilityState = 'hidden';
  doc.dispatchEvent(new Event('visibilitychange'));
  await timers.advance(4 * 60 * 1000);
  doc.visibilityState = 'visible';
  doc.dispatchEvent(new Event('visibilitychange'));
  await timers.flush();
  assert.equal(server.gets().length, 1, 'less than 5 min: no refetch');

  doc.visibilityState = 'hidden';
  doc.dispatchEvent(new Event('visibilitychange'));
  await timers.advance(5 * 60 * 1000);
  server.write({ fromPhone: complete(T(3)) });
  doc.visibilityState = 'visible';
  doc.dispatchEvent(new Event('visibilitychange'));
  await timers.flush();
  const last = server.gets().at(-1);
  assert.ok(last.headers['If-None-Match'], 'If-None-Match');
  assert.deepEqual(state.progress.fromPhone, complete(T(3)), 'merged');
  assert.equal(server.posts().length, 0, 'nothing newer locally');

  // 304: nothing to merge; local newer → POST.
  await P.refreshProgress();
  assert.equal(server.gets().at(-1).headers['If-None-Match'], server.etag);
  P.commitProgress({ ...state.progress, mine: complete(T(4)) }, { save: false });
  await P.refreshProgress();
  await timers.flush();
  assert.equal(server.posts().length, 1);
  assert.deepEqual(server.doc, state.progress);
  stop();
});

test('with localStorage blocked, progress loads from and saves to the server (§10.63)', async () => {
  setup({ blocked: true, doc: { a: complete(T(1), { course: 'c' }) } });
  assert.throws(() => globalThis.localStorage);
  await boot();
  assert.deepEqual(state.progress, { a: complete(T(1), { course: 'c' }) }, 'restored from the server');
  P.markComplete('b', 'c');
  await timers.advance(400);
  assert.equal(server.posts().length, 1);
  assert.deepEqual(Object.keys(server.doc).sort(), ['a', 'b']);
  assert.equal(P.getSaveState().localStored, false);
});

test('server unreadable at boot: local data is used, kept, and synced (GET, merge, POST) later', async () => {
  let down = true;
  setup({ doc: { s: complete(T(1)) }, fail: () => (down ? new TypeError('down') : null) });
  store.set('aula_progress', JSON.stringify({ l: complete(T(2)) }));
  await boot();
  assert.deepEqual(Object.keys(state.progress), ['l']);
  assert.equal(P.getSaveState().status, 'local');
  P.markComplete('m');
  assert.equal(P.flushProgress(), false, 'no blind beacon over a server copy never seen');
  down = false;
  await timers.advance(2000);
  assert.deepEqual(Object.keys(server.doc).sort(), ['l', 'm', 's'], 'merged before writing');
  assert.deepEqual(Object.keys(state.progress).sort(), ['l', 'm', 's']);
  assert.equal(P.getSaveState().status, 'ok');
});

test('another tab\'s aula_progress write is merged into this tab', async () => {
  await boot();
  const win = new EventTarget();
  const doc = new EventTarget();
  const stop = P.startProgressLifecycle({ win, doc });
  const seen = [];
  P.onProgressChange((i) => seen.push(i.source));
  const e = new Event('storage');
  e.key = 'aula_progress';
  e.newValue = JSON.stringify({ t2: complete(T(1)) });
  win.dispatchEvent(e);
  assert.deepEqual(state.progress.t2, complete(T(1)));
  assert.deepEqual(seen, ['storage']);
  stop();
});

test('reset tombstones win against older completions on merge', async () => {
  setup({ doc: { a: complete(T(1)) } });
  store.set('aula_progress', JSON.stringify({ a: reset(T(2)) }));
  await boot();
  await timers.advance(0);
  assert.deepEqual(server.doc.a, reset(T(2)));
});
