'use strict';

// Resume tokens: continuing a live session from another transport needs
// the token its first open returned (requireResumeToken). Also the engine's
// configuration read back (engine.config).

const test = require('node:test');
const assert = require('node:assert/strict');
const { Engine, DEFAULTS, DeniedError, PresenceError, ClosedError } = require('..');
const { t, engineFor } = require('./helpers');

const denied = {
  name: 'DeniedError',
  code: 'PE_DENIED',
  message: "continuing session 'tab' from another transport needs its resume token",
};

test('open() returns the resume token: unguessable, fixed per session id and engine', (tc) => {
  const e = engineFor(tc);
  const first = e.open('tab', { userId: 'ann', now: t(0) });
  assert.match(first.resumeToken, /^[0-9a-f]{32}$/);
  assert.equal(e.open('tab', { userId: 'ann', now: t(1) }).resumeToken, first.resumeToken);
  assert.notEqual(e.open('tab-2', { userId: 'ann', now: t(1) }).resumeToken, first.resumeToken);
  const other = engineFor(tc);
  assert.notEqual(other.open('tab', { userId: 'ann', now: t(0) }).resumeToken, first.resumeToken);
  // Without requireResumeToken a token is not checked, right or wrong.
  const moved = e.open('tab', { transportId: 'sock-9', resumeToken: 'nope', now: t(2) });
  assert.equal(moved.continued, true);
});

test('requireResumeToken: another transport continues a session only with its token', (tc) => {
  const e = engineFor(tc, { requireResumeToken: true });
  const { resumeToken } = e.open('tab', { userId: 'ann', transportId: 'sock-1', now: t(0) });
  // The same live transport saying hello again needs no proof.
  assert.equal(e.open('tab', { userId: 'ann', transportId: 'sock-1', now: t(1) }).continued, true);
  // A hijack: the session id without its token, or with a wrong one.
  assert.throws(() => e.open('tab', { userId: 'ann', transportId: 'evil', now: t(2) }), denied);
  const wrong = resumeToken.replace(/^./, (c) => (c === '0' ? '1' : '0'));
  assert.throws(
    () => e.open('tab', { userId: 'ann', transportId: 'evil', resumeToken: wrong, now: t(2) }),
    (error) => error instanceof DeniedError && error instanceof PresenceError,
  );
  assert.throws(() => e.open('tab', { userId: 'ann', now: t(2) }), DeniedError);
  assert.equal(e.getSession('tab', { now: t(2) }).transportId, 'sock-1', 'nothing was changed');

  // Its transport dropped: heartbeats are refused until it opens again with
  // the token, from its new transport.
  e.disconnectTransport('sock-1', { now: t(3) });
  assert.throws(() => e.heartbeat('tab', { now: t(4) }), {
    name: 'DeniedError',
    code: 'PE_DENIED',
  });
  assert.equal(e.heartbeatBatch(['tab'], { now: t(4) }).failed, 1);
  const back = e.open('tab', { userId: 'ann', transportId: 'sock-2', resumeToken, now: t(5) });
  assert.equal(back.continued, true);
  assert.equal(back.resumeToken, resumeToken);
  assert.equal(e.heartbeat('tab', { now: t(6) }), 15_000);
  assert.equal(e.getSession('tab', { now: t(6) }).transportId, 'sock-2');
});

test('resume tokens refuse bad input', (tc) => {
  const e = engineFor(tc, { requireResumeToken: true });
  e.open('tab', { transportId: 'sock-1', now: t(0) });
  const invalid = { name: 'InvalidArgumentError', code: 'PE_INVALID_ARGUMENT' };
  const reopen = (resumeToken) => () =>
    e.open('tab', { transportId: 'sock-2', resumeToken, now: t(1) });
  assert.throws(reopen(/** @type {any} */ (42)), /resumeToken must be a string, got a number/);
  assert.throws(reopen('\uD83D'), /resumeToken contains a lone UTF-16 surrogate/);
  assert.throws(reopen('f'.repeat(65)), invalid);
  assert.throws(reopen(''), DeniedError);
  assert.throws(() => new Engine({ requireResumeToken: /** @type {any} */ (1) }), {
    ...invalid,
    message: 'require_resume_token must be a boolean, got a number',
  });
});

test('engine.config reads the configuration back in the options shape', (tc) => {
  const plain = engineFor(tc);
  assert.deepEqual(plain.config, {
    ...DEFAULTS,
    debounceActiveMs: 0,
    debounceIdleMs: 0,
    debounceAwayMs: 0,
    debounceStaleMs: 0,
    debounceOfflineMs: 0,
  });
  assert.ok(Object.isFrozen(plain.config));

  const options = {
    idleAfterMs: 1000,
    awayAfterMs: 5000,
    maxSessions: 10,
    maxSessionsPerUser: 3,
    maxRoomsPerSession: 4,
    maxRooms: 5,
    maxIdBytes: 16,
    maxMetaBytes: 64,
    maxIntentsPerCaller: 6,
    maxIntentTtlMs: 7000,
    readinessBusyFactor: 0.25,
    requireResumeToken: true,
  };
  const e = engineFor(tc, options);
  const config = e.config;
  for (const [name, value] of Object.entries(options)) assert.equal(config[name], value, name);
  assert.deepEqual(Object.keys(config).sort(), Object.keys(DEFAULTS).sort());
  // An engine made from it is configured alike.
  const twin = new Engine(config);
  tc.after(() => twin.close());
  assert.deepEqual(twin.config, config);
  // The ticker's catch-up default shows.
  const ticking = engineFor(tc, { tickIntervalMs: 1000 });
  assert.equal(ticking.config.maxCatchUpSteps, 64);
  ticking.close();
  assert.throws(() => ticking.config, ClosedError);
});
