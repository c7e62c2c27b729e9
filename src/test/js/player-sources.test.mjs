// Source selection (viewer.md §5.2), captions shift (§5.4), keyboard (§5.5), prefs, sync guard
// (§5.9) and content helpers (§5.8): the pure parts of the player.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { viewerModule } from './paths.mjs';

const src = await import(viewerModule('player/sources.js'));
const cap = await import(viewerModule('player/captions.js'));
const kb = await import(viewerModule('player/keyboard.js'));
const prefs = await import(viewerModule('player/prefs.js'));
const sg = await import(viewerModule('player/syncguard.js'));
const content = await import(viewerModule('player/content.js'));

test('ref paths encode each segment, never the slash', () => {
  assert.equal(src.refPath('local:fundamentos/02 a.mp4'), 'local%3Afundamentos/02%20a.mp4');
  assert.equal(src.paths.raw('1AbcDefGhiJk'), 'drive/files/1AbcDefGhiJk');
  assert.equal(src.paths.compat('local:a/b.mp4', 12.3456), 'api/video-compatible/local%3Aa/b.mp4?start=12.346');
  assert.equal(src.paths.compat('x1234567890', 0), 'api/video-compatible/x1234567890?start=0');
  assert.equal(src.paths.repairStatus('local:a/b.mp4'), 'api/repair-status/local%3Aa/b.mp4');
});

test('initial mode: repaired, then compat (hint or remembered, with FFmpeg), else raw', () => {
  const done = { status: 'completed', artifactUrl: '/api/repaired/x' };
  assert.equal(src.initialMode({ repairStatus: done, hint: 'compat', ffmpeg: true }), 'repaired');
  assert.equal(src.initialMode({ repairStatus: { status: 'completed' }, ffmpeg: false }), 'raw', 'no artifactUrl');
  assert.equal(src.initialMode({ repairStatus: { status: 'pending' }, hint: 'compat', ffmpeg: true }), 'compat');
  assert.equal(src.initialMode({ hint: 'compat', ffmpeg: false }), 'raw');
  assert.equal(src.initialMode({ remembered: true, ffmpeg: true }), 'compat');
  assert.equal(src.initialMode({ hint: 'direct', ffmpeg: true }), 'raw');
  assert.equal(src.initialMode({}), 'raw');
});

test('raw failures: decode/unsupported/no-video → compat (remember + repair); network reloads once', () => {
  for (const kind of ['decode', 'unsupported', 'no-video']) {
    const { state, action } = src.onFailure(src.createSelection('raw'), kind, { ffmpeg: true });
    assert.equal(state.mode, 'compat');
    assert.equal(state.rawFailed, true);
    assert.deepEqual(action, { type: 'switch', mode: 'compat', remember: true, repair: true });
  }
  let r = src.onFailure(src.createSelection('raw'), 'network', { ffmpeg: true });
  assert.deepEqual(r.action, { type: 'reload' });
  r = src.onFailure(r.state, 'network', { ffmpeg: true });
  assert.equal(r.action.mode, 'compat');
  assert.deepEqual(src.onFailure(src.createSelection('raw'), 'decode', { ffmpeg: false }).action, { type: 'error' });
});

test('compat fails → raw if raw has not failed, else the error panel; repaired fails → raw', () => {
  let r = src.onFailure(src.createSelection('compat'), 'decode', { ffmpeg: true });
  assert.equal(r.action.mode, 'raw');
  r = src.onFailure(src.createSelection('raw'), 'decode', { ffmpeg: true });
  r = src.onFailure(r.state, 'network', { ffmpeg: true });
  assert.deepEqual(r.action, { type: 'error' });
  r = src.onFailure(src.createSelection('repaired'), 'decode', { ffmpeg: true });
  assert.equal(r.action.mode, 'raw');
  const input = src.createSelection('raw');
  src.onFailure(input, 'decode', { ffmpeg: true });
  assert.equal(input.mode, 'raw', 'input state untouched');
});

test('sync escalation: raw → compat + repair; compat failing afterwards → raw with the prompt', () => {
  let r = src.onEscalation(src.createSelection('raw'), { ffmpeg: true });
  assert.deepEqual(r.action, { type: 'switch', mode: 'compat', remember: true, repair: true });
  r = src.onFailure(r.state, 'decode', { ffmpeg: true });
  assert.equal(r.action.mode, 'raw');
  assert.equal(r.action.prompt, true);
  assert.equal(src.onEscalation(src.createSelection('raw'), { ffmpeg: false }).action.type, 'prompt');
});

test('repair poll outcomes and the Aula-Duration header', () => {
  assert.equal(src.pollOutcome(404, { error: 'not_found' }), 'continue', 'no repair yet: keep polling');
  assert.equal(src.pollOutcome(200, { status: 'pending' }), 'continue');
  assert.equal(src.pollOutcome(200, { status: 'in_progress' }), 'continue');
  assert.equal(src.pollOutcome(200, { status: 'completed', artifactUrl: '/api/repaired/x' }), 'repaired');
  assert.equal(src.pollOutcome(200, { status: 'failed' }), 'stop');
  assert.equal(src.pollOutcome(200, { status: 'evicted' }), 'stop');
  assert.equal(src.pollOutcome(0, null), 'continue');
  assert.equal(src.parseDurationHeader('100.000'), 100);
  assert.equal(src.parseDurationHeader(''), null);
  assert.equal(src.parseDurationHeader(null), null);
  assert.equal(src.parseDurationHeader('abc'), null);
});

test('quality sources: only lists with ≥ 2 usable entries make a menu', () => {
  assert.deepEqual(src.qualitySources({ files: { video: 'v' } }), []);
  const cls = { videoQualities: [{ file: 'a', height: 720 }, { ref: 'b', label: '360p' }, { file: 'c' }, { file: 'a', height: 1080 }] };
  assert.deepEqual(src.qualitySources(cls), [{ ref: 'a', height: 720, label: '720p' }, { ref: 'b', height: 360, label: '360p' }]);
  assert.equal(src.qualitySources({ files: { sources: [{ id: 'z', quality: '1080p' }] } }).length, 1);
});

test('VTT cues shift by −T; cues ending before 0 are dropped', () => {
  const vtt = 'WEBVTT\n\nNOTE hi\n\n1\n00:00:00.500 --> 00:00:04.000\nuno\n\n2\n00:00:52.000 --> 00:00:58.000 line:80%\ndos\nlíneas\n\n01:00:00.000 --> 01:00:01.500\ntres\n';
  const out = cap.shiftVtt(vtt, -50);
  assert.match(out, /^WEBVTT/);
  assert.match(out, /NOTE hi/);
  assert.doesNotMatch(out, /uno/);
  assert.match(out, /00:00:02\.000 --> 00:00:08\.000 line:80%\ndos\nlíneas/);
  assert.match(out, /00:59:10\.000 --> 00:59:11\.500\ntres/);
  assert.match(cap.shiftVtt('WEBVTT\n\n00:00:01.000 --> 00:00:05.000\nx', -3), /00:00:00\.000 --> 00:00:02\.000/);
  assert.equal(cap.parseTimestamp('01:02.250'), 62.25);
  assert.equal(cap.formatTimestamp(3723.5), '01:02:03.500');
});

test('keyboard: shortcuts, ignored in text fields and with Ctrl/Meta, Space on buttons', () => {
  const el = (tagName, extra = {}) => ({ tagName, getAttribute: (n) => extra[n] ?? null, ...extra });
  const body = el('BODY');
  assert.equal(kb.keyAction({ key: ' ', target: body }), 'toggle');
  assert.equal(kb.keyAction({ key: 'f', target: body }), 'fullscreen');
  assert.equal(kb.keyAction({ key: 'F', target: body }), 'fullscreen');
  assert.equal(kb.keyAction({ key: 'm', target: body }), 'mute');
  assert.equal(kb.keyAction({ key: 'c', target: body }), 'captions');
  assert.equal(kb.keyAction({ key: 'ArrowLeft', target: body }), 'back5');
  assert.equal(kb.keyAction({ key: 'ArrowRight', target: body }), 'fwd5');
  assert.equal(kb.keyAction({ key: 'ArrowLeft', altKey: true, target: body }), 'prev');
  assert.equal(kb.keyAction({ key: 'ArrowRight', altKey: true, target: body }), 'next');
  assert.equal(kb.keyAction({ key: 'f', ctrlKey: true, target: body }), null);
  assert.equal(kb.keyAction({ key: ' ', metaKey: true, target: body }), null);
  assert.equal(kb.keyAction({ key: ' ', target: el('TEXTAREA') }), null);
  assert.equal(kb.keyAction({ key: 'm', target: el('INPUT', { type: 'search' }) }), null);
  assert.equal(kb.keyAction({ key: 'm', target: el('DIV', { isContentEditable: true }) }), null);
  assert.equal(kb.keyAction({ key: ' ', target: el('BUTTON') }), null);
  assert.equal(kb.keyAction({ key: ' ', target: el('A') }), null);
  assert.equal(kb.keyAction({ key: 'f', target: el('BUTTON') }), 'fullscreen');
  assert.equal(kb.keyAction({ key: 'ArrowLeft', target: el('DIV', { role: 'slider' }) }), null, 'the slider handles its own arrows');
  assert.equal(kb.keyAction({ key: 'm', target: el('INPUT', { type: 'range' }) }), 'mute');
});

test('prefs normalise and the compat ref list is bounded (oldest dropped)', () => {
  assert.deepEqual(prefs.normalizePrefs(null), { volume: 1, muted: false, rate: 1, captions: false });
  assert.deepEqual(prefs.normalizePrefs({ volume: 3, muted: true, rate: 1.5, captions: true }), { volume: 1, muted: true, rate: 1.5, captions: true });
  assert.equal(prefs.normalizePrefs({ rate: 1.3 }).rate, 1);
  let list = [];
  for (let n = 0; n < 505; n++) list = prefs.addBounded(list, `r${n}`);
  assert.equal(list.length, 500);
  assert.equal(list[0], 'r5');
  assert.deepEqual(prefs.addBounded(['a', 'b'], 'a'), ['b', 'a']);
});

test('sync guard: soft and hard resyncs with cooldowns; 3 hard resyncs in 120 s escalate', () => {
  const mon = sg.createDriftMonitor();
  let now = 0;
  const feed = (drift, n) => {
    let last = null;
    for (let k = 0; k < n; k++) {
      now += 700;
      const r = mon.sample(drift, now);
      if (r) last = r;
    }
    return last;
  };
  assert.equal(feed(0.1, 10), null);
  assert.deepEqual(feed(0.3, 4), { type: 'resync', back: 0.03, hard: false });
  assert.equal(feed(0.3, 4), null, 'cooldown 9 s');
  now += 10000;
  assert.deepEqual(feed(0.5, 6), { type: 'resync', back: 0.08, hard: true });
  now += 13000;
  assert.deepEqual(feed(0.5, 6), { type: 'resync', back: 0.08, hard: true });
  now += 13000;
  assert.deepEqual(feed(0.5, 6), { type: 'escalate' });
  const drops = sg.createDropMonitor();
  assert.equal(drops.sample(0, 0, 0), false);
  assert.equal(drops.sample(100, 30, 1000), false);
  assert.equal(drops.sample(200, 60, 2000), true);
  assert.equal(drops.sample(300, 90, 3000), false);
});

test('content: panel order and sandbox tokens never include allow-same-origin', () => {
  const cls = {
    hasVideo: true, hasSummary: true, hasReading: true, hasHtml: true,
    files: { video: 'v', summary: 's', reading: 'r', html: 'h' },
  };
  const specs = content.panelSpecs(cls, { hasVideo: true });
  assert.deepEqual(specs.map((s) => [s.id, s.open]), [['summary', true], ['reading', false], ['lesson', false]]);
  assert.equal(content.panelSpecs(cls, { hasVideo: false })[2].open, true);
  for (const s of specs) assert.doesNotMatch(s.sandbox, /allow-same-origin/);
  assert.match(specs[2].sandbox, /allow-scripts/);
  assert.doesNotMatch(specs[0].sandbox, /allow-scripts/);
  assert.deepEqual(content.panelSpecs({ hasSummary: true, files: { summary: '' } }, { hasVideo: true }), []);
});

test('content: resources normalise; VLC handlers', () => {
  assert.deepEqual(content.normalizeResources([{ name: 'A.ZIP', file: 'local:a.zip' }, { name: 'x', file: '' }, null]),
    [{ name: 'A.ZIP', ref: 'local:a.zip', ext: '.zip', viewable: false }]);
  const url = 'http://127.0.0.1:8090/drive/files/abc';
  assert.equal(content.vlcHandlerUrl(url, 'Mozilla/5.0 (X11; Linux)'), `vlc://${url}`);
  assert.match(content.vlcHandlerUrl(url, 'Mozilla/5.0 (Linux; Android 14)'), /^intent:\/\/127\.0\.0\.1:8090\/drive\/files\/abc#Intent;scheme=http;package=org\.videolan\.vlc/);
  assert.match(content.vlcHandlerUrl(url, 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0)'), /^vlc-x-callback:\/\/x-callback-url\/stream\?url=http%3A/);
});

test('a probe verdict needsCompat starts in compat when FFmpeg is available, unless the catalogue says direct', async () => {
  const { initialMode } = await import(viewerModule('player/sources.js'));
  assert.equal(initialMode({ probe: { needsCompat: true }, ffmpeg: true }), 'compat');
  assert.equal(initialMode({ probe: { needsCompat: true }, ffmpeg: false }), 'raw');
  assert.equal(initialMode({ probe: { needsCompat: false }, ffmpeg: true }), 'raw');
  assert.equal(initialMode({ probe: { needsCompat: true }, hint: 'direct', ffmpeg: true }), 'raw');
  assert.equal(initialMode({ probe: { needsCompat: true }, ffmpeg: true,
    repairStatus: { status: 'completed', artifactUrl: 'api/repaired/x' } }), 'repaired');
});
