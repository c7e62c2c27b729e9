// Loading, error, not-found, banner and placeholder blocks shared by the shell and the views.

import { h } from './dom.js';
import { t } from '../i18n.js';
import { apiUrl } from '../api.js';

/** The view heading: one h1 per view, focusable by the router (tabindex -1). */
export function viewTitle(text, props = {}) {
  return h('h1', { class: ['view-title', props.class], id: props.id, tabindex: '-1' }, text);
}

/** Spinner with a short loading text (polite live region). */
export function spinner(text = t('common.loading')) {
  return h('div', { class: 'loading', role: 'status' },
    h('span', { class: 'spinner', 'aria-hidden': 'true' }),
    h('span', { class: 'loading-text' }, text));
}

/** "Código: X • Endpoint: Y" with the code and endpoint in <code>. */
export function codeLine(code, endpoint) {
  const text = t('boot.code', { code: '\u0000', endpoint: '\u0001' });
  const p = h('p', { class: 'code-line' });
  // Rebuild the sentence around <code> elements so the order follows the translation.
  for (const part of text.split(/(\u0000|\u0001)/)) {
    if (part === '\u0000') p.appendChild(h('code', { 'data-code': code }, code));
    else if (part === '\u0001') p.appendChild(h('code', { 'data-endpoint': endpoint }, endpoint));
    else if (part) p.appendChild(document.createTextNode(part));
  }
  return p;
}

/** The human sentence for an error kind. */
export function kindMessage(error) {
  const kind = error && error.kind ? error.kind : 'network';
  if (kind.startsWith('http_')) return t('boot.kind.http', { status: error.status ?? kind.slice(5) });
  return t(`boot.kind.${kind}`);
}

/**
 * The fatal screen (viewer.md §3): title, code line, a link to api/cache-meta and Reintentar.
 * `bootstrap_empty` gets the empty-library variant.
 */
export function fatalScreen(error, onRetry) {
  const empty = error && error.code === 'bootstrap_empty';
  const retry = h('button', { type: 'button', class: 'btn btn-primary', 'data-action': 'retry' }, t('boot.retry'));
  retry.addEventListener('click', () => {
    retry.disabled = true;
    onRetry();
  });
  return h('section', { class: ['fatal', empty ? 'fatal-empty' : null], 'data-code': error ? error.code : '' },
    h('div', { class: 'fatal-icon', 'aria-hidden': 'true' }, empty ? '📭' : '⚠️'),
    viewTitle(empty ? t('boot.emptyTitle') : t('boot.error')),
    empty ? h('p', { class: 'fatal-help' }, t('boot.emptyHelp')) : h('p', { class: 'fatal-help' }, kindMessage(error), ' ', t('boot.hint')),
    codeLine(error ? error.code : 'bootstrap_network', error ? error.endpoint : '/api/bootstrap'),
    h('div', { class: 'fatal-actions' },
      retry,
      h('a', { class: 'btn btn-ghost', href: apiUrl('api/cache-meta'), target: '_blank', rel: 'noopener' }, t('boot.cacheMeta'))));
}

/** Warning banner with code and endpoint; dismissible. */
export function warningBanner(messageKey, error) {
  const close = h('button', { type: 'button', class: 'banner-close', 'aria-label': t('banner.dismiss') }, '×');
  const banner = h('div', { class: 'banner banner-warning', role: 'status', 'data-code': error.code },
    h('span', { class: 'banner-icon', 'aria-hidden': 'true' }, '⚠'),
    h('div', { class: 'banner-body' },
      h('p', { class: 'banner-text' }, t(messageKey)),
      codeLine(error.code, error.endpoint)),
    close);
  close.addEventListener('click', () => banner.remove());
  return banner;
}

/** Not-found state with a link home (the view keeps its dataset.view). */
export function notFound(titleKey) {
  return h('section', { class: 'state state-not-found' },
    h('div', { class: 'state-icon', 'aria-hidden': 'true' }, '🧭'),
    viewTitle(t(titleKey)),
    h('p', { class: 'state-text' }, t('notFound.help')),
    h('a', { class: 'btn btn-primary', href: '#home' }, t('common.backHome')));
}

/** The router's error block when a render fails. */
export function renderErrorBlock() {
  return h('section', { class: 'state state-error' },
    h('div', { class: 'state-icon', 'aria-hidden': 'true' }, '⚠️'),
    viewTitle(t('error.render')),
    h('p', { class: 'state-text' }, t('error.renderHelp')),
    h('a', { class: 'btn btn-primary', href: '#home' }, t('common.backHome')));
}

/** Placeholder body for views that arrive with a later issue. */
export function comingSoon(textKey) {
  return h('div', { class: 'state state-soon' },
    h('span', { class: 'soon-badge' }, t('common.soon')),
    h('p', { class: 'state-text' }, t(textKey)));
}
