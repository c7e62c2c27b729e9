// Source selection of the player (viewer.md §5.2), as pure functions: URL paths, the initial
// mode and the failure state machine. The view turns the decisions into element changes.
// No browser access: the Node tests import this module.

/**
 * A ref as a path: each "/"-separated segment percent-encoded on its own. The servlet container
 * refuses encoded slashes (%2F), so `local:a/b.mp4` becomes `local%3Aa/b.mp4`.
 */
export function refPath(ref) {
  return String(ref).split('/').map((seg) => encodeURIComponent(seg)).join('/');
}

/** Context-relative paths (resolve them with apiUrl). */
export const paths = {
  raw: (ref) => `drive/files/${refPath(ref)}`,
  compat: (ref, start = 0) => `api/video-compatible/${refPath(ref)}?start=${formatStart(start)}`,
  compatHead: (ref) => `api/video-compatible/${refPath(ref)}`,
  repair: (ref) => `api/repair/${refPath(ref)}`,
  repairStatus: (ref) => `api/repair-status/${refPath(ref)}`,
  probe: (ref) => `api/probe/${refPath(ref)}`,
};

/** `start` as the server accepts it: a decimal from 0 with at most 3 decimals. */
export function formatStart(start) {
  const v = typeof start === 'number' && Number.isFinite(start) && start > 0 ? start : 0;
  return String(Math.round(v * 1000) / 1000);
}

export const MODES = Object.freeze(['raw', 'compat', 'repaired']);

/**
 * The initial mode (viewer.md §5.2):
 *   1. repair status `completed` with an artifactUrl → repaired;
 *   2. compat hint (`videoPlayback:"compat"`), a remembered ref, or a server probe verdict
 *      `needsCompat` (docs/PROBE.md; ignored when the catalogue says `videoPlayback:"direct"`),
 *      and FFmpeg available → compat;
 *   3. raw.
 */
export function initialMode({ repairStatus = null, hint = null, remembered = false, ffmpeg = false, probe = null } = {}) {
  if (repairStatus && repairStatus.status === 'completed' && typeof repairStatus.artifactUrl === 'string' && repairStatus.artifactUrl) {
    return 'repaired';
  }
  const probed = hint !== 'direct' && !!probe && probe.needsCompat === true;
  if ((hint === 'compat' || remembered || probed) && ffmpeg) return 'compat';
  return 'raw';
}

/** Maps a MediaError code to a failure kind. 1 aborted · 2 network · 3 decode · 4 unsupported. */
export function failureKind(code) {
  switch (code) {
    case 2: return 'network';
    case 3: return 'decode';
    case 4: return 'unsupported';
    default: return 'other';
  }
}

/** A fresh selection state. */
export function createSelection(mode = 'raw') {
  return { mode, rawFailed: false, compatFailed: false, repairedFailed: false, networkReloads: 0, escalated: false };
}

/**
 * The next step after a failure in the current mode.
 *   kind: 'decode' | 'unsupported' | 'network' | 'no-video' | 'other' | 'escalate'
 *   ffmpeg: FFmpeg is available
 * → {state, action} where action is one of
 *   {type:'reload'}                              reload the same source once (network)
 *   {type:'switch', mode, remember, repair}      switch mode (remember the ref, request a repair)
 *   {type:'error'}                               show the error panel (Descargar / Abrir en VLC)
 * The input state is not modified.
 */
export function onFailure(sel, kind, { ffmpeg = false } = {}) {
  const s = { ...sel };
  const toCompat = () => ({ type: 'switch', mode: 'compat', remember: true, repair: true });
  if (s.mode === 'raw') {
    if (kind === 'network' && s.networkReloads < 1) {
      s.networkReloads += 1;
      return { state: s, action: { type: 'reload' } };
    }
    s.rawFailed = true;
    if (ffmpeg && !s.compatFailed) {
      s.mode = 'compat';
      return { state: s, action: toCompat() };
    }
    return { state: s, action: { type: 'error' } };
  }
  if (s.mode === 'compat') {
    s.compatFailed = true;
    if (s.escalated) {
      // Compat misbehaves too after a sync escalation: back to raw and show the sync prompt.
      s.mode = 'raw';
      return { state: s, action: { type: 'switch', mode: 'raw', remember: false, repair: false, prompt: true } };
    }
    if (!s.rawFailed) {
      s.mode = 'raw';
      s.networkReloads = 0;
      return { state: s, action: { type: 'switch', mode: 'raw', remember: false, repair: false } };
    }
    return { state: s, action: { type: 'error' } };
  }
  // repaired
  s.repairedFailed = true;
  if (!s.rawFailed) {
    s.mode = 'raw';
    s.networkReloads = 0;
    return { state: s, action: { type: 'switch', mode: 'raw', remember: false, repair: false } };
  }
  if (ffmpeg && !s.compatFailed) {
    s.mode = 'compat';
    return { state: s, action: { type: 'switch', mode: 'compat', remember: false, repair: false } };
  }
  return { state: s, action: { type: 'error' } };
}

/** Sync-guard escalation while in raw: switch to compat and request a repair (§5.9). */
export function onEscalation(sel, { ffmpeg = false } = {}) {
  if (sel.mode !== 'raw' || !ffmpeg || sel.compatFailed) return { state: { ...sel }, action: { type: 'prompt' } };
  return { state: { ...sel, mode: 'compat', escalated: true }, action: { type: 'switch', mode: 'compat', remember: true, repair: true } };
}

/** Repair-status poll outcome (§5.2): keep polling, switch to repaired, or stop. */
export function pollOutcome(httpStatus, body) {
  // 404 (no repair yet) keeps polling, unlike viewer.md §5.2's list: a repair queued later — by
  // the repair button, another tab or an admin — must still switch this compat session over.
  if (httpStatus === 404) return 'continue';
  if (httpStatus !== 200 || !body || typeof body !== 'object') return 'continue';
  if (body.status === 'completed') return typeof body.artifactUrl === 'string' && body.artifactUrl ? 'repaired' : 'stop';
  if (body.status === 'failed' || body.status === 'evicted') return 'stop';
  return 'continue';
}

/** Parses an "Aula-Duration" header value; null when missing or invalid. */
export function parseDurationHeader(value) {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const d = Number(value.trim());
  return Number.isFinite(d) && d > 0 ? d : null;
}

const QUALITY_FIELDS = ['videoQualities', 'qualities', 'videoSources', 'sources', 'streams'];

function heightOf(entry) {
  for (const f of ['height', 'quality', 'label', 'resolution', 'name']) {
    const v = entry[f];
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) return v;
    if (typeof v === 'string') {
      const m = /(\d{3,4})\s*p\b/i.exec(v) || /x\s*(\d{3,4})\b/.exec(v) || /^(\d{3,4})$/.exec(v.trim());
      if (m) return Number(m[1]);
    }
  }
  return null;
}

/**
 * The class's alternative sources (catalog.md §2.6), normalised to [{ref, height, label}] with
 * distinct refs and a known height; the first list found (class, then files) is used.
 */
export function qualitySources(cls) {
  if (!cls || typeof cls !== 'object') return [];
  const holders = [cls, cls.files && typeof cls.files === 'object' ? cls.files : null];
  for (const holder of holders) {
    if (!holder) continue;
    for (const field of QUALITY_FIELDS) {
      const list = holder[field];
      if (!Array.isArray(list) || !list.length) continue;
      const out = [];
      const seen = new Set();
      for (const entry of list) {
        if (!entry || typeof entry !== 'object') continue;
        const ref = [entry.file, entry.ref, entry.id, entry.fileId].find((v) => typeof v === 'string' && v.trim());
        const height = heightOf(entry);
        if (!ref || !height || seen.has(ref)) continue;
        seen.add(ref);
        out.push({ ref, height, label: `${height}p` });
      }
      if (out.length) return out;
    }
  }
  return [];
}
