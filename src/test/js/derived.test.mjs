// Derived progress numbers (viewer.md §6.6) and the course main button (§4 "Course").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { viewerModule } from './paths.mjs';

const D = await import(viewerModule('derived.js'));

// Bootstrap of catalog.md §3.3 (the worked sample).
const SAMPLE = {"categories":[{"id":"datos","name":"Ciencia de Datos","icon":"📊","description":"Análisis y visualización","type":"development","routes":[{"id":"analista","name":"Ruta Analista","url":"https://example.org/ruta/analista/","isCourse":false,"courses":[{"name":"Curso de Pandas","folderName":"02. Curso de Pandas","url":"https://example.org/cursos/pandas/","id":"1PandasFolder0001","publicId":"pandas","moduleCount":1,"classCount":2,"foundInDrive":true,"matchType":"exact","matchedFolder":"02. Curso de Pandas","hasPresentation":false,"presentationId":null,"modules":[{"name":"Primeros pasos","classCount":2,"classes":2}]},{"name":"Curso de Estadística","folderName":"Curso de Estadística","url":"https://example.org/cursos/estadistica/","id":"","publicId":"estadistica","moduleCount":0,"classCount":0,"foundInDrive":false,"matchType":null,"matchedFolder":null,"hasPresentation":false,"presentationId":"","modules":[]}],"courseCount":2},{"id":"route-2","name":"Taller de SQL","url":"https://example.org/cursos/taller-sql/","isCourse":true,"folderName":"","publicId":"taller-sql","moduleCount":1,"classCount":1,"foundInDrive":true,"matchType":null,"matchedFolder":null,"hasPresentation":false,"presentationId":"","modules":[{"name":"Módulo 1","classCount":1,"classes":1}]}]}],"stats":{"totalCategories":1,"totalRoutes":2,"totalCourses":3,"totalClasses":3}};
const PANDAS = SAMPLE.categories[0].routes[0].courses[0];
const SQL = SAMPLE.categories[0].routes[1];

// Details (api.md §3.5) of the two playable courses of the sample.
const cls = (num, name, video, html) => ({
  num, name, hasVideo: !!video, hasSummary: false, hasSubtitles: false, hasReading: false, hasHtml: !!html,
  files: { video, summary: null, subtitles: null, reading: null, html }, resources: [],
});
const PANDAS_DETAIL = {
  catId: 'datos', routeId: 'analista', courseId: 'pandas', indices: { catIdx: 0, routeIdx: 0, courseIdx: 0 }, isCourseRoute: false,
  course: { name: 'Curso de Pandas', modules: [{ name: 'Primeros pasos', classes: [cls(1, 'Series', '1PandasVideo0001', null), cls(2, 'Ejercicio', null, '1PandasHtml00002')] }] },
};
const SQL_DETAIL = {
  catId: 'datos', routeId: 'route-2', courseId: 'taller-sql', indices: { catIdx: 0, routeIdx: 1, courseIdx: 0 }, isCourseRoute: true,
  course: { name: 'Taller de SQL', isCourse: true, modules: [{ name: '', classes: [cls(1, 'Consultas', 'local:sql/01-consultas.mp4', null)] }] },
};

const T1 = '2026-01-01T10:00:00.000Z';
const T2 = '2026-01-02T10:00:00.000Z';
const T3 = '2026-01-03T10:00:00.000Z';
const done = (course, at = T1) => ({ status: 'complete', completedAt: at, course });
const watching = (course, at = T1, watchTime = 12) => ({ status: 'in_progress', lastWatched: at, watchTime, course });
const reset = (course, at = T2) => ({ status: 'not_started', resetAt: at, course });

test('course total: module counts, falling back to classCount', () => {
  assert.equal(D.courseProgress(PANDAS, { c: 0, r: 0, k: 0 }, {}).total, 2);
  assert.equal(D.courseProgress({ modules: [], classCount: 7 }, { c: 0, r: 0, k: 0 }, {}).total, 7);
  assert.equal(D.courseProgress(PANDAS, { c: 0, r: 0, k: 0 }, {}, PANDAS_DETAIL).total, 2, 'detail arrays');
});

test('course completed with a detail: classes whose key is complete (stable or positional)', () => {
  const pos = { c: 0, r: 0, k: 0 };
  let n = D.courseProgress(PANDAS, pos, { '1PandasVideo0001': done('pandas') }, PANDAS_DETAIL);
  assert.deepEqual([n.completed, n.total, n.pct, n.started, n.finished, n.hasDetail], [1, 2, 50, true, false, true]);
  n = D.courseProgress(PANDAS, pos, { '1PandasVideo0001': done('pandas'), '0|0|0|0|1': done() }, PANDAS_DETAIL);
  assert.deepEqual([n.completed, n.pct, n.finished], [2, 100, true], 'an un-migrated positional key counts');
  n = D.courseProgress(PANDAS, pos, { '1PandasVideo0001': reset('pandas', T2), '0|0|0|0|0': done(undefined, T1) }, PANDAS_DETAIL);
  assert.equal(n.completed, 0, 'a newer tombstone on the stable key wins over an old positional record');
  n = D.courseProgress(PANDAS, pos, { '1PandasHtml00002': watching('pandas') }, PANDAS_DETAIL);
  assert.deepEqual([n.completed, n.inProgress, n.started], [0, 1, true], 'in progress only → started');
  n = D.courseProgress(PANDAS, pos, { 'unrelated-ref-000': done('pandas') }, PANDAS_DETAIL);
  assert.equal(n.completed, 0, 'with a detail only the course classes count');
});

test('course completed without a detail: records of the course plus legacy c|r|k| keys, each once', () => {
  const pos = { c: 0, r: 0, k: 0 };
  const map = {
    '1PandasVideo0001': done('pandas'),
    '0|0|0|0|1': done(), // legacy, no course yet
    '0|0|0|0|0': done('pandas'), // positional with course: counted once
    'otherRef00000001': done('estadistica'),
    '0|0|1|0|0': done(),
    '1PandasHtml00002': reset('pandas'),
  };
  const n = D.courseProgress(PANDAS, pos, map);
  assert.equal(n.completed, 2, 'clamped to the course total');
  assert.equal(n.hasDetail, false);
  assert.equal(D.courseProgress(PANDAS, pos, { a: watching('pandas') }).inProgress, 1);
  assert.equal(D.courseProgress({ ...PANDAS, publicId: '' }, pos, { a: done('') }).completed, 0, 'an empty publicId matches nothing');
});

test('route, course-route and overall sums; duplicated courses count once per route', () => {
  const progress = { '1PandasVideo0001': done('pandas'), 'local:sql/01-consultas.mp4': done('taller-sql') };
  const analista = D.routeProgress(SAMPLE.categories[0].routes[0], 0, 0, progress);
  assert.deepEqual([analista.completed, analista.total, analista.pct], [1, 2, 50]);
  const sql = D.routeProgress(SQL, 0, 1, progress);
  assert.deepEqual([sql.completed, sql.total, sql.finished], [1, 1, true], 'a course-route counts as itself');

  const sum = D.learningSummary(SAMPLE, progress);
  assert.deepEqual([sum.completed, sum.total, sum.pct], [2, 3, 66]);
  assert.equal(sum.startedCount, 2);
  assert.equal(sum.finishedCount, 1);
  assert.deepEqual(sum.started.map((x) => x.r), [0]);
  assert.deepEqual(sum.finished.map((x) => x.r), [1]);

  const dup = JSON.parse(JSON.stringify(SAMPLE));
  dup.categories[0].routes.push({ name: 'Otra ruta', isCourse: false, courses: [PANDAS] });
  const s2 = D.learningSummary(dup, progress);
  assert.deepEqual([s2.completed, s2.total], [3, 5], 'the duplicated course counts in both routes');
});

test('learning: in-progress-only routes are started; "En curso" is sorted by % (highest first)', () => {
  const sum = D.learningSummary(SAMPLE, { x: watching('taller-sql') });
  assert.equal(sum.startedCount, 1);
  assert.equal(sum.started[0].r, 1);
  assert.equal(sum.started[0].pct, 0);
  const s2 = D.learningSummary(SAMPLE, { x: watching('taller-sql'), y: done('pandas') });
  assert.deepEqual(s2.started.map((x) => x.r), [0, 1]);
  assert.equal(D.learningSummary(SAMPLE, {}).startedCount, 0);
  assert.equal(D.learningSummary(null, {}).total, 0);
});

test('a loaded detail is used through peek()', () => {
  const peek = (c, r, k) => (c === 0 && r === 0 && k === 0 ? PANDAS_DETAIL : null);
  const sum = D.learningSummary(SAMPLE, { '0|0|0|0|1': done() , '1PandasVideo0001': watching() }, peek);
  assert.equal(sum.routes[0].completed, 1);
  assert.equal(sum.routes[0].inProgress, 1);
});

test('percent and the encouraging bands (0, <10, <30, <50, <75, <100, 100)', () => {
  assert.equal(D.percent(0, 0), 0);
  assert.equal(D.percent(1, 1000), 1, 'any progress shows at least 1 %');
  assert.equal(D.percent(999, 1000), 99, 'never 100 before the end');
  assert.equal(D.percent(5, 5), 100);
  assert.deepEqual([0, 5, 10, 29, 30, 49, 50, 74, 75, 99, 100].map(D.bandFor),
    ['zero', 'low', 'start', 'start', 'mid', 'mid', 'good', 'good', 'almost', 'almost', 'done']);
});

test('main button: most recent in-progress class, else first incomplete, else the first class', () => {
  const pos = { c: 0, r: 0, k: 0 };
  const course = { modules: [
    { name: 'a', classes: [cls(1, 'a1', 'refA1xxxxxxx', null), cls(2, 'a2', 'refA2xxxxxxx', null)] },
    { name: 'no list', classes: 3 },
    { name: 'b', classes: [cls(3, 'b1', null, 'refB1xxxxxxx'), cls(4, 'b2', null, null)] },
  ] };
  assert.equal(D.resumeTarget({ modules: [] }, pos, {}), null);
  let r = D.resumeTarget(course, pos, {});
  assert.deepEqual([r.m, r.i, r.label], [0, 0, 'start']);
  r = D.resumeTarget(course, pos, { refA1xxxxxxx: done() });
  assert.deepEqual([r.m, r.i, r.label], [0, 1, 'continue'], 'first incomplete');
  r = D.resumeTarget(course, pos, { refA2xxxxxxx: watching(undefined, T1), refB1xxxxxxx: watching(undefined, T3), refA1xxxxxxx: done() });
  assert.deepEqual([r.m, r.i, r.label], [2, 0, 'continue'], 'the most recent in-progress class');
  r = D.resumeTarget(course, pos, { refA1xxxxxxx: done(), refA2xxxxxxx: done(), refB1xxxxxxx: done(), '0|0|0|2|1': done() });
  assert.deepEqual([r.m, r.i, r.label], [0, 0, 'review'], 'all complete → first class, Repasar');
  r = D.resumeTarget(course, pos, { refA1xxxxxxx: reset() });
  assert.equal(r.label, 'start', 'a tombstone is not progress');
});

test('module x/y and class status', () => {
  const pos = { c: 0, r: 0, k: 0 };
  const mod = PANDAS_DETAIL.course.modules[0];
  assert.deepEqual(D.moduleProgress(mod, 0, pos, { '1PandasHtml00002': done() }), { done: 1, total: 2 });
  assert.equal(D.classStatus({ '1PandasVideo0001': watching() }, mod.classes[0], 0, 0, 0, 0, 0), 'in_progress');
  assert.equal(D.classStatus({}, mod.classes[0], 0, 0, 0, 0, 0), 'not_started');
  const noRef = cls(9, 'text only', null, null);
  assert.equal(D.classStatus({ '0|0|0|0|5': done() }, noRef, 0, 0, 0, 0, 5), 'complete', 'no primary ref → positional key');
});
