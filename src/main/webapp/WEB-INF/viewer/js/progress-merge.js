// Progress merge rule and record helpers (viewer.md §6.2, catalog.md §7.3–7.4). Pure: no imports,
// no browser access; progress.js re-exports everything here.

/** A positional key "c|r|k|m|i" (catalog.md §7.4); every other key is stable. */
export const POSITIONAL_KEY = /^\d+\|\d+\|\d+\|\d+\|\d+$/;

function isObj(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

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
  for (const key of Object.keys(a)) out[key] = pickRecord(a[key], hasOwn(b, key) ? b[key] : undefined);
  for (const key of Object.keys(b)) {
    if (!hasOwn(out, key)) out[key] = b[key];
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
  return kx.every((k) => hasOwn(y, k) && sameJson(x[k], y[k]));
}

export function hasPositionalKeys(map) {
  return isObj(map) && Object.keys(map).some((k) => POSITIONAL_KEY.test(k));
}
