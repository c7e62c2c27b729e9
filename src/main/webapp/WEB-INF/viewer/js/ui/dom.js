// Tiny DOM builder. Text always becomes text nodes (never HTML), no inline styles, no inline
// handlers: strict-CSP clean by construction (viewer.md §1).

const SVG_NS = 'http://www.w3.org/2000/svg';

function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (typeof child === 'string' || typeof child === 'number') parent.appendChild(document.createTextNode(String(child)));
    else parent.appendChild(child);
  }
}

function applyProps(node, props) {
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    else if (key === 'text') node.textContent = String(value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key === 'vars') {
      // CSS custom properties through the CSSOM (allowed by style-src 'self').
      for (const [name, v] of Object.entries(value)) node.style.setProperty(name, String(v));
    } else if (key === 'style') throw new Error('inline style attributes are not allowed; use classes or vars');
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, String(value));
  }
}

/**
 * h('a', {class:'card', href:'#home', onclick: fn}, 'text', child…)
 * Props: class (string|array), text, dataset, vars (CSS custom properties), on<event>, and
 * attributes (true → empty attribute; false/null/undefined → omitted).
 */
export function h(tag, props, ...children) {
  const node = document.createElement(tag);
  applyProps(node, props);
  append(node, children);
  return node;
}

/** The same for SVG elements (icons). */
export function svg(tag, props, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  applyProps(node, props);
  append(node, children);
  return node;
}

let idCounter = 0;
/** A document-unique id for aria-controls / aria-labelledby. */
export function uid(prefix = 'aula') {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** Visually hidden text for assistive technology. */
export function srOnly(text) {
  return h('span', { class: 'sr-only' }, text);
}

export function prefersReducedMotion() {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export const TOUCH_QUERY = '(hover: none), (pointer: coarse)';

export function isTouchMode() {
  return typeof matchMedia === 'function' && matchMedia(TOUCH_QUERY).matches;
}
