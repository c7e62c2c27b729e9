// Shared fixture for the views-*.test.mjs files: a fake DOM, the catalog.md §3.3 bootstrap and
// course details for it, a stubbed fetch that counts course-detail requests. Not a test file.
import { installDom, mountView } from './fake-dom.mjs';
import { viewerModule } from './paths.mjs';

export const env = installDom();
export { mountView };

export const S = await import(viewerModule('state.js'));
export const detailModule = await import(viewerModule('detail.js'));
export const i18n = await import(viewerModule('i18n.js'));

export const BOOTSTRAP = {"categories":[{"id":"datos","name":"Ciencia de Datos","icon":"📊","description":"Análisis y visualización","type":"development","routes":[{"id":"analista","name":"Ruta Analista","url":"https://example.org/ruta/analista/","isCourse":false,"courses":[{"name":"Curso de Pandas","folderName":"02. Curso de Pandas","url":"https://example.org/cursos/pandas/","id":"1PandasFolder0001","publicId":"pandas","moduleCount":1,"classCount":2,"foundInDrive":true,"matchType":"exact","matchedFolder":"02. Curso de Pandas","hasPresentation":false,"presentationId":null,"modules":[{"name":"Primeros pasos","classCount":2,"classes":2}]},{"name":"Curso de Estadística","folderName":"Curso de Estadística","url":"https://example.org/cursos/estadistica/","id":"","publicId":"estadistica","moduleCount":0,"classCount":0,"foundInDrive":false,"matchType":null,"matchedFolder":null,"hasPresentation":false,"presentationId":"","modules":[]}],"courseCount":2},{"id":"route-2","name":"Taller de SQL","url":"https://example.org/cursos/taller-sql/","isCourse":true,"folderName":"","publicId":"taller-sql","moduleCount":1,"classCount":1,"foundInDrive":true,"matchType":null,"matchedFolder":null,"hasPresentation":false,"presentationId":"","modules":[{"name":"Módulo 1","classCount":1,"classes":1}]}]}],"stats":{"totalCategories":1,"totalRoutes":2,"totalCourses":3,"totalClasses":3}};

const cls = (num, name, files, flags = {}) => ({
  num, name, hasVideo: false, hasSummary: false, hasSubtitles: false, hasReading: false, hasHtml: false,
  ...flags, files: { video: null, summary: null, subtitles: null, reading: null, html: null, ...files }, resources: [],
});

// The course-detail answers of api.md §3.5 for the sample (catalog.md §2.8 worked sample).
export const DETAILS = {
  '0/0/0': {
    catId: 'datos', routeId: 'analista', courseId: 'pandas', indices: { catIdx: 0, routeIdx: 0, courseIdx: 0 }, isCourseRoute: false,
    course: {
      name: 'Curso de Pandas', folderName: '02. Curso de Pandas', url: 'https://example.org/cursos/pandas/',
      modules: [{ name: 'Primeros pasos', folderName: '1. Primeros pasos', classCount: 2, classes: [
        cls(1, 'Series y DataFrames', { video: '1PandasVideo0001', subtitles: '1PandasSubs00001' }, { hasVideo: true, hasSubtitles: true }),
        cls(2, 'Ejercicio guiado', { html: '1PandasHtml00002' }, { hasHtml: true }),
      ] }],
      moduleCount: 1, classCount: 2, foundInDrive: true, hasPresentation: true, presentationId: 'local:pandas/slides deck.pdf',
    },
  },
  '0/1/0': {
    catId: 'datos', routeId: 'route-2', courseId: 'taller-sql', indices: { catIdx: 0, routeIdx: 1, courseIdx: 0 }, isCourseRoute: true,
    course: {
      id: 'route-2', name: 'Taller de SQL', url: 'https://example.org/cursos/taller-sql/', isCourse: true,
      modules: [{ name: '', classes: [
        cls(1, 'Consultas básicas', { video: 'local:sql/01-consultas.mp4', summary: 'local:sql/01-consultas_summary.html' }, { hasVideo: true, hasSummary: true }),
        cls(2, 'Solo texto', { reading: 'local:sql/02.txt' }, { hasReading: true }),
      ] }],
      moduleCount: 1, classCount: 1,
    },
  },
};

/** fetch stub: course-detail answers from DETAILS (or `failWith` status); counts calls per path. */
export const net = { calls: [], failWith: null };
globalThis.fetch = async (url) => {
  const path = new URL(url).pathname.replace(/^\/ctx\//, '');
  net.calls.push(path);
  const m = /^api\/course-detail\/(\d+\/\d+\/\d+)$/.exec(path);
  if (!m) return new Response('{}', { status: 404 });
  if (net.failWith) return new Response('{"error":"boom"}', { status: net.failWith });
  const body = DETAILS[m[1]];
  return body ? new Response(JSON.stringify(body), { status: 200 }) : new Response('{"error":"course_not_found"}', { status: 404 });
};

export function reset({ progress = {}, lang = 'es' } = {}) {
  S.state.bootstrap = JSON.parse(JSON.stringify(BOOTSTRAP));
  S.state.progress = progress;
  detailModule.clearCourseDetails();
  net.calls.length = 0;
  net.failWith = null;
  env.localStorage.clear();
  env.document.body.replaceChildren();
  i18n.setLang(lang);
}

/** A router context for a hash such as "#course/0/0/0". */
export function ctxFor(hash, refresh = () => {}) {
  const [view, ...params] = hash.replace(/^#/, '').split('/');
  return { route: { view, params: params.map(Number), valid: params.every((p) => /^\d+$/.test(p)) }, state: S.state, refresh };
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const text = (el) => (el ? el.textContent.replace(/\s+/g, ' ').trim() : null);
