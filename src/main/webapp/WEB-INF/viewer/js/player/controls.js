// Custom video controls (viewer.md §5.5): play/pause, the progress slider (seeks once, on
// release), time, mute and volume, speed, quality menu, captions, repair, external player,
// download, fullscreen, previous/next, the large play button and auto-hide.

import { h, svg } from '../ui/dom.js';
import { t } from '../i18n.js';
import { formatTime, knownDuration, nextSpeed, speedLabel } from './timeline.js';
import { writePrefs } from './prefs.js';

const ICONS = {
  play: 'M8 5v14l11-7z',
  pause: 'M6 5h4v14H6zm8 0h4v14h-4z',
  prev: 'M6 6h2v12H6zm3.5 6 8.5 6V6z',
  next: 'M16 6h2v12h-2zM6 18l8.5-6L6 6z',
  volume: 'M3 9v6h4l5 5V4L7 9H3zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4z',
  muted: 'M3 9v6h4l5 5V4L7 9H3zm18.3 0-1.4-1.4L17 10.6l-2.9-3L12.7 9l2.9 3-2.9 2.9 1.4 1.4L17 13.4l2.9 2.9 1.4-1.4-2.9-2.9z',
  fullscreen: 'M7 14H5v5h5v-2H7v-3zm-2-4h2V7h3V5H5v5zm12 7h-3v2h5v-5h-2v3zM14 5v2h3v3h2V5h-5z',
  external: 'M19 19H5V5h7V3H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2v-7h-2v7zM14 3v2h3.6l-9.8 9.8 1.4 1.4L19 6.4V10h2V3h-7z',
  download: 'M19 9h-4V3H9v6H5l7 7 7-7zM5 18v2h14v-2H5z',
  repair: 'M22.7 19 13.6 9.9c.9-2.3.4-5-1.5-6.9-2-2-5-2.4-7.4-1.3L9 6 6 9 1.6 4.7C.4 7.1.9 10.1 2.9 12.1c1.9 1.9 4.6 2.4 6.9 1.5l9.1 9.1c.4.4 1 .4 1.4 0l2.3-2.3c.5-.4.5-1.1.1-1.4z',
};

export function icon(name) {
  return svg('svg', { class: 'icon', viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false' },
    svg('path', { d: ICONS[name] || '' }));
}

function iconButton(action, name, label, extra = {}) {
  return h('button', { type: 'button', class: ['pc-btn', extra.class], 'data-action': action, 'aria-label': label, title: label, ...extra.attrs },
    name ? icon(name) : null, extra.text ? h('span', { class: 'pc-btn-text', 'aria-hidden': 'true' }, extra.text) : null);
}

/**
 * Builds and wires the controls.
 *   ctx: {video, stage, engine, scope, prefs, captions (or null), qualities [{ref,label,height}],
 *         currentQuality, hasPrev, hasNext, onPrev, onNext, onExternal, onRepair, onQuality(ref),
 *         downloadUrl, downloadName, onUserAction()}
 * Returns {node, bigPlay, update(), show(), setRepairVisible(v), setBigPlay(v), setCaptions(on)}.
 */
export function createControls(ctx) {
  const { video, stage, engine, scope } = ctx;
  let dragging = false;
  let dragValue = 0;
  let hideTimer = null;

  // ---- progress slider
  const buffered = h('div', { class: 'bar-buffered' });
  const played = h('div', { class: 'bar-played' });
  const thumb = h('div', { class: 'bar-thumb' });
  const preview = h('div', { class: 'bar-preview', 'aria-hidden': 'true', hidden: true });
  const bar = h('div', {
    class: 'player-bar', role: 'slider', tabindex: '0', 'aria-label': t('player.seek'),
    'aria-valuemin': '0', 'aria-valuemax': '0', 'aria-valuenow': '0', 'aria-valuetext': '',
  }, h('div', { class: 'bar-track' }, buffered, played, thumb), preview);

  // ---- buttons
  const playBtn = iconButton('play', 'play', t('player.play'));
  const prevBtn = iconButton('prev', 'prev', t('player.prev'));
  const nextBtn = iconButton('next', 'next', t('player.next'));
  const muteBtn = iconButton('mute', 'volume', t('player.mute'), { attrs: { 'aria-pressed': 'false' } });
  const volume = h('input', {
    type: 'range', class: 'pc-volume', min: '0', max: '1', step: '0.05', 'aria-label': t('player.volume'),
  });
  const time = h('span', { class: 'pc-time', 'aria-hidden': 'true' }, '0:00 / --:--');
  const speedBtn = iconButton('speed', null, t('player.speed', { rate: '1x' }), { class: 'pc-text', text: '1x' });
  const ccBtn = ctx.captions
    ? iconButton('captions', null, t('player.captions'), { class: 'pc-text', text: 'CC', attrs: { 'aria-pressed': 'false' } })
    : null;
  const repairBtn = iconButton('repair', 'repair', t('player.repair'), { attrs: { hidden: true } });
  const extBtn = iconButton('external', 'external', t('player.external'));
  const download = h('a', {
    class: 'pc-btn', 'data-action': 'download', href: ctx.downloadUrl, download: ctx.downloadName,
    'aria-label': t('player.download'), title: t('player.download'),
  }, icon('download'));
  const fsBtn = iconButton('fullscreen', 'fullscreen', t('player.fullscreen'), { attrs: { 'aria-pressed': 'false' } });

  // ---- quality menu (only with ≥ 2 alternative sources)
  let qualityWrap = null;
  let qualityBtn = null;
  let qualityMenu = null;
  if (Array.isArray(ctx.qualities) && ctx.qualities.length >= 2) {
    qualityMenu = h('ul', { class: 'pc-menu', role: 'menu', hidden: true, 'aria-label': t('player.quality') });
    qualityBtn = iconButton('quality', null, t('player.quality'), {
      class: 'pc-text', text: ctx.currentQuality ? ctx.currentQuality.label : 'HD',
      attrs: { 'aria-haspopup': 'menu', 'aria-expanded': 'false' },
    });
    for (const q of [...ctx.qualities].sort((a, b) => b.height - a.height)) {
      const item = h('button', { type: 'button', role: 'menuitemradio', class: 'pc-menu-item', 'data-ref': q.ref,
        'aria-checked': String(!!ctx.currentQuality && q.ref === ctx.currentQuality.ref) }, q.label);
      scope.on(item, 'click', () => {
        for (const el of qualityMenu.querySelectorAll('[role=menuitemradio]')) el.setAttribute('aria-checked', String(el === item));
        qualityBtn.querySelector('.pc-btn-text').textContent = q.label;
        closeQuality();
        ctx.onQuality(q.ref);
      });
      qualityMenu.appendChild(h('li', { role: 'none' }, item));
    }
    qualityWrap = h('div', { class: 'pc-menu-wrap' }, qualityBtn, qualityMenu);
    scope.on(qualityBtn, 'click', () => (qualityMenu.hidden ? openQuality() : closeQuality()));
    scope.on(qualityMenu, 'keydown', (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        closeQuality();
        qualityBtn.focus();
      }
    });
  }
  function openQuality() {
    qualityMenu.hidden = false;
    qualityBtn.setAttribute('aria-expanded', 'true');
    const first = qualityMenu.querySelector('[aria-checked=true]') || qualityMenu.querySelector('button');
    if (first) first.focus();
  }
  function closeQuality() {
    if (!qualityMenu) return;
    qualityMenu.hidden = true;
    qualityBtn.setAttribute('aria-expanded', 'false');
  }

  const bigPlay = h('button', { type: 'button', class: 'player-bigplay', 'data-action': 'bigplay', 'aria-label': t('player.play'), hidden: true }, icon('play'));

  const node = h('div', { class: 'player-controls' },
    bar,
    h('div', { class: 'pc-row' },
      h('div', { class: 'pc-group' }, playBtn, prevBtn, nextBtn, muteBtn, volume, time),
      h('div', { class: 'pc-group pc-right' }, speedBtn, qualityWrap, ccBtn, repairBtn, extBtn, download, fsBtn)));

  // ---- state rendering
  function setDisabled(btn, disabled) {
    btn.disabled = !!disabled;
    btn.setAttribute('aria-disabled', String(!!disabled));
  }
  setDisabled(prevBtn, !ctx.hasPrev);
  setDisabled(nextBtn, !ctx.hasNext);

  function renderVolume() {
    const muted = video.muted || video.volume === 0;
    muteBtn.replaceChildren(icon(muted ? 'muted' : 'volume'));
    muteBtn.setAttribute('aria-pressed', String(video.muted));
    const label = video.muted ? t('player.unmute') : t('player.mute');
    muteBtn.setAttribute('aria-label', label);
    muteBtn.title = label;
    volume.value = String(video.muted ? 0 : video.volume);
  }

  function renderSpeed() {
    const label = speedLabel(video.playbackRate);
    speedBtn.querySelector('.pc-btn-text').textContent = label;
    speedBtn.setAttribute('aria-label', t('player.speed', { rate: label }));
    speedBtn.title = t('player.speed', { rate: label });
  }

  function renderPlay() {
    const playing = !video.paused && !video.ended;
    playBtn.replaceChildren(icon(playing ? 'pause' : 'play'));
    const label = playing ? t('player.pause') : t('player.play');
    playBtn.setAttribute('aria-label', label);
    playBtn.title = label;
    stage.classList.toggle('is-paused', !playing);
    if (playing) bigPlay.hidden = true;
  }

  function renderTime() {
    const d = knownDuration(engine.duration());
    const pos = dragging ? dragValue : engine.position();
    const frac = d ? Math.min(1, Math.max(0, pos / d)) : 0;
    played.style.setProperty('width', `${(frac * 100).toFixed(3)}%`);
    thumb.style.setProperty('left', `${(frac * 100).toFixed(3)}%`);
    time.textContent = `${formatTime(pos)} / ${formatTime(d)}`;
    bar.setAttribute('aria-valuemax', String(d ? Math.round(d) : 0));
    bar.setAttribute('aria-valuenow', String(Math.round(pos)));
    bar.setAttribute('aria-valuetext', t('player.valueText', { time: formatTime(pos), total: formatTime(d) }));
    // buffered ranges
    const ranges = d ? engine.bufferedRanges() : [];
    const segs = ranges.map(([s, e]) => {
      const seg = h('span', { class: 'bar-range' });
      seg.style.setProperty('left', `${Math.max(0, (s / d) * 100).toFixed(3)}%`);
      seg.style.setProperty('width', `${Math.max(0, ((Math.min(e, d) - s) / d) * 100).toFixed(3)}%`);
      return seg;
    });
    buffered.replaceChildren(...segs);
  }

  function update() {
    renderPlay();
    renderTime();
  }

  // ---- slider interaction: preview while dragging, seek once on release
  function valueAt(clientX) {
    const rect = bar.getBoundingClientRect();
    const d = knownDuration(engine.duration());
    if (!rect.width) return 0;
    const frac = Math.min(1, Math.max(0, (clientX - rect.left) / rect.width));
    if (d) return frac * d;
    // Unknown duration: only the buffered range is reachable.
    const ranges = engine.bufferedRanges();
    const end = ranges.length ? ranges[ranges.length - 1][1] : 0;
    return frac * end;
  }
  function showPreview(v) {
    preview.hidden = false;
    preview.textContent = formatTime(v);
    const d = knownDuration(engine.duration());
    preview.style.setProperty('left', `${d ? (Math.min(1, v / d) * 100).toFixed(3) : 0}%`);
  }
  scope.on(bar, 'pointerdown', (e) => {
    if (e.button !== 0) return;
    dragging = true;
    dragValue = valueAt(e.clientX);
    try {
      bar.setPointerCapture(e.pointerId);
    } catch {
      /* ignore */
    }
    bar.classList.add('is-dragging');
    showPreview(dragValue);
    renderTime();
    e.preventDefault();
  });
  scope.on(bar, 'pointermove', (e) => {
    if (dragging) {
      dragValue = valueAt(e.clientX);
      showPreview(dragValue);
      renderTime();
    } else if (e.pointerType === 'mouse') {
      showPreview(valueAt(e.clientX));
    }
  });
  scope.on(bar, 'pointerleave', () => {
    if (!dragging) preview.hidden = true;
  });
  const release = (e, commit) => {
    if (!dragging) return;
    dragging = false;
    bar.classList.remove('is-dragging');
    preview.hidden = true;
    if (commit) {
      dragValue = valueAt(e.clientX);
      ctx.onUserAction();
      engine.seek(dragValue);
    }
    renderTime();
  };
  scope.on(bar, 'pointerup', (e) => release(e, true));
  scope.on(bar, 'pointercancel', (e) => release(e, false));
  scope.on(bar, 'keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const d = knownDuration(engine.duration());
    let target = null;
    if (e.key === 'ArrowLeft' || e.key === 'ArrowDown') target = engine.position() - 5;
    else if (e.key === 'ArrowRight' || e.key === 'ArrowUp') target = engine.position() + 5;
    else if (e.key === 'Home') target = 0;
    else if (e.key === 'End' && d) target = Math.max(0, d - 0.5);
    if (target === null) return;
    e.preventDefault();
    e.stopPropagation();
    ctx.onUserAction();
    engine.seek(Math.max(0, target));
    renderTime();
  });

  // ---- buttons
  const actions = {
    play: () => engine.toggle(),
    bigplay: () => engine.play(),
    mute: () => {
      video.muted = !video.muted;
      writePrefs({ muted: video.muted });
    },
    speed: () => {
      const rate = nextSpeed(video.playbackRate);
      video.playbackRate = rate;
      video.defaultPlaybackRate = rate;
      writePrefs({ rate });
      renderSpeed();
    },
    captions: () => setCaptions(ctx.captions.toggle()),
    fullscreen: () => toggleFullscreen(),
    prev: () => ctx.onPrev(),
    next: () => ctx.onNext(),
    external: () => ctx.onExternal(),
    repair: () => ctx.onRepair(),
  };
  for (const btn of [playBtn, prevBtn, nextBtn, muteBtn, speedBtn, ccBtn, repairBtn, extBtn, fsBtn, bigPlay]) {
    if (!btn) continue;
    scope.on(btn, 'click', () => {
      if (btn.disabled) return;
      ctx.onUserAction();
      actions[btn.dataset.action]();
    });
  }
  scope.on(volume, 'input', () => {
    const v = Number(volume.value);
    video.volume = v;
    if (video.muted && v > 0) video.muted = false;
    writePrefs({ volume: v, muted: video.muted });
  });

  function setCaptions(on) {
    if (!ccBtn) return;
    ccBtn.setAttribute('aria-pressed', String(!!on));
    ccBtn.classList.toggle('is-on', !!on);
    writePrefs({ captions: !!on });
  }

  // ---- fullscreen on the video wrapper
  function fsElement() {
    return document.fullscreenElement || document.webkitFullscreenElement || null;
  }
  function toggleFullscreen() {
    if (fsElement()) {
      (document.exitFullscreen || document.webkitExitFullscreen || (() => {})).call(document);
      return;
    }
    const req = stage.requestFullscreen || stage.webkitRequestFullscreen;
    if (req) {
      const p = req.call(stage);
      if (p && typeof p.catch === 'function') p.catch(() => {});
    } else if (typeof video.webkitEnterFullscreen === 'function') {
      video.webkitEnterFullscreen(); // iOS Safari
    }
  }
  const onFs = () => {
    const on = fsElement() === stage;
    fsBtn.setAttribute('aria-pressed', String(on));
    const label = on ? t('player.exitFullscreen') : t('player.fullscreen');
    fsBtn.setAttribute('aria-label', label);
    fsBtn.title = label;
    stage.classList.toggle('is-fullscreen', on);
  };
  scope.on(document, 'fullscreenchange', onFs);
  scope.on(document, 'webkitfullscreenchange', onFs);
  scope.add(() => {
    if (fsElement()) (document.exitFullscreen || document.webkitExitFullscreen || (() => {})).call(document);
  });

  // ---- click / double click on the video
  scope.on(video, 'click', () => {
    ctx.onUserAction();
    engine.toggle();
  });
  scope.on(video, 'dblclick', () => toggleFullscreen());

  // ---- auto-hide: 2.5 s after the last pointer move while playing; never while paused or
  // while a control has focus.
  function canHide() {
    // Focus that a mouse or touch click left on a button does not hold the controls.
    const focused = node.contains(document.activeElement) && !focusFromPointer;
    return !video.paused && !video.ended && !focused && !dragging
      && (!qualityMenu || qualityMenu.hidden);
  }
  function show() {
    stage.classList.remove('controls-hidden');
    if (hideTimer) hideTimer();
    hideTimer = scope.timeout(() => {
      hideTimer = null;
      if (canHide()) stage.classList.add('controls-hidden');
    }, 2500);
  }
  let lastPointerDown = 0;
  let pointerTarget = null;
  let focusFromPointer = false;
  scope.on(node, 'pointerdown', (e) => { lastPointerDown = Date.now(); pointerTarget = e.target; }, true);
  // Only the control that was just clicked counts as pointer focus; focus that moves anywhere
  // else (keyboard, script) holds the controls.
  scope.on(node, 'focusin', (e) => {
    focusFromPointer = Date.now() - lastPointerDown < 300 && !!pointerTarget
      && (e.target === pointerTarget || (e.target instanceof Node && e.target.contains(pointerTarget)));
  });
  scope.on(stage, 'pointermove', show);
  scope.on(stage, 'pointerdown', show);
  scope.on(node, 'focusin', show);
  scope.on(node, 'focusout', show);
  scope.on(video, 'pause', () => stage.classList.remove('controls-hidden'));
  scope.on(video, 'play', show);

  // ---- media events
  for (const type of ['play', 'pause', 'ended', 'playing']) scope.on(video, type, renderPlay);
  for (const type of ['timeupdate', 'progress', 'durationchange', 'seeked', 'loadedmetadata', 'emptied']) scope.on(video, type, renderTime);
  scope.on(video, 'volumechange', renderVolume);
  scope.on(video, 'ratechange', renderSpeed);
  scope.on(document, 'pointerdown', (e) => {
    if (qualityWrap && !qualityWrap.contains(e.target)) closeQuality();
  });

  renderVolume();
  renderSpeed();
  update();

  return {
    node,
    bigPlay,
    update,
    show,
    toggleFullscreen,
    setCaptions,
    setRepairVisible(v) {
      repairBtn.hidden = !v;
    },
    setBigPlay(v) {
      bigPlay.hidden = !v;
    },
    setPrevNext(hasPrev, hasNext) {
      setDisabled(prevBtn, !hasPrev);
      setDisabled(nextBtn, !hasNext);
    },
  };
}
