// Course view #course/c/r/k (viewer.md §4 "Course"): breadcrumb and hero, the main button
// (Empezar / Continuar / Repasar), the syllabus accordion, and a sidebar with the progress ring,
// the presentation link and the notes. The detail comes from detail.js (fetched once per course,
// shared, cached); on failure an amber banner shows the code and the bootstrap counts remain.
// The course-route view (#route/c/r of an isCourse route) reuses coursePage() below.

import { h, uid } from '../ui/dom.js';
import { t, tn } from '../i18n.js';
import { buildHash } from '../router.js';
import { apiUrl, ApiError, courseDetailEndpoint } from '../api.js';
import { storage } from '../storage.js';
import { loadCourseDetail } from '../detail.js';
import * as progressClient from '../progress.js';
import { viewTitle, notFound, codeLine } from '../ui/status.js';
import { ring } from '../ui/ring.js';
import { syllabusAccordion } from '../ui/accordion.js';
import { breadcrumb } from './route.js';
import {
  state, getCategory, getRoute, getCourse, isCourseRoute, isAvailable, moduleCount, moduleClassCount,
  courseClassCount, displayName, truthy,
} from '../state.js';
import { courseProgress, resumeTarget, detailCourse, coursePublicId } from '../derived.js';

export const NOTES_PREFIX = 'aula_notes_';
export const LEGACY_NOTES_PREFIX = 'platzi_notes_';
const NOTES_DELAY = 300;
const PROGRESS_DEBOUNCE = 150;

/** A file ref as a context-relative byte URL (api.md §3.12); "/" and ":" stay readable. */
export function fileUrl(ref) {
  return apiUrl(`drive/files/${String(ref).split('/').map((s) => encodeURIComponent(s).replace(/%3A/gi, ':')).join('/')}`);
}

/** The key the notes of a course live under: aula_notes_<publicId>. */
export function notesKey(course, detail, c, r, k) {
  const id = coursePublicId(course)
    || (detail && typeof detail.courseId === 'string' && detail.courseId.trim())
    || `${c}-${r}-${k}`;
  return `${NOTES_PREFIX}${id}`;
}

/**
 * Reads the notes, importing a legacy platzi_notes_c_r_k the first time (when the Aula key has
 * never been written). The legacy key is left in place (read-only).
 */
export function readNotes(key, c, r, k, store = storage) {
  const own = store.getItem(key);
  if (own !== null) return own;
  const legacy = store.getItem(`${LEGACY_NOTES_PREFIX}${c}_${r}_${k}`);
  if (legacy === null) return '';
  store.setItem(key, legacy);
  return legacy;
}

/** The presentation ref when hasPresentation is true and the ref is usable, else null. */
export function presentationRef(...courses) {
  for (const course of courses) {
    if (!course) continue;
    const ref = course.presentationId;
    if (truthy(course.hasPresentation) && typeof ref === 'string' && ref.trim() !== '') return ref;
  }
  return null;
}

/** Amber banner for a failed detail: message, "Código: … • Endpoint: …" and Reintentar. */
function detailBanner(error, onRetry) {
  const retry = h('button', { type: 'button', class: 'btn btn-ghost btn-sm', 'data-action': 'retry-detail' }, t('boot.retry'));
  retry.addEventListener('click', () => {
    retry.disabled = true;
    onRetry();
  });
  return h('div', { class: 'banner banner-warning view-banner', role: 'status', 'data-code': error.code },
    h('span', { class: 'banner-icon', 'aria-hidden': 'true' }, '⚠'),
    h('div', { class: 'banner-body' },
      h('p', { class: 'banner-text' }, t('course.detailError')),
      codeLine(error.code, error.endpoint)),
    retry);
}

/** Read-only module list from the bootstrap (shown when the detail could not be loaded). */
function bootstrapModules(course) {
  const mods = Array.isArray(course.modules) ? course.modules : [];
  if (!mods.length) return h('p', { class: 'empty-note' }, t('course.emptySyllabus'));
  return h('ol', { class: 'module-list' }, mods.map((mod, m) => h('li', { class: 'module-row' },
    h('span', { class: 'module-num', 'aria-hidden': 'true' }, String(m + 1)),
    h('span', { class: 'module-name' }, displayName(mod && mod.name, t('route.moduleFallback', { n: m + 1 }))),
    h('span', { class: 'module-count' }, tn('count.classes', moduleClassCount(mod))))));
}

/** The main button and the "up next" line, or null when the course has no classes. */
function mainAction(full, pos, progress) {
  const target = full ? resumeTarget(full, pos, progress) : null;
  if (!target) return { node: null, target: null };
  const name = displayName(target.cls.name, '');
  const node = h('div', { class: 'course-action' },
    h('a', {
      class: ['btn', 'btn-primary', 'btn-lg', 'course-main-btn'],
      href: buildHash('player', pos.c, pos.r, pos.k, target.m, target.i),
      'data-action': target.label,
      'aria-describedby': name ? 'course-next-name' : null,
    }, h('span', { 'aria-hidden': 'true' }, '▶'), t(`course.${target.label}`)),
    name ? h('p', { class: 'course-next', id: 'course-next-name' }, t('course.nextUp', { name })) : null);
  return { node, target };
}

/** The sidebar's progress card: ring and "{n} completadas · {m} restantes". */
function progressCard(numbers) {
  const remaining = Math.max(0, numbers.total - numbers.completed);
  return h('section', { class: 'side-card progress-card', 'aria-labelledby': 'course-progress-heading' },
    h('h2', { class: 'side-heading', id: 'course-progress-heading' }, t('course.progressHeading')),
    h('div', { class: 'progress-card-body' },
      ring(numbers.pct, { size: 'lg' }),
      h('p', { class: 'progress-counts', 'data-completed': String(numbers.completed), 'data-total': String(numbers.total) },
        tn('course.completedCount', numbers.completed),
        t('common.separator'),
        tn('course.remainingCount', remaining))));
}

/** Notes: a labelled textarea saved 300 ms after typing stops. Returns {node, flush, dispose}. */
function notesBox(key, c, r, k) {
  const textarea = h('textarea', {
    id: 'course-notes',
    class: 'notes-input',
    rows: '8',
    spellcheck: 'true',
    'aria-describedby': 'course-notes-hint',
    placeholder: t('course.notesPlaceholder'),
    dataset: { storageKey: key },
  });
  textarea.value = readNotes(key, c, r, k);
  const saved = h('span', { class: 'notes-saved', 'aria-hidden': 'true' }, t('course.notesSaved'));
  saved.hidden = true;
  let timer = null;
  const save = () => {
    timer = null;
    storage.setItem(key, textarea.value);
    saved.hidden = false;
  };
  const flush = () => {
    if (timer !== null) {
      clearTimeout(timer);
      save();
    }
  };
  textarea.addEventListener('input', () => {
    saved.hidden = true;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(save, NOTES_DELAY);
  });
  textarea.addEventListener('blur', flush);
  const node = h('section', { class: 'side-card notes-card' },
    h('label', { class: 'side-heading notes-label', for: 'course-notes' }, t('course.notes')),
    textarea,
    h('p', { class: 'notes-hint', id: 'course-notes-hint' }, t('course.notesHint'), ' ', saved));
  return { node, flush, dispose: () => { if (timer !== null) clearTimeout(timer); timer = null; } };
}

/** Keeps the accordion state across in-place re-renders (language switch) of the same course. */
function previousOpenModules(viewKey) {
  if (typeof document === 'undefined') return null;
  const old = document.querySelector(`[data-course-key="${viewKey}"] .syllabus`);
  if (!old) return null;
  const open = new Set();
  for (const el of old.querySelectorAll('.module.is-open')) open.add(Number(el.dataset.m));
  return open;
}

/**
 * Builds the course page (course view, or the route view of a course-route).
 *   ctx: router context; c, r, k: position; course: bootstrap course (or course-route);
 *   standalone: true for a course-route (badge "Curso independiente").
 * Resolves the view instance {node, title, mount, destroy}.
 */
export async function coursePage(ctx, { c, r, k, course, standalone, viewClass }) {
  const category = getCategory(c);
  const route = getRoute(c, r);
  const pos = { c, r, k };
  const viewKey = `${c}/${r}/${k}`;
  let detail = null;
  let error = null;
  try {
    detail = await loadCourseDetail(c, r, k);
  } catch (err) {
    error = err instanceof ApiError ? err : new ApiError('course_detail', 'network', courseDetailEndpoint(c, r, k), { cause: err });
  }
  const full = detailCourse(detail);
  const name = displayName(course.name, displayName(full && full.name, t('view.course')));

  const crumbs = [{ text: t('nav.home'), href: '#home' }, { text: displayName(category && category.name, '—') }];
  if (!standalone) crumbs.push({ text: displayName(route && route.name, t('view.route')), href: buildHash('route', c, r) });
  crumbs.push({ text: name });

  const shown = full && Array.isArray(full.modules) && full.modules.length ? full : course;
  const summary = h('p', { class: 'page-sub course-summary' }, t('course.summary', {
    modules: tn('count.modules', moduleCount(shown)),
    classes: tn('count.classes', courseClassCount(shown) || courseClassCount(course)),
  }));
  const badge = standalone
    ? h('span', { class: 'badge badge-course' }, t('route.standalone'))
    : h('span', { class: 'badge badge-route' }, displayName(route && route.name, t('view.route')));

  const progressNow = () => state.progress || {};
  let action = mainAction(full, pos, progressNow());
  const actionSlot = h('div', { class: 'course-action-slot' }, action.node);
  const syllabusHeadingId = uid('course-syllabus-heading');
  let accordion = full ? syllabusAccordion({
    course: full, pos, progress: progressNow(), resume: action.target, open: previousOpenModules(viewKey), headingId: syllabusHeadingId,
  }) : null;
  const syllabusSlot = h('div', { class: 'syllabus-slot' }, accordion ? accordion.node : bootstrapModules(course));
  const progressSlot = h('div', { class: 'progress-slot' }, progressCard(courseProgress(course, pos, progressNow(), detail)));

  const presentation = presentationRef(full, course);
  const notes = notesBox(notesKey(course, detail, c, r, k), c, r, k);

  const node = h('div', { class: ['view', viewClass, 'course-page'], dataset: { courseKey: viewKey } },
    breadcrumb(crumbs),
    h('header', { class: 'page-header course-hero' },
      badge,
      viewTitle(name),
      summary,
      isAvailable(course) ? null : h('p', { class: 'note note-warning' }, t('course.unavailable')),
      actionSlot),
    error ? detailBanner(error, () => ctx.refresh()) : null,
    h('div', { class: 'course-layout' },
      h('section', { class: 'course-main syllabus-section', 'aria-labelledby': syllabusHeadingId },
        h('h2', { class: 'section-heading', id: syllabusHeadingId }, t('route.syllabus')),
        syllabusSlot),
      h('aside', { class: 'course-side', 'aria-label': t('course.sideLabel') },
        progressSlot,
        presentation
          ? h('section', { class: 'side-card' },
            h('a', { class: 'btn btn-ghost presentation-link', href: fileUrl(presentation), target: '_blank', rel: 'noopener' },
              h('span', { 'aria-hidden': 'true' }, '🖥'), t('course.presentation'),
              h('span', { class: 'sr-only' }, t('course.newTab'))))
          : null,
        notes.node)));

  /** In-place update after a progress change: button, syllabus (keeping open modules), ring. */
  function update() {
    const progress = progressNow();
    action = mainAction(full, pos, progress);
    actionSlot.replaceChildren(...(action.node ? [action.node] : []));
    if (full) {
      const focusedRow = document.activeElement && document.activeElement.closest ? document.activeElement.closest('.syllabus [data-m]') : null;
      accordion = syllabusAccordion({ course: full, pos, progress, resume: action.target, open: accordion.open, headingId: syllabusHeadingId });
      syllabusSlot.replaceChildren(accordion.node);
      if (focusedRow) {
        const again = syllabusSlot.querySelector(focusedRow.matches('.module-toggle')
          ? `.module-toggle[data-m="${focusedRow.dataset.m}"]`
          : `.class-row[data-m="${focusedRow.dataset.m}"][data-i="${focusedRow.dataset.i}"]`);
        if (again) again.focus({ preventScroll: true });
      }
    }
    progressSlot.replaceChildren(progressCard(courseProgress(course, pos, progress, detail)));
  }

  const cleanups = [];
  return {
    node,
    title: name,
    mount() {
      const onPageHide = () => notes.flush();
      window.addEventListener('pagehide', onPageHide);
      cleanups.push(() => window.removeEventListener('pagehide', onPageHide));
      if (typeof progressClient.onProgressChange === 'function') {
        let timer = null;
        const off = progressClient.onProgressChange(() => {
          if (timer !== null) clearTimeout(timer);
          timer = setTimeout(() => { timer = null; update(); }, PROGRESS_DEBOUNCE);
        });
        cleanups.push(() => {
          if (timer !== null) clearTimeout(timer);
          if (typeof off === 'function') off();
        });
      }
    },
    destroy() {
      notes.flush();
      notes.dispose();
      for (const fn of cleanups.splice(0)) fn();
    },
  };
}

export default {
  name: 'course',
  async render(ctx) {
    const [c, r, k] = ctx.route.valid ? ctx.route.params : [-1, -1, -1];
    const course = ctx.route.valid ? getCourse(c, r, k) : null;
    if (!course) return { node: h('div', { class: 'view view-course' }, notFound('notFound.course')), title: t('notFound.course') };
    return coursePage(ctx, { c, r, k, course, standalone: isCourseRoute(getRoute(c, r)), viewClass: 'view-course' });
  },
};
