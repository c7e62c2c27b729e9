// Hash router (viewer.md §3 "Router"). parseHash/buildHash/navKeyFor are pure and tested in
// Node; createRouter touches `window` only when called.

/** Known views and the number of integer parameters each takes. Hash routes are unchanged from
 * the original front end, so old links keep working. */
export const ROUTES = Object.freeze({
  home: 0,
  explore: 0,
  learning: 0,
  route: 2, // #route/c/r
  course: 3, // #course/c/r/k
  player: 5, // #player/c/r/k/m/i
});

const INT = /^\d{1,9}$/; // a non-negative integer; 9 digits keeps it far inside safe integers

/**
 * Parses a location hash.
 *   ''/'#'                 → {view:'home', params:[], valid:true}
 *   known view, good args  → {view, params:[ints], valid:true}
 *   known view, bad args   → {view, params:null, valid:false}   (the view shows not-found)
 *   anything else          → {view:null, redirect:'#home'}
 * One trailing slash is tolerated ("#route/0/1/").
 */
export function parseHash(hash) {
  let s = typeof hash === 'string' ? hash : '';
  if (s.startsWith('#')) s = s.slice(1);
  if (s === '') return { view: 'home', params: [], valid: true };
  const parts = s.split('/');
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  const name = parts[0];
  if (!Object.prototype.hasOwnProperty.call(ROUTES, name)) {
    return { view: null, params: null, valid: false, redirect: '#home' };
  }
  const arity = ROUTES[name];
  const args = parts.slice(1);
  if (arity === 0) {
    return args.length === 0
      ? { view: name, params: [], valid: true }
      : { view: null, params: null, valid: false, redirect: '#home' };
  }
  if (args.length !== arity || !args.every((a) => INT.test(a))) {
    return { view: name, params: null, valid: false };
  }
  return { view: name, params: args.map((a) => Number.parseInt(a, 10)), valid: true };
}

/** Builds a hash such as "#course/0/1/2". */
export function buildHash(view, ...params) {
  return params.length ? `#${view}/${params.join('/')}` : `#${view}`;
}

/** The navbar entry that is current for a parsed route, or null (route, course, player). */
export function navKeyFor(route) {
  if (!route || !route.view) return null;
  return route.view === 'home' || route.view === 'explore' || route.view === 'learning' ? route.view : null;
}

/** Pauses and empties every media element so no audio survives a navigation (step 1). */
export function stopAllMedia(root) {
  const scope = root || (typeof document !== 'undefined' ? document : null);
  if (!scope) return;
  for (const media of scope.querySelectorAll('video, audio')) {
    try {
      media.pause();
      media.removeAttribute('src');
      for (const source of media.querySelectorAll('source')) source.remove();
      media.load();
    } catch {
      /* a detached or broken element must not stop the navigation */
    }
  }
}

/**
 * Creates the router.
 *   outlet      – the element that holds the view (#main-content)
 *   views       – {name: {render(ctx) → Promise<{node, title, mount?, destroy?}>}}
 *   makeContext – (route) → ctx passed to render
 *   spinner     – () → Node shown while a view renders
 *   renderError – (error) → {node, title}; used when render throws
 *   onRoute     – (route) called before each render (navbar state)
 *   setTitle    – (viewTitle) sets document.title
 */
export function createRouter({ outlet, views, makeContext, spinner, renderError, onRoute, setTitle }) {
  let current = null; // {route, instance}
  let token = 0;
  let started = false;

  function destroyCurrent() {
    if (current && current.instance && typeof current.instance.destroy === 'function') {
      try {
        current.instance.destroy();
      } catch (e) {
        console.error('[aula] view destroy failed', e);
      }
    }
    current = null;
  }

  function focusHeading() {
    const h1 = outlet.querySelector('h1');
    if (!h1) return;
    if (!h1.hasAttribute('tabindex')) h1.setAttribute('tabindex', '-1');
    try {
      h1.focus({ preventScroll: true });
    } catch {
      h1.focus();
    }
  }

  /** Runs the navigation steps. `soft` (language change) keeps scroll and focus. */
  async function run(route, { soft = false } = {}) {
    const my = ++token;
    const scrollY = window.scrollY;
    stopAllMedia(document); // 1. stop all media
    destroyCurrent(); // 2. destroy the old view
    if (typeof onRoute === 'function') onRoute(route);
    if (!soft) outlet.replaceChildren(spinner()); // 3. spinner
    outlet.setAttribute('aria-busy', 'true');
    let result;
    let viewName = route.view;
    try {
      const view = views[route.view];
      if (!view) throw new Error(`no view named ${route.view}`);
      result = await view.render(makeContext(route)); // 4. render (async)…
      if (!result || !result.node) throw new Error(`view ${route.view} rendered nothing`);
    } catch (err) {
      if (my !== token) return;
      console.error('[aula] render failed', err);
      result = renderError(err);
      viewName = 'error';
    }
    if (my !== token) {
      // A newer navigation started while this one rendered; drop this result.
      if (result && typeof result.destroy === 'function') result.destroy();
      return;
    }
    outlet.replaceChildren(result.node);
    outlet.removeAttribute('aria-busy');
    document.documentElement.dataset.view = viewName;
    current = { route, instance: result };
    try {
      if (typeof result.mount === 'function') result.mount(); // …then mount()
    } catch (e) {
      console.error('[aula] view mount failed', e);
    }
    if (soft) {
      window.scrollTo(0, scrollY);
    } else {
      window.scrollTo(0, 0); // 5. scroll to the top
      focusHeading(); // 6. focus the view's h1
    }
    setTitle(result.title || ''); // 7. "<view> · Aula"
  }

  function onHashChange() {
    const route = parseHash(window.location.hash);
    if (route.redirect) {
      // Unknown hash: replace it (no extra history entry) and show home.
      history.replaceState(history.state, '', route.redirect);
      run(parseHash(route.redirect));
      return;
    }
    run(route);
  }

  return {
    start() {
      if (started) return;
      started = true;
      window.addEventListener('hashchange', onHashChange);
      onHashChange();
    },
    /** Re-renders the current view in place (language switch, refreshed catalogue). */
    refresh() {
      const route = current ? current.route : parseHash(window.location.hash);
      return run(route.redirect ? parseHash('#home') : route, { soft: true });
    },
    currentRoute() {
      return current ? current.route : null;
    },
    stop() {
      window.removeEventListener('hashchange', onHashChange);
      token++;
      destroyCurrent();
      started = false;
    },
  };
}
