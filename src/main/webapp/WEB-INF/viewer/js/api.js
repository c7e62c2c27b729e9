// API client (viewer.md §3, api.md §3.3–3.8). Every URL is relative to the context root and
// resolved against document.baseURI, so the viewer works under any context path.
// The module is import-safe in Node: fetch, timers and the base URL can be injected.

/** Display endpoints per error area: the path relative to the context root (never "unknown"). */
export const ENDPOINTS = Object.freeze({
  bootstrap: '/api/bootstrap',
  progress: '/api/progress',
  cacheMeta: '/api/cache-meta',
});

export function courseDetailEndpoint(c, r, k) {
  return `/api/course-detail/${c}/${r}/${k}`;
}

/** An API failure with a stable code `<area>_<kind>` (viewer.md §3 "Fatal screen"). */
export class ApiError extends Error {
  constructor(area, kind, endpoint, { status = null, cause = null } = {}) {
    super(`${area}_${kind} (${endpoint})`);
    this.name = 'ApiError';
    this.area = area;
    this.kind = kind;
    this.endpoint = endpoint;
    this.status = status;
    if (cause) this.cause = cause;
  }

  get code() {
    return `${this.area}_${this.kind}`;
  }
}

/** Turns a context-relative path ("api/bootstrap") into an absolute URL. */
export function apiUrl(path, base) {
  const rel = String(path).replace(/^\/+/, ''); // never root-absolute
  const b = base || (typeof document !== 'undefined' ? document.baseURI : undefined);
  return b ? new URL(rel, b).href : rel;
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One HTTP request with a timeout, classified into ApiError kinds.
 * Resolves {status, etag, data} where data is the parsed JSON (undefined for 304).
 * Rejects with ApiError(area, kind, endpoint):
 *   timeout · network · http_<status> · invalid_payload (body is not JSON).
 */
export async function requestJson(path, {
  area,
  endpoint,
  method = 'GET',
  headers = {},
  body,
  timeout = 10000,
  cache = 'no-store',
  keepalive = false,
  fetchImpl,
  base,
} = {}) {
  const doFetch = fetchImpl || globalThis.fetch;
  const ctrl = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ctrl.abort();
  }, timeout);
  let res;
  let text;
  try {
    res = await doFetch(apiUrl(path, base), {
      method,
      headers,
      body,
      cache,
      keepalive,
      credentials: 'same-origin',
      signal: ctrl.signal,
    });
    if (res.status === 304) return { status: 304, etag: res.headers.get('ETag'), data: undefined };
    text = await res.text(); // the timeout still covers the body
  } catch (err) {
    throw new ApiError(area, timedOut ? 'timeout' : 'network', endpoint, { cause: err });
  } finally {
    clearTimeout(timer);
  }
  if (!res.ok) {
    throw new ApiError(area, `http_${res.status}`, endpoint, { status: res.status });
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ApiError(area, 'invalid_payload', endpoint, { status: res.status, cause: err });
  }
  return { status: res.status, etag: res.headers.get('ETag'), data };
}

function isPlainObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Validates a bootstrap body; returns the ApiError kind or null when usable. */
export function bootstrapProblem(data) {
  if (!isPlainObject(data) || !Array.isArray(data.categories)) return 'invalid_payload';
  if (data.categories.length === 0) return 'empty';
  return null;
}

/**
 * GET api/bootstrap: up to `tries` attempts, `delay` ms apart, `timeout` ms each,
 * cache "no-store". An empty `categories` array means "not ready" and is retried.
 * With `etag` (a copy is in memory) the request carries If-None-Match; a 304 resolves
 * {notModified:true}. After the last try the last error is thrown (`bootstrap_empty` when the
 * catalogue stayed empty).
 */
export async function loadBootstrap({
  etag = null,
  tries = 8,
  delay = 1200,
  timeout = 10000,
  onAttempt,
  fetchImpl,
  base,
  wait = sleep,
} = {}) {
  const endpoint = ENDPOINTS.bootstrap;
  let lastError = null;
  for (let attempt = 1; attempt <= tries; attempt++) {
    if (attempt > 1) await wait(delay);
    if (typeof onAttempt === 'function') onAttempt(attempt, tries, lastError);
    try {
      const headers = etag ? { 'If-None-Match': etag } : {};
      const res = await requestJson('api/bootstrap', { area: 'bootstrap', endpoint, headers, timeout, fetchImpl, base });
      if (res.status === 304) return { notModified: true, etag: res.etag || etag, data: null };
      const problem = bootstrapProblem(res.data);
      if (problem) throw new ApiError('bootstrap', problem, endpoint, { status: res.status });
      return { notModified: false, etag: res.etag, data: res.data };
    } catch (err) {
      lastError = err instanceof ApiError ? err : new ApiError('bootstrap', 'network', endpoint, { cause: err });
    }
  }
  throw lastError;
}

/**
 * GET api/progress (6 s timeout, one try). Resolves {etag, data}; a body that is not a JSON
 * object is `progress_invalid_payload`. With `etag`, sends If-None-Match and resolves
 * {notModified:true} on 304.
 */
export async function loadProgress({ etag = null, timeout = 6000, fetchImpl, base } = {}) {
  const endpoint = ENDPOINTS.progress;
  const headers = etag ? { 'If-None-Match': etag } : {};
  const res = await requestJson('api/progress', { area: 'progress', endpoint, headers, timeout, fetchImpl, base });
  if (res.status === 304) return { notModified: true, etag: res.etag || etag, data: null };
  if (!isPlainObject(res.data)) throw new ApiError('progress', 'invalid_payload', endpoint, { status: res.status });
  return { notModified: false, etag: res.etag, data: res.data };
}

/**
 * POST api/progress with the whole map (api.md §3.8). `etag` becomes If-Match.
 * Resolves {etag} on 200; rejects with ApiError (`progress_http_412` on a conflict).
 */
export async function saveProgress(map, { etag = null, timeout = 6000, fetchImpl, base } = {}) {
  const headers = { 'Content-Type': 'application/json' };
  if (etag) headers['If-Match'] = etag;
  const res = await requestJson('api/progress', {
    area: 'progress',
    endpoint: ENDPOINTS.progress,
    method: 'POST',
    headers,
    body: JSON.stringify(map),
    timeout,
    fetchImpl,
    base,
  });
  return { etag: res.etag };
}
