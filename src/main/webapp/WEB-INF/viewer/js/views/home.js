// Home view (viewer.md §4 "Home"): hero with totals from stats, category pills, and one section
// per category with route cards and course-route cards. On touch devices the sections are
// accordions (collapsed by default); a pill opens its section and closes the others.

import { h, uid, prefersReducedMotion, isTouchMode, TOUCH_QUERY } from '../ui/dom.js';
import { t, tn } from '../i18n.js';
import { routeCard } from '../ui/cards.js';
import { viewTitle } from '../ui/status.js';
import { categories, stats, splitRoutes, categoryCounts, displayName } from '../state.js';

function hero() {
  const s = stats();
  const statsLine = t('home.stats', {
    courses: tn('count.courses', s.totalCourses),
    classes: tn('count.classes', s.totalClasses),
  });
  return h('section', { class: 'hero', 'aria-labelledby': 'home-title' },
    viewTitle(t('home.title'), { id: 'home-title' }),
    h('p', { class: 'hero-lead' }, t('home.lead')),
    h('p', { class: 'hero-stats', 'data-total-courses': String(s.totalCourses), 'data-total-classes': String(s.totalClasses) }, statsLine),
    h('ul', { class: 'hero-chips', 'aria-label': t('home.statsLabel') },
      h('li', { class: 'chip' }, tn('count.categories', s.totalCategories)),
      h('li', { class: 'chip' }, tn('count.routes', s.totalRoutes))));
}

/** A titled group of cards ("Rutas de aprendizaje (n)" / "Cursos independientes (n)"). */
function cardGroup(kind, headingKey, items, category, c) {
  const headingId = uid(`${kind}-heading`);
  return h('div', { class: ['card-group', `group-${kind}`], 'aria-labelledby': headingId, role: 'group' },
    h('h3', { class: 'group-heading', id: headingId },
      h('span', null, t(headingKey)),
      h('span', { class: 'count-badge' }, String(items.length))),
    h('ul', { class: 'card-grid' },
      items.map(({ route, index }) => h('li', null, routeCard(category, c, route, index)))));
}

function sectionBody(category, c, panelId, headingId) {
  const { paths, standalone } = splitRoutes(category);
  const counts = categoryCounts(category);
  const meta = [
    tn('count.routes', counts.routes),
    tn('count.courses', counts.courses),
    tn('count.classes', counts.classes),
  ].join(t('common.separator'));
  const desc = displayName(category.description, '');
  return h('div', { class: 'category-panel', id: panelId, role: 'region', 'aria-labelledby': headingId },
    desc ? h('p', { class: 'category-desc' }, desc) : null,
    h('p', { class: 'category-meta' }, meta),
    paths.length === 0 && standalone.length === 0
      ? h('p', { class: 'empty-note' }, t('home.emptyCategory'))
      : null,
    paths.length ? cardGroup('routes', 'home.routesHeading', paths, category, c) : null,
    standalone.length ? cardGroup('courses', 'home.coursesHeading', standalone, category, c) : null);
}

function categorySection(category, c, touch, sections) {
  const headingId = `cat-${c}-heading`;
  const panelId = `cat-${c}-panel`;
  const name = displayName(category.name, `#${c + 1}`);
  const icon = typeof category.icon === 'string' && category.icon.trim() ? category.icon.trim() : '📁';
  const body = sectionBody(category, c, panelId, headingId);
  let heading;
  let toggle = null;
  if (touch) {
    toggle = h('button', { type: 'button', class: 'section-toggle', 'aria-expanded': 'false', 'aria-controls': panelId },
      h('span', { class: 'category-icon', 'aria-hidden': 'true' }, icon),
      h('span', { class: 'category-name' }, name),
      h('span', { class: 'chevron', 'aria-hidden': 'true' }));
    heading = h('h2', { class: 'category-heading', id: headingId, tabindex: '-1' }, toggle);
    body.hidden = true;
  } else {
    heading = h('h2', { class: 'category-heading', id: headingId, tabindex: '-1' },
      h('span', { class: 'category-icon', 'aria-hidden': 'true' }, icon),
      h('span', { class: 'category-name' }, name));
  }
  const section = h('section', { class: ['category-section', touch ? 'is-accordion' : null], 'data-category': String(c) }, heading, body);
  sections.push({ section, heading, body, toggle });
  return section;
}

export default {
  name: 'home',
  async render(ctx) {
    const cats = categories();
    const touch = isTouchMode();
    const sections = [];
    const pills = [];
    const pillRow = cats.length
      ? h('nav', { class: 'pill-row', 'aria-label': t('home.pillsLabel') },
        h('ul', { class: 'pills' },
          cats.map((rawCat, c) => {
            const cat = rawCat || {};
            const icon = typeof cat.icon === 'string' && cat.icon.trim() ? cat.icon.trim() : '📁';
            const pill = h('button', { type: 'button', class: 'pill', 'data-category': String(c), 'aria-controls': `cat-${c}-panel` },
              h('span', { class: 'pill-icon', 'aria-hidden': 'true' }, icon),
              h('span', null, displayName(cat.name, `#${c + 1}`)));
            pills.push(pill);
            return h('li', null, pill);
          })))
      : null;
    const list = cats.length
      ? h('div', { class: 'category-list' }, cats.map((cat, c) => categorySection(cat || {}, c, touch, sections)))
      : h('p', { class: 'empty-note' }, t('home.emptyLibrary'));

    const node = h('div', { class: 'view view-home' }, hero(), pillRow, list);

    function setOpen(index, open) {
      const s = sections[index];
      if (!s || !s.toggle) return;
      s.body.hidden = !open;
      s.toggle.setAttribute('aria-expanded', String(open));
      s.section.classList.toggle('is-open', open);
      if (pills[index]) pills[index].setAttribute('aria-expanded', String(open));
    }

    function scrollToSection(index) {
      const s = sections[index];
      if (!s) return;
      s.section.scrollIntoView({ behavior: prefersReducedMotion() ? 'auto' : 'smooth', block: 'start' });
      try {
        s.heading.focus({ preventScroll: true });
      } catch {
        s.heading.focus();
      }
    }

    const cleanups = [];
    if (touch) {
      sections.forEach((s, i) => {
        s.toggle.addEventListener('click', () => setOpen(i, s.body.hidden));
        if (pills[i]) pills[i].setAttribute('aria-expanded', 'false');
      });
    }
    pills.forEach((pill, i) => {
      pill.addEventListener('click', () => {
        if (touch) {
          const wasOpen = !sections[i].body.hidden;
          sections.forEach((_, j) => setOpen(j, j === i && !wasOpen)); // second tap closes it
          if (!wasOpen) scrollToSection(i);
        } else {
          scrollToSection(i);
        }
      });
    });

    return {
      node,
      title: t('view.home'),
      mount() {
        // Re-render when the device switches between touch and pointer layouts.
        if (typeof matchMedia !== 'function') return;
        const mq = matchMedia(TOUCH_QUERY);
        const onChange = () => {
          if (mq.matches !== touch) ctx.refresh();
        };
        mq.addEventListener('change', onChange);
        cleanups.push(() => mq.removeEventListener('change', onChange));
      },
      destroy() {
        for (const fn of cleanups.splice(0)) fn();
      },
    };
  },
};
