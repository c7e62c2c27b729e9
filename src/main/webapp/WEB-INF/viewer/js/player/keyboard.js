// Player keyboard shortcuts (viewer.md §5.5). keyAction() is pure (Node tests); attachKeyboard()
// installs one document listener in the visit's scope.

/** True for targets where typing must not trigger shortcuts. */
export function isTypingTarget(el) {
  if (!el || typeof el !== 'object') return false;
  const tag = String(el.tagName || '').toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = String(el.type || 'text').toLowerCase();
    // Range sliders and buttons are controls, not text fields.
    return !['range', 'button', 'checkbox', 'radio', 'submit', 'reset', 'image', 'color', 'file'].includes(type);
  }
  return !!el.isContentEditable;
}

/** Buttons and links activate themselves with Space. */
function isActivatable(el) {
  if (!el || typeof el !== 'object') return false;
  const tag = String(el.tagName || '').toUpperCase();
  const role = typeof el.getAttribute === 'function' ? el.getAttribute('role') : null;
  return tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY' || role === 'button' || role === 'menuitemradio'
    || (tag === 'INPUT' && ['button', 'submit', 'checkbox', 'radio', 'reset'].includes(String(el.type).toLowerCase()));
}

/**
 * The action for a key event, or null.
 *   {key, altKey, ctrlKey, metaKey, shiftKey, target}
 * → 'toggle' | 'fullscreen' | 'back5' | 'fwd5' | 'prev' | 'next' | 'mute' | 'captions' | null
 */
export function keyAction(e) {
  if (!e || e.ctrlKey || e.metaKey) return null;
  if (isTypingTarget(e.target)) return null;
  const key = e.key;
  if (e.altKey) {
    if (key === 'ArrowLeft') return 'prev';
    if (key === 'ArrowRight') return 'next';
    return null;
  }
  if (key === ' ' || key === 'Spacebar') return isActivatable(e.target) ? null : 'toggle';
  if (key === 'ArrowLeft') return isSlider(e.target) ? null : 'back5';
  if (key === 'ArrowRight') return isSlider(e.target) ? null : 'fwd5';
  if (e.shiftKey) return null;
  const k = typeof key === 'string' ? key.toLowerCase() : '';
  if (k === 'f') return 'fullscreen';
  if (k === 'm') return 'mute';
  if (k === 'c') return 'captions';
  return null;
}

function isSlider(el) {
  if (!el || typeof el !== 'object') return false;
  const role = typeof el.getAttribute === 'function' ? el.getAttribute('role') : null;
  return role === 'slider' || (String(el.tagName || '').toUpperCase() === 'INPUT' && String(el.type).toLowerCase() === 'range');
}

/** Installs the shortcuts; `handlers` maps actions to functions. */
export function attachKeyboard(scope, handlers) {
  scope.on(document, 'keydown', (e) => {
    if (e.defaultPrevented) return;
    const action = keyAction(e);
    if (!action || typeof handlers[action] !== 'function') return;
    e.preventDefault();
    handlers[action](e);
  });
}
