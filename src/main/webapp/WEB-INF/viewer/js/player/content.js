// Class content of the player (viewer.md §5.8): the disclosure panels with lazy, sandboxed
// iframes (never allow-same-origin), the dark filter switch, the resource list and the external
// player hand-off.

import { h, uid } from '../ui/dom.js';
import { t } from '../i18n.js';
import { apiUrl } from '../api.js';
import { paths } from './sources.js';
import { usableRef, displayName } from '../state.js';
import { showToast } from '../ui/toast.js';
import { quickFetch } from './engine.js';

/** Sandbox tokens (viewer.md §5.8, media.md §3.4). */
export const SANDBOX_DOC = 'allow-popups allow-popups-to-escape-sandbox';
export const SANDBOX_LESSON = 'allow-scripts allow-forms allow-popups allow-popups-to-escape-sandbox';

/** Absolute URL of a file ref (drive/files/<ref>). */
export function fileUrl(ref) {
  return apiUrl(paths.raw(ref));
}

/**
 * The panels of a class, in order: Resumen (open), Lecturas (closed), Contenido interactivo
 * (closed unless the class has no video). Only panels with a usable ref are listed. Pure.
 */
export function panelSpecs(cls, { hasVideo }) {
  const out = [];
  const summary = usableRef(cls, 'hasSummary', 'summary');
  const reading = usableRef(cls, 'hasReading', 'reading');
  const html = usableRef(cls, 'hasHtml', 'html');
  if (summary) out.push({ id: 'summary', ref: summary, titleKey: 'player.panelSummary', open: true, sandbox: SANDBOX_DOC });
  if (reading) out.push({ id: 'reading', ref: reading, titleKey: 'player.panelReading', open: false, sandbox: SANDBOX_DOC });
  if (html) out.push({ id: 'lesson', ref: html, titleKey: 'player.panelLesson', open: !hasVideo, sandbox: SANDBOX_LESSON });
  return out;
}

function panel(spec, scope, className) {
  const bodyId = uid(`panel-${spec.id}`);
  const title = t(spec.titleKey);
  const toggle = h('button', { type: 'button', class: 'panel-toggle', 'aria-expanded': String(spec.open), 'aria-controls': bodyId },
    h('span', { class: 'chevron', 'aria-hidden': 'true' }), h('span', null, title));
  const darkBtn = h('button', { type: 'button', class: 'btn btn-ghost btn-sm panel-colors', 'aria-pressed': 'false', 'data-panel-action': 'colors' },
    t('player.originalColors'));
  const frameWrap = h('div', { class: 'panel-frame is-dark' });
  const body = h('div', { class: 'panel-body', id: bodyId, role: 'region', 'aria-label': title, hidden: !spec.open },
    h('div', { class: 'panel-tools' },
      darkBtn,
      h('a', { class: 'btn btn-ghost btn-sm', href: fileUrl(spec.ref), target: '_blank', rel: 'noopener' },
        t('player.openTab'), h('span', { class: 'sr-only' }, t('player.newTab')))),
    frameWrap);
  let frame = null;
  const ensureFrame = () => {
    if (frame) return;
    frame = h('iframe', {
      class: 'panel-iframe', title: `${title}: ${className}`, sandbox: spec.sandbox, loading: 'lazy',
      referrerpolicy: 'no-referrer', src: fileUrl(spec.ref), 'data-panel': spec.id,
    });
    frameWrap.appendChild(frame);
  };
  if (spec.open) ensureFrame();
  scope.on(toggle, 'click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    body.hidden = !open;
    if (open) ensureFrame();
  });
  scope.on(darkBtn, 'click', () => {
    const original = darkBtn.getAttribute('aria-pressed') !== 'true';
    darkBtn.setAttribute('aria-pressed', String(original));
    frameWrap.classList.toggle('is-dark', !original);
  });
  scope.add(() => {
    if (frame) frame.src = 'about:blank';
  });
  return h('section', { class: ['player-panel', `panel-${spec.id}`], 'data-panel': spec.id },
    h('h2', { class: 'panel-heading' }, toggle), body);
}

/** The panels section, or null when the class has none. */
export function contentPanels(cls, { hasVideo, scope }) {
  const specs = panelSpecs(cls, { hasVideo });
  if (!specs.length) return null;
  const name = displayName(cls && cls.name, '');
  return h('div', { class: 'player-panels' }, specs.map((s) => panel(s, scope, name)));
}

const EXT_ICONS = {
  '.pdf': '📕', '.png': '🖼', '.jpg': '🖼', '.jpeg': '🖼', '.gif': '🖼', '.svg': '🖼', '.webp': '🖼',
  '.csv': '📊', '.xlsx': '📊', '.xls': '📊', '.zip': '🗜', '.rar': '🗜', '.7z': '🗜', '.txt': '📄', '.md': '📄',
  '.html': '🌐', '.mp3': '🎧', '.mp4': '🎬', '.py': '🐍', '.js': '📜', '.json': '📜', '.ipynb': '📓',
};

/** Normalised resources: [{name, ref, ext, viewable}] with a usable ref. Pure. */
export function normalizeResources(list) {
  return (Array.isArray(list) ? list : []).flatMap((r) => {
    if (!r || typeof r.file !== 'string' || !r.file.trim()) return [];
    const name = displayName(r.name, r.file.split('/').pop());
    let ext = typeof r.ext === 'string' && r.ext ? r.ext.toLowerCase() : '';
    if (!ext) {
      const m = /\.[a-z0-9]{1,8}$/i.exec(name);
      ext = m ? m[0].toLowerCase() : '';
    }
    if (ext && !ext.startsWith('.')) ext = `.${ext}`;
    return [{ name, ref: r.file, ext, viewable: r.viewable === true }];
  });
}

/** The resource list section, or null. */
export function resourceList(resources) {
  const items = normalizeResources(resources);
  if (!items.length) return null;
  return h('section', { class: 'player-resources', 'aria-labelledby': 'player-resources-heading' },
    h('h2', { class: 'section-heading', id: 'player-resources-heading' }, t('player.resources')),
    h('ul', { class: 'resource-list' }, items.map((r) => h('li', { class: 'resource-row', 'data-ext': r.ext },
      h('span', { class: 'resource-icon', 'aria-hidden': 'true' }, EXT_ICONS[r.ext] || '📎'),
      h('span', { class: 'resource-name' }, r.name),
      r.ext ? h('span', { class: 'chip resource-ext' }, r.ext.slice(1).toUpperCase()) : null,
      h('span', { class: 'resource-actions' },
        r.viewable
          ? h('a', { class: 'btn btn-ghost btn-sm', href: fileUrl(r.ref), target: '_blank', rel: 'noopener', 'data-resource': 'open' },
            t('player.open'), h('span', { class: 'sr-only' }, ` ${r.name}`, t('player.newTab')))
          : null,
        h('a', { class: 'btn btn-ghost btn-sm', href: fileUrl(r.ref), download: r.name, 'data-resource': 'download' },
          t('player.downloadFile'), h('span', { class: 'sr-only' }, ` ${r.name}`)))))));
}

/** The platform's VLC handler URL for an absolute http(s) URL (viewer.md §5.8 step 3). Pure. */
export function vlcHandlerUrl(url, userAgent = '') {
  const ua = String(userAgent);
  if (/Android/i.test(ua)) {
    const u = new URL(url);
    return `intent://${u.host}${u.pathname}${u.search}#Intent;scheme=${u.protocol.replace(':', '')};package=org.videolan.vlc;type=video/*;end`;
  }
  if (/iPhone|iPad|iPod/i.test(ua)) return `vlc-x-callback://x-callback-url/stream?url=${encodeURIComponent(url)}`;
  return `vlc://${url}`;
}

/**
 * The external player (viewer.md §5.8): POST api/open-external; on any non-2xx, copy the URL,
 * open the platform handler and, about 0.8 s later, the raw URL in a new tab.
 */
export async function openExternal(url, scope) {
  const res = await quickFetch('api/open-external', {
    method: 'POST', timeout: 6000, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ url }),
  });
  if (res.status >= 200 && res.status < 300) {
    showToast(t('player.externalOpened'));
    return 'server';
  }
  try {
    if (navigator.clipboard && typeof navigator.clipboard.writeText === 'function') await navigator.clipboard.writeText(url);
  } catch {
    /* best effort */
  }
  showToast(t('player.externalFallback'), { timeout: 6000 });
  try {
    // In a new browsing context: in this tab, Chromium's "open the external application?"
    // prompt would block every later click on the player until answered.
    const a = h('a', { href: vlcHandlerUrl(url, navigator.userAgent), rel: 'noopener', target: '_blank' });
    a.click();
  } catch {
    /* no handler */
  }
  scope.timeout(() => {
    try {
      window.open(url, '_blank', 'noopener');
    } catch {
      /* popup blocked */
    }
  }, 800);
  return 'fallback';
}
