// Navbar (viewer.md §3 "Navbar"): logo, Inicio / Explorar / Mi aprendizaje, ES/EN toggle and
// the menu button shown whenever the links are hidden (one breakpoint: ≤ 900 px).

import { h } from './dom.js';
import { t, getLang } from '../i18n.js';
import { LANGS } from '../strings.js';

export const MENU_QUERY = '(max-width: 900px)';

const LINKS = [
  { key: 'home', href: '#home' },
  { key: 'explore', href: '#explore' },
  { key: 'learning', href: '#learning' },
];

/**
 * Builds the navbar into `host` (a <header>). `onLang(lang)` is called when a language button
 * is pressed. `inertTargets()` lists the elements made inert while the full-screen menu is open.
 */
export function createNavbar(host, { onLang, inertTargets = () => [] }) {
  const linkEls = new Map();
  const list = h('ul', { class: 'nav-links', id: 'nav-menu' });
  for (const { key, href } of LINKS) {
    const a = h('a', { class: 'nav-link', href, 'data-nav': key });
    linkEls.set(key, a);
    list.appendChild(h('li', null, a));
  }
  const nav = h('nav', { class: 'nav' }, list);

  const logoText = h('span', { class: 'logo-text' });
  const logo = h('a', { class: 'logo', href: '#home' },
    h('img', { class: 'logo-mark', src: 'img/logo.svg', alt: '', width: '28', height: '28' }),
    logoText);

  const langButtons = new Map();
  const langGroup = h('div', { class: 'lang-toggle', role: 'group' });
  for (const lang of LANGS) {
    const b = h('button', { type: 'button', class: 'lang-btn', lang, 'data-lang': lang }, lang.toUpperCase());
    b.addEventListener('click', () => onLang(lang));
    langButtons.set(lang, b);
    langGroup.appendChild(b);
  }

  const menuButton = h('button', {
    type: 'button', class: 'menu-btn', 'aria-expanded': 'false', 'aria-controls': 'nav-menu',
  }, h('span', { class: 'menu-icon', 'aria-hidden': 'true' }, h('span'), h('span'), h('span')));

  host.replaceChildren(h('div', { class: 'navbar-inner' },
    logo, nav, h('div', { class: 'nav-tools' }, langGroup, menuButton)));
  host.hidden = false;

  let open = false;
  const mq = typeof matchMedia === 'function' ? matchMedia(MENU_QUERY) : null;

  function setOpen(next, { returnFocus = false } = {}) {
    next = !!next && !!(mq && mq.matches);
    if (next === open) {
      if (returnFocus) menuButton.focus();
      return;
    }
    open = next;
    host.classList.toggle('menu-open', open);
    document.body.classList.toggle('no-scroll', open);
    menuButton.setAttribute('aria-expanded', String(open));
    menuButton.setAttribute('aria-label', t(open ? 'nav.menuClose' : 'nav.menuOpen'));
    for (const el of inertTargets()) {
      if (el) el.inert = open;
    }
    if (open) {
      const first = list.querySelector('a');
      if (first) first.focus();
    } else if (returnFocus) {
      menuButton.focus();
    }
  }

  menuButton.addEventListener('click', () => setOpen(!open, { returnFocus: true }));
  list.addEventListener('click', (e) => {
    if (open && e.target.closest('a')) setOpen(false, { returnFocus: true });
  });
  document.addEventListener('keydown', (e) => {
    if (open && e.key === 'Escape') {
      e.preventDefault();
      setOpen(false, { returnFocus: true });
    }
  });
  if (mq) {
    const onChange = () => {
      if (!mq.matches) setOpen(false);
    };
    if (typeof mq.addEventListener === 'function') mq.addEventListener('change', onChange);
    else if (typeof mq.addListener === 'function') mq.addListener(onChange);
  }

  /** Re-applies every text (language switch). */
  function updateText() {
    logo.setAttribute('aria-label', t('nav.logo'));
    logoText.textContent = t('app.name');
    nav.setAttribute('aria-label', t('nav.main'));
    for (const [key, a] of linkEls) a.textContent = t(`nav.${key}`);
    langGroup.setAttribute('aria-label', t('nav.language'));
    const lang = getLang();
    for (const [code, b] of langButtons) {
      b.setAttribute('aria-pressed', String(code === lang));
      // The visible "ES"/"EN" starts the name (axe label-content-name-mismatch); the title explains it.
      b.setAttribute('aria-label', `${code.toUpperCase()} · ${t(code === 'es' ? 'nav.langEs' : 'nav.langEn')}`);
      b.title = t(code === 'es' ? 'nav.langEs' : 'nav.langEn');
    }
    menuButton.setAttribute('aria-label', t(open ? 'nav.menuClose' : 'nav.menuOpen'));
  }

  /** Marks the current link (.active + aria-current="page"); null clears all. */
  function setActive(key) {
    for (const [k, a] of linkEls) {
      const on = k === key;
      a.classList.toggle('active', on);
      if (on) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
  }

  updateText();
  return { updateText, setActive, close: () => setOpen(false) };
}
