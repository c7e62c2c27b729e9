// Course details (api.md §3.5, viewer.md §4 "Course"): fetched once per course and cached for the
// page's life; concurrent callers share one fetch; 2 tries, 10 s timeout each, 0.5 s apart.
// Used by the course and route views, the player and the progress key migration.
// Import-safe in Node: fetch, timers and the base URL can be injected.

import { requestJson, courseDetailEndpoint, ApiError, sleep } from './api.js';

const cache = new Map(); // "c/r/k" → Promise<detail>
const loaded = new Map(); // "c/r/k" → detail, once a fetch succeeded

/**
 * The course detail for (c, r, k) (k = 0 for a course-route). Resolves the detail object; rejects
 * with ApiError area `course_detail` (code `course_detail_<kind>`, endpoint
 * `/api/course-detail/c/r/k`). A failure is not cached, so a later call tries again.
 */
export function loadCourseDetail(c, r, k, { tries = 2, delay = 500, timeout = 10000, fetchImpl, base, wait = sleep } = {}) {
  const key = `${c}/${r}/${k}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const endpoint = courseDetailEndpoint(c, r, k);
  const promise = (async () => {
    let lastError = null;
    for (let attempt = 1; attempt <= tries; attempt++) {
      if (attempt > 1) await wait(delay);
      try {
        const res = await requestJson(`api/course-detail/${c}/${r}/${k}`,
          { area: 'course_detail', endpoint, timeout, fetchImpl, base, cache: 'no-cache' });
        if (res.data === null || typeof res.data !== 'object' || Array.isArray(res.data)) {
          throw new ApiError('course_detail', 'invalid_payload', endpoint, { status: res.status });
        }
        loaded.set(key, res.data);
        return res.data;
      } catch (err) {
        lastError = err instanceof ApiError ? err : new ApiError('course_detail', 'network', endpoint, { cause: err });
        if (lastError.status === 404) lastError = new ApiError('course_detail', 'not_found', endpoint, { status: 404 });
        if (lastError.kind === 'not_found') break; // retrying a 404 cannot help
      }
    }
    throw lastError;
  })();
  cache.set(key, promise);
  promise.catch(() => { if (cache.get(key) === promise) cache.delete(key); });
  return promise;
}

/** The detail if it was already loaded successfully, else null (never fetches). */
export function peekCourseDetail(c, r, k) {
  return loaded.get(`${c}/${r}/${k}`) || null;
}

/** Forgets every cached detail (a new catalogue version was loaded; tests). */
export function clearCourseDetails() {
  cache.clear();
  loaded.clear();
}
