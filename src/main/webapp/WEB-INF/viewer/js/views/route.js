// Route view #route/c/r (viewer.md §4 "Route"), shell version.
// Route of courses: breadcrumb, title, chips and a numbered timeline of course cards.
// Course-route: badge, module count and a read-only module list from the bootstrap; the
// syllabus accordion with course detail, progress and playable rows comes with the full viewer.

import { h, prefersReducedMotion } from '../ui/dom.js';
import { t, tn } from '../i18n.js';
import { courseCard } from '../ui/cards.js';
import { viewTitle, notFound, comingSoon } from '../ui/status.js';
import {
  getCategory, getRoute, isCourseRoute, routeCourses, routeModuleCount, moduleCount,
  courseClassCount, moduleClassCount, courseMarker, displayName,
} from '../state.js';

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
      courses.map((course, k) => h('li', { class: 'timeline-item', vars: { '--i': String(k) } },
        h('span', { class: 'timeline-marker', 'aria-hidden': 'true' }, courseMarker(course, k)),
        courseCard(course, c, r, k)))));
}

function moduleList(route) {
  const mods = Array.isArray(route.modules) ? route.modules : [];
  return h('section', { class: 'syllabus-section', 'aria-labelledby': 'route-syllabus-heading' },
    h('h2', { class: 'section-heading', id: 'route-syllabus-heading' }, t('route.syllabus')),
    mods.length
      ? h('ol', { class: 'module-list' }, mods.map((mod, m) => h('li', { class: 'module-row' },
        h('span', { class: 'module-num', 'aria-hidden': 'true' }, String(m + 1)),
        h('span', { class: 'module-name' }, displayName(mod && mod.name, t('route.moduleFallback', { n: m + 1 }))),
        h('span', { class: 'module-count' }, tn('count.classes', moduleClassCount(mod))))))
      : null,
    comingSoon('route.syllabusSoon'));
}

export default {
  name: 'route',
  async render(ctx) {
    const [c, r] = ctx.route.valid ? ctx.route.params : [-1, -1];
    const category = ctx.route.valid ? getCategory(c) : null;
    const route = ctx.route.valid ? getRoute(c, r) : null;
    if (!route) return { node: h('div', { class: 'view view-route' }, notFound('notFound.route')), title: t('notFound.route') };

    const name = displayName(route.name, t('view.route'));
    const crumbs = breadcrumb([
      { text: t('nav.home'), href: '#home' },
      { text: displayName(category && category.name, '—') },
      { text: name },
    ]);
    let body;
    let chips;
    if (isCourseRoute(route)) {
      chips = [
        h('li', { class: 'chip chip-accent' }, t('route.standalone')),
        h('li', { class: 'chip' }, tn('count.modules', moduleCount(route))),
        h('li', { class: 'chip' }, tn('count.classes', courseClassCount(route))),
      ];
      body = moduleList(route);
    } else {
      const courses = routeCourses(route);
      chips = [
        h('li', { class: 'chip' }, tn('count.courses', courses.length)),
        h('li', { class: 'chip' }, tn('count.modules', routeModuleCount(route))),
      ];
      body = courseTimeline(route, ctx.route.params[0], ctx.route.params[1]);
    }
    const node = h('div', { class: 'view view-route' },
      crumbs,
      h('header', { class: 'page-header' },
        viewTitle(name),
        h('ul', { class: 'chips' }, chips)),
      body);
    return { node, title: name };
  },
};
