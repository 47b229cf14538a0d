'use strict';

// Event delivery through the EventEmitter: on the loop, in order, in chunks,
// from any thread, with overflow reported, and stoppable.

const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { t, engineFor, collect, FAST_TICKER } = require('./helpers');

test('events arrive on the event loop, never inside the call that caused them', async (tc) => {
  const e = engineFor(tc);
  const seen = [];
  e.on('session', (event) => seen.push(event));
  const users = collect(e, 'user', 1);
  e.open('tab-1', { userId: 'ann', now: t(0) });
  assert.deepEqual(seen, []);
  const [user] = await users;
  assert.equal(seen.length, 1);
  assert.deepEqual(seen[0], {
    kind: 'session',
    seq: 1,
    at: t(0),
    publishedAt: t(0),
    sessionId: 'tab-1',
    userId: 'ann',
    oldState: 'offline',
    newState: 'active',
    confidence: 1,
    confidenceBucket: 'high',
    lastSeenAt: t(0),
  });
  assert.deepEqual(user, {
    kind: 'user',
    seq: 2,
    at: t(0),
    publishedAt: t(0),
    userId: 'ann',
    sessionCount: 1,
    oldState: 'offline',
    newState: 'active',
    confidence: 1,
    confidenceBucket: 'high',
    lastSeenAt: t(0),
    availability: 'available',
  });
});

test("'change' carries every event in sequence order", async (tc) => {
  const e = engineFor(tc);
  const changes = collect(e, 'change', 9);
  e.open('a', { userId: 'ann', now: t(0) });
  e.open('b', { userId: 'bob', now: t(0) });
  e.leave('a', { now: t(1) });
  const events = await changes;
  const about = (ev) => {
    if (ev.kind === 'session') return [ev.sessionId, ev.newState];
    if (ev.kind === 'user') return [ev.userId, ev.newState];
    if (ev.kind === 'readiness') return [ev.targetId, ev.ready];
    throw new Error(`unexpected ${ev.kind} event`);
  };
  assert.deepEqual(
    events.map((ev) => [ev.seq, ev.kind, ...about(ev)]),
    [
      [1, 'session', 'a', 'active'],
      [2, 'user', 'ann', 'active'],
      [3, 'readiness', 'ann', true],
      [4, 'session', 'b', 'active'],
      [5, 'user', 'bob', 'active'],
      [6, 'readiness', 'bob', true],
      [7, 'session', 'a', 'offline'],
      [8, 'user', 'ann', 'offline'],
      [9, 'readiness', 'ann', false],
    ],
  );
});

test('only events published after the first listener are delivered', async (tc) => {
  const e = engineFor(tc);
  e.open('before', { userId: 'ann', now: t(0) });
  const [event] = await new Promise((resolve) => {
    e.once('session', (ev) => resolve([ev]));
    e.open('after', { userId: 'bob', now: t(1) });
  });
  assert.equal(event.sessionId, 'after');
});

test('under load: every event, in order, in chunks that leave the loop free', async (tc) => {
  const e = engineFor(tc, { eventBufferCapacity: 200_000 });
  const n = 20_000;
  let turn = 0;
  let spinning = true;
  const spin = () => {
    turn++;
    if (spinning) setImmediate(spin);
  };
  setImmediate(spin);
  const perTurn = new Map();
  let expected = 1;
  let outOfOrder = 0;
  const done = new Promise((resolve) => {
    e.on('change', (event) => {
      if (event.seq !== expected) outOfOrder++;
      expected = event.seq + 1;
      perTurn.set(turn, (perTurn.get(turn) ?? 0) + 1);
      if (event.seq === total) resolve();
    });
  });
  // Each open publishes three events: the session, the user, its readiness.
  const total = 3 * n;
  for (let i = 0; i < n; i++) e.open(`s${i}`, { userId: `u${i}`, now: t(0) });
  await done;
  spinning = false;
  assert.equal(outOfOrder, 0);
  assert.equal(expected, total + 1);
  // Chunks of 256: the wake-up's and at most one continuation per turn.
  assert.ok(Math.max(...perTurn.values()) <= 512, `max per turn ${Math.max(...perTurn.values())}`);
  assert.ok(perTurn.size >= total / 512);
});

test('events published by the native ticker thread are delivered', async (tc) => {
  const e = engineFor(tc, FAST_TICKER);
  const offline = new Promise((resolve) => {
    e.on('user', (ev) => ev.newState === 'offline' && resolve(ev));
  });
  e.open('tab-1', { userId: 'ann' });
  const event = await offline;
  assert.equal(event.userId, 'ann');
  assert.equal(event.oldState, 'stale');
  assert.equal(event.sessionCount, 0);
});

test("falling behind the buffer emits 'overflow' and resumes at the oldest kept event", async (tc) => {
  const e = engineFor(tc, { eventBufferCapacity: 8 });
  const received = [];
  e.on('change', (ev) => received.push(ev.seq));
  const overflow = collect(e, 'overflow', 1);
  for (let i = 0; i < 20; i++) e.open(`s${i}`, { userId: `u${i}`, now: t(0) });
  const [info] = await overflow; // 60 events (3 per open), the last 8 kept
  assert.deepEqual(info, { afterSeq: 0, resumeSeq: 52 });
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(received, [53, 54, 55, 56, 57, 58, 59, 60]);
});

test('removing the last listener stops delivery; a new one starts afresh', async (tc) => {
  const e = engineFor(tc);
  const first = [];
  const listener = (ev) => first.push(ev.seq);
  e.on('change', listener);
  e.open('a', { now: t(0) });
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.deepEqual(first, [1]);
  e.off('change', listener);
  e.open('b', { now: t(1) });
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.deepEqual(first, [1]);
  const again = collect(e, 'change', 1);
  e.open('c', { now: t(2) });
  assert.deepEqual(
    (await again).map((ev) => ev.seq),
    [3],
  );
});

test('close() with listeners attached stops delivery cleanly', async () => {
  const { Engine } = require('..');
  const e = new Engine({ debounceActiveMs: 0 });
  const seen = [];
  e.on('change', (ev) => seen.push(ev));
  e.open('a', { now: t(0) });
  e.close(); // the wake-up is already queued: it must find the engine closed
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.deepEqual(seen, []);
});

test('a subscribed engine keeps the process alive unless unref()ed', () => {
  const script = (unref) => `
    const { Engine } = require(${JSON.stringify(path.join(__dirname, '..'))});
    const e = new Engine({ tickIntervalMs: 5 });
    e.on('change', () => {});
    ${unref ? 'e.unref();' : ''}
  `;
  const unrefd = spawnSync(process.execPath, ['-e', script(true)], { timeout: 10_000 });
  assert.equal(unrefd.status, 0, 'exits by itself once unref()ed');
  const refd = spawnSync(process.execPath, ['-e', script(false)], { timeout: 1500 });
  assert.equal(refd.signal, 'SIGTERM', 'still running until killed');
});

test('events carry ids of any script intact (1- to 4-byte UTF-8)', (tc) => {
  const e = engineFor(tc);
  const cases = [
    ['tab-ascii', 'ann'],
    ['tab-€uro', 'Zoë'],
    ['😀-tab', '用户-🙂'],
    ['guest-Ω', null],
    ['x'.repeat(120), 'y'.repeat(128)],
  ];
  for (const [sessionId, userId] of cases) e.open(sessionId, { userId, now: t(0) });
  const events = e.changesSince(0).events;
  const sessions = events.filter((ev) => ev.kind === 'session');
  assert.deepEqual(
    sessions.map((ev) => [ev.sessionId, ev.userId]),
    cases,
  );
  assert.deepEqual(
    events.filter((ev) => ev.kind === 'user').map((ev) => ev.userId),
    cases.map(([, user]) => user).filter((user) => user !== null),
  );
});
