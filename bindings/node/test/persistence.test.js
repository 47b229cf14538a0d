'use strict';

// Snapshots: engine.save() and Engine.restore() over pe_engine_save() and
// pe_engine_create_from_file(): what a restore keeps, how time passes over
// the restart, and how every bad file or argument is refused with nothing
// loaded.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const {
  Engine,
  PresenceError,
  IOError,
  CorruptError,
  NotFoundError,
  ClosedError,
  InvalidArgumentError,
  UnsupportedError,
} = require('..');
const { t, NO_DEBOUNCE, engineFor } = require('./helpers');

/** A fresh directory, removed after the test. */
function tempDir(testContext) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pe-node-persist-'));
  testContext.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Engine.restore(), the engine closed after the test. */
function restoreFor(testContext, file, options) {
  const engine = Engine.restore(file, { ...NO_DEBOUNCE, ...options });
  testContext.after(() => engine.close());
  return engine;
}

const corrupt = (pattern) => (error) => {
  assert.ok(error instanceof CorruptError, `${error}`);
  assert.ok(error instanceof PresenceError);
  assert.equal(error.name, 'CorruptError');
  assert.equal(error.code, 'PE_CORRUPT');
  assert.equal(error.status, 12);
  assert.match(error.message, pattern);
  return true;
};

/** An engine with ann (two tabs, one in a room, busy) and bob, saved at t(5). */
function savedEngine(testContext, file) {
  const e = engineFor(testContext, { requireResumeToken: true });
  const ann = e.open('ann-tab', { userId: 'ann', meta: '{"device":"web"}', now: t(0) });
  e.open('ann-phone', { userId: 'ann', now: t(0) });
  e.open('bob-tab', { userId: 'bob', now: t(1) });
  e.joinRoom('ann-tab', 'standup', { now: t(2) });
  e.setAvailability('ann', 'busy', { now: t(3) });
  e.advance({ now: t(5) });
  e.save(file, { now: t(5) });
  return { engine: e, annToken: ann.resumeToken };
}

test('save then restore keeps users, sessions, rooms and the event numbering', (c) => {
  const file = path.join(tempDir(c), 'presence.snap');
  const { engine: saved, annToken } = savedEngine(c, file);
  const before = {
    ann: saved.getUser('ann', { now: t(5) }),
    session: saved.getSession('ann-tab', { now: t(5) }),
    counts: saved.counts({ now: t(5) }),
    lastSeq: saved.stats().lastSeq,
  };
  assert.equal(fs.statSync(file).mode & 0o777, 0o600, 'the file holds secrets');
  assert.deepEqual(fs.readdirSync(path.dirname(file)), ['presence.snap'], 'no temporary file');
  saved.close();

  const e = restoreFor(c, file, { requireResumeToken: true, now: t(6) });
  assert.equal(e.stats().lastSeq, before.lastSeq);
  const counts = e.counts({ now: t(6) });
  assert.equal(counts.sessions.alive, before.counts.sessions.alive);
  assert.equal(counts.sessions.alive, 3);
  assert.equal(counts.sessions.reconnecting, 3, 'every transport was lost in the restart');
  assert.equal(counts.users.alive, 2);
  assert.equal(counts.rooms, 1);

  const ann = e.getUser('ann', { now: t(6) });
  assert.equal(ann.user.state, before.ann.user.state);
  assert.equal(ann.user.state, 'active');
  assert.equal(ann.user.lastSeenAt, before.ann.user.lastSeenAt);
  assert.equal(ann.user.sessionCount, 2);
  assert.equal(ann.user.availability, 'busy');
  assert.deepEqual(ann.sessions.map((s) => s.sessionId).sort(), ['ann-phone', 'ann-tab']);
  const session = e.getSession('ann-tab', { now: t(6) });
  assert.equal(session.userId, 'ann');
  assert.equal(session.meta, '{"device":"web"}');
  assert.equal(session.meta, before.session.meta);
  assert.equal(session.lastSignalAt, before.session.lastSignalAt);
  assert.equal(session.reconnecting, true);
  assert.equal(session.connected, false);
  assert.deepEqual(
    [...e.members('standup', { now: t(6) })].map((m) => m.memberId),
    ['ann'],
  );
  assert.equal(e.getUser('bob', { now: t(6) }).user.state, 'active');

  // The resume token given before the restart still continues the session.
  const reopened = e.open('ann-tab', {
    userId: 'ann',
    transportId: 'socket-9',
    resumeToken: annToken,
    now: t(7),
  });
  assert.equal(reopened.continued, true);
  assert.equal(reopened.state, 'active');
  assert.equal(reopened.resumeToken, annToken);
});

test('a restore long after the save finds everyone offline', (c) => {
  const file = path.join(tempDir(c), 'presence.snap');
  savedEngine(c, file);
  const day = 24 * 60 * 60;
  const e = restoreFor(c, file, { now: t(day) });
  const counts = e.counts({ now: t(day) });
  assert.equal(counts.sessions.alive, 0);
  assert.equal(counts.users.alive, 0);
  assert.equal(counts.users.stale, 0);
  assert.throws(() => e.getSession('ann-tab', { now: t(day) }), NotFoundError);
  const ann = e.getUser('ann', { now: t(day) });
  assert.equal(ann.user.state, 'offline');
  assert.equal(ann.user.sessionCount, 0);
  assert.deepEqual(ann.sessions, []);
});

test('restore takes the options of new Engine(), the ticker included', (c) => {
  const file = path.join(tempDir(c), 'presence.snap');
  savedEngine(c, file);
  const e = restoreFor(c, file, { tickIntervalMs: 50, idleAfterMs: 120_000 });
  assert.equal(e.config.idleAfterMs, 120_000);
  assert.equal(e.config.maxCatchUpSteps, 64, 'as new Engine({ tickIntervalMs }) sets it');
  assert.equal(e.counts().rooms, 1);
  // A bad option is refused before anything is loaded or started.
  assert.throws(() => Engine.restore(file, { idleAfter: 5 }), InvalidArgumentError);
  assert.throws(() => Engine.restore(file, { tickIntervalMs: 0 }), InvalidArgumentError);
  assert.throws(
    () => Engine.restore(file, { shared: e.share() }),
    (error) => error instanceof InvalidArgumentError && /shared/.test(error.message),
  );
  assert.throws(() => Engine.restore(file, 'fast'), /options must be an object/);
  assert.throws(() => Engine.restore(file, { nodeId: 'node-a' }), UnsupportedError);
  assert.throws(() => Engine.restore(file, { now: -7 }), InvalidArgumentError);
});

test('a missing file is a NotFoundError: the first start creates the engine', (c) => {
  const file = path.join(tempDir(c), 'never-saved.snap');
  assert.throws(
    () => Engine.restore(file),
    (error) =>
      error instanceof NotFoundError &&
      error.code === 'PE_NOT_FOUND' &&
      error.message.includes(file),
  );
  let engine;
  try {
    engine = Engine.restore(file);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    engine = new Engine();
  }
  assert.equal(engine.counts().sessions.alive, 0);
  engine.close();
});

test('truncated and garbage files are CorruptError, with nothing half-loaded', (c) => {
  const file = path.join(tempDir(c), 'presence.snap');
  savedEngine(c, file);
  const whole = fs.readFileSync(file);

  fs.writeFileSync(file, whole.subarray(0, whole.length >> 1));
  assert.throws(() => Engine.restore(file), corrupt(/truncated/));
  fs.writeFileSync(file, whole.subarray(0, whole.length - 1));
  assert.throws(() => Engine.restore(file), corrupt(/./));
  fs.writeFileSync(file, 'hello, world');
  assert.throws(() => Engine.restore(file), corrupt(/not a presence snapshot/));
  fs.writeFileSync(file, '');
  assert.throws(() => Engine.restore(file), corrupt(/./));
  const flipped = Buffer.from(whole);
  flipped[flipped.length - 5] ^= 0xff; // damaged in place: the checksum fails
  fs.writeFileSync(file, flipped);
  assert.throws(() => Engine.restore(file), corrupt(/./));

  // Nothing half-loaded: the same file, repaired, loads whole.
  fs.writeFileSync(file, whole);
  const e = restoreFor(c, file, { now: t(6) });
  assert.equal(e.counts({ now: t(6) }).sessions.alive, 3);
});

test('saving into a missing directory is an IOError that leaves nothing behind', (c) => {
  const dir = tempDir(c);
  const e = engineFor(c);
  e.open('tab', { userId: 'ann', now: t(0) });
  const nowhere = path.join(dir, 'no-such-dir', 'presence.snap');
  assert.throws(
    () => e.save(nowhere, { now: t(1) }),
    (error) =>
      error instanceof IOError &&
      error instanceof PresenceError &&
      error.name === 'IOError' &&
      error.code === 'PE_IO_ERROR' &&
      error.status === 11 &&
      error.message.includes(nowhere),
  );
  assert.deepEqual(fs.readdirSync(dir), []);
  // A directory where the file should be cannot be read as a snapshot.
  assert.throws(
    () => Engine.restore(dir),
    (error) => error instanceof PresenceError,
  );
  // The engine is unharmed.
  e.save(path.join(dir, 'presence.snap'), { now: t(1) });
  assert.equal(e.counts({ now: t(1) }).sessions.alive, 1);
});

test('bad paths and times are InvalidArgumentError', (c) => {
  const dir = tempDir(c);
  const e = engineFor(c);
  const file = path.join(dir, 'presence.snap');
  const bad = [
    [undefined, /path must be a string/],
    [null, /path must be a string/],
    [42, /path must be a string/],
    [Buffer.from(file), /path must be a string/],
    ['', /./],
    [`${file}\0.tmp`, /./],
    [`${dir}/\uD800.snap`, /lone UTF-16 surrogate/],
  ];
  for (const [value, pattern] of bad) {
    assert.throws(
      () => e.save(value),
      (error) => error instanceof InvalidArgumentError && pattern.test(error.message),
      `save(${JSON.stringify(value)})`,
    );
    assert.throws(
      () => Engine.restore(value),
      (error) => error instanceof InvalidArgumentError && pattern.test(error.message),
      `restore(${JSON.stringify(value)})`,
    );
  }
  assert.deepEqual(fs.readdirSync(dir), [], 'nothing was written');
  assert.throws(() => e.save(file, { now: -7 }), InvalidArgumentError);
  assert.throws(() => e.save(file, 'now'), /options must be an object/);
  assert.throws(() => e.save(), InvalidArgumentError);
  assert.throws(() => Engine.restore(), InvalidArgumentError);
});

test('save after close is a ClosedError', (c) => {
  const file = path.join(tempDir(c), 'presence.snap');
  const e = new Engine();
  e.save(file);
  e.close();
  assert.throws(() => e.save(file), ClosedError);
  const restored = Engine.restore(file);
  restored.close();
  assert.throws(() => restored.save(file), ClosedError);
  assert.throws(() => restored.counts(), ClosedError);
});

test('a save replaces the previous snapshot atomically', (c) => {
  const file = path.join(tempDir(c), 'presence.snap');
  const e = engineFor(c);
  e.open('one', { userId: 'ann', now: t(0) });
  e.save(file, { now: t(1) });
  e.open('two', { userId: 'bob', now: t(1) });
  e.save(file, { now: t(2) });
  assert.deepEqual(fs.readdirSync(path.dirname(file)), ['presence.snap']);
  const restored = restoreFor(c, file, { now: t(2) });
  assert.equal(restored.counts({ now: t(2) }).users.alive, 2);
});
