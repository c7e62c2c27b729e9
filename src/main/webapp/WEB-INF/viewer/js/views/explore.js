// Explore view #explore (viewer.md §4 "Explore").
// A labelled search field (#explore-search, autofocused, 200 ms debounce), category chips
// ("Todas" + one per category, exactly one aria-pressed=true), a polite count (#explore-count)
// and the results (#explore-results): all routes by default; with a query, the routes and the
// courses inside routes of courses whose name contains it, ignoring case and accents.
// searchCatalog() and foldText() are pure and unit-tested.

import { h, svg, uid } from '../ui/dom.js';
import { t, tn } from '../i18n.js';
import { routeCard } from '../ui/cards.js';
import { viewTitle } from '../ui/status.js';
import { buildHash } from '../router.js';
import { state, categories, isCourseRoute, isAvailable, moduleCount, displayName } from '../state.js';

export const DEBOUNCE_MS = 200;

/** Case- and accent-insensitive form of a string ("Estadística" → "estadistica"). */
export function foldText(value) {
  return String(value == null ? '' : value)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Searches the bootstrap.
 *   query: raw text ('' → browse mode: every route); cat: category index or null for all.
 * → {mode:'all'|'query', routes:[{c, r, route, category}], courses:[{c, r, k, course, route, category}]}
 * Course hits come only from routes of courses (a course-route is found as a route).
 */
export function searchCatalog(bootstrap, query, cat = null) {
  const q = foldText(query);
  const routes = [];
  const courses = [];
  categories(bootstrap).forEach((category, c) => {
    if (cat !== null && cat !== c) return;
    const list = category && Array.isArray(category.routes) ? category.routes : [];
    list.forEach((route, r) => {
      if (route === null || typeof route !== 'object') return;
      if (!q || foldText(route.name).includes(q)) routes.push({ c, r, route, category });
      if (!q || isCourseRoute(route) || !Array.isArray(route.courses)) return;
      route.courses.forEach((course, k) => {
        if (course && typeof course === 'object' && foldText(course.name).includes(q)) {
          courses.push({ c, r, k, course, route, category });
        }
      });
    });
  });
  return { mode: q ? 'query' : 'all', routes, courses };
}

/** The count sentence: "{n} rutas disponibles" when browsing, "1 resultado" / "{n} resultados". */
export function countText(result) {
  return result.mode === 'all'
    ? tn('explore.available', result.routes.length)
    : tn('explore.count', result.routes.length + result.courses.length);
}

/**
 * A course hit: a link to #course/c/r/k named by its content, the course name first;
 * an unavailable course is not a link and reads "No disponible".
 */
function courseHit({ c, r, k, course, route }) {
  const body = h('span', { class: 'card-body' },
    h('span', { class: 'card-title' }, displayName(course.name, '—')),
    h('span', { class: 'card-meta' },
      t('explore.inRoute', { route: displayName(route.name, '—') }), t('common.separator'), tn('count.modules', moduleCount(course))),
    isAvailable(course) ? null : h('span', { class: 'badge badge-unavailable' }, t('card.unavailable')));
  const icon = h('span', { class: 'card-icon', 'aria-hidden': 'true' }, '🎬');
  const data = { c: String(c), r: String(r), k: String(k) };
  if (!isAvailable(course)) {
    return h('div', { class: ['card', 'course-card', 'search-hit', 'is-unavailable'], dataset: data }, icon, body);
  }
  return h('a', { class: ['card', 'course-card', 'search-hit'], href: buildHash('course', c, r, k), dataset: data },
    icon, body, h('span', { class: 'card-arrow', 'aria-hidden': 'true' }, '→'));
}

function grid(items, make) {
  return h('ul', { class: 'card-grid' }, items.map((item) => h('li', null, make(item))));
}

function group(kind, headingKey, items, make) {
  const id = uid(`explore-${kind}`);
  return h('section', { class: ['results-group', `results-${kind}`], 'aria-labelledby': id },
    h('h2', { class: 'group-heading', id },
      h('span', null, t(headingKey)),
      h('span', { class: 'count-badge' }, String(items.length))),
    grid(items, make));
}

function resultsBody(result, onClear) {
  const routeItem = ({ c, r, route, category }) => routeCard(category, c, route, r);
  const total = result.routes.length + result.courses.length;
  if (!total) {
    const clear = h('button', { type: 'button', class: 'btn btn-ghost', 'data-action': 'clear-search' }, t('explore.clear'));
    clear.addEventListener('click', onClear);
    return [h('div', { class: 'state state-empty explore-empty' },
      h('div', { class: 'state-icon', 'aria-hidden': 'true' }, '🔍'),
      h('h2', { class: 'state-title' }, t('explore.emptyTitle')),
      h('p', { class: 'state-text' }, t(result.mode === 'all' ? 'explore.emptyCategory' : 'explore.emptyText')),
      clear)];
  }
  if (result.mode === 'all') return [grid(result.routes, routeItem)];
  return [
    result.routes.length ? group('routes', 'explore.routesHeading', result.routes, routeItem) : null,
    result.courses.length ? group('courses', 'explore.coursesHeading', result.courses, courseHit) : null,
  ];
}

export default {
  name: 'explore',
  async render() {
    // A language switch re-renders in place: keep the query and the chip of the old DOM.
    const oldInput = typeof document !== 'undefined' ? document.getElementById('explore-search') : null;
    const soft = !!oldInput;
    const oldChip = soft ? document.querySelector('.explore-chips [aria-pressed="true"]') : null;
    let query = soft ? oldInput.value : '';
    let cat = oldChip && oldChip.dataset.category !== 'all' ? Number(oldChip.dataset.category) : null;

    const cats = categories(state.bootstrap);
    if (cat !== null && !cats[cat]) cat = null;

    const input = h('input', {
      id: 'explore-search',
      class: 'search-input',
      type: 'search',
      name: 'q',
      autocomplete: 'off',
      spellcheck: 'false',
      autofocus: true,
      placeholder: t('explore.placeholder'),
      'aria-controls': 'explore-results',
      'aria-describedby': 'explore-count',
    });
    input.value = query;

    const chips = [];
    const makeChip = (value, label, icon) => {
      const chip = h('button', {
        type: 'button',
        class: 'filter-chip',
        'aria-pressed': String(value === (cat === null ? 'all' : String(cat))),
        'aria-controls': 'explore-results',
        dataset: { category: value },
      }, icon ? h('span', { class: 'chip-icon', 'aria-hidden': 'true' }, icon) : null, label);
      chips.push(chip);
      return chip;
    };
    const chipList = h('div', { class: 'explore-chips', role: 'group', 'aria-label': t('explore.chipsLabel') },
      makeChip('all', t('explore.all'), null),
      cats.map((category, c) => makeChip(String(c), displayName(category && category.name, `#${c + 1}`),
        category && typeof category.icon === 'string' && category.icon.trim() ? category.icon.trim() : null)));

    const count = h('p', { id: 'explore-count', class: 'explore-count', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    const results = h('div', { id: 'explore-results', class: 'explore-results' });

    let lastCount = null;
    function update() {
      const result = searchCatalog(state.bootstrap, query, cat);
      const text = countText(result);
      if (text !== lastCount) {
        count.textContent = text;
        lastCount = text;
      }
      results.dataset.mode = result.mode;
      results.replaceChildren(...resultsBody(result, clearAll).filter(Boolean));
    }
    function setCategory(value) {
      cat = value === 'all' ? null : Number(value);
      for (const chip of chips) chip.setAttribute('aria-pressed', String(chip.dataset.category === value));
      update();
    }
    function clearAll() {
      query = '';
      input.value = '';
      setCategory('all');
      input.focus();
    }

    let timer = null;
    input.addEventListener('input', () => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        if (input.value === query) return;
        query = input.value;
        update();
      }, DEBOUNCE_MS);
    });
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        // Apply at once (no form submit, no navigation).
        e.preventDefault();
        if (timer !== null) clearTimeout(timer);
        timer = null;
        query = input.value;
        update();
      }
    });
    for (const chip of chips) chip.addEventListener('click', () => setCategory(chip.dataset.category));

    update();

    const node = h('div', { class: 'view view-explore' },
      h('header', { class: 'page-header' },
        viewTitle(t('explore.title')),
        h('p', { class: 'page-sub' }, t('explore.lead'))),
      h('div', { class: 'explore-tools', role: 'search' },
        h('label', { class: 'search-label', for: 'explore-search' }, t('explore.searchLabel')),
        h('div', { class: 'search-box' },
          svg('svg', { class: 'search-icon', viewBox: '0 0 20 20', 'aria-hidden': 'true', focusable: 'false' },
            svg('circle', { cx: '8.5', cy: '8.5', r: '6' }),
            svg('path', { d: 'M13 13l5 5' })),
          input),
        chipList),
      count,
      results);

    return {
      node,
      title: t('view.explore'),
      mount() {
        // The router focuses the h1 right after mount(); the search field takes focus after it.
        if (soft) return;
        queueMicrotask(() => {
          if (input.isConnected) input.focus({ preventScroll: true });
        });
      },
      destroy() {
        if (timer !== null) clearTimeout(timer);
        timer = null;
      },
    };
  },
};
