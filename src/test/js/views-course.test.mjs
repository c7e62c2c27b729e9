// Course and route views (viewer.md §4 "Course", "Route", §10 items 25–33).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { viewerModule } from './paths.mjs';
import { env, reset, ctxFor, mountView, sleep, text, net } from './views-fixture.mjs';

const course = (await import(viewerModule('views/course.js'))).default;
const { readNotes, presentationRef, fileUrl, notesKey } = await import(viewerModule('views/course.js'));
const route = (await import(viewerModule('views/route.js'))).default;

const T1 = '2026-01-01T10:00:00.000Z';

test('notes helpers: key by publicId, legacy import once, presentation ref, file URLs', () => {
  reset();
  assert.equal(notesKey({ publicId: 'pandas' }, null, 0, 0, 0), 'aula_notes_pandas');
  assert.equal(notesKey({ publicId: '' }, { courseId: 'x' }, 0, 0, 0), 'aula_notes_x');
  env.localStorage.setItem('platzi_notes_0_0_0', 'vieja');
  assert.equal(readNotes('aula_notes_pandas', 0, 0, 0), 'vieja');
  assert.equal(env.localStorage.getItem('aula_notes_pandas'), 'vieja', 'imported');
  assert.equal(env.localStorage.getItem('platzi_notes_0_0_0'), 'vieja', 'legacy left in place');
  env.localStorage.setItem('aula_notes_pandas', '');
  assert.equal(readNotes('aula_notes_pandas', 0, 0, 0), '', 'an emptied note is not re-imported');
  assert.equal(presentationRef({ hasPresentation: true, presentationId: 'abcdefghijk' }), 'abcdefghijk');
  assert.equal(presentationRef({ hasPresentation: false, presentationId: 'abcdefghijk' }, { hasPresentation: true, presentationId: '' }), null);
  assert.equal(fileUrl('local:pandas/slides deck.pdf'), 'http://aula.test/ctx/drive/files/local:pandas/slides%20deck.pdf');
});

test('course view: hero, Empezar, syllabus accordion, ring, notes, presentation', async () => {
  reset();
  env.localStorage.setItem('platzi_notes_0_0_0', 'apuntes antiguos');
  const view = await course.render(ctxFor('#course/0/0/0'));
  const node = mountView(view);
  assert.equal(view.title, 'Curso de Pandas');
  assert.equal(text(node.querySelector('h1')), 'Curso de Pandas');
  assert.equal(text(node.querySelector('.course-summary')), '1 módulo • 2 clases');
  const main = node.querySelector('.course-main-btn');
  assert.match(text(main), /Empezar/);
  assert.equal(main.getAttribute('href'), '#player/0/0/0/0/0');

  const toggle = node.querySelector('.module-toggle');
  assert.equal(toggle.tagName, 'BUTTON');
  assert.equal(toggle.getAttribute('aria-expanded'), 'true', 'the module of the resume target starts open');
  const panel = node.querySelector(`#${toggle.getAttribute('aria-controls')}`);
  assert.equal(panel.getAttribute('role'), 'region');
  assert.equal(panel.getAttribute('aria-labelledby'), toggle.id);
  assert.match(text(toggle), /0\/2/);
  toggle.click();
  assert.equal(toggle.getAttribute('aria-expanded'), 'false');
  assert.ok(panel.hidden);
  toggle.click();
  assert.ok(!panel.hidden);

  const rows = node.querySelectorAll('.class-row');
  assert.deepEqual(rows.map((r) => r.getAttribute('href')), ['#player/0/0/0/0/0', '#player/0/0/0/0/1'], 'video and HTML-only rows link to the player');
  assert.match(text(rows[0]), /Pendiente.*1.*Series y DataFrames.*Video/);
  assert.match(text(rows[1]), /Lección HTML/);

  const ring = node.querySelector('.course-side .ring');
  assert.equal(ring.getAttribute('role'), 'img');
  assert.equal(ring.getAttribute('aria-label'), '0 % completado');
  assert.equal(text(node.querySelector('.progress-counts')), '0 completadas · 2 restantes');
  const pres = node.querySelector('.presentation-link');
  assert.equal(pres.getAttribute('href'), 'http://aula.test/ctx/drive/files/local:pandas/slides%20deck.pdf');

  const notes = node.querySelector('#course-notes');
  assert.ok(node.querySelector('label[for="course-notes"]'));
  assert.equal(notes.value, 'apuntes antiguos', 'legacy notes imported on first open');
  notes.value = 'nuevas notas';
  notes.dispatchEvent({ type: 'input' });
  await sleep(100);
  assert.equal(env.localStorage.getItem('aula_notes_pandas'), 'apuntes antiguos', 'not before 300 ms');
  await sleep(300);
  assert.equal(env.localStorage.getItem('aula_notes_pandas'), 'nuevas notas');
  notes.value = 'al salir';
  notes.dispatchEvent({ type: 'input' });
  view.destroy();
  assert.equal(env.localStorage.getItem('aula_notes_pandas'), 'al salir', 'a pending save is flushed on destroy');
  assert.equal(env.window.listenerCount('pagehide'), 0, 'listeners removed');
});

test('course view: Continuar / Repasar, ✓ modules, x/y and ring follow progress', async () => {
  reset({ progress: { '1PandasHtml00002': { status: 'in_progress', lastWatched: T1, watchTime: 20, course: 'pandas' } } });
  let node = mountView(await course.render(ctxFor('#course/0/0/0')));
  let main = node.querySelector('.course-main-btn');
  assert.match(text(main), /Continuar/);
  assert.equal(main.getAttribute('href'), '#player/0/0/0/0/1', 'the in-progress class');
  assert.match(text(node.querySelector('.class-row[data-i="1"]')), /En curso/);

  reset({ progress: {
    '1PandasVideo0001': { status: 'complete', completedAt: T1, course: 'pandas' },
    '0|0|0|0|1': { status: 'complete', completedAt: T1 },
  } });
  node = mountView(await course.render(ctxFor('#course/0/0/0')));
  main = node.querySelector('.course-main-btn');
  assert.match(text(main), /Repasar/);
  assert.equal(main.getAttribute('href'), '#player/0/0/0/0/0');
  assert.match(text(node.querySelector('.module-badge')), /✓/);
  assert.match(text(node.querySelector('.module-toggle')), /2\/2/);
  assert.equal(node.querySelector('.course-side .ring').getAttribute('aria-label'), '100 % completado');
  assert.equal(text(node.querySelector('.progress-counts')), '2 completadas · 0 restantes');
});

test('the detail is fetched once per course, also after leaving and returning', async () => {
  reset();
  await course.render(ctxFor('#course/0/0/0'));
  await course.render(ctxFor('#course/0/0/0'));
  await Promise.all([course.render(ctxFor('#course/0/0/0')), course.render(ctxFor('#course/0/0/0'))]);
  assert.deepEqual(net.calls, ['api/course-detail/0/0/0']);
});

test('detail failure: amber banner with the code, bootstrap counts remain', async () => {
  reset({ progress: { '1PandasVideo0001': { status: 'complete', completedAt: T1, course: 'pandas' } } });
  net.failWith = 500;
  const node = mountView(await course.render(ctxFor('#course/0/0/0')));
  const banner = node.querySelector('.banner');
  assert.equal(banner.getAttribute('data-code'), 'course_detail_http_500');
  assert.match(text(banner), /course_detail_http_500.*\/api\/course-detail\/0\/0\/0/);
  assert.equal(text(node.querySelector('.course-summary')), '1 módulo • 2 clases');
  assert.equal(node.querySelector('.course-side .ring').getAttribute('aria-label'), '50 % completado', 'counted by the course publicId');
  assert.equal(node.querySelector('.course-main-btn'), null);
  assert.equal(node.querySelectorAll('.module-row').length, 1, 'bootstrap modules listed');
});

test('unknown course and route → not found with a link home', async () => {
  reset();
  for (const [view, hash] of [[course, '#course/0/0/99'], [route, '#route/99/99'], [course, '#course/0/1/1']]) {
    const node = mountView(await view.render(ctxFor(hash)));
    assert.ok(node.querySelector('.state-not-found'), hash);
    assert.equal(node.querySelector('.state-not-found a').getAttribute('href'), '#home');
  }
  const bad = mountView(await route.render({ route: { view: 'route', params: null, valid: false }, state: {}, refresh() {} }));
  assert.ok(bad.querySelector('.state-not-found'));
});

test('route of courses: breadcrumb, chips, numbered timeline, unavailable course not a link', async () => {
  reset();
  const view = await route.render(ctxFor('#route/0/0'));
  const node = mountView(view);
  assert.equal(view.title, 'Ruta Analista');
  assert.deepEqual(node.querySelectorAll('.breadcrumb li').map(text), ['Inicio', 'Ciencia de Datos', 'Ruta Analista']);
  assert.deepEqual(node.querySelectorAll('.chips .chip').map(text), ['2 cursos', '1 módulo']);
  assert.deepEqual(node.querySelectorAll('.timeline-marker').map(text), ['02', '2']);
  const items = node.querySelectorAll('.timeline-item');
  assert.equal(items[0].querySelector('a.course-card').getAttribute('href'), '#course/0/0/0');
  assert.equal(items[1].querySelector('a'), null, 'unavailable → not a link');
  assert.match(text(items[1]), /No disponible/);
  assert.equal(items[1].style.getPropertyValue('--i'), '1', 'stagger index as a CSS variable');
  assert.equal(net.calls.length, 0, 'no detail fetch for a route of courses');
});

test('course-route: detail at index 0, badge, module count and playable rows', async () => {
  reset();
  const node = mountView(await route.render(ctxFor('#route/0/1')));
  assert.deepEqual(net.calls, ['api/course-detail/0/1/0']);
  assert.equal(text(node.querySelector('.badge-course')), 'Curso independiente');
  assert.match(text(node.querySelector('.course-summary')), /1 módulo/);
  const rows = node.querySelectorAll('.class-row');
  assert.equal(rows[0].getAttribute('href'), '#player/0/1/0/0/0');
  assert.equal(rows[1].tagName, 'DIV', 'a text-only class is not a link');
  assert.match(text(rows[1]), /Texto.*Lectura/);
  assert.match(text(node.querySelector('.module-toggle')), /Módulo 1/, 'empty module name falls back');

  reset();
  net.failWith = 500;
  const failed = mountView(await route.render(ctxFor('#route/0/1')));
  assert.equal(failed.querySelector('.banner').getAttribute('data-code'), 'course_detail_http_500');
  assert.equal(text(failed.querySelector('.badge-course')), 'Curso independiente');
});
