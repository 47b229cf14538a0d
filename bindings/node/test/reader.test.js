'use strict';

// Scoped readers (Engine.reader): redacted reads of the whole engine or of
// one room, their lifetime, and their errors.

const test = require('node:test');
const assert = require('node:assert/strict');
const v8 = require('node:v8');
const vm = require('node:vm');
const { Engine, Reader, ClosedError, InvalidArgumentError, NotFoundError } = require('..');
const native = require('../lib/native');
const { t, engineFor, NO_DEBOUNCE } = require('./helpers');

/** The keys of what a reader shows: the engine's record without the truth. */
const shownKeys = (record, hidden) =>
  Object.keys(record)
    .filter((key) => !hidden.includes(key))
    .sort();
const USER_TRUTH = ['trueState', 'trueAvailability'];
const SESSION_TRUTH = ['trueState', 'transportId'];

/**
 * ann and bob in room 'r' (bob invisible), cat alone in 'other', dan in no
 * room; every session bound to a transport.
 */
function population(testContext) {
  const e = engineFor(testContext);
  for (const [user, room] of [
    ['ann', 'r'],
    ['bob', 'r'],
    ['cat', 'other'],
    ['dan', null],
  ]) {
    e.open(`${user}-tab`, { userId: user, transportId: `sock-${user}`, now: t(0) });
    if (room !== null) e.joinRoom(`${user}-tab`, room, { now: t(0) });
  }
  e.setAvailability('bob', 'invisible', { now: t(1) });
  return e;
}

test('a reader of the whole engine shows what the engine shows, without the truth behind it', (t_) => {
  const e = population(t_);
  const reader = e.reader();
  assert.ok(reader instanceof Reader);
  assert.equal(reader.roomId, null);
  assert.equal(reader.engine, e);
  assert.equal(reader.closed, false);

  const counts = reader.counts({ now: t(2) });
  const truth = e.counts({ now: t(2) });
  assert.equal(truth.users.invisible, 1);
  assert.equal(truth.sessions.invisible, 1);
  assert.deepEqual(counts, {
    ...truth,
    users: { ...truth.users, invisible: 0 },
    sessions: { ...truth.sessions, invisible: 0 },
  });
  assert.equal(counts.users.alive, 3);

  const page = reader.listUsers({ limit: 2, now: t(2) });
  assert.deepEqual(
    page.users.map((u) => u.userId),
    ['ann', 'cat'],
  );
  assert.equal(typeof page.cursor, 'string');
  assert.deepEqual(
    Object.keys(page.users[0]).sort(),
    shownKeys(e.getUser('ann', { now: t(2) }).user, USER_TRUTH),
  );
  const rest = reader.listUsers({ limit: 2, cursor: page.cursor, now: t(2) });
  assert.deepEqual(
    rest.users.map((u) => u.userId),
    ['dan'],
  );
  assert.equal(rest.cursor, null);
  assert.deepEqual(
    [...reader.users({ limit: 1, now: t(2) })].map((u) => u.userId),
    ['ann', 'cat', 'dan'],
  );
  // Invisible bob is shown offline: listed only with minState 'offline'.
  const all = reader.listUsers({ minState: 'offline', now: t(2) }).users;
  const bob = all.find((u) => u.userId === 'bob');
  assert.equal(bob?.state, 'offline');
  assert.equal(bob?.availability, 'available');
  assert.equal('trueState' in bob, false);

  const detail = reader.getUser('bob', { now: t(2) });
  assert.equal(detail.user.state, 'offline');
  assert.deepEqual(detail.sessions, []);
  assert.equal(e.getUser('bob', { now: t(2) }).user.trueState, 'active'); // the server still knows
  const ann = reader.getUser('ann', { now: t(2) });
  const annTruth = e.getUser('ann', { now: t(2) });
  assert.deepEqual(Object.keys(ann.user).sort(), shownKeys(annTruth.user, USER_TRUTH));
  assert.equal(ann.sessions.length, 1);
  assert.deepEqual(
    Object.keys(ann.sessions[0]).sort(),
    shownKeys(annTruth.sessions[0], SESSION_TRUTH),
  );
  assert.equal(annTruth.sessions[0].transportId, 'sock-ann');
  assert.equal(ann.sessions[0].sessionId, 'ann-tab');
  assert.equal(ann.sessions[0].state, 'active');

  const snapshot = reader.snapshot({ now: t(2) });
  assert.equal(snapshot.seq, e.stats().lastSeq);
  assert.deepEqual(snapshot.users.map((u) => u.userId).sort(), ['ann', 'cat', 'dan']);
  assert.deepEqual(snapshot.sessions.map((s) => s.sessionId).sort(), [
    'ann-tab',
    'cat-tab',
    'dan-tab',
  ]);
  for (const s of snapshot.sessions) {
    assert.equal('trueState' in s || 'transportId' in s, false);
  }

  const changes = reader.pollEvents(0);
  assert.deepEqual(changes, e.changesSince(0));
  assert.equal(changes.seq, e.stats().lastSeq);
  assert.deepEqual(reader.pollEvents(0, 2).events.length, 2);
});

test('a reader of a room sees only its visible members, their sessions in it and its events', (t_) => {
  const e = population(t_);
  const seq = e.stats().lastSeq;
  const reader = e.reader('r');
  assert.equal(reader.roomId, 'r');

  const counts = reader.counts({ now: t(2) });
  assert.equal(counts.users.active, 1); // ann; bob is invisible
  assert.equal(counts.users.alive, 1);
  assert.equal(counts.sessions.active, 1);
  assert.equal(counts.sessions.alive, 1);
  assert.equal(counts.users.invisible, 0);
  assert.equal(counts.sessions.invisible, 0);

  const page = reader.listMembers({ now: t(2) });
  assert.deepEqual(
    page.members.map((m) => [m.memberId, m.state]),
    [['ann', 'active']],
  );
  assert.equal(page.cursor, null);
  assert.deepEqual(
    [...reader.members({ now: t(2) })].map((m) => m.memberId),
    ['ann'],
  );
  assert.throws(() => reader.listUsers(), InvalidArgumentError);
  assert.throws(() => e.reader().listMembers(), InvalidArgumentError);

  const ann = reader.getUser('ann', { now: t(2) });
  assert.equal(ann.user.userId, 'ann');
  assert.equal('trueState' in ann.user || 'trueAvailability' in ann.user, false);
  assert.deepEqual(
    ann.sessions.map((s) => s.sessionId),
    ['ann-tab'],
  );
  assert.throws(() => reader.getUser('bob', { now: t(2) }), NotFoundError); // invisible
  assert.throws(() => reader.getUser('cat', { now: t(2) }), NotFoundError); // another room
  assert.throws(() => reader.getUser('nobody', { now: t(2) }), NotFoundError);

  const snapshot = reader.snapshot({ now: t(2) });
  assert.deepEqual(
    snapshot.users.map((u) => u.userId),
    ['ann'],
  );
  assert.deepEqual(
    snapshot.sessions.map((s) => s.sessionId),
    ['ann-tab'],
  );

  // Only events about the room or its visible members; the cursor still
  // moves past the others (cat's leave, zed's arrival elsewhere).
  e.leave('cat-tab', { now: t(3) });
  e.open('zed-tab', { userId: 'zed', now: t(3) });
  e.open('eve-tab', { userId: 'eve', now: t(4) });
  e.joinRoom('eve-tab', 'r', { now: t(4) });
  e.advance({ now: t(4) });
  const about = (/** @type {Record<string, unknown>} */ event) =>
    event.roomId === 'r' ||
    [event.userId, event.memberId, event.targetId, event.sessionId].some(
      (id) => id === 'eve' || id === 'eve-tab',
    );
  const everything = e.changesSince(seq);
  const changes = reader.pollEvents(seq);
  assert.equal(changes.seq, everything.seq);
  assert.deepEqual(changes.events, everything.events.filter(about));
  assert.ok(everything.events.some((ev) => 'userId' in ev && ev.userId === 'cat'));
  assert.ok(changes.events.some((ev) => ev.kind === 'member' && ev.memberId === 'eve'));
  assert.ok(changes.events.some((ev) => ev.kind === 'session' && ev.sessionId === 'eve-tab'));
  assert.deepEqual(reader.pollEvents(changes.seq), { seq: changes.seq, events: [] });
});

test('a reader of a room that does not exist yet reads once it does', (t_) => {
  const e = engineFor(t_);
  const reader = e.reader('later');
  assert.throws(() => reader.counts({ now: t(0) }), NotFoundError);
  assert.throws(() => reader.listMembers({ now: t(0) }), NotFoundError);
  assert.throws(() => reader.snapshot({ now: t(0) }), NotFoundError);
  e.open('tab', { userId: 'ann', now: t(1) });
  e.joinRoom('tab', 'later', { now: t(1) });
  assert.equal(reader.counts({ now: t(1) }).users.active, 1);
  assert.deepEqual(
    reader.listMembers({ now: t(1) }).members.map((m) => m.memberId),
    ['ann'],
  );
});

test('closing a reader, or its engine, makes its calls throw ClosedError', (t_) => {
  const e = engineFor(t_);
  e.open('tab', { userId: 'ann', now: t(0) });
  const first = e.reader();
  first.close();
  first.close(); // idempotent
  assert.equal(first.closed, true);
  assert.throws(() => first.counts(), { name: 'ClosedError', message: 'the reader is closed' });

  const disposed = e.reader();
  disposed[Symbol.dispose]();
  assert.equal(disposed.closed, true);

  const room = e.reader('r');
  const whole = e.reader();
  e.close();
  for (const reader of [room, whole]) {
    assert.equal(reader.closed, true);
    const list = reader === room ? () => reader.listMembers() : () => reader.listUsers();
    for (const call of [
      () => reader.counts(),
      list,
      () => reader.getUser('ann'),
      () => reader.snapshot(),
      () => reader.pollEvents(0),
    ]) {
      assert.throws(call, {
        name: 'ClosedError',
        code: 'PE_CLOSED',
        message: "the reader's engine is closed",
      });
    }
    reader.close(); // still idempotent
  }
  assert.throws(() => e.reader(), ClosedError);
});

test('a reader keeps its engine alive after the application dropped it', () => {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc');
  const reader = (() => {
    const e = new Engine(NO_DEBOUNCE);
    e.open('tab', { userId: 'ann', now: t(0) });
    return e.reader();
  })();
  gc();
  assert.equal(reader.closed, false);
  assert.equal(reader.counts({ now: t(1) }).users.active, 1);
  reader.engine.close();
  assert.equal(reader.closed, true);
});

test('readers refuse bad input with InvalidArgumentError', (t_) => {
  const e = engineFor(t_, { maxIdBytes: 8 });
  e.open('tab', { userId: 'ann', now: t(0) });
  const invalid = { name: 'InvalidArgumentError', code: 'PE_INVALID_ARGUMENT' };
  assert.throws(() => e.reader(''), invalid);
  assert.throws(() => e.reader('x'.repeat(9)), invalid);
  assert.throws(() => e.reader('\uD800'), /lone UTF-16 surrogate/);
  assert.throws(() => e.reader(/** @type {any} */ (42)), /roomId must be a string/);
  const reader = e.reader();
  assert.throws(() => reader.getUser(/** @type {any} */ (undefined)), /userId must be a string/);
  assert.throws(() => reader.getUser(''), invalid);
  assert.throws(() => reader.getUser('\uDC00ann'), /lone UTF-16 surrogate/);
  assert.throws(() => reader.getUser('x'.repeat(9)), invalid);
  assert.throws(() => reader.counts({ now: -1 }), /now must be between 0 and 2\^53/);
  assert.throws(() => reader.counts({ now: 2 ** 60 }), invalid);
  assert.throws(() => reader.snapshot({ now: 1.5 }), invalid);
  assert.throws(() => reader.counts(/** @type {any} */ (null)), /options must be an object/);
  assert.throws(() => reader.listUsers({ minState: /** @type {any} */ ('gone') }), /minState/);
  assert.throws(() => reader.listUsers({ limit: 0 }), invalid);
  assert.throws(() => reader.listUsers({ limit: 10001 }), invalid);
  assert.throws(() => reader.listUsers({ cursor: /** @type {any} */ (7) }), /cursor/);
  assert.throws(() => reader.pollEvents(-1), /afterSeq/);
  assert.throws(() => reader.pollEvents(/** @type {any} */ ('0')), /afterSeq/);
  assert.throws(() => reader.pollEvents(0, -1), /maxEvents/);
  // The addon's entry points check the handle's kind, so an engine handle
  // is never taken for a reader (or the other way round).
  assert.throws(() => native.readerCounts({}, undefined), /not a presence reader/);
  assert.throws(() => native.readerClose(undefined), /not a presence reader/);
  assert.equal(reader.counts({ now: t(1) }).users.active, 1); // still usable
});
