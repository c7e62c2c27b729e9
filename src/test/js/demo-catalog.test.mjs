// The bundled demo catalogue (media.md §2.3, catalog.md §2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEMO_CATALOG } from './paths.mjs';

const bytes = readFileSync(DEMO_CATALOG);
const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
const doc = JSON.parse(text);
const truthy = (v) => !(v === undefined || v === null || v === false || v === 0 || v === ''
  || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0));

/** media.md §2.2 step 2: syntax of a local ref's path. */
function validLocalRef(ref) {
  if (typeof ref !== 'string' || !ref.startsWith('local:')) return false;
  const p = ref.slice('local:'.length);
  if (p.length < 1 || p.length > 1024 || p.includes('\\') || p.startsWith('/') || p.includes(':')) return false;
  if (/[\u0000-\u001f\u007f]/.test(p)) return false;
  return p.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..' && !seg.startsWith('.') && !/[ .]$/.test(seg));
}

function courseEntries() {
  const out = [];
  for (const cat of doc.categories) {
    for (const route of cat.routes) {
      if (truthy(route.isCourse)) out.push({ course: route, route, courseRoute: true });
      else for (const course of route.courses) out.push({ course, route, courseRoute: false });
    }
  }
  return out;
}

function allClasses() {
  return courseEntries().flatMap(({ course }) => course.modules.flatMap((m) => m.classes));
}

test('valid UTF-8 JSON without BOM, 2-space indentation, final newline', () => {
  assert.notEqual(bytes[0], 0xef, 'no BOM');
  assert.equal(text, `${JSON.stringify(doc, null, 2)}\n`);
});

test('top level and category shape (catalog.md §2.1–2.2)', () => {
  assert.deepEqual(Object.keys(doc), ['categories', 'stats']);
  assert.equal(doc.categories.length, 1, 'one category');
  const [cat] = doc.categories;
  for (const k of ['id', 'name', 'icon', 'description', 'type']) assert.equal(typeof cat[k], 'string', k);
  assert.ok(Array.isArray(cat.routes));
});

test('a route with two courses, one of them not found; one course-route', () => {
  const routes = doc.categories[0].routes;
  const paths = routes.filter((r) => !truthy(r.isCourse));
  const standalone = routes.filter((r) => truthy(r.isCourse));
  assert.equal(standalone.length, 1, 'one course-route');
  const two = paths.find((r) => r.courses.length === 2);
  assert.ok(two, 'a route with two courses');
  assert.equal(two.courseCount, two.courses.length);
  assert.deepEqual(two.courses.map((c) => c.foundInDrive), [true, false]);
  const missing = two.courses[1];
  assert.deepEqual([missing.modules, missing.moduleCount, missing.classCount], [[], 0, 0]);
  for (const r of routes) for (const k of ['id', 'name', 'url']) assert.equal(typeof r[k], 'string', k);
});

test('counts are accurate: moduleCount, classCount, module classCount and stats', () => {
  for (const { course } of courseEntries()) {
    assert.equal(course.moduleCount, course.modules.length, `${course.name} moduleCount`);
    const sum = course.modules.reduce((s, m) => s + m.classes.length, 0);
    assert.equal(course.classCount, sum, `${course.name} classCount`);
    for (const m of course.modules) assert.equal(m.classCount, m.classes.length, `${m.name} classCount`);
    for (const k of ['name', 'folderName', 'url']) assert.equal(typeof course[k], 'string', k);
    assert.match(course.url, /\/cursos\/[a-z0-9-]+\/$/, 'url ends in the public slug');
  }
  const entries = courseEntries();
  assert.deepEqual(doc.stats, {
    totalCategories: doc.categories.length,
    totalRoutes: doc.categories.reduce((s, c) => s + c.routes.length, 0),
    totalCourses: entries.length,
    totalClasses: entries.reduce((s, e) => s + e.course.classCount, 0),
  });
});

test('classes have the original shape and consistent flags', () => {
  const classes = allClasses();
  assert.ok(classes.length >= 6, 'at least 6 classes');
  for (const c of classes) {
    assert.equal(typeof c.num, 'number');
    assert.equal(typeof c.name, 'string');
    assert.deepEqual(Object.keys(c.files), ['video', 'summary', 'subtitles', 'reading', 'html']);
    for (const [flag, key] of [['hasVideo', 'video'], ['hasSummary', 'summary'], ['hasSubtitles', 'subtitles'], ['hasReading', 'reading']]) {
      assert.equal(c[flag], c.files[key] !== null, `${c.name}: ${flag}`);
    }
    assert.equal(c.hasHtml, c.files.html !== null && c.files.video === null, `${c.name}: hasHtml means HTML lesson and no video`);
    assert.ok(c.files.video || c.files.html, `${c.name}: has a primary ref`);
    assert.ok(Array.isArray(c.resources));
    for (const r of c.resources) {
      assert.deepEqual(Object.keys(r), ['name', 'file', 'ext', 'viewable']);
      assert.equal(r.ext, r.ext.toLowerCase());
      assert.ok(r.name.toLowerCase().endsWith(r.ext), `${r.name} ends with ${r.ext}`);
      assert.ok(r.file.endsWith(r.ext), `${r.file} ends with ${r.ext}`);
    }
    if ('videoPlayback' in c) assert.ok(['direct', 'compat'].includes(c.videoPlayback));
  }
});

test('every ref is a valid local: ref to a relative path, and primary refs are unique', () => {
  const refs = [];
  for (const { course } of courseEntries()) {
    if (course.presentationId) refs.push(course.presentationId);
    for (const c of course.modules.flatMap((m) => m.classes)) {
      for (const v of Object.values(c.files)) if (v !== null) refs.push(v);
      for (const r of c.resources) refs.push(r.file);
    }
  }
  for (const ref of refs) assert.ok(validLocalRef(ref), `invalid local ref: ${ref}`);
  const primary = allClasses().map((c) => c.files.video || c.files.html);
  assert.equal(new Set(primary).size, primary.length, 'stable progress keys must not collide');
});

test('coverage required by media.md §2.3', () => {
  const classes = allClasses();
  const ext = (ref) => ref.slice(ref.lastIndexOf('.'));
  assert.ok(classes.some((c) => c.hasVideo && c.hasSubtitles && ext(c.files.subtitles) === '.vtt' && c.hasSummary && ext(c.files.summary) === '.html'),
    'a video with WebVTT subtitles and an HTML summary');
  assert.ok(classes.some((c) => !c.hasVideo && c.hasHtml && ext(c.files.html) === '.html'), 'an HTML-only lesson');
  assert.ok(classes.some((c) => c.hasReading && ext(c.files.reading) === '.txt'), 'a .txt reading');
  const resources = classes.flatMap((c) => c.resources);
  for (const e of ['.pdf', '.png', '.csv']) assert.ok(resources.some((r) => r.ext === e && r.viewable === true), `viewable ${e} resource`);
  assert.ok(resources.some((r) => r.ext === '.zip' && r.viewable === false), 'non-viewable .zip resource');
  assert.equal(classes.filter((c) => c.videoPlayback === 'compat').length, 1, 'one compat class');
});

test('the content is Spanish (accented text survives as UTF-8)', () => {
  assert.match(text, /[áéíóúñ]/);
  assert.ok(!text.includes('\\u00'), 'no \\u escapes: UTF-8 text');
});
