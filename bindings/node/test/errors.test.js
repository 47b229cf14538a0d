'use strict';

// Every error path: bad input gets a typed error, never a crash, and changes
// nothing; use after close is a ClosedError.

const test = require('node:test');
const assert = require('node:assert/strict');
const presence = require('..');
const native = require('../lib/native');
const { t, engineFor } = require('./helpers');

const {
  Engine,
  Status,
  errorForStatus,
  PresenceError,
  InvalidArgumentError,
  NotFoundError,
  ConflictError,
  LimitExceededError,
  InternalError,
} = presence;

const invalid = (pattern) => ({
  name: 'InvalidArgumentError',
  code: 'PE_INVALID_ARGUMENT',
  message: pattern,
});

test('one error class per C status, each with its code and status', () => {
  const table = [
    ['InvalidArgumentError', 'INVALID_ARGUMENT', 1],
    ['NotFoundError', 'NOT_FOUND', 2],
    ['ConflictError', 'CONFLICT', 3],
    ['LimitExceededError', 'LIMIT_EXCEEDED', 4],
    ['TooFarBehindError', 'TOO_FAR_BEHIND', 5],
    ['ClosedError', 'CLOSED', 6],
    ['OutOfMemoryError', 'OUT_OF_MEMORY', 7],
    ['UnsupportedError', 'UNSUPPORTED', 8],
    ['InternalError', 'INTERNAL', 9],
    ['DeniedError', 'DENIED', 10],
    ['IOError', 'IO_ERROR', 11],
    ['CorruptError', 'CORRUPT', 12],
  ];
  for (const [className, name, status] of table) {
    const cls = presence[className];
    assert.equal(Status[name], status);
    assert.equal(native.statusName(status), name);
    const error = errorForStatus(status, 'why');
    assert.ok(error instanceof cls);
    assert.ok(error instanceof PresenceError);
    assert.ok(error instanceof Error);
    assert.equal(error.name, cls.name);
    assert.equal(error.code, `PE_${name}`);
    assert.equal(error.status, status);
    assert.equal(error.message, 'why');
  }
  assert.equal(Status.OK, 0);
  assert.equal(errorForStatus(Status.OK), undefined);
  assert.ok(errorForStatus(99) instanceof InternalError);
  assert.ok(Object.isFrozen(Status));
});

test('options: not an object, unknown, mistyped or inconsistent', () => {
  assert.throws(() => new Engine('fast'), invalid(/options must be an object/));
  assert.throws(() => new Engine(null), invalid(/options must be an object/));
  assert.throws(() => new Engine([]), invalid(/options must be an object/));
  assert.throws(() => new Engine({ idleAfter: 5 }), invalid(/unknown option 'idleAfter'/));
  assert.throws(
    () => new Engine({ idleAfterMs: '60s' }),
    invalid(/idle_after_ms must be a number/),
  );
  assert.throws(
    () => new Engine({ idleAfterMs: 1.5 }),
    invalid(/idle_after_ms must be an integer/),
  );
  assert.throws(() => new Engine({ idleAfterMs: NaN }), invalid(/idle_after_ms/));
  assert.throws(() => new Engine({ idleAfterMs: Infinity }), invalid(/idle_after_ms/));
  assert.throws(() => new Engine({ idleAfterMs: -1 }), invalid(/idle_after_ms must be > 0/));
  assert.throws(() => new Engine({ idleAfterMs: 2 ** 60 }), invalid(/idle_after_ms/));
  assert.throws(
    () => new Engine({ idleAfterMs: 300_000 }),
    invalid(/idle_after_ms must be less than away_after_ms/),
  );
  assert.throws(() => new Engine({ maxIdBytes: 0 }), invalid(/max_id_bytes/));
  assert.throws(() => new Engine({ maxIdBytes: -1 }), invalid(/max_id_bytes/));
  assert.throws(() => new Engine({ maxIdBytes: 2 ** 33 }), invalid(/max_id_bytes/));
  assert.throws(() => new Engine({ eventBufferCapacity: 0 }), invalid(/event_buffer_capacity/));
  for (const tick of [0, -1, 60_001, 1.5, 'x']) {
    assert.throws(() => new Engine({ tickIntervalMs: tick }), InvalidArgumentError, `tick ${tick}`);
  }
});

test('ids: missing, mistyped, empty or oversized are refused by every signal and read', (tc) => {
  const e = engineFor(tc);
  e.open('ok', { userId: 'ann', now: t(0) });
  const calls = {
    open: (id) => e.open(id, { now: t(1) }),
    heartbeat: (id) => e.heartbeat(id, { now: t(1) }),
    activity: (id) => e.activity(id, { now: t(1) }),
    visibility: (id) => e.visibility(id, 'hidden', { now: t(1) }),
    disconnect: (id) => e.disconnect(id, { now: t(1) }),
    disconnectTransport: (id) => e.disconnectTransport(id, { now: t(1) }),
    leave: (id) => e.leave(id, { now: t(1) }),
    identifySession: (id) => e.identify(id, 'ann', { now: t(1) }),
    identifyUser: (id) => e.identify('ok', id, { now: t(1) }),
    getUser: (id) => e.getUser(id, { now: t(1) }),
    getSession: (id) => e.getSession(id, { now: t(1) }),
    joinRoomSession: (id) => e.joinRoom(id, 'r', { now: t(1) }),
    joinRoomRoom: (id) => e.joinRoom('ok', id, { now: t(1) }),
    leaveRoomSession: (id) => e.leaveRoom(id, 'r', { now: t(1) }),
    leaveRoomRoom: (id) => e.leaveRoom('ok', id, { now: t(1) }),
    setRoomCountOnly: (id) => e.setRoomCountOnly(id, true, { intervalMs: 10, now: t(1) }),
    getRoom: (id) => e.getRoom(id, { now: t(1) }),
    listMembers: (id) => e.listMembers(id, { now: t(1) }),
    userRooms: (id) => e.userRooms(id, { now: t(1) }),
    roomMetrics: (id) => e.roomMetrics(id, { now: t(1) }),
    setAvailability: (id) => e.setAvailability(id, 'busy', { now: t(1) }),
    readinessUser: (id) => e.readiness('user', id, { now: t(1) }),
    readinessRoom: (id) => e.readiness('room', id, { now: t(1) }),
    openIntentFrom: (id) => e.openIntent(id, 'user', 'ann', { kind: 'call', ttlMs: 10 }),
    openIntentTarget: (id) => e.openIntent('c', 'room', id, { kind: 'call', ttlMs: 10 }),
    openIntentKind: (id) => e.openIntent('c', 'user', 'ann', { kind: id, ttlMs: 10 }),
    cancelIntent: (id) => e.cancelIntent(id, { now: t(1) }),
    intentsTo: (id) => e.intentsTo('user', id, { now: t(1) }),
    intentsFrom: (id) => e.intentsFrom(id, { now: t(1) }),
    subscribeSubscriber: (id) => e.subscribe(id, 'user', 'ann'),
    subscribeTarget: (id) => e.subscribe('w', 'room', id),
    unsubscribeSubscriber: (id) => e.unsubscribe(id, 'user', 'ann'),
    unsubscribeTarget: (id) => e.unsubscribe('w', 'user', id),
    unsubscribeAll: (id) => e.unsubscribeAll(id),
  };
  const bad = [
    [undefined, /must be a string, got undefined/],
    [null, /must be a string, got null/],
    [42, /must be a string, got a number/],
    [{}, /must be a string, got an object/],
    [Symbol('s'), /must be a string, got a symbol/],
    ['', /is empty/],
    ['x'.repeat(129), /129 bytes; the limit is 128/],
    ['€'.repeat(43), /129 bytes; the limit is 128/],
  ];
  for (const [name, call] of Object.entries(calls)) {
    for (const [id, message] of bad) {
      assert.throws(() => call(id), invalid(message), `${name}(${String(id)})`);
    }
  }
  assert.equal(e.counts({ now: t(1) }).sessions.alive, 1);
  assert.equal(e.getSession('ok', { now: t(1) }).state, 'active');
  assert.equal(e.counts({ now: t(1) }).rooms, 0);
  assert.deepEqual(e.intentsFrom('c', { now: t(1) }), []);
});

test('strings with lone surrogates are refused everywhere, never replaced', (tc) => {
  const e = engineFor(tc);
  e.open('ok', { userId: 'ann', now: t(0) });
  const lone = ['\ud800', 'a\udc00b', 'x\ud83d', '\ude00\ud83d', 'ab\ud800\ud800'];
  const lonely = invalid(/lone UTF-16 surrogate/);
  for (const s of lone) {
    assert.throws(() => e.open(s, { now: t(1) }), lonely);
    assert.throws(() => e.open('new', { userId: s, now: t(1) }), lonely);
    assert.throws(() => e.open('new', { meta: s, now: t(1) }), lonely);
    assert.throws(() => e.open('new', { transportId: s, now: t(1) }), lonely);
    assert.throws(() => e.heartbeat(s, { now: t(1) }), lonely);
    assert.throws(() => e.heartbeatBatch(s, { now: t(1) }), lonely);
    assert.throws(() => e.activity(s), lonely);
    assert.throws(() => e.visibility(s, 'visible'), lonely);
    assert.throws(() => e.disconnect(s), lonely);
    assert.throws(() => e.disconnectTransport(s), lonely);
    assert.throws(() => e.leave(s), lonely);
    assert.throws(() => e.identify(s, 'ann'), lonely);
    assert.throws(() => e.identify('ok', s), lonely);
    assert.throws(() => e.getUser(s), lonely);
    assert.throws(() => e.getSession(s), lonely);
    assert.throws(() => e.listUsers({ cursor: s }), lonely);
    assert.throws(() => e.joinRoom(s, 'r'), lonely);
    assert.throws(() => e.joinRoom('ok', s), lonely);
    assert.throws(() => e.leaveRoom('ok', s), lonely);
    assert.throws(() => e.setRoomCountOnly(s, false), lonely);
    assert.throws(() => e.getRoom(s), lonely);
    assert.throws(() => e.listRooms({ cursor: s }), lonely);
    assert.throws(() => e.listMembers(s), lonely);
    assert.throws(() => e.listMembers('r', { cursor: s }), lonely);
    assert.throws(() => e.userRooms(s), lonely);
    assert.throws(() => e.roomMetrics(s), lonely);
    assert.throws(() => e.setAvailability(s, 'busy'), lonely);
    assert.throws(() => e.readiness('room', s), lonely);
    assert.throws(() => e.openIntent(s, 'user', 'u', { kind: 'call', ttlMs: 9 }), lonely);
    assert.throws(() => e.openIntent('c', 'user', s, { kind: 'call', ttlMs: 9 }), lonely);
    assert.throws(() => e.openIntent('c', 'user', 'u', { kind: s, ttlMs: 9 }), lonely);
    assert.throws(() => e.cancelIntent(s), lonely);
    assert.throws(() => e.intentsTo('room', s), lonely);
    assert.throws(() => e.intentsFrom(s), lonely);
    assert.throws(() => e.subscribe(s, 'user', 'u'), lonely);
    assert.throws(() => e.subscribe('w', 'user', s), lonely);
    assert.throws(() => e.unsubscribe(s, 'room', 'r'), lonely);
    assert.throws(() => e.unsubscribeAll(s), lonely);
    assert.throws(() => e.prometheus({ roomId: s }), lonely);
  }
  // Two ids that N-API alone would both turn into "a\uFFFDb" stay apart:
  // the genuine U+FFFD is accepted, the lone surrogate is not.
  e.open('a\ufffdb', { userId: 'ann', now: t(1) });
  assert.throws(() => e.getSession('a\ud800b', { now: t(1) }), lonely);
  assert.equal(e.getSession('a\ufffdb', { now: t(1) }).sessionId, 'a\ufffdb');
  // Well-formed pairs are fine, and long strings take the same checks.
  e.open('😀', { userId: '🙂'.repeat(32), now: t(1) });
  assert.equal(e.getSession('😀', { now: t(1) }).userId, '🙂'.repeat(32));
  assert.throws(() => e.open('x'.repeat(200) + '\ud800', { now: t(1) }), lonely);
  assert.equal(e.counts({ now: t(1) }).sessions.alive, 3);
});

test('metadata: any text up to maxMetaBytes, nothing else', (tc) => {
  const e = engineFor(tc, { maxMetaBytes: 8 });
  e.open('a', { meta: '12345678', now: t(0) });
  assert.throws(() => e.open('b', { meta: '123456789', now: t(0) }), invalid(/meta/));
  assert.throws(
    () => e.open('b', { meta: { device: 'x' }, now: t(0) }),
    invalid(/meta must be a string/),
  );
  assert.throws(() => e.getSession('b', { now: t(0) }), NotFoundError);
});

test('unknown enum names are refused', (tc) => {
  const e = engineFor(tc);
  e.open('s', { now: t(0) });
  assert.throws(
    () => e.heartbeat('s', { activity: 'busy' }),
    invalid(/activity must be one of 'active', 'idle', got 'busy'/),
  );
  assert.throws(
    () => e.heartbeat('s', { activity: 1 }),
    invalid(/activity must be one of .*got number/),
  );
  assert.throws(
    () => e.heartbeat('s', { visibility: 'blurred' }),
    invalid(/visibility must be one of/),
  );
  assert.throws(() => e.heartbeat('s', { activity: 'toString' }), invalid(/activity/));
  assert.throws(() => e.visibility('s', 'blurred'), invalid(/visibility/));
  assert.throws(() => e.visibility('s'), invalid(/visibility must be 'visible' or 'hidden'/));
  assert.throws(() => e.open('s2', { visibility: 'unknown' }), invalid(/visibility/));
  assert.throws(() => e.listUsers({ minState: 'gone' }), invalid(/minState/));
  assert.throws(() => e.listMembers('r', { minState: 'gone' }), invalid(/minState/));
  assert.throws(
    () => e.setAvailability('u', 'away'),
    invalid(
      /availability must be one of 'available', 'busy', 'do-not-disturb', 'invisible', got 'away'/,
    ),
  );
  assert.throws(
    () => e.setAvailability('u'),
    invalid(/availability must be one of .*got undefined/),
  );
  assert.throws(() => e.setAvailability('u', 2), invalid(/availability .*got number/));
  assert.throws(
    () => e.readiness('group', 'g'),
    invalid(/targetKind must be one of 'user', 'room', got 'group'/),
  );
  assert.throws(() => e.readiness(undefined, 'g'), invalid(/targetKind/));
  assert.throws(
    () => e.openIntent('c', 'team', 'g', { kind: 'k', ttlMs: 9 }),
    invalid(/targetKind/),
  );
  assert.throws(() => e.intentsTo('hasOwnProperty', 'g'), invalid(/targetKind/));
  assert.throws(() => e.subscribe('w', 'session', 's'), invalid(/targetKind/));
  assert.throws(() => e.unsubscribe('w', 'USER', 'u'), invalid(/targetKind/));
  // The addon itself refuses numbers outside the C enums.
  const handle = native.engineCreate({});
  try {
    native.sessionOpen(handle, 's', null, null, null, null, 0, t(0));
    assert.throws(() => native.sessionHeartbeat(handle, 's', 7, 0, t(0)), invalid(/activity/));
    assert.throws(() => native.sessionHeartbeat(handle, 's', 0, -1, t(0)), invalid(/visibility/));
    assert.throws(() => native.sessionVisibility(handle, 's', 0, t(0)), invalid(/visibility/));
    assert.throws(() => native.engineListUsers(handle, 9, null, 5, t(0)), invalid(/min_state/));
    native.roomJoin(handle, 's', 'r', t(0));
    assert.throws(
      () => native.roomListMembers(handle, 'r', -1, null, 5, t(0)),
      invalid(/min_state/),
    );
    assert.throws(() => native.userSetAvailability(handle, 'u', 4, t(0)), invalid(/availability/));
    assert.throws(() => native.userSetAvailability(handle, 'u', -1, t(0)), invalid(/availability/));
    assert.throws(() => native.engineReadiness(handle, 0, 'u', t(0)), invalid(/kind/));
    assert.throws(() => native.engineReadiness(handle, 3, 'u', t(0)), invalid(/kind/));
    assert.throws(
      () => native.intentOpen(handle, 'c', 7, 'u', 'call', 100, t(0)),
      invalid(/target_kind/),
    );
    assert.throws(() => native.intentList(handle, false, 9, 'u', t(0)), invalid(/kind/));
    assert.throws(() => native.subscriberSubscribe(handle, 'w', 5, 'u'), invalid(/kind/));
    assert.throws(() => native.subscriberUnsubscribe(handle, 'w', 0, 'u'), invalid(/kind/));
    assert.throws(
      () => native.engineReadiness(handle, 2 ** 31, 'u', t(0)),
      invalid(/out of range/),
    );
    assert.equal(native.stateName(9), 'unknown');
    assert.equal(native.statusName(99), 'UNKNOWN');
  } finally {
    native.engineClose(handle);
  }
});

test('times: negative, fractional, non-finite, mistyped and huge are refused', (tc) => {
  const e = engineFor(tc);
  e.open('s', { now: t(0) });
  const badTimes = [
    [-1, /between 0 and 2\^53/],
    [-5000, /between 0 and 2\^53/],
    [1.5, /non-negative integer/],
    [NaN, /non-negative integer/],
    [Infinity, /non-negative integer/],
    ['1000', /got a string/],
    [null, /got null/],
    [2 ** 53 + 2, /between 0 and 2\^53/],
    [Number.MAX_VALUE, /between 0 and 2\^53/],
  ];
  for (const [now, message] of badTimes) {
    for (const call of [
      () => e.open('s2', { now }),
      () => e.heartbeat('s', { now }),
      () => e.heartbeatBatch(['s'], { now }),
      () => e.activity('s', { now }),
      () => e.advance({ now }),
      () => e.counts({ now }),
      () => e.snapshot({ now }),
    ]) {
      assert.throws(call, invalid(message), `now = ${String(now)}`);
    }
  }
  for (const [now, message] of badTimes) {
    for (const call of [
      () => e.joinRoom('s', 'r', { now }),
      () => e.leaveRoom('s', 'r', { now }),
      () => e.setRoomCountOnly('r', false, { now }),
      () => e.getRoom('r', { now }),
      () => e.listRooms({ now }),
      () => e.listMembers('r', { now }),
      () => e.userRooms('u', { now }),
      () => e.roomMetrics('r', { now }),
      () => e.setAvailability('u', 'busy', { now }),
      () => e.readiness('user', 'u', { now }),
      () => e.openIntent('c', 'user', 'u', { kind: 'call', ttlMs: 10, now }),
      () => e.cancelIntent('intent-1', { now }),
      () => e.intentsTo('user', 'u', { now }),
      () => e.intentsFrom('c', { now }),
      () => e.prometheus({ now }),
    ]) {
      assert.throws(call, invalid(message), `now = ${String(now)}: ${call}`);
    }
  }
  assert.equal(e.now(), t(0));
  assert.equal(e.counts({ now: t(0) }).rooms, 0);
  assert.throws(() => e.countSeen(-1), invalid(/windowMs/));
  assert.throws(() => e.advance({ maxSteps: -1 }), invalid(/maxSteps/));
});

test('options arguments must be objects', (tc) => {
  const e = engineFor(tc);
  e.open('s', { now: t(0) });
  assert.throws(() => e.heartbeat('s', 'active'), invalid(/options must be an object/));
  assert.throws(() => e.open('s', null), invalid(/options must be an object/));
  assert.throws(() => e.counts(5), invalid(/options must be an object/));
});

test('reads refuse bad pages and sequence numbers', (tc) => {
  const e = engineFor(tc, { eventBufferCapacity: 4 });
  assert.throws(() => e.listUsers({ limit: 0 }), invalid(/limit/));
  assert.throws(() => e.listUsers({ limit: 10_001 }), invalid(/limit/));
  assert.throws(() => e.listUsers({ limit: -1 }), invalid(/limit/));
  assert.throws(() => e.changesSince(-1), invalid(/afterSeq/));
  assert.throws(() => e.changesSince('0'), invalid(/afterSeq/));
  assert.throws(() => e.changesSince(0, { limit: -2 }), invalid(/maxEvents/));
  for (let i = 0; i < 4; i++) e.open(`s${i}`, { userId: `u${i}`, now: t(0) });
  assert.equal(e.stats().lastSeq, 12);
  assert.throws(() => e.changesSince(0), { name: 'TooFarBehindError', code: 'PE_TOO_FAR_BEHIND' });
  assert.equal(e.changesSince(8).events.length, 4);
  assert.throws(() => e.getUser('nobody', { now: t(0) }), NotFoundError);
  assert.throws(() => e.fanout(-1), invalid(/afterSeq/));
  assert.throws(() => e.fanout(99), invalid(/after_seq|seq/));
  assert.throws(() => e.fanout(8, { limit: 0.5 }), invalid(/maxEvents/));
  for (const limit of [0, 10_001, -1, 2.5]) {
    assert.throws(() => e.listRooms({ limit }), invalid(/limit/), `listRooms ${limit}`);
  }
  e.joinRoom('s0', 'r', { now: t(0) });
  e.joinRoom('s1', 'q', { now: t(0) });
  e.joinRoom('s2', 'q', { now: t(0) });
  for (const limit of [0, 10_001, -1]) {
    assert.throws(() => e.listMembers('r', { limit }), invalid(/limit/), `listMembers ${limit}`);
  }
  // A cursor no member page returned is refused.
  assert.throws(() => e.listMembers('r', { cursor: 'x-bad', now: t(0) }), invalid(/cursor/));
  assert.throws(() => e.listMembers('nowhere'), NotFoundError);
  assert.throws(() => e.getRoom('nowhere'), NotFoundError);
  assert.throws(() => e.roomMetrics('nowhere'), NotFoundError);
  assert.throws(() => e.userRooms('nobody'), NotFoundError);
  assert.throws(() => e.joinRoom('nobody', 'r'), NotFoundError);
  assert.throws(() => e.prometheus({ roomId: 'nowhere' }), NotFoundError);
  assert.throws(() => e.prometheus({ roomId: '' }), invalid(/roomId is empty/));
  assert.throws(() => e.prometheus({ roomId: 5 }), invalid(/roomId must be a string/));
});

test('coordination arguments: booleans, intervals, TTLs and intent options', (tc) => {
  const e = engineFor(tc);
  e.open('s', { userId: 'u', now: t(0) });
  for (const flag of [1, 'true', null, undefined]) {
    assert.throws(
      () => e.setRoomCountOnly('r', flag, { intervalMs: 10 }),
      invalid(/countOnly must be a boolean/),
    );
  }
  for (const intervalMs of [-1, 1.5, '10', 0, 86_400_001]) {
    assert.throws(
      () => e.setRoomCountOnly('r', true, { intervalMs }),
      invalid(/interval/),
      `intervalMs ${intervalMs}`,
    );
  }
  assert.throws(
    () => e.openIntent('c', 'user', 'u'),
    invalid(/kind must be a string, got undefined/),
  );
  assert.throws(() => e.openIntent('c', 'user', 'u', { kind: 'call' }), invalid(/ttlMs/));
  for (const ttlMs of [-5, 0, 1.5, 86_400_001, 'soon']) {
    assert.throws(
      () => e.openIntent('c', 'user', 'u', { kind: 'call', ttlMs }),
      invalid(/ttl/i),
      `ttlMs ${ttlMs}`,
    );
  }
  assert.throws(() => e.openIntent('c', 'user', 'u', 'call'), invalid(/options must be an object/));
  assert.equal(e.counts({ now: t(0) }).rooms, 0, 'nothing was created');
  assert.deepEqual(e.intentsFrom('c', { now: t(0) }), []);
});

test('room limits: rooms per session and rooms in the engine', (tc) => {
  const e = engineFor(tc, { maxRoomsPerSession: 2, maxRooms: 3 });
  e.open('tab', { userId: 'ann', now: t(0) });
  e.open('tab-2', { userId: 'bob', now: t(0) });
  e.joinRoom('tab', 'a', { now: t(0) });
  e.joinRoom('tab', 'b', { now: t(0) });
  assert.throws(() => e.joinRoom('tab', 'c', { now: t(0) }), {
    name: 'LimitExceededError',
    code: 'PE_LIMIT_EXCEEDED',
  });
  e.joinRoom('tab-2', 'c', { now: t(0) });
  assert.throws(() => e.joinRoom('tab-2', 'd', { now: t(0) }), LimitExceededError);
  assert.throws(
    () => e.setRoomCountOnly('d', true, { intervalMs: 10, now: t(0) }),
    LimitExceededError,
  );
  assert.equal(e.counts({ now: t(0) }).rooms, 3);
  assert.equal(e.stats().limitRejections, 3);
});

test('conflicts: a session of another user, a transport bound elsewhere', (tc) => {
  const e = engineFor(tc);
  e.open('tab-1', { userId: 'ann', transportId: 'sock-1', now: t(0) });
  assert.throws(() => e.open('tab-1', { userId: 'bob', now: t(1) }), {
    name: 'ConflictError',
    code: 'PE_CONFLICT',
  });
  assert.throws(
    () => e.open('tab-2', { userId: 'bob', transportId: 'sock-1', now: t(1) }),
    ConflictError,
  );
  assert.equal(e.getSession('tab-1', { now: t(1) }).userId, 'ann');
  assert.throws(() => e.getSession('tab-2', { now: t(1) }), NotFoundError);
});

test('batch: malformed items fail alone; a mistyped batch fails whole', (tc) => {
  const e = engineFor(tc);
  e.open('a', { now: t(0) });
  e.open('b', { now: t(0) });
  const bytes = Buffer.concat([
    Buffer.from('a\n'),
    Buffer.from([0xff, 0xfe]),
    Buffer.from('\n\nb'),
  ]);
  const fromBytes = e.heartbeatBatch(bytes, { now: t(1) });
  assert.deepEqual([...fromBytes.statuses], [0, 1, 1, 0]);
  assert.equal(fromBytes.failed, 2);
  const lone = e.heartbeatBatch(['a', 'b\ud800', 'b', 'zzz'], { now: t(2) });
  assert.deepEqual([...lone.statuses], [0, 1, 0, 2]);
  assert.deepEqual([...lone.intervals], [15_000, 0, 15_000, 0]);
  const signals = e.stats().signals;
  assert.throws(
    () => e.heartbeatBatch(['a', 7], { now: t(3) }),
    invalid(/ids\[1\] must be a string/),
  );
  assert.throws(() => e.heartbeatBatch(42), invalid(/ids must be an array of strings/));
  assert.throws(() => e.heartbeatBatch(new Uint16Array(2)), invalid(/ids must be/));
  assert.throws(
    () => e.heartbeatBatch(['a'], { activity: ['active', 'active'] }),
    invalid(/2 values for 1 ids/),
  );
  assert.throws(() => e.heartbeatBatch(['a'], { activity: ['busy'] }), invalid(/activity\[0\]/));
  assert.equal(e.stats().signals, signals, 'nothing was applied');
});

test('use after close throws ClosedError and never crashes', (tc) => {
  const e = new Engine();
  e.open('s', { now: t(0) });
  const token = e.share();
  e.on('change', () => {});
  e.close();
  e.close(); // idempotent
  assert.equal(e.closed, true);
  const closed = { name: 'ClosedError', code: 'PE_CLOSED' };
  const calls = [
    () => e.now(),
    () => e.open('s'),
    () => e.heartbeat('s'),
    () => e.heartbeatBatch(['s']),
    () => e.activity('s'),
    () => e.visibility('s', 'hidden'),
    () => e.disconnect('s'),
    () => e.disconnectTransport('x'),
    () => e.leave('s'),
    () => e.identify('s', 'u'),
    () => e.advance(),
    () => e.nextDeadline(),
    () => e.startTicker(10),
    () => e.stopTicker(),
    () => e.counts(),
    () => e.countSeen(1000),
    () => e.listUsers(),
    () => e.users().next(),
    () => e.getUser('u'),
    () => e.getSession('s'),
    () => e.snapshot(),
    () => e.changesSince(0),
    () => e.stats(),
    () => e.eventFd(),
    () => e.share(),
    () => e.save('/nonexistent-dir/presence.snap'),
    () => e.joinRoom('s', 'r'),
    () => e.leaveRoom('s', 'r'),
    () => e.setRoomCountOnly('r', true, { intervalMs: 10 }),
    () => e.getRoom('r'),
    () => e.listRooms(),
    () => e.rooms().next(),
    () => e.listMembers('r'),
    () => e.members('r').next(),
    () => e.userRooms('u'),
    () => e.roomMetrics('r'),
    () => e.setAvailability('u', 'busy'),
    () => e.readiness('user', 'u'),
    () => e.openIntent('c', 'user', 'u', { kind: 'call', ttlMs: 10 }),
    () => e.cancelIntent('intent-1'),
    () => e.intentsTo('room', 'r'),
    () => e.intentsFrom('c'),
    () => e.subscribe('w', 'user', 'u'),
    () => e.unsubscribe('w', 'user', 'u'),
    () => e.unsubscribeAll('w'),
    () => e.fanout(0),
    () => e.prometheus(),
  ];
  for (const call of calls) assert.throws(call, closed, call.toString());
  assert.throws(() => Engine.attach(token), closed);
  // Listeners and ref/unref after close are harmless.
  e.on('session', () => {});
  e.unref().ref();
  tc.diagnostic('every method of a closed engine threw ClosedError');
});

test('the addon refuses anything but its own handles', () => {
  const notHandles = [undefined, null, {}, 'engine', 42, () => {}, Buffer.alloc(8)];
  for (const value of notHandles) {
    assert.throws(() => native.engineNow(value), invalid(/not a presence engine handle/));
    assert.throws(
      () => native.sessionOpen(value, 's', null, null, null, null, 0),
      invalid(/handle/),
    );
    assert.throws(() => native.engineClose(value), invalid(/handle/));
  }
  assert.throws(() => native.engineAttach(-1), invalid(/token/));
  assert.throws(() => native.engineAttach(2 ** 40), { code: 'PE_CLOSED' });
  assert.throws(() => native.registerErrorClasses('x'), invalid(/array of constructors/));
  assert.throws(
    () => native.engineCreate({ bogus_ms: 1 }),
    invalid(/unknown configuration field 'bogus_ms'/),
  );
  assert.throws(() => native.engineCreate(5), invalid(/config must be an object/));
  assert.throws(() => Engine.attach({}), InvalidArgumentError);
  assert.throws(() => Engine.attach(null), invalid(/shared must be a token/));
  assert.throws(
    () => new Engine({ shared: { presenceEngineToken: 1 }, idleAfterMs: 5 }),
    invalid(/no other options/),
  );
});
