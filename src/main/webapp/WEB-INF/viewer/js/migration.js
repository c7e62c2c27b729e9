// Migration of positional progress keys "c|r|k|m|i" to stable keys (viewer.md §6.4,
// catalog.md §7.4).
//
// * Course link (at once, synchronous): the bootstrap course at (c, r, k) — the course-route when
//   k = 0 — gives each positional record its `course` (publicId), so counts work before any detail
//   is loaded. Keys with no course at those indices are kept as they are.
// * Class link (background): the details of the distinct (c, r, k) prefixes are fetched, at most
//   4 in parallel. For each resolvable class with a primary ref, the record is merged into the
//   stable key (§6.2, the stable record wins ties) and the positional key is deleted.
//   Unresolvable keys stay; courses whose detail failed are retried at the next boot.
// * Each batch ends with one POST (the save pipeline of progress.js).
// Legacy `platzi_progress` is only read (progress.js merges it in); it is never written or deleted.
// Import-safe in Node; the detail loader can be injected.

import { state, getCourse, primaryRef } from './state.js';
import { loadCourseDetail } from './detail.js';
import { POSITIONAL_KEY, pickRecord, commitProgress, syncNow } from './progress.js';

function isObj(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** {c, r, k, m, i} for a positional key, else null. */
export function parsePositionalKey(key) {
  if (typeof key !== 'string' || !POSITIONAL_KEY.test(key)) return null;
  const [c, r, k, m, i] = key.split('|').map(Number);
  if (![c, r, k, m, i].every(Number.isSafeInteger)) return null;
  return { c, r, k, m, i };
}

/** The publicId of the bootstrap course at (c, r, k), or null. */
export function coursePublicId(c, r, k, bootstrap = state.bootstrap) {
  const course = getCourse(c, r, k, bootstrap);
  const id = course && course.publicId;
  return typeof id === 'string' && id.trim() !== '' ? id : null;
}

function hasCourse(rec) {
  return typeof rec.course === 'string' && rec.course !== '';
}

/**
 * Course link (pure): adds `course` to positional records that lack one and whose (c, r, k)
 * exists in the bootstrap. Returns {map, keys} (`map` is the input when nothing changed).
 */
export function linkCourses(map, bootstrap = state.bootstrap) {
  if (!isObj(map) || !bootstrap) return { map, keys: [] };
  let out = null;
  const keys = [];
  for (const key of Object.keys(map)) {
    const p = parsePositionalKey(key);
    const rec = map[key];
    if (!p || !isObj(rec) || hasCourse(rec)) continue;
    const id = coursePublicId(p.c, p.r, p.k, bootstrap);
    if (!id) continue;
    if (!out) out = { ...map };
    out[key] = { ...rec, course: id };
    keys.push(key);
  }
  return { map: out || map, keys };
}

/** The distinct (c, r, k) prefixes of positional keys whose course exists in the bootstrap. */
export function migrationTargets(map, bootstrap = state.bootstrap) {
  const seen = new Map();
  if (!isObj(map) || !bootstrap) return [];
  for (const key of Object.keys(map)) {
    const p = parsePositionalKey(key);
    if (!p || !isObj(map[key])) continue;
    const id = `${p.c}|${p.r}|${p.k}`;
    if (seen.has(id) || !getCourse(p.c, p.r, p.k, bootstrap)) continue;
    seen.set(id, { c: p.c, r: p.r, k: p.k, publicId: coursePublicId(p.c, p.r, p.k, bootstrap) });
  }
  return [...seen.values()];
}

/** The class at (m, i) of a course-detail response, or null. */
export function detailClass(detail, m, i) {
  const course = isObj(detail) && isObj(detail.course) ? detail.course : null;
  const mod = course && Array.isArray(course.modules) ? course.modules[m] : null;
  const classes = isObj(mod) && Array.isArray(mod.classes) ? mod.classes : null;
  const cls = classes ? classes[i] : null;
  return isObj(cls) ? cls : null;
}

/** The detail answers for (c, r, k) (its `indices`, when present, must say so). */
function detailMatches(detail, { c, r, k }) {
  const idx = isObj(detail) ? detail.indices : null;
  if (!isObj(idx)) return true;
  return idx.catIdx === c && idx.routeIdx === r && idx.courseIdx === k;
}

/**
 * Class link (pure): moves the positional records of course (c, r, k) to their classes' primary
 * refs, merging with a record already stored there (§6.2; the stable record wins ties). Returns
 * {map, moved: [[positionalKey, stableKey], …]}.
 */
export function applyDetail(map, target, detail) {
  const moved = [];
  if (!isObj(map) || !detailMatches(detail, target)) return { map, moved };
  let out = null;
  for (const key of Object.keys(map)) {
    const p = parsePositionalKey(key);
    if (!p || p.c !== target.c || p.r !== target.r || p.k !== target.k) continue;
    let rec = map[key];
    if (!isObj(rec)) continue;
    const ref = primaryRef(detailClass(detail, p.m, p.i));
    if (!ref || POSITIONAL_KEY.test(ref)) continue;
    if (!hasCourse(rec) && target.publicId) rec = { ...rec, course: target.publicId };
    if (!out) out = { ...map };
    const existing = Object.prototype.hasOwnProperty.call(out, ref) ? out[ref] : undefined;
    out[ref] = pickRecord(existing, rec);
    delete out[key];
    moved.push([key, ref]);
  }
  return { map: out || map, moved };
}

/** Runs `worker` over `items` with at most `limit` in flight; resolves the results in order. */
export async function runPool(items, limit, worker) {
  const results = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await worker(items[index], index);
    }
  };
  const lanes = [];
  for (let n = 0; n < Math.max(1, Math.min(limit, items.length)); n++) lanes.push(lane());
  await Promise.all(lanes);
  return results;
}

/**
 * Migrates the positional keys of `state.progress`. The course link happens synchronously before
 * this returns; the class link runs in the background. Resolves
 * {linked, moved, failed: [{c, r, k, code}]}. With `save` (default) the batch ends with one
 * POST (only when the map differs from the server's); initProgress passes save:false and sends
 * the boot POST itself.
 */
export function runMigration({
  bootstrap = state.bootstrap,
  loadDetail = (c, r, k) => loadCourseDetail(c, r, k),
  concurrency = 4,
  save = true,
} = {}) {
  const linked = linkCourses(state.progress, bootstrap);
  if (linked.keys.length) commitProgress(linked.map, { source: 'migration', keys: linked.keys, save: false });
  const targets = migrationTargets(state.progress, bootstrap);
  const summary = { linked: linked.keys, moved: [], failed: [] };
  return (async () => {
    await runPool(targets, concurrency, async (target) => {
      let detail;
      try {
        detail = await loadDetail(target.c, target.r, target.k);
      } catch (err) {
        summary.failed.push({ c: target.c, r: target.r, k: target.k, code: err && err.code ? err.code : String(err) });
        return;
      }
      // Applied to the current map: the learner may have changed progress meanwhile.
      const res = applyDetail(state.progress, target, detail);
      if (res.moved.length) {
        summary.moved.push(...res.moved);
        const keys = res.moved.flat();
        commitProgress(res.map, { source: 'migration', keys, save: false });
      }
    });
    if (summary.failed.length) console.warn('[aula] progress migration: details not loaded', summary.failed.map((f) => f.code));
    if (save && (summary.linked.length || summary.moved.length)) await syncNow();
    return summary;
  })();
}
