// Learning view #learning (viewer.md §4 "Learning"): stat cards (completed classes "n de total",
// started routes — any class complete or in progress —, finished routes, overall % with an
// encouraging note per band), the global bar, "En curso" (started, unfinished, highest % first),
// "Terminadas", and progress cards linking to #route/c/r with a ring. With no started route,
// an empty state with a link to #explore. Numbers come from derived.js; courses whose detail is
// not loaded count with the bootstrap classCount.

import { h, uid } from '../ui/dom.js';
import { t, tn } from '../i18n.js';
import { buildHash } from '../router.js';
import { viewTitle } from '../ui/status.js';
import { ring } from '../ui/ring.js';
import { peekCourseDetail } from '../detail.js';
import * as progressClient from '../progress.js';
import { state, displayName } from '../state.js';
import { learningSummary, bandFor } from '../derived.js';

function statCard(kind, label, value, note) {
  return h('li', { class: ['stat-card', `stat-${kind}`], dataset: { stat: kind } },
    h('span', { class: 'stat-label' }, label),
    h('span', { class: 'stat-value' }, value),
    note ? h('span', { class: 'stat-note' }, note) : null);
}

function statCards(sum) {
  return h('ul', { class: 'stat-grid', 'aria-label': t('learning.statsLabel') },
    statCard('completed', t('learning.completed'), t('learning.completedOf', { n: sum.completed, total: sum.total })),
    statCard('started', t('learning.started'), String(sum.startedCount)),
    statCard('finished', t('learning.finished'), String(sum.finishedCount)),
    statCard('overall', t('learning.overall'), t('course.percent', { p: sum.pct }), t(`learning.band.${bandFor(sum.pct)}`)));
}

function globalBar(sum) {
  const labelId = uid('global-label');
  return h('section', { class: 'global-progress', 'aria-labelledby': labelId },
    h('div', { class: 'global-head' },
      h('h2', { class: 'global-title', id: labelId }, t('learning.globalBar')),
      h('span', { class: 'global-pct' }, t('course.percent', { p: sum.pct }))),
    h('div', {
      class: 'global-bar',
      role: 'progressbar',
      'aria-labelledby': labelId,
      'aria-valuemin': '0',
      'aria-valuemax': '100',
      'aria-valuenow': String(sum.pct),
      'aria-valuetext': t('course.ring', { p: sum.pct }),
    }, h('span', { class: 'global-fill', vars: { '--share': (sum.pct / 100).toFixed(4) } })));
}

/**
 * A progress card: a link to the route. Its name comes from its content, title first (the
 * category kicker is placed above it by CSS), so the visible text is part of the name.
 */
function progressCard(entry) {
  const { c, r, route, category } = entry;
  const icon = category && typeof category.icon === 'string' && category.icon.trim()
    ? category.icon.trim()
    : (entry.isCourse ? '🎓' : '📚');
  return h('a', {
    class: ['card', 'progress-route-card', entry.finished ? 'is-finished' : null],
    href: buildHash('route', c, r),
    dataset: { c: String(c), r: String(r), pct: String(entry.pct) },
  },
  h('span', { class: 'card-icon', 'aria-hidden': 'true' }, icon),
  h('span', { class: 'card-body' },
    h('span', { class: 'card-title' }, displayName(route.name, '—')),
    h('span', { class: 'card-kicker' }, displayName(category && category.name, '—')),
    h('span', { class: 'card-meta' }, tn('learning.classesOf', entry.total, { c: entry.completed }))),
  ring(entry.pct, { size: 'sm' }));
}

function routeSection(kind, headingKey, entries, emptyKey) {
  const id = uid(`learning-${kind}`);
  return h('section', { class: ['learning-section', `learning-${kind}`], 'aria-labelledby': id },
    h('h2', { class: 'group-heading', id },
      h('span', null, t(headingKey)),
      h('span', { class: 'count-badge' }, String(entries.length))),
    entries.length
      ? h('ul', { class: 'card-grid progress-grid' }, entries.map((e) => h('li', null, progressCard(e))))
      : h('p', { class: 'empty-note' }, t(emptyKey)));
}

function emptyState() {
  return h('section', { class: 'state state-empty learning-empty' },
    h('div', { class: 'state-icon', 'aria-hidden': 'true' }, '🌱'),
    h('h2', { class: 'state-title' }, t('learning.emptyTitle')),
    h('p', { class: 'state-text' }, t('learning.emptyText')),
    h('a', { class: 'btn btn-primary', href: '#explore', 'data-action': 'explore' }, t('learning.emptyCta')));
}

export default {
  name: 'learning',
  async render(ctx) {
    const sum = learningSummary(state.bootstrap, state.progress || {}, peekCourseDetail);
    const any = sum.startedCount > 0;
    const node = h('div', { class: ['view', 'view-learning', any ? null : 'is-empty'] },
      h('header', { class: 'page-header' },
        viewTitle(t('learning.title')),
        h('p', { class: 'page-sub' }, t('learning.lead'))),
      any ? [
        statCards(sum),
        globalBar(sum),
        routeSection('started', 'learning.inProgress', sum.started, 'learning.noneInProgress'),
        routeSection('finished', 'learning.done', sum.finished, 'learning.noneDone'),
      ] : emptyState());
    const cleanups = [];
    return {
      node,
      title: t('view.learning'),
      mount() {
        if (typeof progressClient.onProgressChange !== 'function') return;
        let timer = null;
        const off = progressClient.onProgressChange(() => {
          if (timer !== null) clearTimeout(timer);
          timer = setTimeout(() => { timer = null; ctx.refresh(); }, 250);
        });
        cleanups.push(() => {
          if (timer !== null) clearTimeout(timer);
          if (typeof off === 'function') off();
        });
      },
      destroy() {
        for (const fn of cleanups.splice(0)) fn();
      },
    };
  },
};
