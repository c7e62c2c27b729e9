// Positional-key migration (viewer.md §6.4, catalog.md §7.4, §10 item 60).
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { viewerModule } from './paths.mjs';
import { BASE, installStorage, manualTimers, fakeServer, T, complete, watching, reset } from './progress-fakes.mjs';

const P = await import(viewerModule('progress.js'));
const M = await import(viewerModule('migration.js'));
const { state } = await import(viewerModule('state.js'));
const { loadProgress } = await import(viewerModule('api.js'));

// Category 0: route 0 has courses [pandas, sql]; route 1 is a course-route "solo".
const BOOT = {
  categories: [{
    name: 'Datos',
    routes: [
      {
        name: 'Ruta', isCourse: false, courses: [
          { name: 'Pandas', publicId: 'pandas', modules: [{ classes: 2 }, { classes: 1 }] },
          { name: 'SQL', publicId: 'sql', modules: [{ classes: 1 }] },
        ],
      },
      { name: 'Solo', isCourse: true, publicId: 'solo', modules: [{ classes: 1 }] },
    ],
  }],
  stats: {},
};

const cls = (video, html = null) => ({ name: video || html, files: { video, html } });
const DETAILS = {
  '0/0/0': {
    indices: { catIdx: 0, routeIdx: 0, courseIdx: 0 },
    course: { modules: [{ classes: [cls('pv1'), cls('pv2')] }, { classes: [cls(null, 'ph3')] }] },
  },
  '0/0/1': {
    indices: { catIdx: 0, routeIdx: 0, courseIdx: 1 },
    course: { modules: [{ classes: [cls(null, null)] }] }, // neither ref: stays positional
  },
  '0/1/0': {
    indices: { catIdx: 0, routeIdx: 1, courseIdx: 0 }, isCourseRoute: true,
    course: { isCourse: true, modules: [{ classes: [cls('sv1')] }] },
  },
};

let store;
let timers;
let server;

function setup(doc = {}) {
  P.resetProgressForTests();
  store = installStorage();
  timers = manualTimers();
  server = fakeServer({ doc, details: DETAILS });
  P.configureProgress({ fetchImpl: server.fetch, base: BASE, setTimeout: timers.setTimeout, clearTimeout: timers.clearTimeout, now: timers.now, sendBeacon: () => true });
  state.bootstrap = BOOT;
}

beforeEach(() => setup());

const loadDetail = (c, r, k) => {
  const d = DETAILS[`${c}/${r}/${k}`];
  return d ? Promise.resolve(d) : Promise.reject(Object.assign(new Error('404'), { code: 'course_detail_not_found' }));
};

test('parsePositionalKey', () => {
  assert.deepEqual(M.parsePositionalKey('0|1|0|2|3'), { c: 0, r: 1, k: 0, m: 2, i: 3 });
  assert.equal(M.parsePositionalKey('pv1'), null);
  assert.equal(M.parsePositionalKey('0|1|0|2'), null);
});

test('course link: bootstrap (c, r, k) gives `course` at once; k = 0 is the course-route', () => {
  const map = { '0|0|1|0|0': complete(T(1)), '0|1|0|0|0': watching(T(1)), '0|1|1|0|0': complete(T(1)), '5|0|0|0|0': complete(T(1)), '0|0|0|0|0': complete(T(1), { course: 'keep' }), pv1: complete(T(1)) };
  const { map: out, keys } = M.linkCourses(map, BOOT);
  assert.deepEqual(keys.sort(), ['0|0|1|0|0', '0|1|0|0|0']);
  assert.equal(out['0|0|1|0|0'].course, 'sql');
  assert.equal(out['0|1|0|0|0'].course, 'solo');
  assert.equal(out['0|1|1|0|0'].course, undefined, 'a course-route has only k = 0');
  assert.equal(out['5|0|0|0|0'].course, undefined, 'no course at those indices: kept as is');
  assert.equal(out['0|0|0|0|0'].course, 'keep');
  assert.equal(map['0|0|1|0|0'].course, undefined, 'input untouched');
});

test('class link: merge into the primary ref (§6.2), delete the positional key', () => {
  const map = {
    '0|0|0|0|0': complete(T(1)), // → pv1 (new)
    '0|0|0|0|1': watching(T(1), 10), // → pv2, older than the stable record
    pv2: watching(T(5), 50, { course: 'pandas' }),
    '0|0|0|1|0': complete(T(2)), // → ph3 (html ref)
    '0|0|0|1|0x': 'junk',
    '0|0|0|9|9': complete(T(1)), // no such class: stays
  };
  const target = { c: 0, r: 0, k: 0, publicId: 'pandas' };
  const { map: out, moved } = M.applyDetail(map, target, DETAILS['0/0/0']);
  assert.deepEqual(moved.map(([, ref]) => ref).sort(), ['ph3', 'pv1', 'pv2']);
  assert.deepEqual(out.pv1, complete(T(1), { course: 'pandas' }));
  assert.deepEqual(out.pv2, watching(T(5), 50, { course: 'pandas' }), 'newer stable record wins');
  assert.deepEqual(out.ph3, complete(T(2), { course: 'pandas' }));
  assert.ok(!('0|0|0|0|0' in out) && !('0|0|0|0|1' in out) && !('0|0|0|1|0' in out));
  assert.ok('0|0|0|9|9' in out, 'unresolvable keys stay');
  // A detail for other indices (ref matched by id) is not used.
  const wrong = { ...DETAILS['0/0/0'], indices: { catIdx: 1, routeIdx: 0, courseIdx: 0 } };
  assert.equal(M.applyDetail(map, target, wrong).moved.length, 0);
  // A tombstone at the stable key that is newer beats a migrated completion.
  const r2 = M.applyDetail({ '0|0|0|0|0': complete(T(1)), pv1: reset(T(2)) }, target, DETAILS['0/0/0']);
  assert.deepEqual(r2.map, { pv1: reset(T(2)) });
});

test('runPool keeps at most `limit` in flight', async () => {
  let inFlight = 0;
  let max = 0;
  const out = await M.runPool([1, 2, 3, 4, 5, 6, 7, 8, 9], 4, async (n) => {
    inFlight++;
    max = Math.max(max, inFlight);
    await new Promise((r) => setTimeout(r, 5));
    inFlight--;
    return n * 2;
  });
  assert.equal(max, 4);
  assert.deepEqual(out, [2, 4, 6, 8, 10, 12, 14, 16, 18]);
});

test('a positional key in progress.json is migrated with `course` and the server stores it (§10.60)', async () => {
  setup({ '0|0|0|0|1': complete(T(1)), '0|1|0|0|0': watching(T(2), 30), '0|0|1|0|0': complete(T(3)), '3|3|3|3|3': complete(T(4)) });
  store.set('platzi_progress', JSON.stringify({ '0|0|0|0|0': watching(T(1), 5) }));
  const res = await loadProgress({ fetchImpl: server.fetch, base: BASE });
  const requested = [];
  const changes = [];
  P.onProgressChange((i) => changes.push(i.source));
  const done = P.initProgress({ ok: true, data: res.data, etag: res.etag }, {
    migrate: () => M.runMigration({ save: false, loadDetail: (c, r, k) => { requested.push(`${c}/${r}/${k}`); return loadDetail(c, r, k); } }),
  });
  // Course link happened synchronously.
  assert.equal(state.progress['0|1|0|0|0'].course, 'solo');
  assert.equal(state.progress['0|0|0|0|1'].course, 'pandas');
  assert.equal(server.posts().length, 0);
  await done;
  await timers.flush();
  assert.deepEqual(requested.sort(), ['0/0/0', '0/0/1', '0/1/0'], 'one detail per distinct prefix');
  assert.equal(server.posts().length, 1, 'one POST for the boot merge and the batch');
  assert.deepEqual(server.doc, {
    pv1: watching(T(1), 5, { course: 'pandas' }), // from legacy platzi_progress
    pv2: complete(T(1), { course: 'pandas' }),
    sv1: watching(T(2), 30, { course: 'solo' }),
    '0|0|1|0|0': complete(T(3), { course: 'sql' }), // class without a ref: stays positional
    '3|3|3|3|3': complete(T(4)), // no such course: untouched
  });
  assert.deepEqual(JSON.parse(store.get('aula_progress')), server.doc);
  assert.equal(store.get('platzi_progress'), JSON.stringify({ '0|0|0|0|0': watching(T(1), 5) }), 'legacy is never deleted');
  assert.ok(changes.includes('migration'));

  // Next boot: the legacy key is merged and migrated again, and nothing new is sent.
  const res2 = await loadProgress({ fetchImpl: server.fetch, base: BASE });
  await P.initProgress({ ok: true, data: res2.data, etag: res2.etag }, { migrate: () => M.runMigration({ save: false, loadDetail }) });
  await timers.flush();
  assert.equal(server.posts().length, 1, 'no POST when the migrated map equals the server');
});

test('failed details keep their keys; runMigration ends the batch with one POST', async () => {
  setup({});
  await P.initProgress({ ok: true, data: {}, etag: server.etag });
  P.commitProgress({ '0|0|0|0|0': complete(T(1)), '0|1|0|0|0': complete(T(2)) }, { save: false });
  const summary = await M.runMigration({ loadDetail: (c, r, k) => (r === 1 ? Promise.reject(Object.assign(new Error('x'), { code: 'course_detail_timeout' })) : loadDetail(c, r, k)) });
  assert.deepEqual(summary.failed.map((f) => f.code), ['course_detail_timeout']);
  assert.deepEqual(summary.moved, [['0|0|0|0|0', 'pv1']]);
  assert.deepEqual(server.doc, { pv1: complete(T(1), { course: 'pandas' }), '0|1|0|0|0': complete(T(2), { course: 'solo' }) });
  assert.equal(server.posts().length, 1);
});

test('the default detail loader goes through api/course-detail', async () => {
  // detail.js uses the global fetch; route it to the fake server for this test.
  const realFetch = globalThis.fetch;
  globalThis.fetch = server.fetch;
  const realBase = globalThis.document;
  globalThis.document = { baseURI: BASE };
  try {
    await P.initProgress({ ok: true, data: {}, etag: server.etag });
    P.commitProgress({ '0|0|0|0|1': complete(T(1)) }, { save: false });
    await M.runMigration();
    assert.deepEqual(server.doc, { pv2: complete(T(1), { course: 'pandas' }) });
    assert.ok(server.requests.some((r) => r.path === 'api/course-detail/0/0/0'));
  } finally {
    globalThis.fetch = realFetch;
    if (realBase === undefined) delete globalThis.document;
    else globalThis.document = realBase;
  }
});
