// Progress client, boot part (viewer.md §3 boot steps 3–4, §6.2, §6.7).
//
// Implemented here: the merge rule, local storage (aula_progress + legacy platzi_progress),
// the boot merge and the one-off boot POST (If-Match, 412 → refetch/merge/retry).
// Extension points for the full viewer (later issue): record writers (markInProgress /
// markComplete / reset tombstones), the 400 ms debounced save, pagehide beacons, retry
// back-off, the returning-tab refetch (§6.3) and the positional-key migration (§6.4).
// The pure functions at the top import nothing browser-specific and are unit-tested.

import { storage, readJson, writeJson } from './storage.js';
import { ApiError, loadProgress, saveProgress } from './api.js';
import { state } from './state.js';

export const LOCAL_KEY = 'aula_progress';
export const DIRTY_KEY = 'aula_progress_dirty';
export const LEGACY_KEY = 'platzi_progress';

/** A positional key "c|r|k|m|i" (catalog.md §7.4); every other key is stable. */
export const POSITIONAL_KEY = /^\d+\|\d+\|\d+\|\d+\|\d+$/;

function isObj(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A reset tombstone: `{"status":"not_started","resetAt":…}`. */
export function isTombstone(rec) {
  return isObj(rec) && rec.status === 'not_started';
}

/** complete (2) > in_progress (1) > anything else (0). */
export function statusRank(rec) {
  if (!isObj(rec)) return 0;
  if (rec.status === 'complete') return 2;
  if (rec.status === 'in_progress') return 1;
  return 0;
}

function parseTime(v) {
  if (typeof v !== 'string') return 0;
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? ms : 0;
}

/** The record's timestamp in ms: completedAt, lastWatched or resetAt by status; unparsable = 0. */
export function recordTime(rec) {
  if (!isObj(rec)) return 0;
  switch (rec.status) {
    case 'complete':
      return parseTime(rec.completedAt);
    case 'in_progress':
      return parseTime(rec.lastWatched);
    case 'not_started':
      return parseTime(rec.resetAt);
    default:
      return Math.max(parseTime(rec.completedAt), parseTime(rec.lastWatched), parseTime(rec.resetAt));
  }
}

/**
 * Picks the winning record for one key (viewer.md §6.2). `server` wins every tie.
 * Either side may be undefined (key absent on that side).
 */
export function pickRecord(server, local) {
  if (local === undefined) return server;
  if (server === undefined) return local;
  if (isTombstone(server) || isTombstone(local)) {
    return recordTime(local) > recordTime(server) ? local : server;
  }
  const rs = statusRank(server);
  const rl = statusRank(local);
  if (rs !== rl) return rl > rs ? local : server;
  return recordTime(local) > recordTime(server) ? local : server;
}

/** Merges two progress maps key by key; `server` wins ties. Neither input is modified. */
export function mergeProgress(server, local) {
  const a = isObj(server) ? server : {};
  const b = isObj(local) ? local : {};
  const out = {};
  for (const key of Object.keys(a)) out[key] = pickRecord(a[key], Object.prototype.hasOwnProperty.call(b, key) ? b[key] : undefined);
  for (const key of Object.keys(b)) {
    if (!Object.prototype.hasOwnProperty.call(out, key)) out[key] = b[key];
  }
  return out;
}

/** Structural equality of JSON values (object key order ignored). */
export function sameJson(x, y) {
  if (x === y) return true;
  if (typeof x !== typeof y || x === null || y === null || typeof x !== 'object') return false;
  if (Array.isArray(x) !== Array.isArray(y)) return false;
  if (Array.isArray(x)) return x.length === y.length && x.every((v, i) => sameJson(v, y[i]));
  const kx = Object.keys(x);
  const ky = Object.keys(y);
  if (kx.length !== ky.length) return false;
  return kx.every((k) => Object.prototype.hasOwnProperty.call(y, k) && sameJson(x[k], y[k]));
}

// ---------------------------------------------------------------------------------------------
// Local storage

/** aula_progress merged with the read-only legacy platzi_progress (aula_progress wins ties). */
export function readLocalProgress() {
  const own = readJson(LOCAL_KEY, {});
  const legacy = readJson(LEGACY_KEY, {});
  return mergeProgress(isObj(own) ? own : {}, isObj(legacy) ? legacy : {});
}

export function writeLocalProgress(map) {
  return writeJson(LOCAL_KEY, map);
}

export function isDirty() {
  return storage.getItem(DIRTY_KEY) === '1';
}

export function setDirty(dirty) {
  if (dirty) storage.setItem(DIRTY_KEY, '1');
  else storage.removeItem(DIRTY_KEY);
}

// ---------------------------------------------------------------------------------------------
// Boot

/**
 * Boot steps 3–4: merges the server map (when it could be read) with local data, stores the
 * result in `state.progress` and `aula_progress`, and returns a promise for the background POST
 * (sent only when the merged map differs from the server's or a save is owed).
 *   server: {ok:true, data, etag} | {ok:false}
 */
export function initProgress(server) {
  const local = readLocalProgress();
  const serverMap = server && server.ok ? server.data : null;
  const merged = serverMap ? mergeProgress(serverMap, local) : local;
  state.progress = merged;
  state.progressEtag = server && server.ok ? server.etag || null : null;
  state.progressServerOk = !!(server && server.ok);
  writeLocalProgress(merged);
  if (!serverMap) return Promise.resolve(false);
  if (sameJson(merged, serverMap) && !isDirty()) return Promise.resolve(false);
  return pushProgress();
}

/**
 * POSTs state.progress with If-Match. On 412: GET, merge, store and POST again; after three
 * consecutive 412s it gives up for now (the dirty flag stays, so the next boot retries).
 * Resolves true when the server stored the map.
 */
export async function pushProgress({ maxConflicts = 3 } = {}) {
  setDirty(true);
  for (let conflicts = 0; conflicts <= maxConflicts; conflicts++) {
    try {
      const res = await saveProgress(state.progress, { etag: state.progressEtag });
      if (res.etag) state.progressEtag = res.etag;
      setDirty(false);
      return true;
    } catch (err) {
      if (!(err instanceof ApiError) || err.kind !== 'http_412' || conflicts === maxConflicts) {
        console.warn('[aula] progress save failed:', err && err.code ? err.code : err);
        return false;
      }
      try {
        const fresh = await loadProgress();
        state.progress = mergeProgress(fresh.data, state.progress);
        state.progressEtag = fresh.etag || null;
        writeLocalProgress(state.progress);
      } catch (e) {
        console.warn('[aula] progress refetch failed:', e && e.code ? e.code : e);
        return false;
      }
    }
  }
  return false;
}
