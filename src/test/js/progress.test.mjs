import { test } from 'node:test';
import assert from 'node:assert/strict';
import { viewerModule } from './paths.mjs';

const { pickRecord, mergeProgress, recordTime, statusRank, isTombstone, sameJson, POSITIONAL_KEY } = await import(viewerModule('progress.js'));

const complete = (at) => ({ status: 'complete', completedAt: at });
const watching = (at, watchTime = 10) => ({ status: 'in_progress', lastWatched: at, watchTime });
const reset = (at) => ({ status: 'not_started', resetAt: at });
const T1 = '2026-01-01T10:00:00.000Z';
const T2 = '2026-01-02T10:00:00.000Z';

test('record helpers', () => {
  assert.equal(statusRank(complete(T1)), 2);
  assert.equal(statusRank(watching(T1)), 1);
  assert.equal(statusRank(reset(T1)), 0);
  assert.equal(statusRank('junk'), 0);
  assert.ok(isTombstone(reset(T1)));
  assert.ok(!isTombstone(complete(T1)));
  assert.equal(recordTime(complete(T1)), Date.parse(T1));
  assert.equal(recordTime(watching(T2)), Date.parse(T2));
  assert.equal(recordTime(reset(T2)), Date.parse(T2));
  assert.equal(recordTime(complete('not a date')), 0, 'unparsable = 0');
  assert.equal(recordTime(null), 0);
});

test('only one side has the key → that record', () => {
  assert.deepEqual(pickRecord(undefined, watching(T1)), watching(T1));
  assert.deepEqual(pickRecord(complete(T1), undefined), complete(T1));
});

test('complete beats in_progress whatever the timestamps', () => {
  assert.deepEqual(pickRecord(complete(T1), watching(T2)), complete(T1));
  assert.deepEqual(pickRecord(watching(T2), complete(T1)), complete(T1));
  assert.deepEqual(pickRecord({ status: 'weird' }, watching(T1)), watching(T1));
});

test('equal statuses: the newer timestamp wins, ties go to the server', () => {
  assert.deepEqual(pickRecord(watching(T1, 1), watching(T2, 2)), watching(T2, 2));
  assert.deepEqual(pickRecord(watching(T2, 1), watching(T1, 2)), watching(T2, 1));
  assert.deepEqual(pickRecord(watching(T1, 1), watching(T1, 2)), watching(T1, 1), 'tie → server');
  assert.deepEqual(pickRecord(complete('bad'), complete('also bad')), complete('bad'), 'both 0 → server');
});

test('a reset tombstone against another record: the newer timestamp wins', () => {
  assert.deepEqual(pickRecord(complete(T1), reset(T2)), reset(T2), 'un-marking after completion sticks');
  assert.deepEqual(pickRecord(reset(T1), complete(T2)), complete(T2), 'completing after a reset wins');
  assert.deepEqual(pickRecord(reset(T2), watching(T1)), reset(T2));
  assert.deepEqual(pickRecord(reset(T1), reset(T1)), reset(T1));
  assert.deepEqual(pickRecord(complete(T1), { status: 'not_started', resetAt: T1 }), complete(T1), 'tie → server');
});

test('mergeProgress merges the union of keys without touching the inputs', () => {
  const server = { a: complete(T1), b: watching(T1), c: watching(T2) };
  const local = { a: watching(T2), b: watching(T2), d: complete(T1) };
  const before = JSON.stringify([server, local]);
  assert.deepEqual(mergeProgress(server, local), { a: complete(T1), b: watching(T2), c: watching(T2), d: complete(T1) });
  assert.equal(JSON.stringify([server, local]), before);
  assert.deepEqual(mergeProgress(null, local), local);
  assert.deepEqual(mergeProgress(server, []), server);
});

test('sameJson ignores key order', () => {
  assert.ok(sameJson({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 }));
  assert.ok(!sameJson({ a: 1 }, { a: 1, b: 2 }));
  assert.ok(!sameJson({ a: [1, 2] }, { a: [2, 1] }));
  assert.ok(!sameJson({ a: null }, { a: {} }));
});

test('positional keys are recognised', () => {
  assert.ok(POSITIONAL_KEY.test('0|1|0|0|0'));
  assert.ok(!POSITIONAL_KEY.test('local:sql/01-consultas.mp4'));
  assert.ok(!POSITIONAL_KEY.test('0|1|0|0'));
  assert.ok(!POSITIONAL_KEY.test('1PandasVideo0001'));
});
