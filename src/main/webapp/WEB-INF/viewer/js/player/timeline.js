// Pure timing helpers of the player (viewer.md §5.3, §5.5, §5.6, §5.7). No browser access:
// the Node tests import this module.

function finite(n) {
  return typeof n === 'number' && Number.isFinite(n);
}

/**
 * "m:ss" below one hour, "h:mm:ss" from one hour, "--:--" when unknown (not a finite number ≥ 0).
 * Fractions are truncated, so 59.9 shows "0:59".
 */
export function formatTime(seconds) {
  if (!finite(seconds) || seconds < 0) return '--:--';
  const total = Math.floor(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  if (h > 0) return `${h}:${String(m).padStart(2, '0')}:${ss}`;
  return `${m}:${ss}`;
}

/** A usable duration: finite and > 0 (the media element reports NaN/Infinity for live streams). */
export function knownDuration(d) {
  return finite(d) && d > 0 ? d : null;
}

/** Shown (mapped) time in compat mode: T + currentTime (raw and repaired use T = 0). */
export function mappedTime(offset, currentTime) {
  const t = (finite(offset) ? offset : 0) + (finite(currentTime) ? currentTime : 0);
  return Math.max(0, t);
}

/** Clamps a seek target into [0, D] (D unknown → [0, ∞)). */
export function clampTime(x, duration) {
  let v = finite(x) ? x : 0;
  if (v < 0) v = 0;
  const d = knownDuration(duration);
  if (d !== null && v > d) v = d;
  return v;
}

/**
 * The seek decision in compat mode (viewer.md §5.3). Inside [T, T + bufferedEnd] the element
 * seeks locally; outside, the stream is reloaded with start = X. With D unknown, seeks stay in
 * the buffered range (the target is clamped into it).
 *   offset      T, the start in use
 *   bufferedEnd the end of the buffered range in element time (0 when nothing is buffered)
 *   duration    D or null
 * → {action:'local', currentTime} | {action:'reload', start}
 */
export function compatSeek(x, { offset = 0, bufferedEnd = 0, duration = null } = {}) {
  const T = finite(offset) ? offset : 0;
  const end = T + (finite(bufferedEnd) && bufferedEnd > 0 ? bufferedEnd : 0);
  const d = knownDuration(duration);
  let target = clampTime(x, d);
  if (d === null) target = Math.min(Math.max(target, T), end);
  if (target >= T && target <= end) return { action: 'local', currentTime: target - T };
  // A start at or beyond a known duration is refused by the server (invalid_start).
  if (d !== null && target >= d) target = Math.max(0, d - 0.5);
  return { action: 'reload', start: Math.round(target * 1000) / 1000 };
}

/** Resume threshold constants (viewer.md §5.6). */
export const RESUME_MIN = 5;
export const END_MARGIN = 10;

/**
 * Where to start a class (viewer.md §5.6 "Resume"): an in-progress record with watchTime ≥ 5 s
 * below duration − 10 s (when the duration is known) resumes there; complete, reset, absent or
 * out-of-range records start at 0. → {resume:boolean, at:number}
 */
export function resumeDecision(record, duration = null) {
  const none = { resume: false, at: 0 };
  if (!record || typeof record !== 'object' || record.status !== 'in_progress') return none;
  const w = record.watchTime;
  if (!finite(w) || w < RESUME_MIN) return none;
  const d = knownDuration(duration) ?? knownDuration(record.duration);
  if (d !== null && w >= d - END_MARGIN) return none;
  return { resume: true, at: w };
}

/** Auto-complete (viewer.md §5.6): position ≥ 90 % of the duration, or less than 10 s remain. */
export function shouldAutoComplete(position, duration) {
  const d = knownDuration(duration);
  if (d === null || !finite(position) || position <= 0) return false;
  return position >= 0.9 * d || d - position < END_MARGIN;
}

/** Speed cycle (viewer.md §5.5). */
export const SPEEDS = Object.freeze([0.5, 0.75, 1, 1.25, 1.5, 2]);

export function nextSpeed(rate) {
  const i = SPEEDS.findIndex((s) => Math.abs(s - rate) < 1e-6);
  return SPEEDS[(i + 1) % SPEEDS.length] ?? 1;
}

export function speedLabel(rate) {
  return `${rate}x`;
}

/**
 * The flattened course order across modules (viewer.md §5.7): modules without class lists are
 * skipped; every class is a target (with or without video). → [{m, i}]
 */
export function classOrder(modules) {
  const out = [];
  (Array.isArray(modules) ? modules : []).forEach((mod, m) => {
    if (!mod || !Array.isArray(mod.classes)) return;
    mod.classes.forEach((cls, i) => {
      if (cls && typeof cls === 'object') out.push({ m, i });
    });
  });
  return out;
}

/** Previous and next positions of (m, i) in the course order; null at the ends. */
export function neighbours(modules, m, i) {
  const order = classOrder(modules);
  const at = order.findIndex((p) => p.m === m && p.i === i);
  if (at < 0) return { prev: null, next: null };
  return { prev: order[at - 1] || null, next: order[at + 1] || null };
}

/**
 * Automatic quality target in lines (viewer.md §5.5): 720 by default; 360 with data-saver or
 * 2g; 480 on 3g or at ≤ 800 px; 1080 at ≥ 1200 px.
 */
export function qualityTarget({ saveData = false, effectiveType = '', width = 1024 } = {}) {
  const et = String(effectiveType || '').toLowerCase();
  if (saveData || et === 'slow-2g' || et === '2g') return 360;
  if (et === '3g' || (finite(width) && width <= 800)) return 480;
  if (finite(width) && width >= 1200) return 1080;
  return 720;
}

/** The lowest source at or above the target; else the highest below it. null for no sources. */
export function pickQuality(sources, target) {
  const list = (Array.isArray(sources) ? sources : []).filter((s) => s && finite(s.height));
  if (!list.length) return null;
  const sorted = [...list].sort((a, b) => a.height - b.height);
  return sorted.find((s) => s.height >= target) || sorted[sorted.length - 1];
}

/** "1:05 de 3:23"-style value text parts. */
export function valueTextParts(position, duration) {
  return { time: formatTime(position), total: formatTime(knownDuration(duration)) };
}
