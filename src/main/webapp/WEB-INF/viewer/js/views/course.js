// Course view #course/c/r/k — shell placeholder. The full view (detail fetch, main button,
// syllabus accordion, progress ring, notes) comes with the full viewer issue and replaces the
// body built here; the not-found handling and the header can stay.

import { h } from '../ui/dom.js';
import { t, tn } from '../i18n.js';
import { viewTitle, notFound, comingSoon } from '../ui/status.js';
import { breadcrumb } from './route.js';
import { buildHash } from '../router.js';
import {
  getCategory, getRoute, getCourse, isCourseRoute, isAvailable, moduleCount, courseClassCount, displayName,
} from '../state.js';

export default {
  name: 'course',
  async render(ctx) {
    const [c, r, k] = ctx.route.valid ? ctx.route.params : [-1, -1, -1];
    const course = ctx.route.valid ? getCourse(c, r, k) : null;
    if (!course) return { node: h('div', { class: 'view view-course' }, notFound('notFound.course')), title: t('notFound.course') };
    const category = getCategory(c);
    const route = getRoute(c, r);
    const name = displayName(course.name, t('view.course'));
    const crumbs = [{ text: t('nav.home'), href: '#home' }, { text: displayName(category && category.name, '—') }];
    if (!isCourseRoute(route)) crumbs.push({ text: displayName(route.name, t('view.route')), href: buildHash('route', c, r) });
    crumbs.push({ text: name });
    const node = h('div', { class: 'view view-course' },
      breadcrumb(crumbs),
      h('header', { class: 'page-header' },
        isCourseRoute(route) ? h('span', { class: 'badge badge-course' }, t('route.standalone')) : null,
        viewTitle(name),
        h('p', { class: 'page-sub' }, t('course.summary', {
          modules: tn('count.modules', moduleCount(course)),
          classes: tn('count.classes', courseClassCount(course)),
        }))),
      isAvailable(course) ? null : h('p', { class: 'note note-warning' }, t('course.unavailable')),
      comingSoon('course.soon'));
    return { node, title: name };
  },
};
