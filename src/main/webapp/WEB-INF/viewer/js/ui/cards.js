// Route and course cards (viewer.md §4). Cards are real links named by their text, title first,
// and hold no nested controls (no aria-labelledby: axe wants the visible text in the name). Catalogue text goes in through text nodes only.

import { h } from './dom.js';
import { t, tn } from '../i18n.js';
import { buildHash } from '../router.js';
import {
  isCourseRoute, isAvailable, moduleCount, routeAvailability, availabilityClass, displayName,
} from '../state.js';

function iconText(category, route) {
  const icon = category && typeof category.icon === 'string' ? category.icon.trim() : '';
  if (icon) return icon;
  return isCourseRoute(route) ? '🎓' : '📚';
}

/** The availability bar: share of the route's courses with content (decorative + text). */
function availabilityBar(share) {
  const pct = Math.round(share * 100);
  return h('span', { class: 'avail' },
    h('span', { class: 'avail-bar', 'aria-hidden': 'true' },
      h('span', { class: 'avail-fill', vars: { '--share': share.toFixed(4) } })),
    h('span', { class: 'avail-text' }, t('card.availability', { p: pct })));
}

/**
 * Route card → #route/c/r. A route of courses shows "Ruta {available}/{total} cursos"; a
 * course-route shows "Curso {n} módulos" and uses its own foundInDrive.
 */
export function routeCard(category, c, route, r) {
  const courseRoute = isCourseRoute(route);
  const { available, total, share } = routeAvailability(route);
  const badge = courseRoute
    ? tn('card.courseBadge', moduleCount(route))
    : tn('card.routeBadge', total, { available });
  return h('a', {
    class: ['card', 'route-card', courseRoute ? 'course-route-card' : null, availabilityClass(route)],
    href: buildHash('route', c, r),
    dataset: { c: String(c), r: String(r) },
  },
  h('span', { class: 'card-icon', 'aria-hidden': 'true' }, iconText(category, route)),
  h('span', { class: 'card-body' },
    h('span', { class: 'card-title' }, displayName(route.name, '—')),
    h('span', { class: ['badge', courseRoute ? 'badge-course' : 'badge-route'] }, badge)),
  availabilityBar(share));
}

/**
 * Course card → #course/c/r/k. An unavailable course (foundInDrive:false) is not a link and
 * not focusable: it is dimmed and marked "No disponible".
 */
export function courseCard(course, c, r, k) {
  const name = displayName(course && course.name, '—');
  const meta = h('span', { class: 'card-meta' }, tn('count.modules', moduleCount(course)));
  if (!isAvailable(course)) {
    return h('div', { class: ['card', 'course-card', 'is-unavailable'], dataset: { c: String(c), r: String(r), k: String(k) } },
      h('span', { class: 'card-body' },
        h('span', { class: 'card-title' }, name),
        meta,
        h('span', { class: 'badge badge-unavailable' }, t('card.unavailable'))));
  }
  return h('a', {
    class: ['card', 'course-card'],
    href: buildHash('course', c, r, k),
    dataset: { c: String(c), r: String(r), k: String(k) },
  },
  h('span', { class: 'card-body' },
    h('span', { class: 'card-title' }, name),
    meta),
  h('span', { class: 'card-arrow', 'aria-hidden': 'true' }, '→'));
}
