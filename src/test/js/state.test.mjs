import { test } from 'node:test';
import assert from 'node:assert/strict';
import { viewerModule } from './paths.mjs';

const S = await import(viewerModule('state.js'));

// The bootstrap of catalog.md §3.3 (the worked sample).
const SAMPLE = {"categories":[{"id":"datos","name":"Ciencia de Datos","icon":"📊","description":"Análisis y visualización","type":"development","routes":[{"id":"analista","name":"Ruta Analista","url":"https://example.org/ruta/analista/","isCourse":false,"courses":[{"name":"Curso de Pandas","folderName":"02. Curso de Pandas","url":"https://example.org/cursos/pandas/","id":"1PandasFolder0001","publicId":"pandas","moduleCount":1,"classCount":2,"foundInDrive":true,"matchType":"exact","matchedFolder":"02. Curso de Pandas","hasPresentation":false,"presentationId":null,"modules":[{"name":"Primeros pasos","classCount":2,"classes":2}]},{"name":"Curso de Estadística","folderName":"Curso de Estadística","url":"https://example.org/cursos/estadistica/","id":"","publicId":"estadistica","moduleCount":0,"classCount":0,"foundInDrive":false,"matchType":null,"matchedFolder":null,"hasPresentation":false,"presentationId":"","modules":[]}],"courseCount":2},{"id":"route-2","name":"Taller de SQL","url":"https://example.org/cursos/taller-sql/","isCourse":true,"folderName":"","publicId":"taller-sql","moduleCount":1,"classCount":1,"foundInDrive":true,"matchType":null,"matchedFolder":null,"hasPresentation":false,"presentationId":"","modules":[{"name":"Módulo 1","classCount":1,"classes":1}]}]}],"stats":{"totalCategories":1,"totalRoutes":2,"totalCourses":3,"totalClasses":3}};

test('truthiness follows catalog.md §2.3', () => {
  for (const v of [undefined, null, false, 0, '', [], {}]) assert.equal(S.truthy(v), false, JSON.stringify(v));
  for (const v of [true, 1, 'x', [0], { a: 0 }, -1]) assert.equal(S.truthy(v), true, JSON.stringify(v));
  assert.ok(S.isCourseRoute({ isCourse: 1 }));
  assert.ok(!S.isCourseRoute({ isCourse: [] }));
});

test('lookups by position, course-routes only at k = 0', () => {
  assert.equal(S.getCategory(0, SAMPLE).id, 'datos');
  assert.equal(S.getCategory(1, SAMPLE), null);
  assert.equal(S.getRoute(0, 1, SAMPLE).name, 'Taller de SQL');
  assert.equal(S.getCourse(0, 0, 0, SAMPLE).name, 'Curso de Pandas');
  assert.equal(S.getCourse(0, 0, 1, SAMPLE).name, 'Curso de Estadística');
  assert.equal(S.getCourse(0, 0, 2, SAMPLE), null);
  assert.equal(S.getCourse(0, 1, 0, SAMPLE).name, 'Taller de SQL');
  assert.equal(S.getCourse(0, 1, 1, SAMPLE), null);
  assert.equal(S.getCourse(9, 9, 9, SAMPLE), null);
  assert.equal(S.getCourse(0, 0, 0, null), null);
});

test('availability of routes and course-routes (a course-route uses its own foundInDrive)', () => {
  const [analista, sql] = SAMPLE.categories[0].routes;
  assert.deepEqual(S.routeAvailability(analista), { available: 1, total: 2, share: 0.5 });
  assert.equal(S.availabilityClass(analista), 'route-partial');
  assert.equal(S.availabilityClass(sql), 'route-complete');
  assert.equal(S.availabilityClass({ ...sql, foundInDrive: false }), 'route-empty');
  assert.equal(S.availabilityClass({ isCourse: false, courses: [] }), 'route-empty');
  assert.equal(S.availabilityClass({ courses: [{ foundInDrive: true }] }), 'route-complete');
});

test('counts', () => {
  const cat = SAMPLE.categories[0];
  assert.deepEqual(S.categoryCounts(cat), { routes: 2, courses: 3, classes: 3 });
  const { paths, standalone } = S.splitRoutes(cat);
  assert.deepEqual(paths.map((p) => p.index), [0]);
  assert.deepEqual(standalone.map((p) => p.index), [1]);
  assert.equal(S.routeModuleCount(cat.routes[0]), 1);
  assert.equal(S.courseClassCount({ modules: [{ classes: [1, 2, 3] }, { classes: 2 }] }), 5);
  assert.equal(S.courseClassCount({ modules: [], classCount: 7 }), 7, 'falls back to classCount');
  assert.equal(S.moduleCount({ modules: [1, 2] }), 2);
  assert.deepEqual(S.stats(SAMPLE), SAMPLE.stats);
  assert.deepEqual(S.stats({ stats: { totalCourses: 'x' } }), { totalCategories: 0, totalRoutes: 0, totalCourses: 0, totalClasses: 0 });
});

test('timeline marker: leading "NN. " of folderName, else of name, else index + 1', () => {
  assert.equal(S.courseMarker({ folderName: '02. Curso de Pandas', name: 'Curso de Pandas' }, 0), '02');
  assert.equal(S.courseMarker({ folderName: 'Curso', name: '7. Curso' }, 0), '7');
  assert.equal(S.courseMarker({ folderName: 'Curso 2024', name: 'Curso' }, 3), '4');
  assert.equal(S.courseMarker({}, 0), '1');
  assert.equal(S.courseMarker({ folderName: '3.Sin espacio' }, 1), '2');
});
