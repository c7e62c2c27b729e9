// A very small DOM for rendering the viewer's views in Node (no dependencies). It covers what
// ui/dom.js h()/svg() and the views use: elements, text, attributes, classList, dataset,
// style.setProperty, hidden/value/disabled, events, focus, and querySelector(All)/closest/matches
// for compound selectors (tag, #id, .class, [attr], [attr="v"]) joined by descendant spaces.
// Not a test file: imported by views-*.test.mjs.

class Node {
  constructor(doc) {
    this.ownerDocument = doc;
    this.parentNode = null;
    this.childNodes = [];
  }
  appendChild(child) {
    if (child.parentNode) child.parentNode.removeChild(child);
    child.parentNode = this;
    this.childNodes.push(child);
    return child;
  }
  removeChild(child) {
    const i = this.childNodes.indexOf(child);
    if (i >= 0) this.childNodes.splice(i, 1);
    child.parentNode = null;
    return child;
  }
  replaceChildren(...nodes) {
    for (const c of [...this.childNodes]) this.removeChild(c);
    for (const n of nodes) this.appendChild(typeof n === 'string' ? this.ownerDocument.createTextNode(n) : n);
  }
  remove() {
    if (this.parentNode) this.parentNode.removeChild(this);
  }
  get isConnected() {
    let n = this;
    while (n.parentNode) n = n.parentNode;
    return n === this.ownerDocument;
  }
  get textContent() {
    return this.childNodes.map((c) => c.textContent).join('');
  }
  set textContent(v) {
    this.replaceChildren(this.ownerDocument.createTextNode(String(v)));
  }
}

class Text extends Node {
  constructor(doc, data) {
    super(doc);
    this.nodeType = 3;
    this.data = data;
  }
  get textContent() {
    return this.data;
  }
}

const camelToData = (k) => `data-${k.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`)}`;

class Element extends Node {
  constructor(doc, tag, ns = null) {
    super(doc);
    this.nodeType = 1;
    this.tagName = ns ? tag : tag.toUpperCase();
    this.namespaceURI = ns;
    this.attrs = new Map();
    this.listeners = new Map();
    this.value = '';
    this.disabled = false;
    const el = this;
    this.style = {
      props: new Map(),
      setProperty(name, value) { this.props.set(name, String(value)); },
      getPropertyValue(name) { return this.props.get(name) || ''; },
    };
    this.dataset = new Proxy({}, {
      get: (_, k) => (typeof k === 'string' ? el.getAttribute(camelToData(k)) ?? undefined : undefined),
      set: (_, k, v) => { el.setAttribute(camelToData(k), String(v)); return true; },
      has: (_, k) => el.hasAttribute(camelToData(k)),
    });
    this.classList = {
      list: () => (el.getAttribute('class') || '').split(/\s+/).filter(Boolean),
      contains(c) { return this.list().includes(c); },
      add(...cs) { el.setAttribute('class', [...new Set([...this.list(), ...cs])].join(' ')); },
      remove(...cs) { el.setAttribute('class', this.list().filter((x) => !cs.includes(x)).join(' ')); },
      toggle(c, force) {
        const on = force === undefined ? !this.contains(c) : !!force;
        if (on) this.add(c); else this.remove(c);
        return on;
      },
    };
  }
  setAttribute(k, v) { this.attrs.set(k, String(v)); }
  getAttribute(k) { return this.attrs.has(k) ? this.attrs.get(k) : null; }
  hasAttribute(k) { return this.attrs.has(k); }
  removeAttribute(k) { this.attrs.delete(k); }
  get id() { return this.getAttribute('id') || ''; }
  get className() { return this.getAttribute('class') || ''; }
  get hidden() { return this.hasAttribute('hidden'); }
  set hidden(v) { if (v) this.setAttribute('hidden', ''); else this.removeAttribute('hidden'); }
  get children() { return this.childNodes.filter((c) => c.nodeType === 1); }
  addEventListener(type, fn) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type).add(fn);
  }
  removeEventListener(type, fn) {
    if (this.listeners.has(type)) this.listeners.get(type).delete(fn);
  }
  dispatchEvent(event) {
    const e = event;
    if (!e.target) e.target = this;
    for (const fn of this.listeners.get(e.type) || []) fn(e);
    return true;
  }
  click() {
    if (!this.disabled) this.dispatchEvent({ type: 'click', preventDefault() {} });
  }
  focus() { this.ownerDocument.activeElement = this; }
  matches(sel) { return sel.split(',').some((s) => matchesChain(this, s.trim())); }
  closest(sel) {
    for (let n = this; n && n.nodeType === 1; n = n.parentNode) if (n.matches(sel)) return n;
    return null;
  }
  querySelectorAll(sel) {
    const out = [];
    const walk = (n) => {
      for (const c of n.childNodes) {
        if (c.nodeType !== 1) continue;
        if (c.matches(sel)) out.push(c);
        walk(c);
      }
    };
    walk(this);
    return out;
  }
  querySelector(sel) { return this.querySelectorAll(sel)[0] || null; }
}

function parseCompound(s) {
  const parts = { tag: null, id: null, classes: [], attrs: [] };
  const re = /([a-zA-Z][\w-]*)|#([\w-]+)|\.([\w-]+)|\[([\w-]+)(?:="([^"]*)")?\]/g;
  let m;
  while ((m = re.exec(s))) {
    if (m[1]) parts.tag = m[1].toUpperCase();
    else if (m[2]) parts.id = m[2];
    else if (m[3]) parts.classes.push(m[3]);
    else parts.attrs.push([m[4], m[5]]);
  }
  return parts;
}

function matchesCompound(el, s) {
  const p = parseCompound(s);
  if (p.tag && el.tagName.toUpperCase() !== p.tag) return false;
  if (p.id && el.id !== p.id) return false;
  if (!p.classes.every((c) => el.classList.contains(c))) return false;
  return p.attrs.every(([k, v]) => (v === undefined ? el.hasAttribute(k) : el.getAttribute(k) === v));
}

function matchesChain(el, sel) {
  const parts = sel.split(/\s+/).filter(Boolean);
  if (!matchesCompound(el, parts[parts.length - 1])) return false;
  let n = el.parentNode;
  for (let i = parts.length - 2; i >= 0; i--) {
    while (n && n.nodeType === 1 && !matchesCompound(n, parts[i])) n = n.parentNode;
    if (!n || n.nodeType !== 1) return false;
    n = n.parentNode;
  }
  return true;
}

class Document extends Node {
  constructor() {
    super(null);
    this.ownerDocument = this;
    this.baseURI = 'http://aula.test/ctx/';
    this.activeElement = null;
    this.body = this.appendChild(new Element(this, 'body'));
  }
  createElement(tag) { return new Element(this, tag); }
  createElementNS(ns, tag) { return new Element(this, tag, ns); }
  createTextNode(text) { return new Text(this, text); }
  getElementById(id) { return this.body.querySelector(`#${id}`); }
  querySelector(sel) { return this.body.querySelector(sel); }
  querySelectorAll(sel) { return this.body.querySelectorAll(sel); }
}

class MemoryStorage {
  constructor() { this.map = new Map(); }
  getItem(k) { return this.map.has(k) ? this.map.get(k) : null; }
  setItem(k, v) { this.map.set(k, String(v)); }
  removeItem(k) { this.map.delete(k); }
  clear() { this.map.clear(); }
}

/** Installs document, window and localStorage globals; returns them. */
export function installDom() {
  const document = new Document();
  const localStorage = new MemoryStorage();
  const winListeners = new Map();
  const window = {
    addEventListener(type, fn) { if (!winListeners.has(type)) winListeners.set(type, new Set()); winListeners.get(type).add(fn); },
    removeEventListener(type, fn) { if (winListeners.has(type)) winListeners.get(type).delete(fn); },
    listenerCount(type) { return winListeners.has(type) ? winListeners.get(type).size : 0; },
    dispatch(type) { for (const fn of winListeners.get(type) || []) fn({ type }); },
  };
  Object.assign(globalThis, { document, window, localStorage });
  return { document, window, localStorage };
}

/** Mounts a view result into the fake document body (the router's outlet). */
export function mountView(result) {
  const { document } = globalThis;
  document.body.replaceChildren(result.node);
  if (typeof result.mount === 'function') result.mount();
  return result.node;
}
