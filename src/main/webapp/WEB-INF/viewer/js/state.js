// Application state and pure catalogue helpers over the bootstrap projection (catalog.md §3).
// No browser APIs: Node tests import this module.

/** The single store. Views read it; app.js and progress.js write it. */
export const state = {
  bootstrap: null, // {categories, stats}
  bootstrapEtag: null,
  progress: {}, // the merged progress map (catalog.md §7.3)
  progressEtag: null,
  progressServerOk: false,
  warnings: [], // [{code, endpoint, messageKey}]
};

/** "True" means truthy as in catalog.md §2.3: not missing, null, false, 0, "", [] or {}. */
export function truthy(v) {
  if (v === undefined || v === null || v === false || v === 0 || v === '' || Number.isNaN(v)) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

export function isCourseRoute(route) {
  return !!route && truthy(route.isCourse);
}

function arr(v) {
  return Array.isArray(v) ? v : [];
}

function int(v) {
  return typeof v === 'number' && Number.isFinite(v) ? Math.max(0, Math.trunc(v)) : 0;
}

export function categories(bootstrap = state.bootstrap) {
  return bootstrap ? arr(bootstrap.categories) : [];
}

export function getCategory(c, bootstrap = state.bootstrap) {
  return categories(bootstrap)[c] || null;
}

export function getRoute(c, r, bootstrap = state.bootstrap) {
  const cat = getCategory(c, bootstrap);
  return cat ? arr(cat.routes)[r] || null : null;
}

/** The courses of a route: the route itself for a course-route. */
export function routeCourses(route) {
  if (!route) return [];
  return isCourseRoute(route) ? [route] : arr(route.courses);
}

/** The course at (c, r, k); for a course-route only k = 0 exists and it is the route. */
export function getCourse(c, r, k, bootstrap = state.bootstrap) {
  const route = getRoute(c, r, bootstrap);
  if (!route) return null;
  if (isCourseRoute(route)) return k === 0 ? route : null;
  return arr(route.courses)[k] || null;
}

/** A course is available unless it says `foundInDrive: false` (the bootstrap default is true). */
export function isAvailable(course) {
  return !!course && course.foundInDrive !== false;
}

export function moduleCount(course) {
  if (!course) return 0;
  if (typeof course.moduleCount === 'number') return int(course.moduleCount);
  return arr(course.modules).length;
}

/** Class count of one module: an array's length or a count (bootstrap form). */
export function moduleClassCount(mod) {
  if (!mod) return 0;
  if (Array.isArray(mod.classes)) return mod.classes.length;
  if (typeof mod.classes === 'number') return int(mod.classes);
  return int(mod.classCount);
}

/** Course total (viewer.md §6.6): the sum of the module counts, falling back to classCount. */
export function courseClassCount(course) {
  if (!course) return 0;
  const mods = arr(course.modules);
  if (mods.length) return mods.reduce((s, m) => s + moduleClassCount(m), 0);
  return int(course.classCount);
}

/** {available, total, share} over a route's courses; a course-route counts itself. */
export function routeAvailability(route) {
  const list = routeCourses(route);
  const available = list.filter(isAvailable).length;
  const total = list.length;
  return { available, total, share: total ? available / total : 0 };
}

/** "route-complete" | "route-partial" | "route-empty" for a route card. */
export function availabilityClass(route) {
  const { available, total } = routeAvailability(route);
  if (total === 0 || available === 0) return 'route-empty';
  return available === total ? 'route-complete' : 'route-partial';
}

/** Splits a category's routes into routes of courses and course-routes, keeping indices. */
export function splitRoutes(category) {
  const paths = [];
  const standalone = [];
  arr(category && category.routes).forEach((route, index) => {
    if (route === null || typeof route !== 'object') return; // malformed entry: skip, keep indices
    (isCourseRoute(route) ? standalone : paths).push({ route, index });
  });
  return { paths, standalone };
}

/** Counts shown on a category section. */
export function categoryCounts(category) {
  const routes = arr(category && category.routes);
  let courses = 0;
  let classes = 0;
  for (const route of routes) {
    for (const course of routeCourses(route)) {
      courses += 1;
      classes += courseClassCount(course);
    }
  }
  return { routes: routes.length, courses, classes };
}

/** Sum of modules over a route's courses (route view chip). */
export function routeModuleCount(route) {
  return routeCourses(route).reduce((s, c) => s + moduleCount(c), 0);
}

/**
 * Timeline marker of a course in a route: the leading "NN. " of folderName, else of name,
 * else index + 1.
 */
export function courseMarker(course, index) {
  for (const field of ['folderName', 'name']) {
    const v = course && course[field];
    if (typeof v === 'string') {
      const m = /^\s*(\d{1,4})\.\s/.exec(v);
      if (m) return m[1];
    }
  }
  return String(index + 1);
}

/** Normalised stats (the server normalises already; this guards hand-made payloads). */
export function stats(bootstrap = state.bootstrap) {
  const s = (bootstrap && bootstrap.stats) || {};
  return {
    totalCategories: int(s.totalCategories),
    totalRoutes: int(s.totalRoutes),
    totalCourses: int(s.totalCourses),
    totalClasses: int(s.totalClasses),
  };
}

/** Display name with a fallback for empty or non-string values. */
export function displayName(value, fallback = '') {
  return typeof value === 'string' && value.trim() !== '' ? value : fallback;
}

/**
 * A class's primary file ref, its stable progress key (catalog.md §7.4, viewer.md §6.1):
 * `files.video` when it is a non-empty string, else `files.html` likewise; null when neither
 * (such a class keeps a positional key). The has* flags do not enter into the key.
 */
export function primaryRef(cls) {
  const files = (cls && cls.files) || {};
  const nonEmpty = (ref) => typeof ref === 'string' && ref.trim() !== '';
  if (nonEmpty(files.video)) return files.video;
  if (nonEmpty(files.html)) return files.html;
  return null;
}

/** A usable file ref (viewer.md §5.1): its has* flag is true and the ref is non-empty; else null. */
export function usableRef(cls, flag, file) {
  const ref = cls && cls.files ? cls.files[file] : null;
  return truthy(cls && cls[flag]) && typeof ref === 'string' && ref.trim() !== '' ? ref : null;
}

/** A class the player can open: it has a usable video or HTML lesson (viewer.md §4 "Course"). */
export function isPlayable(cls) {
  return usableRef(cls, 'hasVideo', 'video') !== null || usableRef(cls, 'hasHtml', 'html') !== null;
}
