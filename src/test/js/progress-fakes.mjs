// Fakes for the progress client tests: an in-memory localStorage, manual timers and clock, and a
// fake Aula server for /api/progress (ETag, If-None-Match → 304, If-Match → 412) and
// /api/course-detail. Not a test file itself (it only exports helpers).

export const BASE = 'http://aula.test/';

/** Installs a Map-backed localStorage on globalThis; `blocked` makes every access throw. */
export function installStorage({ blocked = false } = {}) {
  const data = new Map();
  const api = {
    getItem: (k) => (data.has(k) ? data.get(k) : null),
    setItem: (k, v) => data.set(k, String(v)),
    removeItem: (k) => data.delete(k),
    clear: () => data.clear(),
  };
  Object.defineProperty(globalThis, 'localStorage', {
    configurable: true,
    get() {
      if (blocked) throw new Error('SecurityError: storage is blocked');
      return api;
    },
  });
  return data;
}

/** Manual timers and clock: setTimeout/clearTimeout/now for configureProgress; advance(ms). */
export function manualTimers(start = Date.parse('2026-03-01T10:00:00.000Z')) {
  let now = start;
  let seq = 0;
  const pending = new Map();
  const flush = async () => {
    for (let n = 0; n < 20; n++) await new Promise((r) => setImmediate(r));
  };
  return {
    now: () => now,
    setTimeout: (fn, ms) => {
      seq += 1;
      pending.set(seq, { fn, at: now + Math.max(0, ms) });
      return seq;
    },
    clearTimeout: (id) => pending.delete(id),
    pendingDelays: () => [...pending.values()].map((t) => t.at - now).sort((a, b) => a - b),
    /** Moves the clock forward, firing due timers in order and letting promises settle. */
    async advance(ms) {
      const end = now + ms;
      await flush();
      for (;;) {
        const due = [...pending.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        pending.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].fn();
        await flush();
      }
      now = end;
      await flush();
    },
    flush,
  };
}

function json(status, body, headers = {}) {
  return new Response(body === null ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/**
 * A fake server. `doc` is the stored progress document; every write bumps the ETag.
 * Options: fail(req) → Response|Error|null to inject failures; details {"c/r/k": body}.
 */
export function fakeServer({ doc = {}, details = {}, fail = null } = {}) {
  const srv = {
    doc: JSON.parse(JSON.stringify(doc)),
    version: 1,
    requests: [],
    get etag() {
      return `"v${srv.version}"`;
    },
    /** Another client writes (unconditionally). */
    write(next) {
      srv.doc = JSON.parse(JSON.stringify(next));
      srv.version += 1;
    },
    posts() {
      return srv.requests.filter((r) => r.method === 'POST');
    },
    gets() {
      return srv.requests.filter((r) => r.method === 'GET' && r.path === 'api/progress');
    },
  };
  srv.fetch = async (url, opts = {}) => {
    const u = new URL(url);
    const path = u.pathname.replace(/^\//, '');
    const headers = opts.headers || {};
    const method = opts.method || 'GET';
    const req = { method, path, headers, body: opts.body, keepalive: !!opts.keepalive };
    srv.requests.push(req);
    if (fail) {
      const f = fail(req, srv);
      if (f instanceof Error) throw f;
      if (f) return f;
    }
    if (path === 'api/progress') {
      if (method === 'GET') {
        if (headers['If-None-Match'] === srv.etag) return new Response(null, { status: 304, headers: { ETag: srv.etag } });
        return json(200, srv.doc, { ETag: srv.etag });
      }
      const ifMatch = headers['If-Match'];
      if (ifMatch && ifMatch !== '*' && ifMatch !== srv.etag) {
        return json(412, { error: 'precondition_failed', etag: srv.etag }, { ETag: srv.etag });
      }
      srv.write(JSON.parse(opts.body));
      return json(200, { status: 'saved' }, { ETag: srv.etag });
    }
    const m = /^api\/course-detail\/(\d+)\/(\d+)\/(\d+)$/.exec(path);
    if (m) {
      const body = details[`${m[1]}/${m[2]}/${m[3]}`];
      return body ? json(200, body) : json(404, { error: 'course_not_found' });
    }
    return json(404, { error: 'not_found' });
  };
  return srv;
}

export const T = (n) => new Date(Date.parse('2026-01-01T00:00:00.000Z') + n * 1000).toISOString();
export const complete = (at, extra = {}) => ({ status: 'complete', completedAt: at, ...extra });
export const watching = (at, watchTime = 10, extra = {}) => ({ status: 'in_progress', lastWatched: at, watchTime, ...extra });
export const reset = (at, extra = {}) => ({ status: 'not_started', resetAt: at, ...extra });
