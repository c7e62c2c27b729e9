// Shared locations for the viewer unit tests (run with `node --test src/test/js/`).
export const VIEWER = new URL('../../main/webapp/WEB-INF/viewer/', import.meta.url);
export const VIEWER_JS = new URL('js/', VIEWER);
export const DEMO_CATALOG = new URL('../../main/webapp/WEB-INF/aula-demo/courses_cache.json', import.meta.url);
export const viewerModule = (rel) => new URL(rel, VIEWER_JS).href;
