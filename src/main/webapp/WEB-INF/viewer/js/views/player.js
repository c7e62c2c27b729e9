// Player view #player/c/r/k/m/i — shell placeholder. The full player (viewer.md §5: sources,
// controls, captions, sync guard, progress, panels, resources) replaces the body built here.
// It already resolves the course from the bootstrap and checks the module/class indices
// against the bootstrap counts, so bad links show the not-found states.

import { h } from '../ui/dom.js';
import { t } from '../i18n.js';
import { viewTitle, notFound, comingSoon } from '../ui/status.js';
import { buildHash } from '../router.js';
import { getCourse, getRoute, isCourseRoute, moduleClassCount, displayName } from '../state.js';

export default {
  name: 'player',
  async render(ctx) {
    const [c, r, k, m, i] = ctx.route.valid ? ctx.route.params : [-1, -1, -1, -1, -1];
    const course = ctx.route.valid ? getCourse(c, r, k) : null;
    if (!course) return { node: h('div', { class: 'view view-player' }, notFound('notFound.course')), title: t('notFound.course') };
    const mods = Array.isArray(course.modules) ? course.modules : [];
    if (!mods[m] || i >= moduleClassCount(mods[m])) {
      return { node: h('div', { class: 'view view-player' }, notFound('notFound.class')), title: t('notFound.class') };
    }
    const back = isCourseRoute(getRoute(c, r)) ? buildHash('route', c, r) : buildHash('course', c, r, k);
    const node = h('div', { class: 'view view-player' },
      h('header', { class: 'page-header' },
        viewTitle(t('player.title'), { id: 'player-title' }),
        h('p', { class: 'page-sub' }, displayName(course.name, ''))),
      comingSoon('player.soon'),
      h('p', null, h('a', { class: 'btn btn-ghost', href: back }, t('common.back'))));
    return { node, title: t('player.title') };
  },
};
