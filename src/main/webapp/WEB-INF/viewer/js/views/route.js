// Route view #route/c/r (viewer.md §4 "Route").
// Route of courses: breadcrumb, title, chips ("{n} cursos", "{Σ modules} módulos") and a
// numbered timeline of course cards (marker = leading "NN. " of folderName, else of name, else
// index + 1), fading in staggered unless reduced motion is set. Unavailable courses are not
// links and read "No disponible".
// Course-route: the route is itself a course. It loads the detail at index 0 and shows the
// badge "Curso independiente", "{n} módulos" and the syllabus accordion, through the course
// page of views/course.js (amber banner with the code when the detail fails).

import { h, prefersReducedMotion } from '../ui/dom.js';
import { t, tn } from '../i18n.js';
import { courseCard } from '../ui/cards.js';
import { viewTitle, notFound } from '../ui/status.js';
import { coursePage } from './course.js';
import {
  getCategory, getRoute, isCourseRoute, routeCourses, routeModuleCount, courseMarker, displayName,
} from '../state.js';

/** Breadcrumb: the last item is the current page; items with href are links. */
export function breadcrumb(items) {
  return h('nav', { class: 'breadcrumb', 'aria-label': t('route.breadcrumb') },
    h('ol', null, items.map((item, i) => {
      const last = i === items.length - 1;
      return h('li', null, last || !item.href
        ? h('span', { 'aria-current': last ? 'page' : null }, item.text)
        : h('a', { href: item.href }, item.text));
    })));
}

function courseTimeline(route, c, r) {
  const courses = routeCourses(route);
  if (!courses.length) return h('p', { class: 'empty-note' }, t('route.empty'));
  const animate = !prefersReducedMotion();
  return h('section', { class: 'timeline-section', 'aria-labelledby': 'route-courses-heading' },
    h('h2', { class: 'section-heading', id: 'route-courses-heading' }, t('route.courses')),
    h('ol', { class: ['timeline', animate ? 'is-animated' : null] },
      courses.map((course, k) => h('li', { class: 'timeline-item', vars: { '--i': String(Math.min(k, 20)) }, dataset: { k: String(k) } },
        h('span', { class: 'timeline-marker', 'aria-hidden': 'true' }, courseMarker(course, k)),
        courseCard(course || {}, c, r, k)))));
}

export default {
  name: 'route',
  async render(ctx) {
    const [c, r] = ctx.route.valid ? ctx.route.params : [-1, -1];
    const route = ctx.route.valid ? getRoute(c, r) : null;
    if (!route || typeof route !== 'object') {
      return { node: h('div', { class: 'view view-route' }, notFound('notFound.route')), title: t('notFound.route') };
    }
    if (isCourseRoute(route)) {
      return coursePage(ctx, { c, r, k: 0, course: route, standalone: true, viewClass: 'view-route' });
    }

    const category = getCategory(c);
    const name = displayName(route.name, t('view.route'));
    const courses = routeCourses(route);
    const node = h('div', { class: 'view view-route' },
      breadcrumb([
        { text: t('nav.home'), href: '#home' },
        { text: displayName(category && category.name, '—') },
        { text: name },
      ]),
      h('header', { class: 'page-header' },
        h('span', { class: 'badge badge-route' }, t('route.badge')),
        viewTitle(name),
        h('ul', { class: 'chips', 'aria-label': t('route.chipsLabel') },
          h('li', { class: 'chip' }, tn('count.courses', courses.length)),
          h('li', { class: 'chip' }, tn('count.modules', routeModuleCount(route))))),
      courseTimeline(route, c, r));
    return { node, title: name };
  },
};
