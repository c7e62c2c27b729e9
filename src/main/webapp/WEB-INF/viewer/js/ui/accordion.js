// Syllabus accordion (viewer.md §4 "Course", §7 ARIA), shared by the course view and the
// course-route view. Each module header is a <button> with aria-expanded / aria-controls that
// shows the number (✓ at 100 %), the name, "x/y" and a mini bar; each panel is a labelled
// region listing the class rows. Playable rows (usable video or HTML lesson) are links to the
// player; the others are plain rows. Catalogue text goes in as text nodes only.

import { h, uid, srOnly } from './dom.js';
import { t } from '../i18n.js';
import { buildHash } from '../router.js';
import { usableRef, isPlayable, displayName } from '../state.js';
import { classStatus, moduleProgress } from '../derived.js';

const STATUS_GLYPH = { complete: '✓', in_progress: '◐', not_started: '○' };
const STATUS_KEY = { complete: 'course.status.complete', in_progress: 'course.status.inProgress', not_started: 'course.status.notStarted' };

/** 'video' | 'html' | 'text': the kind of a class, from its usable refs. */
export function classKind(cls) {
  if (usableRef(cls, 'hasVideo', 'video')) return 'video';
  if (usableRef(cls, 'hasHtml', 'html')) return 'html';
  return 'text';
}

/** The displayed class number: `num` when it is a non-negative integer, else the running count. */
export function classNumber(cls, running) {
  return Number.isInteger(cls && cls.num) && cls.num >= 0 ? cls.num : running;
}

function classRow(cls, m, i, number, ctx) {
  const { pos, progress, resume } = ctx;
  const status = classStatus(progress, cls, pos.c, pos.r, pos.k, m, i);
  const kind = classKind(cls);
  const isNext = !!resume && resume.m === m && resume.i === i;
  const badges = [];
  if (usableRef(cls, 'hasSummary', 'summary')) badges.push(h('span', { class: 'class-badge' }, t('course.badge.summary')));
  if (usableRef(cls, 'hasReading', 'reading')) badges.push(h('span', { class: 'class-badge' }, t('course.badge.reading')));
  const content = [
    h('span', { class: ['class-status', `is-${status.replace('_', '-')}`] },
      h('span', { class: 'class-status-glyph', 'aria-hidden': 'true' }, STATUS_GLYPH[status]),
      srOnly(t(STATUS_KEY[status]))),
    h('span', { class: 'class-num' }, String(number)),
    h('span', { class: 'class-main' },
      h('span', { class: 'class-name' }, displayName(cls.name, t('course.classFallback', { n: number }))),
      h('span', { class: 'class-meta' },
        h('span', { class: ['class-type', `type-${kind}`] }, t(`course.type.${kind}`)),
        badges,
        isNext ? h('span', { class: 'class-badge class-badge-next' }, t('course.nextBadge')) : null)),
  ];
  const attrs = {
    class: ['class-row', `status-${status.replace('_', '-')}`, isNext ? 'is-next' : null],
    dataset: { m: String(m), i: String(i), status },
  };
  if (isPlayable(cls)) {
    return h('li', null, h('a', { ...attrs, href: buildHash('player', pos.c, pos.r, pos.k, m, i) }, content,
      h('span', { class: 'class-go', 'aria-hidden': 'true' }, '›')));
  }
  attrs.class.push('is-static');
  return h('li', null, h('div', attrs, content));
}

function moduleBlock(mod, m, ctx, running) {
  const { pos, progress, open } = ctx;
  const headerId = uid(`module-${m}-header`);
  const panelId = uid(`module-${m}-panel`);
  const hasList = Array.isArray(mod.classes);
  const { done, total } = hasList ? moduleProgress(mod, m, pos, progress) : { done: 0, total: 0 };
  const count = hasList ? total : Math.max(0, Math.trunc(Number(mod.classes ?? mod.classCount) || 0));
  const complete = hasList && total > 0 && done >= total;
  const share = total ? done / total : 0;
  const name = displayName(mod.name, t('route.moduleFallback', { n: m + 1 }));
  const isOpen = open.has(m);

  const button = h('button', {
    type: 'button',
    class: 'module-toggle',
    id: headerId,
    'aria-expanded': String(isOpen),
    'aria-controls': panelId,
    dataset: { m: String(m) },
  },
  h('span', { class: ['module-badge', complete ? 'is-complete' : null] },
    complete
      ? [h('span', { 'aria-hidden': 'true' }, '✓'), srOnly(t('course.moduleDone', { n: m + 1 }))]
      : String(m + 1)),
  h('span', { class: 'module-title' }, name),
  h('span', { class: 'module-stats' },
    h('span', { class: 'module-fraction', 'aria-hidden': 'true' }, `${done}/${count}`),
    srOnly(t('course.moduleProgress', { x: done, y: count })),
    h('span', { class: 'mini-bar', 'aria-hidden': 'true' },
      h('span', { class: 'mini-fill', vars: { '--share': share.toFixed(4) } }))),
  h('span', { class: 'chevron', 'aria-hidden': 'true' }));

  let list;
  if (hasList && mod.classes.length) {
    list = h('ol', { class: 'class-list' }, mod.classes.map((cls, i) => {
      running.n += 1;
      return classRow(cls || {}, m, i, classNumber(cls, running.n), ctx);
    }));
  } else {
    list = h('p', { class: 'empty-note module-empty' }, t('course.moduleEmpty'));
  }
  const panel = h('div', { class: 'module-panel', id: panelId, role: 'region', 'aria-labelledby': headerId }, list);
  panel.hidden = !isOpen;
  const section = h('li', { class: ['module', complete ? 'is-complete' : null, isOpen ? 'is-open' : null], dataset: { m: String(m) } },
    h('h3', { class: 'module-heading' }, button),
    panel);
  button.addEventListener('click', () => {
    const next = panel.hidden;
    panel.hidden = !next;
    button.setAttribute('aria-expanded', String(next));
    section.classList.toggle('is-open', next);
    if (next) open.add(m);
    else open.delete(m);
  });
  return section;
}

/**
 * The syllabus of a course detail.
 *   course   – the detail's course object (modules with class arrays)
 *   pos      – {c, r, k} for links and positional keys
 *   progress – the merged progress map
 *   resume   – the main button's target {m, i} (its module starts open) or null
 *   open     – optional Set of module indices to open (kept across in-place re-renders)
 * Returns {node, open} where `open` is the live Set of open module indices.
 */
export function syllabusAccordion({ course, pos, progress, resume = null, open = null, headingId = null }) {
  const mods = Array.isArray(course && course.modules) ? course.modules : [];
  const openSet = open instanceof Set ? new Set(open) : new Set(resume ? [resume.m] : []);
  const ctx = { pos, progress, resume, open: openSet };
  const running = { n: 0 };
  if (!mods.length) {
    return { node: h('p', { class: 'empty-note' }, t('course.emptySyllabus')), open: openSet };
  }
  const node = h('ol', { class: 'syllabus', 'aria-labelledby': headingId || null },
    mods.map((mod, m) => moduleBlock(mod || {}, m, ctx, running)));
  return { node, open: openSet };
}
