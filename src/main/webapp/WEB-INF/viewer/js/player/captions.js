// Subtitles (viewer.md §5.4): one <track kind="subtitles" srclang="es"> pointing at the VTT, hidden
// at first; the CC button and the "c" key toggle it. In compat mode with an offset T > 0 a second
// track holds the cues shifted by −T (a blob URL of the rewritten VTT) and is shown instead.
// shiftVtt/parseTimestamp are pure (Node tests); the rest touches the DOM only when called.

import { h } from '../ui/dom.js';

const TS = /(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{3})/;
const TIMING = /^(\s*)((?:\d+:)?\d{1,2}:\d{2}[.,]\d{3})(\s+-->\s+)((?:\d+:)?\d{1,2}:\d{2}[.,]\d{3})(.*)$/;

/** "00:01:02.500" or "01:02.500" → seconds; NaN when malformed. */
export function parseTimestamp(s) {
  const m = TS.exec(String(s));
  if (!m) return NaN;
  return (Number(m[1] || 0) * 3600) + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 1000;
}

/** Seconds → "hh:mm:ss.mmm". */
export function formatTimestamp(sec) {
  const ms = Math.max(0, Math.round(sec * 1000));
  const h = Math.floor(ms / 3600000);
  const m = Math.floor((ms % 3600000) / 60000);
  const s = Math.floor((ms % 60000) / 1000);
  const f = ms % 1000;
  const p = (n, w = 2) => String(n).padStart(w, '0');
  return `${p(h)}:${p(m)}:${p(s)}.${p(f, 3)}`;
}

/**
 * Rewrites a WebVTT document with every cue shifted by `delta` seconds (negative = earlier).
 * Cues that end at or before 0 are dropped; starts below 0 are clamped to 0. The header, NOTE,
 * STYLE and REGION blocks are kept.
 */
export function shiftVtt(text, delta) {
  const src = String(text || '').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const blocks = src.split(/\n{2,}/);
  const out = [];
  for (const block of blocks) {
    const lines = block.split('\n');
    const idx = lines.findIndex((l) => l.includes('-->'));
    if (idx < 0) {
      out.push(block);
      continue;
    }
    const m = TIMING.exec(lines[idx]);
    if (!m) continue; // malformed cue: drop it
    const start = parseTimestamp(m[2]) + delta;
    const end = parseTimestamp(m[4]) + delta;
    if (!(end > 0)) continue;
    lines[idx] = `${m[1]}${formatTimestamp(Math.max(0, start))}${m[3]}${formatTimestamp(end)}${m[5]}`;
    out.push(lines.join('\n'));
  }
  let result = out.join('\n\n');
  if (!/^WEBVTT/.test(result)) result = `WEBVTT\n\n${result}`;
  return `${result.replace(/\n+$/, '')}\n`;
}

/**
 * Caption controller for one video element.
 *   url        – absolute URL of the VTT (drive/files/<ref>)
 *   label      – track label
 *   enabled    – initial choice (prefs)
 */
export function createCaptions(video, { url, label, enabled = false, fetchImpl }) {
  const doFetch = fetchImpl || ((...a) => fetch(...a));
  let on = !!enabled;
  let offset = 0;
  let vttText = null;
  let vttPromise = null;
  let blobUrl = null;
  let shifted = null;
  let destroyed = false;
  const main = h('track', { kind: 'subtitles', srclang: 'es', label, src: url, 'data-track': 'main' });
  video.appendChild(main);

  function loadText() {
    if (!vttPromise) {
      vttPromise = doFetch(url, { credentials: 'same-origin' })
        .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`vtt ${r.status}`))))
        .then((txt) => { vttText = txt; return txt; })
        .catch(() => { vttPromise = null; return null; });
    }
    return vttPromise;
  }

  function dropShifted() {
    if (shifted) shifted.remove();
    shifted = null;
    if (blobUrl) URL.revokeObjectURL(blobUrl);
    blobUrl = null;
  }

  function apply() {
    if (destroyed) return;
    const useShifted = offset > 0 && shifted;
    const tracks = video.textTracks;
    for (let i = 0; i < tracks.length; i++) {
      const tr = tracks[i];
      if (tr.kind !== 'subtitles' && tr.kind !== 'captions') continue;
      const isMain = tr === main.track;
      const isShifted = shifted && tr === shifted.track;
      let mode = 'disabled';
      if (isMain) mode = on && !useShifted ? 'showing' : 'hidden';
      else if (isShifted) mode = on ? 'showing' : 'hidden';
      if (tr.mode !== mode) tr.mode = mode;
    }
  }

  /** The compat offset T changed (0 in raw/repaired). */
  async function setOffset(t) {
    offset = t > 0 ? t : 0;
    dropShifted();
    apply();
    if (offset <= 0) return;
    const want = offset;
    const txt = vttText ?? await loadText();
    if (destroyed || txt == null || want !== offset) return;
    blobUrl = URL.createObjectURL(new Blob([shiftVtt(txt, -offset)], { type: 'text/vtt' }));
    shifted = h('track', { kind: 'subtitles', srclang: 'es', label, src: blobUrl, 'data-track': 'shifted' });
    video.appendChild(shifted);
    shifted.addEventListener('load', apply);
    apply();
  }

  main.addEventListener('load', apply);
  // Tracks need a mode to start loading; "hidden" loads cues without showing them.
  apply();

  return {
    get enabled() { return on; },
    get offset() { return offset; },
    toggle(force) {
      on = typeof force === 'boolean' ? force : !on;
      apply();
      return on;
    },
    setOffset,
    /** Re-applies modes after the element's source changed (tracks survive src changes). */
    refresh: apply,
    destroy() {
      destroyed = true;
      main.removeEventListener('load', apply);
      dropShifted();
      main.remove();
    },
  };
}
