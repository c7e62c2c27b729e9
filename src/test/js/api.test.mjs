import { test } from 'node:test';
import assert from 'node:assert/strict';
import { viewerModule } from './paths.mjs';

const api = await import(viewerModule('api.js'));
const BASE = 'http://example.test/ctx/index.html';

function response(status, body, headers = {}) {
  return new Response(status === 304 ? null : (typeof body === 'string' ? body : JSON.stringify(body)), { status, headers });
}

/** A fake fetch answering from a list, recording calls. */
function fakeFetch(answers) {
  const calls = [];
  const fn = async (url, init) => {
    calls.push({ url, init });
    const next = answers.length > 1 ? answers.shift() : answers[0];
    return typeof next === 'function' ? next(url, init) : next.clone(); // fresh body per call
  };
  fn.calls = calls;
  return fn;
}

const GOOD = { categories: [{ id: 'x', routes: [] }], stats: {} };
const noWait = async () => {};

test('URLs are relative to the context root, never root-absolute', () => {
  assert.equal(api.apiUrl('api/bootstrap', BASE), 'http://example.test/ctx/api/bootstrap');
  assert.equal(api.apiUrl('/api/bootstrap', BASE), 'http://example.test/ctx/api/bootstrap');
  assert.equal(api.apiUrl('api/cache-meta', 'http://h/a/b/'), 'http://h/a/b/api/cache-meta');
});

test('ApiError codes are <area>_<kind>', () => {
  const e = new api.ApiError('bootstrap', 'http_500', '/api/bootstrap', { status: 500 });
  assert.equal(e.code, 'bootstrap_http_500');
  assert.equal(e.endpoint, '/api/bootstrap');
  assert.equal(api.courseDetailEndpoint(0, 1, 2), '/api/course-detail/0/1/2');
});

test('bootstrap succeeds with no-store and keeps the ETag', async () => {
  const f = fakeFetch([response(200, GOOD, { ETag: '"v1"' })]);
  const res = await api.loadBootstrap({ fetchImpl: f, base: BASE, wait: noWait });
  assert.deepEqual(res, { notModified: false, etag: '"v1"', data: GOOD });
  assert.equal(f.calls.length, 1);
  assert.equal(f.calls[0].url, 'http://example.test/ctx/api/bootstrap');
  assert.equal(f.calls[0].init.cache, 'no-store');
  assert.deepEqual(f.calls[0].init.headers, {});
});

test('an empty catalogue is retried, then reported as bootstrap_empty after 8 tries', async () => {
  const waits = [];
  const f = fakeFetch([response(200, { categories: [], stats: {} })]);
  const attempts = [];
  await assert.rejects(
    api.loadBootstrap({ fetchImpl: f, base: BASE, wait: async (ms) => waits.push(ms), onAttempt: (n, total) => attempts.push(`${n}/${total}`) }),
    (err) => err.code === 'bootstrap_empty' && err.endpoint === '/api/bootstrap',
  );
  assert.equal(f.calls.length, 8);
  assert.deepEqual(waits, [1200, 1200, 1200, 1200, 1200, 1200, 1200]);
  assert.equal(attempts.at(-1), '8/8');
});

test('an empty answer followed by a good one recovers', async () => {
  const f = fakeFetch([response(200, { categories: [] }), response(500, { error: 'internal_error' }), response(200, GOOD)]);
  const res = await api.loadBootstrap({ fetchImpl: f, base: BASE, wait: noWait });
  assert.deepEqual(res.data, GOOD);
  assert.equal(f.calls.length, 3);
});

test('failure kinds: http_<status>, network, invalid_payload, timeout', async () => {
  const run = (answers, opts = {}) => api.loadBootstrap({ fetchImpl: fakeFetch(answers), base: BASE, wait: noWait, tries: 2, ...opts });
  await assert.rejects(run([response(500, { error: 'x' })]), { code: 'bootstrap_http_500' });
  await assert.rejects(run([() => { throw new TypeError('Failed to fetch'); }]), { code: 'bootstrap_network' });
  await assert.rejects(run([response(200, '<html>')]), { code: 'bootstrap_invalid_payload' });
  await assert.rejects(run([response(200, { categories: 'no' })]), { code: 'bootstrap_invalid_payload' });
  const hang = (url, init) => new Promise((resolve, reject) => {
    init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
  });
  await assert.rejects(run([hang], { timeout: 20 }), (err) => err.code === 'bootstrap_timeout' && err.endpoint === '/api/bootstrap');
});

test('a copy in memory is revalidated with If-None-Match; 304 keeps it', async () => {
  const f = fakeFetch([response(304, null, { ETag: '"v1"' })]);
  const res = await api.loadBootstrap({ etag: '"v1"', fetchImpl: f, base: BASE, wait: noWait });
  assert.deepEqual(res, { notModified: true, etag: '"v1"', data: null });
  assert.deepEqual(f.calls[0].init.headers, { 'If-None-Match': '"v1"' });
});

test('progress: one try, object body required, ETag kept', async () => {
  const ok = await api.loadProgress({ fetchImpl: fakeFetch([response(200, { a: 1 }, { ETag: '"p1"' })]), base: BASE });
  assert.deepEqual(ok, { notModified: false, etag: '"p1"', data: { a: 1 } });
  await assert.rejects(api.loadProgress({ fetchImpl: fakeFetch([response(200, [1])]), base: BASE }), { code: 'progress_invalid_payload' });
  const f = fakeFetch([response(500, { error: 'x' }), response(200, {})]);
  await assert.rejects(api.loadProgress({ fetchImpl: f, base: BASE }), (err) => err.code === 'progress_http_500' && err.endpoint === '/api/progress');
  assert.equal(f.calls.length, 1, 'no retry');
});

test('saveProgress posts the whole map with If-Match and returns the new ETag', async () => {
  const f = fakeFetch([response(200, { status: 'saved' }, { ETag: '"p2"' })]);
  const res = await api.saveProgress({ k: { status: 'complete' } }, { etag: '"p1"', fetchImpl: f, base: BASE });
  assert.deepEqual(res, { etag: '"p2"' });
  const { init } = f.calls[0];
  assert.equal(init.method, 'POST');
  assert.equal(init.headers['If-Match'], '"p1"');
  assert.equal(init.headers['Content-Type'], 'application/json');
  assert.deepEqual(JSON.parse(init.body), { k: { status: 'complete' } });
  await assert.rejects(api.saveProgress({}, { etag: '"old"', fetchImpl: fakeFetch([response(412, { error: 'precondition_failed' })]), base: BASE }), { code: 'progress_http_412' });
});
