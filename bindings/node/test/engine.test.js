'use strict';

// The whole Engine API over the C ABI: signals, lifecycle by time, reads.

const test = require('node:test');
const assert = require('node:assert/strict');
const { Engine, DEFAULTS, versions, ClosedError } = require('..');
const { t, engineFor, FAST_TICKER } = require('./helpers');

test('versions name the C library, its ABI and the Node-API version', () => {
  const v = versions();
  assert.equal(v.version, '0.1.0');
  assert.equal(v.versionNumber, 100);
  assert.equal(v.abiVersion, 1);
  assert.equal(v.headerAbiVersion, v.abiVersion);
  assert.equal(v.napiVersion, 8);
});

test('DEFAULTS are the C library defaults', () => {
  assert.equal(DEFAULTS.idleAfterMs, 60_000);
  assert.equal(DEFAULTS.awayAfterMs, 300_000);
  assert.equal(DEFAULTS.heartbeatActiveMs, 15_000);
  assert.equal(DEFAULTS.sessionTtlMs, 120_000);
  assert.equal(DEFAULTS.debounceActiveMs, 500);
  assert.equal(DEFAULTS.debounceOfflineMs, 2000);
  assert.equal(DEFAULTS.eventBufferCapacity, 65_536);
  assert.equal(DEFAULTS.maxIdBytes, 128);
  assert.equal(DEFAULTS.maxSessionsPerUser, 64);
  assert.equal(DEFAULTS.maxSessions, 0);
  assert.equal(DEFAULTS.roomArrivingMs, 60_000);
  assert.equal(DEFAULTS.roomMomentumHalfLifeMs, 300_000);
  assert.equal(DEFAULTS.maxRoomsPerSession, 32);
  assert.equal(DEFAULTS.maxRooms, 0);
  assert.equal(DEFAULTS.readinessWeightState, 0.7);
  assert.equal(DEFAULTS.readinessWeightRecency, 0.3);
  assert.equal(DEFAULTS.readinessRecencyWindowMs, 300_000);
  assert.equal(DEFAULTS.readinessBusyFactor, 0.5);
  assert.equal(DEFAULTS.readinessRoomWeightMembers, 0.5);
  assert.equal(DEFAULTS.readinessRoomWeightDensity, 0.5);
  assert.equal(DEFAULTS.readinessRoomQuorum, 2);
  assert.equal(DEFAULTS.readinessReadyThreshold, 0.7);
  assert.equal(DEFAULTS.readinessUnreadyThreshold, 0.5);
  assert.equal(DEFAULTS.maxIntentsPerCaller, 32);
  assert.equal(DEFAULTS.maxIntentTtlMs, 86_400_000);
  assert.equal(DEFAULTS.maxCatchUpSteps, 0);
  assert.equal(DEFAULTS.requireResumeToken, false);
  assert.equal(Object.keys(DEFAULTS).length, 38);
  assert.ok(Object.isFrozen(DEFAULTS));
});

test('a new session is active and told the active interval', (tc) => {
  const e = engineFor(tc);
  const { resumeToken, ...opened } = e.open('tab-1', { userId: 'ann', now: t(0) });
  assert.deepEqual(opened, { continued: false, heartbeatIntervalMs: 15_000, state: 'active' });
  assert.match(resumeToken, /^[0-9a-f]{32}$/);
  const s = e.getSession('tab-1', { now: t(0) });
  assert.equal(s.sessionId, 'tab-1');
  assert.equal(s.userId, 'ann');
  assert.equal(s.state, 'active');
  assert.equal(s.connected, true);
  assert.equal(s.visible, true);
  assert.equal(s.reconnecting, false);
  assert.equal(s.confidence, 1);
  assert.equal(s.confidenceBucket, 'high');
  assert.equal(s.lastSignalAt, t(0));
  assert.equal(s.lastActivityAt, t(0));
  assert.equal(s.since, t(0));
  assert.equal(s.heartbeatIntervalMs, 15_000);
  assert.equal(s.meta, null);
  assert.equal(s.transportId, null);
  assert.equal(s.originNode, 0);
  assert.ok(s.version >= 1);
  assert.equal(s.trueState, 'active');
  assert.equal('openedAt' in s, false);
  assert.equal(e.now(), t(0));
});

test('open stores metadata, a transport and the initial visibility', (tc) => {
  const e = engineFor(tc);
  e.open('tab-1', {
    userId: 'ann',
    meta: '{"device":"phone"}',
    transportId: 'sock-1',
    visibility: 'hidden',
    now: t(0),
  });
  const s = e.getSession('tab-1', { now: t(0) });
  assert.equal(s.meta, '{"device":"phone"}');
  assert.equal(s.transportId, 'sock-1');
  assert.equal(s.visible, false);
  assert.equal(s.heartbeatIntervalMs, 60_000);
});

test('idle and away are reached by time while heartbeats continue', (tc) => {
  const e = engineFor(tc);
  e.open('tab-1', { userId: 'ann', now: t(0) });
  for (let s = 15; s < 60; s += 15) e.heartbeat('tab-1', { activity: 'idle', now: t(s) });
  assert.equal(e.getSession('tab-1', { now: t(59.999) }).state, 'active');
  assert.equal(e.getSession('tab-1', { now: t(60) }).state, 'idle');
  assert.equal(e.heartbeat('tab-1', { activity: 'idle', now: t(60) }), 30_000);
  for (let s = 90; s < 300; s += 30) e.heartbeat('tab-1', { activity: 'idle', now: t(s) });
  assert.equal(e.getSession('tab-1', { now: t(299) }).state, 'idle');
  assert.equal(e.getSession('tab-1', { now: t(300) }).state, 'away');
});

test('activity brings an idle session back', (tc) => {
  const e = engineFor(tc);
  e.open('tab-1', { userId: 'ann', now: t(0) });
  e.heartbeat('tab-1', { now: t(50) });
  assert.equal(e.getSession('tab-1', { now: t(61) }).state, 'idle');
  e.activity('tab-1', { now: t(62) });
  assert.equal(e.getSession('tab-1', { now: t(62) }).state, 'active');
  assert.equal(e.getSession('tab-1', { now: t(62) }).lastActivityAt, t(62));
});

test('missed heartbeats make a session stale, then offline, by time', (tc) => {
  const e = engineFor(tc);
  e.open('tab-1', { userId: 'ann', now: t(0) });
  assert.equal(e.getSession('tab-1', { now: t(24.999) }).state, 'active');
  const stale = e.getSession('tab-1', { now: t(25) });
  assert.equal(stale.state, 'stale');
  assert.equal(stale.confidenceBucket, 'low');
  assert.equal(e.getUser('ann', { now: t(119.999) }).user.state, 'stale');
  e.advance({ now: t(120) });
  assert.throws(() => e.getSession('tab-1', { now: t(120) }), { code: 'PE_NOT_FOUND' });
  const ann = e.getUser('ann', { now: t(120) });
  assert.equal(ann.user.state, 'offline');
  assert.equal(ann.user.sessionCount, 0);
  assert.equal(ann.user.lastSeenAt, t(0));
  assert.deepEqual(ann.sessions, []);
});

test('a disconnect holds the state for the grace window, then stale, then offline', (tc) => {
  const e = engineFor(tc);
  e.open('tab-1', { userId: 'ann', now: t(0) });
  e.disconnect('tab-1', { now: t(5) });
  const held = e.getSession('tab-1', { now: t(20) });
  assert.equal(held.state, 'active');
  assert.equal(held.reconnecting, true);
  assert.equal(held.connected, false);
  assert.equal(held.confidenceBucket, 'medium');
  assert.equal(e.counts({ now: t(20) }).sessions.reconnecting, 1);
  e.disconnect('tab-1', { now: t(21) }); // idempotent
  assert.equal(e.getSession('tab-1', { now: t(34.9) }).state, 'active');
  assert.equal(e.getSession('tab-1', { now: t(35) }).state, 'stale');
  assert.equal(e.getUser('ann', { now: t(120) }).user.state, 'offline');
});

test('a reconnect inside the window continues the session without forcing active', (tc) => {
  const e = engineFor(tc);
  e.open('tab-1', { userId: 'ann', transportId: 'sock-1', now: t(0) });
  e.heartbeat('tab-1', { now: t(50) });
  assert.equal(e.getSession('tab-1', { now: t(65) }).state, 'idle');
  e.disconnectTransport('sock-1', { now: t(70) });
  const again = e.open('tab-1', { userId: 'ann', transportId: 'sock-2', now: t(80) });
  assert.equal(again.continued, true);
  assert.equal(again.state, 'idle');
  const s = e.getSession('tab-1', { now: t(80) });
  assert.equal(s.reconnecting, false);
  assert.equal(s.transportId, 'sock-2');
  // The old transport is unknown now: its late close cannot disturb the session.
  assert.throws(() => e.disconnectTransport('sock-1', { now: t(81) }), { code: 'PE_NOT_FOUND' });
  assert.equal(e.getSession('tab-1', { now: t(81) }).connected, true);
});

test('a reconnect after the TTL starts a new session', (tc) => {
  const e = engineFor(tc);
  e.open('tab-1', { userId: 'ann', now: t(0) });
  e.disconnect('tab-1', { now: t(1) });
  e.advance({ now: t(121) });
  const again = e.open('tab-1', { userId: 'ann', now: t(122) });
  assert.equal(again.continued, false);
  assert.equal(again.state, 'active');
});

test('leave is offline at once', (tc) => {
  const e = engineFor(tc);
  e.open('tab-1', { userId: 'ann', now: t(0) });
  e.leave('tab-1', { now: t(3) });
  assert.equal(e.getUser('ann', { now: t(3) }).user.state, 'offline');
  assert.equal(e.getUser('ann', { now: t(3) }).user.lastEvidence, 'leave');
  assert.throws(() => e.heartbeat('tab-1', { now: t(4) }), { code: 'PE_NOT_FOUND' });
});

test('a blur shorter than the tolerance changes nothing; a long one is away', (tc) => {
  const e = engineFor(tc);
  e.open('tab-1', { userId: 'ann', now: t(0) });
  e.visibility('tab-1', 'hidden', { now: t(5) });
  assert.equal(e.getSession('tab-1', { now: t(5) }).heartbeatIntervalMs, 60_000);
  assert.equal(e.getSession('tab-1', { now: t(14.9) }).state, 'active');
  e.visibility('tab-1', 'visible', { now: t(14.9) });
  assert.equal(e.getSession('tab-1', { now: t(20) }).state, 'active');
  e.visibility('tab-1', 'hidden', { now: t(20) });
  assert.equal(e.getSession('tab-1', { now: t(30) }).state, 'away');
  e.visibility('tab-1', 'visible', { now: t(40) });
  assert.equal(e.getSession('tab-1', { now: t(40) }).state, 'active');
});

test('heartbeat hints: hidden gets the long interval, active keeps the session active', (tc) => {
  const e = engineFor(tc);
  e.open('tab-1', { userId: 'ann', now: t(0) });
  assert.equal(e.heartbeat('tab-1', { visibility: 'hidden', now: t(10) }), 60_000);
  assert.equal(e.getSession('tab-1', { now: t(10) }).visible, false);
  e.open('tab-2', { userId: 'bob', now: t(0) });
  for (let s = 15; s <= 180; s += 15) e.heartbeat('tab-2', { activity: 'active', now: t(s) });
  assert.equal(e.getSession('tab-2', { now: t(190) }).state, 'active');
});

test('a user is derived from its sessions; closing one tab of two changes nothing', (tc) => {
  const e = engineFor(tc);
  e.open('tab-1', { userId: 'ann', now: t(0) });
  e.open('tab-2', { userId: 'ann', visibility: 'hidden', now: t(0) });
  let ann = e.getUser('ann', { now: t(1) });
  assert.equal(ann.user.state, 'active');
  assert.equal(ann.user.sessionCount, 2);
  assert.deepEqual(ann.sessions.map((s) => s.sessionId).sort(), ['tab-1', 'tab-2']);
  e.leave('tab-1', { now: t(2) });
  ann = e.getUser('ann', { now: t(20) });
  assert.equal(ann.user.sessionCount, 1);
  assert.equal(ann.user.state, 'away'); // the remaining tab is hidden
});

test('a guest session is identified later without losing its state', (tc) => {
  const e = engineFor(tc);
  e.open('tab-1', { now: t(0) });
  assert.equal(e.getSession('tab-1', { now: t(0) }).userId, null);
  assert.equal(e.counts({ now: t(0) }).sessions.guests, 1);
  e.identify('tab-1', 'ann', { now: t(1) });
  e.identify('tab-1', 'ann', { now: t(1) }); // same user: a no-op
  assert.equal(e.getSession('tab-1', { now: t(1) }).userId, 'ann');
  assert.equal(e.getSession('tab-1', { now: t(1) }).since, t(0));
  assert.equal(e.counts({ now: t(1) }).sessions.guests, 0);
  assert.throws(() => e.identify('tab-1', 'bob', { now: t(2) }), { code: 'PE_CONFLICT' });
});

test('counts separate concurrency from totals', (tc) => {
  const e = engineFor(tc);
  e.open('a1', { userId: 'ann', now: t(0) });
  e.open('a2', { userId: 'ann', now: t(0) });
  e.open('b1', { userId: 'bob', now: t(0) });
  e.open('g1', { now: t(0) });
  e.heartbeat('a1', { now: t(50) });
  e.heartbeat('b1', { activity: 'active', now: t(50) });
  const c = e.counts({ now: t(61) });
  assert.deepEqual(c, {
    sessions: {
      active: 1,
      idle: 1,
      away: 0,
      stale: 2,
      reconnecting: 0,
      alive: 4,
      guests: 1,
      invisible: 0,
    },
    users: { active: 1, idle: 1, away: 0, stale: 0, offline: 0, alive: 2, invisible: 0 },
    rooms: 0,
  });
  e.leave('b1', { now: t(62) });
  assert.equal(e.counts({ now: t(62) }).users.offline, 1);
  assert.equal(e.countSeen(3_600_000, { now: t(62) }), 2);
  assert.equal(e.countSeen(1000, { now: t(200) }), 0);
});

test('listUsers pages with a stable cursor; users() walks every page', (tc) => {
  const e = engineFor(tc);
  for (let i = 0; i < 7; i++) e.open(`s${i}`, { userId: `user-${i}`, now: t(0) });
  const first = e.listUsers({ limit: 3, now: t(1) });
  assert.deepEqual(
    first.users.map((u) => u.userId),
    ['user-0', 'user-1', 'user-2'],
  );
  assert.equal(typeof first.cursor, 'string');
  e.open('s-early', { userId: 'user-00', now: t(1) }); // sorts before the cursor
  const second = e.listUsers({ limit: 3, cursor: first.cursor, now: t(1) });
  assert.deepEqual(
    second.users.map((u) => u.userId),
    ['user-3', 'user-4', 'user-5'],
  );
  const last = e.listUsers({ limit: 3, cursor: second.cursor, now: t(1) });
  assert.deepEqual(
    last.users.map((u) => u.userId),
    ['user-6'],
  );
  assert.equal(last.cursor, null);
  assert.equal([...e.users({ limit: 2, now: t(1) })].length, 8);
  const u = first.users[0];
  assert.deepEqual(Object.keys(u).sort(), [
    'availability',
    'confidence',
    'confidenceBucket',
    'lastEvidence',
    'lastSeenAt',
    'readiness',
    'ready',
    'sessionCount',
    'since',
    'state',
    'trueAvailability',
    'trueState',
    'userId',
  ]);
  assert.equal(u.lastEvidence, 'open');
  assert.equal(u.availability, 'available');
  assert.equal(u.trueAvailability, 'available');
  assert.equal(u.trueState, 'active');
  assert.ok(u.readiness > 0.99 && u.readiness < 1); // recency decays from the open
  assert.equal(u.ready, true);
  e.leave('s0', { now: t(2) });
  assert.equal(e.listUsers({ now: t(2) }).users.length, 7);
  assert.equal(e.listUsers({ minState: 'offline', now: t(2) }).users.length, 8);
  assert.equal(e.listUsers({ minState: 'active', now: t(2) }).users.length, 7);
});

test('snapshot names its seq and changesSince continues from it', (tc) => {
  const e = engineFor(tc);
  e.open('tab-1', { userId: 'ann', now: t(0) });
  const snap = e.snapshot({ now: t(0) });
  assert.equal(snap.seq, 3); // the session, the user, and the user's readiness
  assert.deepEqual(
    snap.users.map((u) => [u.userId, u.state]),
    [['ann', 'active']],
  );
  assert.deepEqual(
    snap.sessions.map((s) => [s.sessionId, s.state]),
    [['tab-1', 'active']],
  );
  e.leave('tab-1', { now: t(1) });
  const changes = e.changesSince(snap.seq);
  assert.equal(changes.seq, 6);
  assert.deepEqual(
    changes.events.map((ev) => [ev.seq, ev.kind]),
    [
      [4, 'session'],
      [5, 'user'],
      [6, 'readiness'],
    ],
  );
  const [sessionEvent, userEvent, readinessEvent] = changes.events;
  assert.equal(sessionEvent.kind, 'session');
  assert.equal(userEvent.kind, 'user');
  assert.equal(readinessEvent.kind, 'readiness');
  assert.deepEqual([sessionEvent.oldState, sessionEvent.newState], ['active', 'offline']);
  assert.deepEqual([userEvent.oldState, userEvent.newState], ['active', 'offline']);
  assert.equal(sessionEvent.sessionId, 'tab-1');
  assert.equal(sessionEvent.userId, 'ann');
  assert.equal(sessionEvent.at, t(1));
  assert.equal(sessionEvent.publishedAt, t(1));
  assert.equal(userEvent.userId, 'ann');
  assert.equal(userEvent.sessionCount, 0);
  assert.equal(userEvent.lastSeenAt, t(1));
  assert.equal(userEvent.availability, 'available');
  assert.deepEqual(readinessEvent, {
    kind: 'readiness',
    seq: 6,
    at: t(1),
    publishedAt: t(1),
    targetKind: 'user',
    targetId: 'ann',
    ready: false,
    readiness: 0,
  });
  assert.deepEqual(e.changesSince(6), { seq: 6, events: [] });
  assert.equal(e.changesSince(0, { limit: 1 }).events.length, 1);
  assert.equal(e.changesSince(0, { limit: 1 }).seq, 1);
});

test('debounce publishes only net changes', (tc) => {
  // Readiness dropping is published after the idle debounce (the core's
  // rule), so that one is set as well for the away blip to publish nothing.
  const e = engineFor(tc, { debounceActiveMs: 500, debounceIdleMs: 2000, debounceAwayMs: 2000 });
  e.open('tab-1', { userId: 'ann', now: t(0) });
  assert.deepEqual(e.changesSince(0).events, []); // not held for 500 ms yet
  e.advance({ now: t(0.5) });
  const published = e.changesSince(0).events.map((ev) => ev.kind);
  assert.deepEqual(published, ['session', 'user', 'readiness']);
  e.visibility('tab-1', 'hidden', { now: t(1) });
  e.advance({ now: t(11.5) }); // away at 11 s ...
  e.visibility('tab-1', 'visible', { now: t(12) }); // ... reverted within 2 s
  e.advance({ now: t(20) });
  assert.equal(e.changesSince(0).events.length, 3);
});

test('advance runs due timers, bounded by maxSteps; nextDeadline names the next', (tc) => {
  const e = engineFor(tc);
  assert.equal(e.nextDeadline(), null);
  for (let i = 0; i < 10; i++) e.open(`s${i}`, { userId: 'u', now: t(0) });
  assert.equal(e.nextDeadline(), t(25));
  assert.equal(e.advance({ now: t(30), maxSteps: 3 }), true);
  assert.ok(e.now() < t(30));
  assert.equal(e.advance({ now: t(30) }), false);
  assert.equal(e.now(), t(30));
  assert.equal(e.counts({ now: t(30) }).sessions.stale, 10);
});

test('time never runs backwards: an older now is the latest seen', (tc) => {
  const e = engineFor(tc);
  e.open('tab-1', { userId: 'ann', now: t(100) });
  e.heartbeat('tab-1', { now: t(50) });
  assert.equal(e.getSession('tab-1', { now: t(40) }).lastSignalAt, t(100));
  assert.equal(e.now(), t(100));
  e.advance({ now: 0 });
  assert.equal(e.now(), t(100));
});

test('stats count signals, transitions, events and timers', (tc) => {
  const e = engineFor(tc);
  const empty = e.stats();
  assert.deepEqual(empty, {
    sessionRecords: 0,
    userRecords: 0,
    signals: 0,
    transitions: 0,
    eventsPublished: 0,
    lastSeq: 0,
    oldestSeq: 0,
    pendingTimers: 0,
    limitRejections: 0,
  });
  e.open('tab-1', { userId: 'ann', now: t(0) });
  e.heartbeat('tab-1', { now: t(1) });
  const s = e.stats();
  assert.equal(s.sessionRecords, 1);
  assert.equal(s.userRecords, 1);
  assert.equal(s.signals, 2);
  assert.equal(s.eventsPublished, 3);
  assert.equal(s.lastSeq, 3);
  assert.equal(s.oldestSeq, 1);
  assert.ok(s.pendingTimers >= 1);
});

test('limits: sessions per user and total sessions are refused and counted', (tc) => {
  const e = engineFor(tc, { maxSessionsPerUser: 2, maxSessions: 3 });
  e.open('a1', { userId: 'ann', now: t(0) });
  e.open('a2', { userId: 'ann', now: t(0) });
  assert.throws(() => e.open('a3', { userId: 'ann', now: t(0) }), {
    name: 'LimitExceededError',
    code: 'PE_LIMIT_EXCEEDED',
  });
  e.open('b1', { userId: 'bob', now: t(0) });
  assert.throws(() => e.open('b2', { userId: 'bob', now: t(0) }), { code: 'PE_LIMIT_EXCEEDED' });
  assert.equal(e.stats().limitRejections, 2);
  assert.equal(e.counts({ now: t(0) }).sessions.alive, 3);
});

test('each event fd is a descriptor of its own, released by the engine or on close', (tc) => {
  const fs = require('node:fs');
  const e = engineFor(tc);
  const first = e.eventFd();
  const second = e.eventFd();
  assert.ok(Number.isInteger(first) && first > 2);
  assert.notEqual(second, first);
  assert.ok(fs.fstatSync(first));
  e.releaseEventFd(first);
  assert.throws(() => e.releaseEventFd(first), {
    name: 'InvalidArgumentError',
    message: `fd ${first} is not an event descriptor of this engine`,
  });
  assert.throws(() => e.releaseEventFd(0), /not an event descriptor/);
  assert.throws(() => e.releaseEventFd(-1), /fd must be between 0 and 2\^53/);
  assert.throws(() => e.releaseEventFd(/** @type {any} */ ('3')), /fd must be/);
  // The other consumer's descriptor is still open and wakes on events.
  e.open('tab', { userId: 'ann', now: t(0) });
  assert.ok(fs.readSync(second, Buffer.alloc(8)) === 8);
  e.close();
  assert.throws(() => fs.fstatSync(second), { code: 'EBADF' });
  assert.throws(() => e.releaseEventFd(second), ClosedError);
});

test('the engine clock is used when now is omitted', (tc) => {
  const e = engineFor(tc);
  const before = Date.now();
  e.open('tab-1', { userId: 'ann' });
  const s = e.getSession('tab-1');
  assert.ok(s.lastSignalAt >= before && s.lastSignalAt <= Date.now());
  assert.ok(e.now() >= before);
});

test('an engine with the ticker moves time on its own', async (tc) => {
  const e = engineFor(tc, FAST_TICKER);
  e.open('tab-1', { userId: 'ann' });
  const start = e.now();
  await new Promise((resolve) => setTimeout(resolve, 200));
  // No call since: the ticker alone moved time and expired the session.
  assert.ok(e.stats().eventsPublished >= 4);
  assert.ok(e.now() >= start + 100);
  e.stopTicker();
  e.startTicker(10);
  e.stopTicker();
});

test('new Engine() with every option spelled as documented', (tc) => {
  const options = { ...DEFAULTS, idleAfterMs: 1000, awayAfterMs: 2000 };
  const e = new Engine(options);
  tc.after(() => e.close());
  e.open('tab-1', { userId: 'ann', now: t(0) });
  e.heartbeat('tab-1', { now: t(1) });
  assert.equal(e.getSession('tab-1', { now: t(1) }).state, 'idle');
});
