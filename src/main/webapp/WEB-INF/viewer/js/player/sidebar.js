// The player's syllabus sidebar (viewer.md §5.1): modules with class lists, the current class
// marked aria-current="true", status and type per class, playable classes as links, and a
// collapse control with aria-pressed (a button on desktop, a class-list toggle on touch).

import { h, uid, isTouchMode, TOUCH_QUERY } from '../ui/dom.js';
import { t } from '../i18n.js';
import { buildHash } from '../router.js';
import { isPlayable, usableRef, displayName } from '../state.js';
import { classStatus } from '../derived.js';

/** The type key of a class: video, html or text. Pure. */
export function classType(cls) {
  if (usableRef(cls, 'hasVideo', 'video')) return 'video';
  if (usableRef(cls, 'hasHtml', 'html')) return 'html';
  return 'text';
}

const STATUS_ICON = { complete: '✓', in_progress: '◐', not_started: '○' };

function classItem(cls, pos, m, i, current, progress) {
  const status = classStatus(progress, cls, pos.c, pos.r, pos.k, m, i);
  const num = typeof cls.num === 'number' ? cls.num : i + 1;
  const inner = [
    h('span', { class: ['side-status', `is-${status}`], 'aria-hidden': 'true' }, STATUS_ICON[status]),
    h('span', { class: 'sr-only' }, `${t(`player.status.${status}`)}: `),
    h('span', { class: 'side-class-text' },
      h('span', { class: 'side-class-name' }, `${num}. ${displayName(cls.name, t('player.classFallback', { n: i + 1 }))}`),
      h('span', { class: 'side-class-type' }, t(`player.type.${classType(cls)}`))),
  ];
  const isCurrent = m === current.m && i === current.i;
  const props = { class: ['side-class', isCurrent ? 'is-current' : null], 'aria-current': isCurrent ? 'true' : null, 'data-m': String(m), 'data-i': String(i) };
  const body = isPlayable(cls) || isCurrent
    ? h('a', { ...props, href: buildHash('player', pos.c, pos.r, pos.k, m, i) }, inner)
    : h('span', { ...props, class: [...props.class, 'is-disabled'] }, inner);
  return h('li', null, body);
}

/**
 * Builds the sidebar.
 *   course   – the detail course (modules with class arrays)
 *   pos      – {c, r, k}; current {m, i}
 *   progress – the progress map
 *   layout   – the element that gets `side-collapsed` (desktop collapse)
 * Returns {node, update(progress)}.
 */
export function createSidebar({ course, pos, current, progress, layout, scope }) {
  const listId = uid('player-classes');
  const headingId = uid('player-side-heading');
  const list = h('div', { class: 'side-list', id: listId });
  const collapseBtn = h('button', {
    type: 'button', class: 'btn btn-ghost btn-sm side-collapse', 'aria-pressed': 'false', 'aria-controls': listId,
  }, t('player.hideSyllabus'));
  const toggleBtn = h('button', {
    type: 'button', class: 'btn btn-ghost btn-sm side-toggle', 'aria-pressed': 'true', 'aria-controls': listId,
  }, t('player.classList'));

  function render(map) {
    const mods = Array.isArray(course && course.modules) ? course.modules : [];
    const blocks = [];
    mods.forEach((mod, m) => {
      if (!mod || !Array.isArray(mod.classes) || !mod.classes.length) return;
      const modHeading = uid('side-mod');
      blocks.push(h('section', { class: 'side-module', 'aria-labelledby': modHeading },
        h('h3', { class: 'side-module-name', id: modHeading }, displayName(mod.name, t('route.moduleFallback', { n: m + 1 }))),
        h('ol', { class: 'side-classes' }, mod.classes.map((cls, i) => (cls && typeof cls === 'object'
          ? classItem(cls, pos, m, i, current, map) : null)))));
    });
    list.replaceChildren(...blocks);
  }
  render(progress);

  const node = h('aside', { class: 'player-side', 'aria-labelledby': headingId },
    h('div', { class: 'side-head' },
      h('h2', { class: 'side-title', id: headingId }, t('route.syllabus')),
      collapseBtn, toggleBtn),
    list);

  scope.on(collapseBtn, 'click', () => {
    const collapsed = collapseBtn.getAttribute('aria-pressed') !== 'true';
    collapseBtn.setAttribute('aria-pressed', String(collapsed));
    collapseBtn.textContent = collapsed ? t('player.showSyllabus') : t('player.hideSyllabus');
    layout.classList.toggle('side-collapsed', collapsed);
  });
  scope.on(toggleBtn, 'click', () => {
    const open = toggleBtn.getAttribute('aria-pressed') !== 'true';
    toggleBtn.setAttribute('aria-pressed', String(open));
    list.hidden = !open;
  });

  // Touch mode is re-evaluated on changes (resize, devtools emulation).
  function applyTouch() {
    const touch = isTouchMode();
    layout.classList.toggle('is-touch', touch);
    collapseBtn.hidden = touch;
    toggleBtn.hidden = !touch;
    if (touch) {
      layout.classList.remove('side-collapsed');
      collapseBtn.setAttribute('aria-pressed', 'false');
      collapseBtn.textContent = t('player.hideSyllabus');
    } else {
      list.hidden = false;
      toggleBtn.setAttribute('aria-pressed', 'true');
    }
  }
  applyTouch();
  if (typeof matchMedia === 'function') {
    const mq = matchMedia(TOUCH_QUERY);
    scope.on(mq, 'change', applyTouch);
  }
  scope.on(window, 'resize', applyTouch);

  return {
    node,
    update(map) {
      render(map);
    },
    /** Scrolls the class list (not the page) so the current class is visible. */
    revealCurrent() {
      const cur = list.querySelector('[aria-current="true"]');
      if (!cur || list.scrollHeight <= list.clientHeight) return;
      const top = cur.offsetTop; // .side-list is the offsetParent (position: relative)
      if (top > list.clientHeight - cur.offsetHeight) list.scrollTop = top - list.clientHeight / 3;
    },
  };
}
