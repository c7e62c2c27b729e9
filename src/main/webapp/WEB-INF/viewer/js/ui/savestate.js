// The small "kept in this browser" indicator (viewer.md §6.3 "Failures"): shown in the navbar
// tools while progress cannot be saved to the server; empty otherwise. A polite live region.
// On narrow screens only the icon is visible; the sentence stays available to assistive
// technology and as a tooltip.

import { h } from './dom.js';
import { t, onLangChange } from '../i18n.js';
import { getSaveState, onSaveStateChange } from '../progress.js';

export const COMPACT_QUERY = '(max-width: 600px)';

/** Builds the indicator; returns {node, destroy}. */
export function createSaveState() {
  const node = h('span', { class: 'sr-only', role: 'status', 'data-savestate': 'ok' });
  const mq = typeof matchMedia === 'function' ? matchMedia(COMPACT_QUERY) : null;

  function render() {
    const s = getSaveState();
    const active = s.status === 'local';
    node.dataset.savestate = active ? (s.localStored ? 'local' : 'unsaved') : 'ok';
    if (!active) {
      node.className = 'sr-only';
      node.removeAttribute('title');
      node.replaceChildren();
      return;
    }
    const label = t(s.localStored ? 'progress.local' : 'progress.unsaved');
    const help = t(s.localStored ? 'progress.localHelp' : 'progress.unsavedHelp');
    const compact = !!(mq && mq.matches);
    node.className = s.localStored ? 'badge savestate' : 'badge badge-unavailable savestate';
    node.title = help;
    node.replaceChildren(
      h('span', { 'aria-hidden': 'true' }, s.localStored ? '💾' : '⚠'),
      compact ? h('span', { class: 'sr-only' }, label) : ` ${label}`,
      h('span', { class: 'sr-only' }, ` — ${help}`),
    );
  }

  const offState = onSaveStateChange(render);
  const offLang = onLangChange(render);
  if (mq) {
    if (typeof mq.addEventListener === 'function') mq.addEventListener('change', render);
    else if (typeof mq.addListener === 'function') mq.addListener(render);
  }
  render();
  return {
    node,
    destroy() {
      offState();
      offLang();
      if (mq && typeof mq.removeEventListener === 'function') mq.removeEventListener('change', render);
    },
  };
}

/** Places the indicator first in the navbar tools of `navbarEl` (once). */
export function mountSaveState(navbarEl) {
  if (!navbarEl || navbarEl.querySelector('[data-savestate]')) return null;
  const tools = navbarEl.querySelector('.nav-tools') || navbarEl;
  const indicator = createSaveState();
  tools.insertBefore(indicator.node, tools.firstChild);
  return indicator;
}
