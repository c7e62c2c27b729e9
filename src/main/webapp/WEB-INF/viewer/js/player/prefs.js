// Player preferences and remembered choices in browser storage (viewer.md §5.5, §5.2, §5.9, §6.7).
// All access goes through storage.js (try/catch). Import-safe in Node.

import { storage, readJson, writeJson } from '../storage.js';
import { SPEEDS } from './timeline.js';

export const PREFS_KEY = 'aula_player_prefs';
export const COMPAT_KEY = 'aula_compat_refs';
export const COMPAT_MAX = 500;
export const SYNC_AUTO_KEY = 'aula_sync_auto_external';
export const SYNC_DISMISS_PREFIX = 'aula_sync_dismiss_';

const DEFAULTS = Object.freeze({ volume: 1, muted: false, rate: 1, captions: false });

/** Sanitises a stored prefs object: {volume 0..1, muted, rate ∈ SPEEDS, captions}. */
export function normalizePrefs(raw) {
  const p = raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {};
  const volume = typeof p.volume === 'number' && Number.isFinite(p.volume) ? Math.min(1, Math.max(0, p.volume)) : DEFAULTS.volume;
  const rate = typeof p.rate === 'number' && SPEEDS.includes(p.rate) ? p.rate : DEFAULTS.rate;
  return { volume, muted: p.muted === true, rate, captions: p.captions === true };
}

export function readPrefs() {
  return normalizePrefs(readJson(PREFS_KEY, null));
}

/** Merges a change into the stored prefs and returns the result. */
export function writePrefs(change) {
  const next = normalizePrefs({ ...readPrefs(), ...change });
  writeJson(PREFS_KEY, next);
  return next;
}

/** Adds a ref to a list, most recent last, keeping at most `max` (oldest dropped). Pure. */
export function addBounded(list, ref, max = COMPAT_MAX) {
  const arr = (Array.isArray(list) ? list : []).filter((r) => typeof r === 'string' && r !== ref);
  arr.push(ref);
  return arr.length > max ? arr.slice(arr.length - max) : arr;
}

export function compatRefs() {
  const v = readJson(COMPAT_KEY, []);
  return Array.isArray(v) ? v.filter((r) => typeof r === 'string') : [];
}

export function isCompatRef(ref) {
  return compatRefs().includes(ref);
}

export function rememberCompatRef(ref) {
  writeJson(COMPAT_KEY, addBounded(compatRefs(), ref));
}

export function syncAutoExternal() {
  return storage.getItem(SYNC_AUTO_KEY) === '1' || storage.getItem('platzi_sync_auto_external_player') === '1';
}

export function setSyncAutoExternal() {
  storage.setItem(SYNC_AUTO_KEY, '1');
}

export function syncDismissed(ref) {
  return storage.getItem(SYNC_DISMISS_PREFIX + ref) === '1' || storage.getItem(`platzi_sync_prompt_dismiss_${ref}`) === '1';
}

export function dismissSync(ref) {
  storage.setItem(SYNC_DISMISS_PREFIX + ref, '1');
}

/** A 403 from api/repair hides the repair button from then on (page life). */
let repairForbidden = false;
export function isRepairForbidden() {
  return repairForbidden;
}
export function setRepairForbidden() {
  repairForbidden = true;
}
