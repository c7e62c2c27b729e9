// A disposal scope for one player visit: every listener, timer, interval, frame callback and
// abortable request registered here is released by dispose() (viewer.md §5.10 teardown).
// Import-safe in Node (no browser access until used).

export function createScope() {
  const cleanups = new Set();
  let disposed = false;

  function add(fn) {
    if (disposed) {
      fn();
      return () => {};
    }
    cleanups.add(fn);
    return () => {
      if (cleanups.delete(fn)) fn();
    };
  }

  return {
    get disposed() { return disposed; },
    add,
    /** addEventListener with automatic removal; returns the remover. */
    on(target, type, fn, opts) {
      if (!target || disposed) return () => {};
      target.addEventListener(type, fn, opts);
      return add(() => target.removeEventListener(type, fn, opts));
    },
    timeout(fn, ms) {
      if (disposed) return () => {};
      let remove = null;
      const id = setTimeout(() => {
        cleanups.delete(remove);
        fn();
      }, ms);
      remove = () => clearTimeout(id);
      cleanups.add(remove);
      return () => {
        if (cleanups.delete(remove)) remove();
      };
    },
    interval(fn, ms) {
      if (disposed) return () => {};
      const id = setInterval(fn, ms);
      return add(() => clearInterval(id));
    },
    /** An AbortSignal that aborts on dispose (for fetches). */
    signal() {
      const ctrl = new AbortController();
      if (disposed) ctrl.abort();
      else add(() => ctrl.abort());
      return ctrl.signal;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const fn of [...cleanups]) {
        try {
          fn();
        } catch {
          /* keep releasing the rest */
        }
      }
      cleanups.clear();
    },
  };
}
