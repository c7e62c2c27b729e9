// A/V-sync guard (viewer.md §5.9). Runs only in raw mode, at 1×, where
// requestVideoFrameCallback exists. Every 700 ms it compares currentTime with the media time of
// the last presented frame. createDriftMonitor() is pure (Node tests).

export const SOFT = Object.freeze({ drift: 0.28, samples: 4, back: 0.03, cooldown: 9000 });
export const HARD = Object.freeze({ drift: 0.42, samples: 6, back: 0.08, cooldown: 12000 });
export const ESCALATE_HARD = 3;
export const ESCALATE_WINDOW = 120000;
export const FROZEN_LIMIT = 1.5;

/**
 * Pure drift bookkeeping. sample(drift, now) → null | {type:'resync', back, hard} | {type:'escalate'}.
 */
export function createDriftMonitor() {
  let soft = 0;
  let hard = 0;
  let cooldownUntil = 0;
  const hardTimes = [];
  return {
    sample(drift, now) {
      if (drift >= HARD.drift) hard += 1;
      else hard = 0;
      if (drift >= SOFT.drift) soft += 1;
      else soft = 0;
      if (now < cooldownUntil) return null;
      if (hard >= HARD.samples) {
        hard = 0;
        soft = 0;
        cooldownUntil = now + HARD.cooldown;
        hardTimes.push(now);
        while (hardTimes.length && now - hardTimes[0] > ESCALATE_WINDOW) hardTimes.shift();
        if (hardTimes.length >= ESCALATE_HARD) {
          hardTimes.length = 0;
          return { type: 'escalate' };
        }
        return { type: 'resync', back: HARD.back, hard: true };
      }
      if (soft >= SOFT.samples && hard === 0) { // a drift ≥ 0.42 s waits for the hard tier
        soft = 0;
        cooldownUntil = now + SOFT.cooldown;
        return { type: 'resync', back: SOFT.back, hard: false };
      }
      return null;
    },
  };
}

/** Dropped-frame step-down: ≥ 20 % of ≥ 60 frames, twice in a row, at most once per 9 s. Pure. */
export function createDropMonitor() {
  let last = null;
  let strikes = 0;
  let lastStep = -Infinity;
  return {
    sample(total, dropped, now) {
      if (!last) {
        last = { total, dropped };
        return false;
      }
      const dt = total - last.total;
      if (dt < 60) return false;
      const dd = dropped - last.dropped;
      last = { total, dropped };
      if (dd / dt >= 0.2) strikes += 1;
      else strikes = 0;
      if (strikes >= 2 && now - lastStep >= 9000) {
        strikes = 0;
        lastStep = now;
        return true;
      }
      return false;
    },
  };
}

/**
 * Starts the guard on a video. hooks: {mode(): string, onEscalate(), onStepDown() (or null)}.
 * All timers and frame callbacks belong to `scope`.
 */
export function startSyncGuard(video, scope, hooks) {
  if (!video || typeof video.requestVideoFrameCallback !== 'function') return;
  const drift = createDriftMonitor();
  const drops = createDropMonitor();
  let frameMediaTime = null;
  let lastFrameChange = { media: null, clock: 0 };
  let handle = null;
  const onFrame = (_now, meta) => {
    frameMediaTime = meta && typeof meta.mediaTime === 'number' ? meta.mediaTime : null;
    if (frameMediaTime !== lastFrameChange.media) lastFrameChange = { media: frameMediaTime, clock: video.currentTime };
    if (!scope.disposed) handle = video.requestVideoFrameCallback(onFrame);
  };
  handle = video.requestVideoFrameCallback(onFrame);
  scope.add(() => {
    if (handle !== null && typeof video.cancelVideoFrameCallback === 'function') video.cancelVideoFrameCallback(handle);
    handle = null;
  });
  scope.on(video, 'seeked', () => {
    lastFrameChange = { media: frameMediaTime, clock: video.currentTime };
  });
  // Frames are only presented while the video is on screen: measure only then.
  let onScreen = true;
  if (typeof IntersectionObserver === 'function') {
    const io = new IntersectionObserver((entries) => {
      for (const e of entries) onScreen = e.isIntersecting;
    });
    io.observe(video);
    scope.add(() => io.disconnect());
  }
  scope.interval(() => {
    const active = hooks.mode() === 'raw' && video.playbackRate === 1 && !video.paused && !video.seeking
      && video.readyState >= 3 && onScreen && document.visibilityState === 'visible';
    if (!active || frameMediaTime === null) {
      lastFrameChange = { media: frameMediaTime, clock: video.currentTime };
      return;
    }
    const now = Date.now();
    // Frozen frames while the clock advances.
    if (video.currentTime - lastFrameChange.clock > FROZEN_LIMIT) {
      lastFrameChange = { media: frameMediaTime, clock: video.currentTime };
      hooks.onEscalate();
      return;
    }
    const result = drift.sample(Math.abs(video.currentTime - frameMediaTime), now);
    if (result && result.type === 'resync') {
      try {
        video.currentTime = Math.max(0, video.currentTime - result.back);
      } catch {
        /* ignore */
      }
    } else if (result && result.type === 'escalate') {
      hooks.onEscalate();
    }
    if (typeof hooks.onStepDown === 'function' && typeof video.getVideoPlaybackQuality === 'function') {
      const q = video.getVideoPlaybackQuality();
      if (drops.sample(q.totalVideoFrames, q.droppedVideoFrames, now)) hooks.onStepDown();
    }
  }, 700);
}
