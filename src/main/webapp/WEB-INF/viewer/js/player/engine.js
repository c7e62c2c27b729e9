// The media engine of the player: one <video>, three source modes (viewer.md §5.2), the compat
// timeline (§5.3), failure switches, repair polling, resume seeks and autoplay (§5.5).
// The DOM-free decisions live in sources.js and timeline.js.

import { apiUrl } from '../api.js';
import {
  paths, initialMode, createSelection, onFailure, onEscalation, failureKind, pollOutcome,
  parseDurationHeader,
} from './sources.js';
import { compatSeek, mappedTime, knownDuration, clampTime } from './timeline.js';
import { isCompatRef, rememberCompatRef, isRepairForbidden, setRepairForbidden } from './prefs.js';

const HAVE_FUTURE_DATA = 3;

/** fetch with a timeout; resolves {status, body, headers} or {status:0} on any failure. */
export async function quickFetch(path, { method = 'GET', timeout = 4000, signal, json = true, body, headers } = {}) {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), timeout);
  const onAbort = () => ctrl.abort();
  if (signal) signal.addEventListener('abort', onAbort);
  try {
    const res = await fetch(apiUrl(path), { method, cache: 'no-store', credentials: 'same-origin', signal: ctrl.signal, body, headers });
    let data = null;
    if (json && method !== 'HEAD') {
      try {
        data = await res.json();
      } catch {
        data = null;
      }
    }
    return { status: res.status, body: data, headers: res.headers };
  } catch {
    return { status: 0, body: null, headers: null };
  } finally {
    clearTimeout(timer);
    if (signal) signal.removeEventListener('abort', onAbort);
  }
}

let healthCache = null; // {at, ffmpeg, body}

/** GET api/health (cached 30 s). → {ffmpeg:boolean, body} */
export async function loadHealth(signal, { fresh = false } = {}) {
  if (!fresh && healthCache && Date.now() - healthCache.at < 30000) return healthCache;
  const res = await quickFetch('api/health', { timeout: 3000, signal });
  const body = res.status === 200 && res.body ? res.body : null;
  healthCache = { at: Date.now(), ffmpeg: !!(body && body.ffmpeg && body.ffmpeg.available === true), body };
  return healthCache;
}

/**
 * Creates the engine.
 *   video      – the <video> element
 *   scope      – the visit's disposal scope
 *   ref        – the video ref to play (the chosen quality)
 *   hint       – class videoPlayback ("compat" | "direct" | undefined)
 *   isVideo    – the class is a video class (videoWidth 0 after metadata counts as a failure)
 *   knownDur   – a duration known from the progress record (seconds) or null
 *   hooks      – {onMode(mode, prev), onState(), onError(), onRepair(entry|null), onWaiting(bool),
 *                 onPrompt(), onAutoplayBlocked(), onMeta()}
 */
export function createEngine({ video, scope, ref, hint, isVideo = true, knownDur = null, hooks = {} }) {
  const call = (name, ...args) => {
    if (typeof hooks[name] === 'function') {
      try {
        hooks[name](...args);
      } catch (e) {
        console.error('[aula] player hook failed', name, e);
      }
    }
  };
  let currentRef = ref;
  let sel = createSelection('raw');
  let ffmpeg = false;
  let offset = 0; // T
  let duration = knownDuration(knownDur);
  let durationSure = false; // from HEAD or raw metadata (not from a stored record)
  let artifactUrl = null;
  let pendingSeek = null;
  let autoplayArmed = false;
  let loadToken = 0;
  let pollStop = null;
  let repairPosted = false;
  let headTried = false;
  let seeking = false; // a compat reload is in flight
  let lastPos = 0; // the last mapped position seen while a source was attached
  const visitSignal = scope.signal(); // aborts every request of this visit on teardown

  function setMode(mode) {
    const prev = video.dataset.sourceMode || null;
    video.dataset.sourceMode = mode;
    if (prev !== mode) call('onMode', mode, prev);
  }

  function sourceUrl(mode, at) {
    if (mode === 'compat') return apiUrl(paths.compat(currentRef, at));
    if (mode === 'repaired') return new URL(artifactUrl, document.baseURI).href;
    return apiUrl(paths.raw(currentRef));
  }

  /** Loads `mode` at mapped time `at`; `play` restores the playing state once ready. */
  function load(mode, { at = 0, play = true } = {}) {
    if (scope.disposed) return;
    loadToken += 1;
    sel = { ...sel, mode };
    const start = clampTime(at, duration);
    if (mode === 'compat') {
      offset = start > 0.05 ? Math.round(start * 1000) / 1000 : 0;
      pendingSeek = null;
      ensureDuration();
      startPolling();
    } else {
      offset = 0;
      pendingSeek = start > 0.05 ? start : null;
      if (mode === 'repaired') stopPolling();
    }
    autoplayArmed = !!play;
    lastPos = start;
    setMode(mode);
    video.src = sourceUrl(mode, offset);
    video.load();
    call('onOffset', offset);
    call('onWaiting', true);
    call('onState');
  }

  async function ensureDuration() {
    if (durationSure || headTried) return;
    headTried = true;
    const res = await quickFetch(paths.compatHead(currentRef), { method: 'HEAD', timeout: 6000, signal: visitSignal, json: false });
    const d = res.headers ? parseDurationHeader(res.headers.get('Aula-Duration')) : null;
    if (d && !scope.disposed) {
      duration = d;
      durationSure = true;
      call('onState');
    }
  }

  /** True while our source is attached (the router's stopAllMedia empties the element first). */
  function attached() {
    return !!video.getAttribute('src');
  }

  function position() {
    if (!attached()) return lastPos;
    if (pendingSeek !== null && video.readyState < 1) return pendingSeek;
    if (video.readyState < 1) return lastPos;
    const p = mappedTime(offset, video.currentTime);
    lastPos = p;
    return p;
  }

  function bufferedEnd() {
    const b = video.buffered;
    let end = 0;
    for (let i = 0; i < b.length; i++) end = Math.max(end, b.end(i));
    return end;
  }

  /** Buffered ranges in mapped time: [[start, end]]. */
  function bufferedRanges() {
    const b = video.buffered;
    const out = [];
    for (let i = 0; i < b.length; i++) out.push([offset + b.start(i), offset + b.end(i)]);
    return out;
  }

  function isPlaying() {
    return !video.paused && !video.ended;
  }

  /** Seeks to mapped time x (viewer.md §5.3 in compat). */
  function seek(x) {
    const target = clampTime(x, duration);
    if (sel.mode !== 'compat') {
      if (video.readyState < 1) {
        pendingSeek = target;
        return;
      }
      video.currentTime = target;
      return;
    }
    const decision = compatSeek(target, { offset, bufferedEnd: bufferedEnd(), duration });
    if (decision.action === 'local') {
      video.currentTime = decision.currentTime;
      return;
    }
    const wasPlaying = isPlaying() || autoplayArmed;
    seeking = true;
    load('compat', { at: decision.start, play: wasPlaying });
    call('onSeekReload', decision.start);
  }

  function tryAutoplay() {
    if (!autoplayArmed || video.readyState < HAVE_FUTURE_DATA) return;
    const b = video.buffered;
    const t = video.currentTime;
    let ahead = 0;
    for (let i = 0; i < b.length; i++) if (b.start(i) <= t + 0.01 && b.end(i) > t) ahead = b.end(i) - t;
    const d = video.duration;
    const atEnd = Number.isFinite(d) && t + ahead >= d - 0.05;
    if (ahead < 0.25 && !atEnd) return;
    autoplayArmed = false;
    const p = video.play();
    if (p && typeof p.catch === 'function') p.catch(() => call('onAutoplayBlocked'));
  }

  function switchTo(mode, { toast = true } = {}) {
    const at = position();
    const play = isPlaying() || autoplayArmed;
    load(mode, { at, play });
    if (toast) call('onSwitched', mode);
  }

  async function postRepair({ manual = false } = {}) {
    if (isRepairForbidden()) return { status: 403 };
    if (!manual && repairPosted) return null;
    repairPosted = true;
    const res = await quickFetch(paths.repair(currentRef), { method: 'POST', timeout: 8000, signal: visitSignal });
    if (res.status === 403) {
      setRepairForbidden();
      call('onRepairForbidden');
    } else if (res.status === 200 || res.status === 202 || res.status === 409) {
      if (res.body && typeof res.body === 'object') call('onRepair', res.body);
      startPolling();
    }
    return res;
  }

  function stopPolling() {
    if (pollStop) pollStop();
    pollStop = null;
  }

  function startPolling() {
    if (pollStop || scope.disposed) return;
    let busy = false;
    const tick = async () => {
      if (busy) return;
      busy = true;
      const res = await quickFetch(paths.repairStatus(currentRef), { timeout: 2800, signal: visitSignal });
      busy = false;
      if (scope.disposed || !pollStop) return;
      if (res.body && res.status === 200) call('onRepair', res.body);
      const outcome = pollOutcome(res.status, res.body);
      if (outcome === 'continue') return;
      stopPolling();
      if (outcome === 'repaired' && sel.mode !== 'repaired') {
        artifactUrl = res.body.artifactUrl;
        switchTo('repaired');
      }
    };
    pollStop = scope.interval(tick, 3000);
  }

  function handleFailure(kind) {
    const { state, action } = onFailure(sel, kind, { ffmpeg });
    applyDecision(state, action);
  }

  function applyDecision(state, action) {
    const at = position();
    const play = isPlaying() || autoplayArmed || video.autoplay;
    sel = state;
    if (action.type === 'reload') {
      load(sel.mode, { at, play });
      return;
    }
    if (action.type === 'switch') {
      if (action.remember) rememberCompatRef(currentRef);
      load(action.mode, { at, play });
      call('onSwitched', action.mode);
      if (action.repair) postRepair();
      if (action.prompt) call('onPrompt');
      return;
    }
    if (action.type === 'prompt') {
      call('onPrompt');
      return;
    }
    stopPolling();
    call('onWaiting', false);
    call('onError');
  }

  // ---- element events
  scope.on(video, 'loadedmetadata', () => {
    if (sel.mode !== 'compat' && knownDuration(video.duration)) {
      duration = video.duration;
      durationSure = true;
    }
    if (sel.mode === 'raw' && isVideo && video.videoWidth === 0) {
      handleFailure('no-video');
      return;
    }
    if (pendingSeek !== null) {
      const at = pendingSeek;
      pendingSeek = null;
      try {
        video.currentTime = at;
      } catch {
        /* ignore */
      }
    }
    call('onMeta');
    call('onState');
  });
  scope.on(video, 'error', () => {
    const err = video.error;
    if (!err || !video.getAttribute('src') || scope.disposed) return;
    if (err.code === 1) return; // aborted by us
    handleFailure(failureKind(err.code));
  });
  for (const type of ['canplay', 'canplaythrough', 'progress', 'loadeddata']) scope.on(video, type, tryAutoplay);
  scope.on(video, 'timeupdate', position); // keeps lastPos fresh
  scope.on(video, 'playing', () => {
    seeking = false;
    call('onWaiting', false);
  });
  scope.on(video, 'waiting', () => call('onWaiting', true));
  scope.on(video, 'canplay', () => {
    if (!autoplayArmed) call('onWaiting', false);
  });

  return {
    /** Picks the initial mode (repair status ≤ 2 s, health) and loads it at `at`. */
    async start({ at = 0, play = true } = {}) {
      const signal = visitSignal;
      // The probe verdict (admin only, docs/PROBE.md) lets compat be chosen before a playback
      // error; a non-admin 403, a slow first probe or any failure just leaves it out.
      const wantProbe = hint !== 'direct' && hint !== 'compat' && !isCompatRef(currentRef);
      const [status, health, probe] = await Promise.all([
        quickFetch(paths.repairStatus(currentRef), { timeout: 2000, signal }),
        loadHealth(signal),
        wantProbe ? quickFetch(paths.probe(currentRef), { timeout: 1500, signal }) : Promise.resolve(null),
      ]);
      if (scope.disposed) return null;
      ffmpeg = health.ffmpeg;
      const entry = status.status === 200 ? status.body : null;
      if (entry) call('onRepair', entry);
      const verdict = probe && probe.status === 200 ? probe.body : null;
      const mode = initialMode({ repairStatus: entry, hint, remembered: isCompatRef(currentRef), ffmpeg, probe: verdict });
      if (mode === 'repaired') artifactUrl = entry.artifactUrl;
      sel = createSelection(mode);
      load(mode, { at, play });
      if (mode === 'compat' && verdict && verdict.needsCompat === true && hint !== 'compat') {
        // The probe predicted the raw failure: act as if it had happened (remember, one repair).
        rememberCompatRef(currentRef);
        postRepair();
      }
      return mode;
    },
    get mode() { return sel.mode; },
    get offset() { return offset; },
    get ffmpeg() { return ffmpeg; },
    get ref() { return currentRef; },
    get seekingReload() { return seeking; },
    attached,
    duration: () => duration,
    position,
    bufferedRanges,
    isPlaying,
    seek,
    play() {
      autoplayArmed = false;
      const p = video.play();
      if (p && typeof p.catch === 'function') p.catch(() => call('onAutoplayBlocked'));
    },
    pause() {
      autoplayArmed = false;
      video.pause();
    },
    toggle() {
      if (video.paused || video.ended) this.play();
      else this.pause();
    },
    switchTo,
    /** Changes the source ref (quality), keeping the time and play state. */
    setRef(nextRef) {
      if (!nextRef || nextRef === currentRef) return;
      const at = position();
      const play = isPlaying() || autoplayArmed;
      currentRef = nextRef;
      headTried = false;
      sel = createSelection(sel.mode === 'repaired' ? 'raw' : sel.mode);
      load(sel.mode, { at, play });
    },
    repair: () => postRepair({ manual: true }),
    /** The sync guard escalates: compat and a repair request (or the prompt). */
    escalate() {
      const { state, action } = onEscalation(sel, { ffmpeg });
      applyDecision(state, action);
    },
    /** Detaches the media: pause, empty, load() (teardown). */
    stop() {
      stopPolling();
      autoplayArmed = false;
      try {
        video.pause();
        video.removeAttribute('src');
        video.load();
      } catch {
        /* ignore */
      }
    },
  };
}
