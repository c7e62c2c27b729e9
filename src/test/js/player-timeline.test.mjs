// Pure player timing helpers (viewer.md §5.3, §5.5–5.7).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { viewerModule } from './paths.mjs';

const tl = await import(viewerModule('player/timeline.js'));

test('formatTime: m:ss below an hour, h:mm:ss from an hour, --:-- when unknown', () => {
  assert.equal(tl.formatTime(0), '0:00');
  assert.equal(tl.formatTime(5.9), '0:05');
  assert.equal(tl.formatTime(65), '1:05');
  assert.equal(tl.formatTime(203), '3:23');
  assert.equal(tl.formatTime(599.99), '9:59');
  assert.equal(tl.formatTime(3599), '59:59');
  assert.equal(tl.formatTime(3600), '1:00:00');
  assert.equal(tl.formatTime(3725), '1:02:05');
  assert.equal(tl.formatTime(36000), '10:00:00');
  for (const bad of [NaN, Infinity, -1, null, undefined, '12']) assert.equal(tl.formatTime(bad), '--:--');
});

test('compat mapping: shown time is T + currentTime', () => {
  assert.equal(tl.mappedTime(0, 12.5), 12.5);
  assert.equal(tl.mappedTime(40, 2), 42);
  assert.equal(tl.mappedTime(40, NaN), 40);
});

test('compat seek: inside [T, T + buffered end] seeks locally, outside reloads with start = X', () => {
  assert.deepEqual(tl.compatSeek(45, { offset: 40, bufferedEnd: 10, duration: 100 }), { action: 'local', currentTime: 5 });
  assert.deepEqual(tl.compatSeek(40, { offset: 40, bufferedEnd: 10, duration: 100 }), { action: 'local', currentTime: 0 });
  assert.deepEqual(tl.compatSeek(50, { offset: 40, bufferedEnd: 10, duration: 100 }), { action: 'local', currentTime: 10 });
  assert.deepEqual(tl.compatSeek(55, { offset: 40, bufferedEnd: 10, duration: 100 }), { action: 'reload', start: 55 });
  assert.deepEqual(tl.compatSeek(10, { offset: 40, bufferedEnd: 10, duration: 100 }), { action: 'reload', start: 10 });
  assert.deepEqual(tl.compatSeek(12.34567, { offset: 0, bufferedEnd: 3, duration: 100 }), { action: 'reload', start: 12.346 });
  // beyond the duration: clamped so the server never sees start ≥ D
  assert.deepEqual(tl.compatSeek(500, { offset: 0, bufferedEnd: 3, duration: 100 }), { action: 'reload', start: 99.5 });
  assert.deepEqual(tl.compatSeek(-5, { offset: 20, bufferedEnd: 3, duration: 100 }), { action: 'reload', start: 0 });
});

test('compat seek with an unknown duration stays within the buffered range', () => {
  assert.deepEqual(tl.compatSeek(90, { offset: 10, bufferedEnd: 5, duration: null }), { action: 'local', currentTime: 5 });
  assert.deepEqual(tl.compatSeek(2, { offset: 10, bufferedEnd: 5, duration: null }), { action: 'local', currentTime: 0 });
  assert.deepEqual(tl.compatSeek(12, { offset: 10, bufferedEnd: 5, duration: NaN }), { action: 'local', currentTime: 2 });
});

test('resume: in-progress watchTime ≥ 5 s and below duration − 10 s', () => {
  const ip = (watchTime, extra = {}) => ({ status: 'in_progress', lastWatched: '2026-01-01T00:00:00.000Z', watchTime, ...extra });
  assert.deepEqual(tl.resumeDecision(ip(40), 100), { resume: true, at: 40 });
  assert.deepEqual(tl.resumeDecision(ip(5), 100), { resume: true, at: 5 });
  assert.deepEqual(tl.resumeDecision(ip(4.9), 100), { resume: false, at: 0 });
  assert.deepEqual(tl.resumeDecision(ip(89.9), 100), { resume: true, at: 89.9 });
  assert.deepEqual(tl.resumeDecision(ip(90), 100), { resume: false, at: 0 });
  assert.deepEqual(tl.resumeDecision(ip(500), null), { resume: true, at: 500 }, 'unknown duration');
  assert.deepEqual(tl.resumeDecision(ip(95, { duration: 100 }), null), { resume: false, at: 0 }, 'record duration');
  assert.deepEqual(tl.resumeDecision({ status: 'complete', completedAt: 'x', watchTime: 40 }, 100), { resume: false, at: 0 });
  assert.deepEqual(tl.resumeDecision({ status: 'not_started', resetAt: 'x' }, 100), { resume: false, at: 0 });
  assert.deepEqual(tl.resumeDecision(null, 100), { resume: false, at: 0 });
  assert.deepEqual(tl.resumeDecision(ip('40'), 100), { resume: false, at: 0 });
});

test('auto-complete at ≥ 90 % or with less than 10 s left', () => {
  assert.equal(tl.shouldAutoComplete(89.9, 1000), false);
  assert.equal(tl.shouldAutoComplete(900, 1000), true);
  assert.equal(tl.shouldAutoComplete(89, 100), false);
  assert.equal(tl.shouldAutoComplete(90, 100), true);
  assert.equal(tl.shouldAutoComplete(300, 315), true);
  assert.equal(tl.shouldAutoComplete(305, 315), true);
  assert.equal(tl.shouldAutoComplete(280, 315), false);
  assert.equal(tl.shouldAutoComplete(50, null), false, 'unknown duration');
  assert.equal(tl.shouldAutoComplete(0, 8), false, 'nothing played yet');
});

test('speed cycles 0.5 → 0.75 → 1 → 1.25 → 1.5 → 2 → 0.5', () => {
  const seen = [];
  let r = 0.5;
  for (let n = 0; n < 6; n++) {
    seen.push(r);
    r = tl.nextSpeed(r);
  }
  assert.deepEqual(seen, [0.5, 0.75, 1, 1.25, 1.5, 2]);
  assert.equal(r, 0.5);
  assert.equal(tl.nextSpeed(3), 0.5);
  assert.equal(tl.speedLabel(1.5), '1.5x');
});

test('prev/next order crosses modules, skips modules without class lists, null at the ends', () => {
  const mods = [
    { name: 'A', classes: [{ name: 'a1' }, { name: 'a2' }] },
    { name: 'B', classes: 3 },
    { name: 'C', classes: [] },
    { name: 'D', classes: [{ name: 'd1', hasVideo: false }] },
  ];
  assert.deepEqual(tl.classOrder(mods), [{ m: 0, i: 0 }, { m: 0, i: 1 }, { m: 3, i: 0 }]);
  assert.deepEqual(tl.neighbours(mods, 0, 0), { prev: null, next: { m: 0, i: 1 } });
  assert.deepEqual(tl.neighbours(mods, 0, 1), { prev: { m: 0, i: 0 }, next: { m: 3, i: 0 } });
  assert.deepEqual(tl.neighbours(mods, 3, 0), { prev: { m: 0, i: 1 }, next: null });
  assert.deepEqual(tl.neighbours(mods, 9, 9), { prev: null, next: null });
});

test('quality target and the lowest source at or above it', () => {
  assert.equal(tl.qualityTarget({ width: 1000 }), 720);
  assert.equal(tl.qualityTarget({ width: 1000, saveData: true }), 360);
  assert.equal(tl.qualityTarget({ width: 1600, effectiveType: '2g' }), 360);
  assert.equal(tl.qualityTarget({ width: 1600, effectiveType: 'slow-2g' }), 360);
  assert.equal(tl.qualityTarget({ width: 1600, effectiveType: '3g' }), 480);
  assert.equal(tl.qualityTarget({ width: 800 }), 480);
  assert.equal(tl.qualityTarget({ width: 1200 }), 1080);
  assert.equal(tl.qualityTarget({ width: 1199, effectiveType: '4g' }), 720);
  const sources = [{ ref: 'h', height: 1080 }, { ref: 'l', height: 360 }, { ref: 'm', height: 720 }];
  assert.equal(tl.pickQuality(sources, 720).ref, 'm');
  assert.equal(tl.pickQuality(sources, 480).ref, 'm');
  assert.equal(tl.pickQuality(sources, 360).ref, 'l');
  assert.equal(tl.pickQuality(sources, 1440).ref, 'h', 'nothing above: the highest');
  assert.equal(tl.pickQuality([], 720), null);
});
