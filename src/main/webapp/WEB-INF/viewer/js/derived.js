// Derived progress numbers (viewer.md §6.6) over the merged progress map (catalog.md §7.3).
// Pure: no DOM, no storage, no fetch. Node tests import this module. The views pass the
// progress map and a `peek(c, r, k)` function that returns an already loaded course detail
// (detail.js peekCourseDetail) or null; nothing here ever fetches.

import {
  categories, routeCourses, isCourseRoute, courseClassCount, primaryRef,
} from './state.js';
import { pickRecord } from './progress.js';

function arr(v) {
  return Array.isArray(v) ? v : [];
}

function isObj(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function isComplete(rec) {
  return isObj(rec) && rec.status === 'complete';
}

export function isInProgress(rec) {
  return isObj(rec) && rec.status === 'in_progress';
}

/** The positional key "c|r|k|m|i" of a class (catalog.md §7.4). */
export function positionalKey(c, r, k, m, i) {
  return `${c}|${r}|${k}|${m}|${i}`;
}

/** The course a progress record belongs to: its publicId (bootstrap), else "". */
export function coursePublicId(course) {
  return course && typeof course.publicId === 'string' ? course.publicId.trim() : '';
}

/**
 * The record of one class: the stable key (primary ref) and the legacy positional key are
 * combined with the merge rule of §6.2, so an un-migrated positional record still counts and a
 * newer tombstone on the stable key still wins.
 */
export function classRecord(progress, cls, c, r, k, m, i) {
  const map = isObj(progress) ? progress : {};
  const own = (key) => (Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined);
  const pos = own(positionalKey(c, r, k, m, i));
  const ref = primaryRef(cls);
  if (!ref) return pos;
  const stable = own(ref);
  if (pos === undefined) return stable;
  return pickRecord(stable, pos);
}

/** "complete" | "in_progress" | "not_started" for one class. */
export function classStatus(progress, cls, c, r, k, m, i) {
  const rec = classRecord(progress, cls, c, r, k, m, i);
  if (isComplete(rec)) return 'complete';
  if (isInProgress(rec)) return 'in_progress';
  return 'not_started';
}

/** The detail's course object (api.md §3.5 `course`), or null. */
export function detailCourse(detail) {
  return detail && isObj(detail.course) ? detail.course : null;
}

/**
 * Walks the class lists of a course detail: fn(cls, m, i, mod). Modules without a class list
 * are skipped (they have no classes to open).
 */
export function forEachClass(course, fn) {
  arr(course && course.modules).forEach((mod, m) => {
    if (!mod || !Array.isArray(mod.classes)) return;
    mod.classes.forEach((cls, i) => fn(cls || {}, m, i, mod));
  });
}

/**
 * Course numbers (viewer.md §6.6).
 *   course: the bootstrap course (or course-route); pos: {c, r, k}; detail: loaded detail or null.
 * Returns {total, completed, inProgress, started, finished, pct, hasDetail}.
 * With a detail, classes are counted by their keys. Without one, complete records whose
 * `course` is the publicId count, plus complete legacy keys "c|r|k|…" (each key once).
 */
export function courseProgress(course, pos, progress, detail = null) {
  const map = isObj(progress) ? progress : {};
  const { c, r, k } = pos;
  const full = detailCourse(detail);
  let total = courseClassCount(full && arr(full.modules).length ? full : course);
  if (!total) total = courseClassCount(course);
  let completed = 0;
  let inProgress = 0;
  if (full) {
    forEachClass(full, (cls, m, i) => {
      const rec = classRecord(map, cls, c, r, k, m, i);
      if (isComplete(rec)) completed += 1;
      else if (isInProgress(rec)) inProgress += 1;
    });
  } else {
    const id = coursePublicId(course);
    const prefix = `${c}|${r}|${k}|`;
    for (const [key, rec] of Object.entries(map)) {
      if (!isObj(rec)) continue;
      const mine = (id !== '' && rec.course === id) || key.startsWith(prefix);
      if (!mine) continue;
      if (isComplete(rec)) completed += 1;
      else if (isInProgress(rec)) inProgress += 1;
    }
  }
  if (total > 0 && completed > total) completed = total; // stale or duplicated records
  return finish({ total, completed, inProgress, hasDetail: !!full });
}

function finish(n) {
  const pct = percent(n.completed, n.total);
  return {
    ...n,
    pct,
    started: n.completed > 0 || n.inProgress > 0,
    finished: n.total > 0 && n.completed >= n.total,
  };
}

/** Whole percent, never 100 before everything is done, never above 100. */
export function percent(done, total) {
  if (!total || total <= 0 || !done || done <= 0) return 0;
  if (done >= total) return 100;
  return Math.min(99, Math.max(1, Math.floor((done * 100) / total)));
}

/** Route numbers: the sum over its courses; a course-route counts as itself (k = 0). */
export function routeProgress(route, c, r, progress, peek = () => null) {
  let total = 0;
  let completed = 0;
  let inProgress = 0;
  routeCourses(route).forEach((course, k) => {
    if (!course || typeof course !== 'object') return;
    const n = courseProgress(course, { c, r, k }, progress, peek(c, r, k));
    total += n.total;
    completed += n.completed;
    inProgress += n.inProgress;
  });
  return finish({ total, completed, inProgress });
}

/**
 * Every route with its numbers, plus the overall sums (a duplicated course counts once per
 * route, as in the original).
 *   → {routes:[{c, r, category, route, isCourse, ...numbers}], total, completed, pct,
 *      startedCount, finishedCount, started:[…unfinished, highest % first], finished:[…]}
 */
export function learningSummary(bootstrap, progress, peek = () => null) {
  const routes = [];
  categories(bootstrap).forEach((category, c) => {
    arr(category && category.routes).forEach((route, r) => {
      if (!isObj(route)) return;
      routes.push({ c, r, category, route, isCourse: isCourseRoute(route), ...routeProgress(route, c, r, progress, peek) });
    });
  });
  const total = routes.reduce((s, x) => s + x.total, 0);
  const completed = routes.reduce((s, x) => s + x.completed, 0);
  const finished = routes.filter((x) => x.finished);
  const started = routes
    .filter((x) => x.started && !x.finished)
    .sort((a, b) => (b.pct - a.pct) || (b.completed - a.completed) || (a.c - b.c) || (a.r - b.r));
  return {
    routes,
    total,
    completed,
    pct: percent(completed, total),
    startedCount: routes.filter((x) => x.started).length,
    finishedCount: finished.length,
    started,
    finished,
  };
}

/** The encouraging note's band for an overall percentage (0, <10, <30, <50, <75, <100, 100). */
export function bandFor(pct) {
  if (!(pct > 0)) return 'zero';
  if (pct < 10) return 'low';
  if (pct < 30) return 'start';
  if (pct < 50) return 'mid';
  if (pct < 75) return 'good';
  if (pct < 100) return 'almost';
  return 'done';
}

/** The newest timestamp of an in-progress record (ms), 0 when unparsable. */
function watchedAt(rec) {
  const ms = typeof rec.lastWatched === 'string' ? Date.parse(rec.lastWatched) : NaN;
  return Number.isFinite(ms) ? ms : 0;
}

/**
 * The main button of a course (viewer.md §4 "Course"): the most recent in-progress class, else
 * the first incomplete one, else the first class.
 *   → {m, i, cls, label: 'start'|'continue'|'review'} or null when the course has no classes.
 * "start" when nothing was touched, "review" when everything is complete.
 */
export function resumeTarget(course, pos, progress) {
  const { c, r, k } = pos;
  let first = null;
  let firstIncomplete = null;
  let latest = null;
  let latestAt = -1;
  let touched = false;
  let all = true;
  forEachClass(course, (cls, m, i) => {
    const entry = { m, i, cls };
    if (!first) first = entry;
    const rec = classRecord(progress, cls, c, r, k, m, i);
    if (isComplete(rec)) {
      touched = true;
      return;
    }
    all = false;
    if (!firstIncomplete) firstIncomplete = entry;
    if (isInProgress(rec)) {
      touched = true;
      const at = watchedAt(rec);
      if (at > latestAt) {
        latest = entry;
        latestAt = at;
      }
    }
  });
  if (!first) return null;
  if (all) return { ...first, label: 'review' };
  return { ...(latest || firstIncomplete), label: touched ? 'continue' : 'start' };
}

/** {done, total} of one module of a detail (for the "x/y" and the mini bar). */
export function moduleProgress(mod, m, pos, progress) {
  const classes = mod && Array.isArray(mod.classes) ? mod.classes : [];
  let done = 0;
  classes.forEach((cls, i) => {
    if (isComplete(classRecord(progress, cls || {}, pos.c, pos.r, pos.k, m, i))) done += 1;
  });
  return { done, total: classes.length };
}
