// Progress client (viewer.md §3 boot steps 3–4, §6; api.md §3.7–3.8; catalog.md §7).
//
// * Pure part (unit-tested): the merge rule (§6.2), record helpers, sameJson.
// * Local storage: aula_progress (+ read-only legacy platzi_progress), aula_progress_dirty.
// * Record writers for the views and the player: saveInProgress, markComplete, markNotStarted.
// * Saving (§6.3, §6.5): every change is written to aula_progress at once and POSTed 400 ms after
//   the last change with If-Match; unchanged maps are not sent; 412 → GET, merge, store, POST
//   again (3 consecutive 412s → wait 5 s and restart); failures are retried after 2 s, 5 s,
//   15 s, then every 60 s; pagehide / hidden tab → beacon (≤ 60 KiB) or aula_progress_dirty.
// * Returning tab (≥ 5 min hidden) → conditional GET, merge, POST when local is newer.
// Import-safe in Node: no browser access at import time; fetch, timers, the clock and
// sendBeacon can be injected with configureProgress().

import { storage, readJson, writeJson } from './storage.js';
import { ApiError, apiUrl, loadProgress, saveProgress } from './api.js';
import { state } from './state.js';
import {
  POSITIONAL_KEY, statusRank, recordTime, mergeProgress, sameJson, hasPositionalKeys,
} from './progress-merge.js';

export const LOCAL_KEY = 'aula_progress';
export const DIRTY_KEY = 'aula_progress_dirty';
export const LEGACY_KEY = 'platzi_progress';

export {
  POSITIONAL_KEY, isTombstone, statusRank, recordTime, pickRecord, mergeProgress, sameJson, hasPositionalKeys,
} from './progress-merge.js';

function isObj(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

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
// Environment (injectable for tests)

function defaultEnv() {
  return {
    fetchImpl: undefined, // api.js falls back to globalThis.fetch
    base: undefined, // api.js falls back to document.baseURI
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (id) => clearTimeout(id),
    now: () => Date.now(),
    sendBeacon: undefined, // (url, body) → boolean; default navigator.sendBeacon
    debounceMs: 400,
    retryDelays: [2000, 5000, 15000],
    retryEvery: 60000,
    maxConflicts: 3,
    conflictPauseMs: 5000,
    beaconLimit: 60 * 1024,
    returnAfterMs: 5 * 60 * 1000,
    timeout: 6000,
  };
}

let env = defaultEnv();

/** Overrides parts of the environment (tests): fetchImpl, base, setTimeout, clearTimeout, now, sendBeacon, delays. */
export function configureProgress(overrides = {}) {
  Object.assign(env, overrides);
}

// ---------------------------------------------------------------------------------------------
// Change listeners and the save state shown by the indicator

const listeners = new Set();
const saveStateListeners = new Set();

/** fn({source, keys}) after every local change and after merges from the server; → unsubscribe. */
export function onProgressChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function emit(info) {
  for (const fn of [...listeners]) {
    try {
      fn(info);
    } catch (err) {
      console.error('[aula] progress listener failed', err);
    }
  }
}

const sync = {
  snapshot: null, // the map the server is known to hold; null = unknown (GET before POSTing)
  timer: null,
  timerKind: null, // 'debounce' | 'retry' | 'conflict'
  running: null, // promise of the sync in flight
  again: false, // a save was requested while one was in flight
  failures: 0, // consecutive failed syncs (retry back-off)
  conflicts: 0, // consecutive 412s
  pendingLocal: false, // local changes not yet confirmed by the server
  unloading: false, // between pagehide and pageshow: changes go out at once by beacon
  hiddenAt: 0,
  localStored: true, // the last aula_progress write succeeded
  status: 'ok', // 'ok' | 'local' (kept in this browser, server not reached)
};

/** {status: 'ok'|'local', localStored: boolean, failures: number}. */
export function getSaveState() {
  return { status: sync.status, localStored: sync.localStored, failures: sync.failures };
}

/** fn(getSaveState()) whenever the save state changes; → unsubscribe. */
export function onSaveStateChange(fn) {
  saveStateListeners.add(fn);
  return () => saveStateListeners.delete(fn);
}

function setStatus(status) {
  if (sync.status === status) return;
  sync.status = status;
  const s = getSaveState();
  for (const fn of [...saveStateListeners]) {
    try {
      fn(s);
    } catch (err) {
      console.error('[aula] save-state listener failed', err);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Committing changes

const clone = (v) => JSON.parse(JSON.stringify(v));

/**
 * Replaces the progress map: state, aula_progress (synchronously), listeners. With `save`
 * (default) the change is owed to the server: aula_progress_dirty=1 and a debounced POST.
 * Used by the record writers and the key migration (which saves once per batch).
 */
export function commitProgress(next, { source = 'local', keys = null, save = true } = {}) {
  state.progress = next;
  sync.localStored = writeLocalProgress(next);
  if (save) {
    sync.pendingLocal = true;
    setDirty(true);
    scheduleSave();
  }
  emit({ source, keys });
}

function changeRecord(key, rec) {
  commitProgress({ ...state.progress, [key]: rec }, { source: 'local', keys: [key] });
  return { ...rec };
}

/** An ISO-8601 UTC timestamp (ms) strictly after `after` (ms), so a new action always wins. */
function stamp(after = 0) {
  let ms = Number(env.now());
  if (!Number.isFinite(ms)) ms = Date.now();
  if (ms <= after) ms = after + 1;
  return new Date(ms).toISOString();
}

function seconds(v) {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) return null;
  return Math.round(n * 1000) / 1000;
}

function validKey(key) {
  return typeof key === 'string' && key !== '';
}

function courseOf(course, prev) {
  if (typeof course === 'string' && course !== '') return course;
  return isObj(prev) && typeof prev.course === 'string' && prev.course !== '' ? prev.course : null;
}

/** The record stored for `key` (a copy), or null. */
export function getRecord(key) {
  const rec = validKey(key) && isObj(state.progress) && hasOwn(state.progress, key) ? state.progress[key] : undefined;
  return isObj(rec) ? { ...rec } : null;
}

/**
 * Writes an in-progress record {status, lastWatched (now), watchTime, duration?, course?}.
 * A complete record is never downgraded (it is returned unchanged). Returns the stored record.
 */
export function saveInProgress(key, { watchTime = 0, duration, course } = {}) {
  if (!validKey(key)) return null;
  const prev = state.progress[key];
  if (statusRank(prev) === 2) return { ...prev };
  const rec = { status: 'in_progress', lastWatched: stamp(recordTime(prev)), watchTime: seconds(watchTime) ?? 0 };
  let dur = seconds(duration);
  if (!dur && statusRank(prev) === 1) dur = seconds(prev.duration);
  if (dur) rec.duration = dur;
  const c = courseOf(course, prev);
  if (c) rec.course = c;
  return changeRecord(key, rec);
}

/** Marks a class complete {status, completedAt, course}; an already complete record is kept. */
export function markComplete(key, course) {
  if (!validKey(key)) return null;
  const prev = state.progress[key];
  if (statusRank(prev) === 2) return { ...prev };
  const rec = { status: 'complete', completedAt: stamp(recordTime(prev)) };
  const c = courseOf(course, prev);
  if (c) rec.course = c;
  return changeRecord(key, rec);
}

/** Un-marks a class with a reset tombstone {status:"not_started", resetAt, course}. */
export function markNotStarted(key, course) {
  if (!validKey(key)) return null;
  const prev = state.progress[key];
  const rec = { status: 'not_started', resetAt: stamp(recordTime(prev)) };
  const c = courseOf(course, prev);
  if (c) rec.course = c;
  return changeRecord(key, rec);
}

// ---------------------------------------------------------------------------------------------
// Saving

function clearTimer() {
  if (sync.timer !== null) env.clearTimeout(sync.timer);
  sync.timer = null;
  sync.timerKind = null;
}

function setTimer(kind, ms, fn) {
  clearTimer();
  sync.timerKind = kind;
  sync.timer = env.setTimeout(() => {
    sync.timer = null;
    sync.timerKind = null;
    fn();
  }, ms);
}

/** Debounced save after a change; during a back-off the scheduled retry sends the latest map. */
function scheduleSave() {
  if (sync.unloading) {
    flushProgress();
    return;
  }
  if (sync.timerKind === 'retry' || sync.timerKind === 'conflict') return;
  setTimer('debounce', env.debounceMs, () => runSync());
}

const is412 = (err) => err instanceof ApiError && err.kind === 'http_412';

/** GET api/progress, merge it into the local map (server wins ties), store, notify. */
async function refetchAndMerge() {
  const fresh = await loadProgress({ timeout: env.timeout, fetchImpl: env.fetchImpl, base: env.base });
  applyServerMap(fresh.data, fresh.etag);
}

function applyServerMap(data, etag) {
  sync.snapshot = clone(data);
  state.progressEtag = etag || null;
  state.progressServerOk = true;
  const merged = mergeProgress(data, state.progress);
  if (!sameJson(merged, state.progress)) commitProgress(merged, { source: 'server', save: false });
}

function onSyncFailure(err) {
  sync.failures += 1;
  const delays = env.retryDelays;
  const delay = sync.failures <= delays.length ? delays[sync.failures - 1] : env.retryEvery;
  console.warn('[aula] progress save failed:', err && err.code ? err.code : err);
  setStatus('local');
  setTimer('retry', delay, () => runSync());
}

async function doSync(force) {
  clearTimer();
  try {
    if (sync.snapshot === null) await refetchAndMerge();
    for (;;) {
      if (!force && sameJson(state.progress, sync.snapshot)) {
        setDirty(false);
        sync.pendingLocal = false;
        sync.failures = 0;
        sync.conflicts = 0;
        setStatus('ok');
        return true;
      }
      force = false;
      const sent = clone(state.progress);
      try {
        const res = await saveProgress(sent, {
          etag: state.progressEtag, timeout: env.timeout, fetchImpl: env.fetchImpl, base: env.base,
        });
        state.progressEtag = res.etag || null;
        state.progressServerOk = true;
        sync.snapshot = sent;
        sync.failures = 0;
        sync.conflicts = 0;
        setStatus('ok');
        if (sameJson(state.progress, sent)) {
          setDirty(false);
          sync.pendingLocal = false;
        } else {
          sync.again = true; // changed while in flight
        }
        return true;
      } catch (err) {
        if (!is412(err)) throw err;
        sync.conflicts += 1;
        if (sync.conflicts >= env.maxConflicts) {
          sync.conflicts = 0;
          console.warn('[aula] progress: repeated conflicts, retrying in', env.conflictPauseMs, 'ms');
          setTimer('conflict', env.conflictPauseMs, () => runSync());
          return false;
        }
        await refetchAndMerge();
      }
    }
  } catch (err) {
    onSyncFailure(err);
    return false;
  }
}

/**
 * Runs one sync now (no debounce): GET first when the server copy is unknown, then POST the
 * map with If-Match unless it equals the server's (`force` POSTs anyway). One at a time; a
 * request during a sync runs another one afterwards. Resolves true when the server holds the map.
 */
export function syncNow({ force = false } = {}) {
  return runSync({ force });
}

function runSync({ force = false } = {}) {
  if (sync.running) {
    sync.again = true;
    return sync.running;
  }
  const p = doSync(force).finally(() => {
    sync.running = null;
    if (sync.again) {
      sync.again = false;
      if (sync.timerKind === null && !sameJson(state.progress, sync.snapshot)) runSync();
    }
  });
  sync.running = p;
  return p;
}

/** Compatibility: POST the current map now (If-Match, 412 handling). Resolves true when stored. */
export function pushProgress() {
  return syncNow({ force: true });
}

function byteLength(text) {
  return typeof TextEncoder === 'function' ? new TextEncoder().encode(text).length : text.length * 3;
}

/**
 * Sends the pending map now with pagehide semantics (§6.3): a body of ≤ 60 KiB goes out by
 * navigator.sendBeacon (else fetch keepalive) without If-Match; a larger one (or a failed
 * hand-off) leaves aula_progress_dirty=1 for the next boot. Returns true when it was handed off.
 * Only local changes not yet confirmed are pending. Without any server copy seen in this page
 * (server unreadable since boot) nothing is sent blind: the next boot merges and sends.
 * aula_progress_dirty stays set until a confirmed save; a page that lives on re-checks the
 * server copy (GET, merge) before its next POST.
 */
export function flushProgress() {
  if (!sync.pendingLocal) return false;
  if (sync.snapshot !== null && sameJson(state.progress, sync.snapshot)) return false;
  setDirty(true);
  if (!state.progressServerOk) return false;
  const body = JSON.stringify(state.progress);
  if (byteLength(body) > env.beaconLimit) return false;
  const url = apiUrl('api/progress', env.base);
  let sent = false;
  try {
    const beacon = env.sendBeacon
      || (typeof navigator !== 'undefined' && typeof navigator.sendBeacon === 'function'
        ? (u, b) => navigator.sendBeacon(u, b) : null);
    if (beacon) sent = !!beacon(url, body);
  } catch {
    sent = false;
  }
  if (!sent) {
    try {
      const doFetch = env.fetchImpl || globalThis.fetch;
      if (typeof doFetch === 'function') {
        const p = doFetch(url, {
          method: 'POST', body, keepalive: true, credentials: 'same-origin', headers: { 'Content-Type': 'application/json' },
        });
        if (p && typeof p.catch === 'function') p.catch(() => {});
        sent = true;
      }
    } catch {
      sent = false;
    }
  }
  if (sent) {
    sync.snapshot = null; // unconfirmed: the stored ETag is stale now
    sync.pendingLocal = false;
  }
  return sent;
}

// ---------------------------------------------------------------------------------------------
// Boot and returning tab

/**
 * Boot steps 3–4: merges the server map (when it could be read) with local data, stores the
 * result in `state.progress` and `aula_progress`, and returns a promise for the background POST
 * (sent only when the merged map differs from the server's or aula_progress_dirty is set).
 *   server: {ok:true, data, etag} | {ok:false}
 *   migrate(): optional; called synchronously when positional keys exist (§6.4). The boot POST
 *   waits for the promise it returns, so one POST covers the merge and the migration.
 * When the server could not be read, progress is kept in this browser and a sync (GET, merge,
 * POST) is retried with the usual back-off.
 */
export function initProgress(server, { migrate } = {}) {
  const ok = !!(server && server.ok && isObj(server.data));
  const local = readLocalProgress();
  const merged = ok ? mergeProgress(server.data, local) : local;
  const force = ok && isDirty();
  clearTimer();
  sync.failures = 0;
  sync.conflicts = 0;
  sync.snapshot = ok ? clone(server.data) : null;
  state.progressEtag = ok ? server.etag || null : null;
  state.progressServerOk = ok;
  commitProgress(merged, { source: 'boot', save: false });
  let migration = null;
  if (typeof migrate === 'function' && hasPositionalKeys(merged)) {
    try {
      migration = Promise.resolve(migrate());
    } catch (err) {
      console.warn('[aula] progress migration failed', err);
    }
  }
  const finish = () => {
    if (!ok) {
      onSyncFailure(server && server.error ? server.error : new Error('progress unreadable'));
      return false;
    }
    if (!force && sameJson(state.progress, sync.snapshot)) return false;
    return runSync({ force });
  };
  if (!migration) return Promise.resolve(finish());
  return migration.catch((err) => console.warn('[aula] progress migration failed', err)).then(finish);
}

/**
 * Returning tab (§6.3): GET with If-None-Match, merge, store; POST when local is newer.
 * Resolves true when the server copy was checked.
 */
export async function refreshProgress() {
  if (sync.running) {
    try {
      await sync.running;
    } catch {
      /* handled there */
    }
  }
  try {
    const res = await loadProgress({
      etag: sync.snapshot !== null ? state.progressEtag : null,
      timeout: env.timeout, fetchImpl: env.fetchImpl, base: env.base,
    });
    if (!res.notModified) applyServerMap(res.data, res.etag);
  } catch (err) {
    console.warn('[aula] progress refresh failed:', err && err.code ? err.code : err);
    return false;
  }
  if (!sameJson(state.progress, sync.snapshot) && sync.timerKind !== 'retry' && sync.timerKind !== 'conflict') runSync();
  return true;
}

/**
 * Browser hooks (app.js calls this once): pagehide / hidden tab → flushProgress, returning tab
 * after ≥ 5 min → refreshProgress, `online` → retry now, other tabs' aula_progress writes →
 * merged into this tab's map. Returns a function that removes the hooks.
 */
export function startProgressLifecycle({ win = globalThis.window, doc = globalThis.document } = {}) {
  if (!win || !doc || typeof win.addEventListener !== 'function') return () => {};
  const onPageHide = () => {
    sync.unloading = true;
    flushProgress();
  };
  const onPageShow = (e) => {
    sync.unloading = false;
    if (e && e.persisted && sync.snapshot === null) runSync();
  };
  const onVisibility = () => {
    if (doc.visibilityState === 'hidden') {
      sync.hiddenAt = env.now();
      flushProgress();
      return;
    }
    sync.unloading = false;
    const away = sync.hiddenAt ? env.now() - sync.hiddenAt : 0;
    sync.hiddenAt = 0;
    if (away >= env.returnAfterMs) refreshProgress();
    else if (sync.snapshot === null && sync.timerKind === null && state.progressServerOk) runSync();
  };
  const onOnline = () => {
    if (sync.timerKind === 'retry') {
      clearTimer();
      runSync();
    }
  };
  const onStorage = (e) => {
    if (!e || e.key !== LOCAL_KEY || typeof e.newValue !== 'string') return;
    let other;
    try {
      other = JSON.parse(e.newValue);
    } catch {
      return;
    }
    if (!isObj(other)) return;
    const merged = mergeProgress(state.progress, other);
    if (sameJson(merged, state.progress)) return;
    state.progress = merged; // the other tab saves its own changes
    emit({ source: 'storage', keys: null });
  };
  win.addEventListener('pagehide', onPageHide);
  win.addEventListener('pageshow', onPageShow);
  win.addEventListener('online', onOnline);
  win.addEventListener('storage', onStorage);
  doc.addEventListener('visibilitychange', onVisibility);
  return () => {
    win.removeEventListener('pagehide', onPageHide);
    win.removeEventListener('pageshow', onPageShow);
    win.removeEventListener('online', onOnline);
    win.removeEventListener('storage', onStorage);
    doc.removeEventListener('visibilitychange', onVisibility);
  };
}

/** Tests: forgets timers, listeners and sync state and restores the default environment. */
export function resetProgressForTests() {
  clearTimer();
  listeners.clear();
  saveStateListeners.clear();
  Object.assign(sync, {
    snapshot: null, running: null, again: false, failures: 0, conflicts: 0, pendingLocal: false,
    unloading: false, hiddenAt: 0, localStored: true, status: 'ok',
  });
  env = defaultEnv();
  state.progress = {};
  state.progressEtag = null;
  state.progressServerOk = false;
}
