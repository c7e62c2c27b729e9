// Player view #player/c/r/k/m/i (viewer.md §5): layout and error states, the video with its
// engine (sources, compat timeline, repair), controls, captions and keyboard, progress saves,
// auto-complete, resume, previous/next and autoplay of the next class, the content panels and
// resources, the sync guard, and a teardown that leaves nothing running.

import { h } from '../ui/dom.js';
import { t } from '../i18n.js';
import { viewTitle, notFound, codeLine } from '../ui/status.js';
import { buildHash } from '../router.js';
import { ApiError, courseDetailEndpoint } from '../api.js';
import { loadCourseDetail } from '../detail.js';
import * as progressApi from '../progress.js';
import {
  state, getCourse, getRoute, isCourseRoute, moduleClassCount, displayName, primaryRef, usableRef,
} from '../state.js';
import { classRecord, detailCourse, coursePublicId, positionalKey } from '../derived.js';
import { showToast, clearToasts } from '../ui/toast.js';
import { createScope } from '../player/scope.js';
import { createEngine, loadHealth } from '../player/engine.js';
import { createControls } from '../player/controls.js';
import { createCaptions } from '../player/captions.js';
import { attachKeyboard } from '../player/keyboard.js';
import { contentPanels, resourceList, fileUrl, openExternal } from '../player/content.js';
import { createSidebar } from '../player/sidebar.js';
import { startSyncGuard } from '../player/syncguard.js';
import {
  readPrefs, writePrefs, isRepairForbidden, syncAutoExternal, syncDismissed, dismissSync, setSyncAutoExternal,
} from '../player/prefs.js';
import { qualitySources } from '../player/sources.js';
import {
  formatTime, resumeDecision, shouldAutoComplete, neighbours, qualityTarget, pickQuality, knownDuration,
} from '../player/timeline.js';

const NEXT_DELAY = 1500;
const SAVE_EVERY = 10000;

function errorState(titleKey, error) {
  return h('div', { class: 'view view-player' },
    notFound(titleKey),
    error ? h('div', { class: 'player-error-code' }, codeLine(error.code, error.endpoint)) : null);
}

/** The download name of the video: the class name plus the ref's extension. */
function downloadName(cls, ref) {
  const ext = (/\.[a-z0-9]{2,5}$/i.exec(String(ref)) || ['.mp4'])[0];
  const base = displayName(cls.name, 'video').replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'video';
  return `${base}${ext}`;
}

function repairText(entry) {
  if (!entry || typeof entry.status !== 'string') return '';
  if (entry.status === 'in_progress') {
    const pct = typeof entry.progress === 'number' && Number.isFinite(entry.progress) ? Math.round(entry.progress * 100) : 0;
    return t('player.repairState.in_progress', { pct });
  }
  if (['pending', 'completed', 'failed', 'evicted'].includes(entry.status)) return t(`player.repairState.${entry.status}`);
  return '';
}

export default {
  name: 'player',
  async render(ctx) {
    const [c, r, k, m, i] = ctx.route.valid ? ctx.route.params : [-1, -1, -1, -1, -1];
    const course = ctx.route.valid ? getCourse(c, r, k) : null;
    if (!course) return { node: errorState('notFound.course'), title: t('notFound.course') };
    const bootMods = Array.isArray(course.modules) ? course.modules : [];
    if (bootMods.length && (!bootMods[m] || i >= moduleClassCount(bootMods[m]))) {
      const e = new ApiError('course_detail', 'not_found', courseDetailEndpoint(c, r, k));
      return { node: errorState('notFound.class', e), title: t('notFound.class') };
    }
    let detail;
    try {
      detail = await loadCourseDetail(c, r, k);
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError('course_detail', 'network', courseDetailEndpoint(c, r, k));
      return { node: errorState('notFound.class', e), title: t('notFound.class') };
    }
    const full = detailCourse(detail);
    const mods = full && Array.isArray(full.modules) ? full.modules : [];
    const cls = mods[m] && Array.isArray(mods[m].classes) ? mods[m].classes[i] : null;
    if (!cls || typeof cls !== 'object') {
      const e = new ApiError('course_detail', 'not_found', courseDetailEndpoint(c, r, k));
      return { node: errorState('notFound.class', e), title: t('notFound.class') };
    }
    return buildPlayer({ c, r, k, m, i, course, detail, full, mods, cls });
  },
};

function buildPlayer({ c, r, k, m, i, course, detail, full, mods, cls }) {
  const pos = { c, r, k };
  const key = primaryRef(cls) || positionalKey(c, r, k, m, i);
  const publicId = coursePublicId(course) || coursePublicId(full)
    || (detail && typeof detail.courseId === 'string' ? detail.courseId : '');
  const videoRef = usableRef(cls, 'hasVideo', 'video');
  const subsRef = usableRef(cls, 'hasSubtitles', 'subtitles');
  const className = displayName(cls.name, t('player.classFallback', { n: i + 1 }));
  const courseName = displayName(course.name, displayName(full && full.name, ''));
  const back = isCourseRoute(getRoute(c, r)) ? buildHash('route', c, r) : buildHash('course', c, r, k);
  const { prev, next } = neighbours(mods, m, i);
  const hrefOf = (p) => (p ? buildHash('player', c, r, k, p.m, p.i) : null);
  const scope = createScope();

  // ---- progress helpers (progress.js API; state.progress is the merged map)
  const isComplete = () => {
    const rec = classRecord(state.progress, cls, c, r, k, m, i);
    return !!rec && rec.status === 'complete';
  };

  // ---- info bar
  const completeBtn = h('button', { type: 'button', class: 'btn btn-ghost complete-toggle', 'data-action': 'complete', 'aria-pressed': 'false' });
  function renderComplete() {
    const done = isComplete();
    completeBtn.setAttribute('aria-pressed', String(done));
    completeBtn.classList.toggle('is-done', done);
    completeBtn.replaceChildren(h('span', { 'aria-hidden': 'true' }, done ? '✓ ' : '○ '),
      done ? t('player.completed') : t('player.markComplete'));
  }
  renderComplete();
  const repairBadge = h('p', { class: 'repair-badge', role: 'status', 'aria-live': 'polite' });
  repairBadge.hidden = true;
  const navButtons = [];
  if (!videoRef) {
    for (const [action, target] of [['prev', prev], ['next', next]]) {
      const btn = h('button', { type: 'button', class: 'btn btn-ghost', 'data-action': action, 'aria-disabled': String(!target), disabled: !target },
        t(`player.${action}`));
      scope.on(btn, 'click', () => { if (target) window.location.hash = hrefOf(target); });
      navButtons.push(btn);
    }
  }
  const info = h('div', { class: 'player-info' },
    h('div', { class: 'player-info-text' },
      h('p', { class: 'player-course' }, courseName),
      viewTitle(className, { id: 'player-title' }),
      h('p', { class: 'player-module' }, displayName(mods[m] && mods[m].name, ''))),
    h('div', { class: 'player-info-actions' },
      h('a', { class: 'btn btn-ghost', href: back, 'data-action': 'back' }, '← ', t('common.back')),
      ...navButtons,
      completeBtn));

  // ---- stage
  let stage;
  let video = null;
  const errorBox = h('div', { class: 'player-errorbox', hidden: true, role: 'alert' });
  const syncBox = h('div', { class: 'player-syncbox', hidden: true, role: 'dialog', 'aria-label': t('player.sync.title') });
  const spinner = h('div', { class: 'player-spinner', 'aria-hidden': 'true' }, h('span', { class: 'spinner' }));
  if (videoRef) {
    video = h('video', {
      id: 'player-video', class: 'player-video', playsinline: true, preload: 'metadata',
      'aria-label': t('player.videoLabel', { name: className }),
    });
    stage = h('div', { class: 'player-stage is-paused' }, video, spinner, errorBox, syncBox);
  } else {
    stage = h('div', { class: 'player-stage player-novideo' },
      h('div', { class: 'novideo-body' },
        h('span', { class: 'novideo-icon', 'aria-hidden': 'true' }, '🎬'),
        h('p', { class: 'novideo-text' }, t('player.noVideo'))));
  }

  const layout = h('div', { class: 'player-layout' });
  const main = h('div', { class: 'player-main' },
    stage, info, repairBadge,
    contentPanels(cls, { hasVideo: !!videoRef, scope }),
    resourceList(cls.resources));
  const sidebar = createSidebar({ course: full, pos, current: { m, i }, progress: state.progress, layout, scope });
  layout.append(main, sidebar.node);
  const node = h('div', { class: 'view view-player' }, layout);

  // ---- runtime (mount)
  let engine = null;
  let controls = null;
  let captions = null;
  let playedOnce = false;
  let autoCompleted = false;
  let pendingNext = null;
  let mounted = false;

  function savePosition() {
    if (!engine || !playedOnce || typeof progressApi.saveInProgress !== 'function') return;
    const p = engine.position();
    if (!Number.isFinite(p)) return;
    const d = knownDuration(engine.duration());
    progressApi.saveInProgress(key, { watchTime: p, duration: d ?? undefined, course: publicId });
  }

  function complete() {
    if (typeof progressApi.markComplete === 'function') progressApi.markComplete(key, publicId);
    renderComplete();
  }

  function cancelNext() {
    if (pendingNext) pendingNext.close();
    pendingNext = null;
  }

  function go(target) {
    if (!target) return;
    cancelNext();
    window.location.hash = hrefOf(target);
  }

  scope.on(completeBtn, 'click', () => {
    if (isComplete()) {
      if (typeof progressApi.markNotStarted === 'function') progressApi.markNotStarted(key, publicId);
    } else {
      complete();
      autoCompleted = true;
    }
    renderComplete();
  });

  function showError() {
    const raw = fileUrl(videoRef);
    const vlc = h('button', { type: 'button', class: 'btn btn-ghost', 'data-error-action': 'vlc' }, t('player.vlc'));
    scope.on(vlc, 'click', () => openExternal(raw, scope));
    errorBox.replaceChildren(
      h('p', { class: 'errorbox-title' }, t('player.errorTitle')),
      h('p', { class: 'errorbox-help' }, t('player.errorHelp')),
      h('div', { class: 'errorbox-actions' },
        h('a', { class: 'btn btn-primary', href: raw, download: downloadName(cls, videoRef), 'data-error-action': 'download' }, t('player.downloadFile')),
        vlc));
    errorBox.hidden = false;
    stage.classList.remove('is-waiting');
  }

  async function showSyncPrompt() {
    if (syncDismissed(videoRef) || !syncBox.hidden) return;
    const health = await loadHealth(undefined, { fresh: true });
    if (scope.disposed) return;
    const cs = health.body && health.body.compatStream ? health.body.compatStream : {};
    const raw = fileUrl(videoRef);
    const close = () => { syncBox.hidden = true; };
    const btn = (label, fn, extra = {}) => {
      const b = h('button', { type: 'button', class: ['btn', 'btn-sm', extra.primary ? 'btn-primary' : 'btn-ghost'], 'aria-label': extra.aria }, label);
      scope.on(b, 'click', () => { fn(); close(); });
      return b;
    };
    syncBox.replaceChildren(
      h('p', { class: 'syncbox-title' }, t('player.sync.title')),
      h('p', { class: 'syncbox-diag' }, t('player.sync.diag', {
        mode: cs.lastMode || '—', speed: typeof cs.lastSpeedMBps === 'number' ? cs.lastSpeedMBps : '—',
      })),
      h('div', { class: 'syncbox-actions' },
        engine && engine.mode === 'compat' ? null : btn(t('player.sync.compat'), () => engine && engine.switchTo('compat'), { primary: true }),
        btn(t('player.vlc'), () => openExternal(raw, scope)),
        btn(t('player.sync.always'), () => { setSyncAutoExternal(); openExternal(raw, scope); }),
        btn('×', () => dismissSync(videoRef), { aria: t('player.sync.dismiss') })));
    syncBox.hidden = false;
    scope.timeout(close, 12000);
  }

  function mountVideo() {
    const prefs = readPrefs();
    video.volume = prefs.volume;
    video.muted = prefs.muted;
    video.defaultPlaybackRate = prefs.rate;
    video.playbackRate = prefs.rate;
    const qualities = qualitySources(cls);
    let quality = null;
    let playRef = videoRef;
    if (qualities.length >= 2) {
      const conn = typeof navigator !== 'undefined' ? navigator.connection : null;
      quality = pickQuality(qualities, qualityTarget({
        saveData: !!(conn && conn.saveData), effectiveType: conn && conn.effectiveType, width: window.innerWidth,
      }));
      if (quality) playRef = quality.ref;
    }
    if (subsRef) captions = createCaptions(video, { url: fileUrl(subsRef), label: t('player.subtitlesLabel'), enabled: prefs.captions });
    const rec = classRecord(state.progress, cls, c, r, k, m, i);
    const resume = resumeDecision(rec, null);

    engine = createEngine({
      video, scope, ref: playRef, hint: cls.videoPlayback, isVideo: true,
      knownDur: rec && typeof rec.duration === 'number' ? rec.duration : null,
      hooks: {
        onWaiting: (on) => stage.classList.toggle('is-waiting', !!on),
        onOffset: (T) => { if (captions) captions.setOffset(engine && engine.mode === 'compat' ? T : 0); },
        onMode: () => { errorBox.hidden = true; },
        onSwitched: (mode) => showToast(t(`player.mode.${mode}`), { id: 'player-mode' }),
        onError: showError,
        onAutoplayBlocked: () => controls && controls.setBigPlay(true),
        onRepair: (entry) => {
          const text = repairText(entry);
          repairBadge.textContent = text;
          repairBadge.hidden = !text;
        },
        onRepairForbidden: () => controls && controls.setRepairVisible(false),
        onPrompt: showSyncPrompt,
        onState: () => controls && controls.update(),
      },
    });
    const step = (target) => { cancelNext(); go(target); };
    controls = createControls({
      video, stage, engine, scope, captions, qualities, currentQuality: quality,
      hasPrev: !!prev, hasNext: !!next, onPrev: () => step(prev), onNext: () => step(next),
      onExternal: () => openExternal(fileUrl(engine.ref), scope),
      onRepair: async () => {
        const res = await engine.repair();
        if (res && res.status && res.status !== 403 && res.status >= 400 && res.status !== 409) showToast(t('player.repairFailed'));
      },
      onQuality: (ref) => engine.setRef(ref),
      downloadUrl: fileUrl(videoRef), downloadName: downloadName(cls, videoRef),
      onUserAction: cancelNext,
    });
    stage.append(controls.node, controls.bigPlay);
    if (captions) controls.setCaptions(captions.enabled);

    // progress
    scope.on(video, 'playing', () => {
      if (!playedOnce) {
        playedOnce = true;
        savePosition();
      }
    });
    scope.interval(() => { if (engine.isPlaying()) savePosition(); }, SAVE_EVERY);
    scope.on(video, 'pause', () => { if (!video.ended && engine.attached()) savePosition(); });
    scope.on(video, 'seeked', () => { if (engine.attached()) savePosition(); });
    scope.on(video, 'timeupdate', () => {
      if (autoCompleted || !engine.isPlaying()) return;
      if (shouldAutoComplete(engine.position(), engine.duration())) {
        autoCompleted = true;
        complete();
      }
    });
    scope.on(video, 'play', cancelNext);
    scope.on(video, 'seeking', cancelNext);
    scope.on(video, 'ended', () => {
      autoCompleted = true;
      complete();
      if (!next) return;
      const timer = scope.timeout(() => { pendingNext = null; go(next); }, NEXT_DELAY);
      const toast = showToast(t('player.nextClass'), {
        timeout: 0, id: 'player-next',
        actions: [{ label: t('player.cancel'), action: 'cancel-next', onClick: () => {} }],
        onClose: () => { timer(); pendingNext = null; },
      });
      pendingNext = toast;
    });

    attachKeyboard(scope, {
      toggle: () => engine.toggle(),
      fullscreen: () => controls.toggleFullscreen(),
      back5: () => engine.seek(Math.max(0, engine.position() - 5)),
      fwd5: () => engine.seek(engine.position() + 5),
      prev: () => go(prev),
      next: () => go(next),
      mute: () => { video.muted = !video.muted; writePrefs({ muted: video.muted }); },
      captions: () => { if (captions) controls.setCaptions(captions.toggle()); },
    });

    startSyncGuard(video, scope, {
      mode: () => engine.mode,
      onEscalate: () => {
        if (syncAutoExternal()) {
          engine.pause();
          openExternal(fileUrl(engine.ref), scope);
        } else {
          engine.escalate();
        }
      },
      onStepDown: qualities.length >= 2 ? () => {
        const lower = [...qualities].sort((a, b) => b.height - a.height).find((q) => q.height < (quality ? quality.height : Infinity));
        if (lower) {
          quality = lower;
          engine.setRef(lower.ref);
        }
      } : null,
    });

    engine.start({ at: resume.at, play: true }).then((mode) => {
      if (!mode || scope.disposed) return;
      controls.setRepairVisible(engine.ffmpeg && !isRepairForbidden());
      if (resume.resume) {
        showToast(t('player.resumed', { time: formatTime(resume.at) }), {
          timeout: 8000, id: 'player-resume',
          actions: [{ label: t('player.restart'), action: 'restart', onClick: () => engine.seek(0) }],
        });
      }
    });
  }

  return {
    node,
    title: className,
    mount() {
      mounted = true;
      if (video) mountVideo();
      else attachKeyboard(scope, { prev: () => go(prev), next: () => go(next) });
      // Any key cancels the pending "next class".
      scope.on(document, 'keydown', () => cancelNext(), true);
      scope.on(window, 'pagehide', () => {
        savePosition();
        if (typeof progressApi.flushProgress === 'function') progressApi.flushProgress();
      });
      if (typeof progressApi.onProgressChange === 'function') {
        let pending = null;
        const off = progressApi.onProgressChange(() => {
          if (pending) return;
          pending = scope.timeout(() => {
            pending = null;
            renderComplete();
            sidebar.update(state.progress);
          }, 100);
        });
        scope.add(() => { if (typeof off === 'function') off(); });
      }
      sidebar.revealCurrent();
    },
    destroy() {
      cancelNext();
      if (mounted) savePosition();
      scope.dispose();
      if (captions) captions.destroy();
      if (engine) engine.stop();
      clearToasts();
    },
  };
}
