// Toasts (viewer.md §7 "ARIA": polite live region). One region per document, created on first
// use. A toast may carry action buttons; each toast closes itself after `timeout` ms.
// Import-safe in Node: no DOM access until showToast() is called.

import { h } from './dom.js';

let region = null;
const live = new Set();

function ensureRegion() {
  if (region && region.isConnected) return region;
  region = h('div', { class: 'toast-region', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'false' });
  document.body.appendChild(region);
  return region;
}

/**
 * Shows a toast.
 *   text     – message (plain text)
 *   actions  – [{label, onClick, action}] buttons; a click runs onClick then closes the toast
 *   timeout  – ms before it closes (0 = stays until closed)
 *   kind     – 'info' | 'warn' | 'error' (a class)
 *   id       – a toast with the same id replaces the previous one
 * Returns {node, close()}.
 */
export function showToast(text, { actions = [], timeout = 4000, kind = 'info', id = null, onClose = null } = {}) {
  const root = ensureRegion();
  if (id) {
    for (const t of [...live]) if (t.id === id) t.close();
  }
  const node = h('div', { class: ['toast', `toast-${kind}`], dataset: id ? { toast: id } : undefined },
    h('span', { class: 'toast-text' }, text));
  let timer = null;
  const handle = {
    id,
    node,
    closed: false,
    close() {
      if (handle.closed) return;
      handle.closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      live.delete(handle);
      node.remove();
      if (typeof onClose === 'function') onClose();
    },
  };
  if (actions.length) {
    const row = h('span', { class: 'toast-actions' });
    for (const a of actions) {
      const btn = h('button', { type: 'button', class: 'toast-btn', dataset: a.action ? { action: a.action } : undefined }, a.label);
      btn.addEventListener('click', () => {
        try {
          if (typeof a.onClick === 'function') a.onClick();
        } finally {
          handle.close();
        }
      });
      row.appendChild(btn);
    }
    node.appendChild(row);
  }
  root.appendChild(node);
  live.add(handle);
  if (timeout > 0) timer = setTimeout(() => handle.close(), timeout);
  return handle;
}

/** Closes every open toast (view teardown). */
export function clearToasts() {
  for (const t of [...live]) t.close();
}
