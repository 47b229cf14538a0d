'use strict';

// The Socket.IO adapter against a real socket.io server and socket.io-client
// on loopback, speaking the reference wire contract.

const test = require('node:test');
const assert = require('node:assert/strict');
const { whosOnline, PROMETHEUS_CONTENT_TYPE } = require('..');
const { sleep, until, startServer, connectSocket, openTab } = require('./socketio');

test('hello opens a session bound to the socket and answers with a snapshot', async (tc) => {
  const server = await startServer(tc);
  const tab = await openTab(server, {
    sessionId: 'ann-tab-1',
    userId: 'ann',
    sessionMeta: { device: 'laptop' },
  });
  const { resumeToken } = tab.ack;
  assert.deepEqual(tab.ack, { ok: true, heartbeatIntervalMs: 500, continued: false, resumeToken });
  assert.match(resumeToken, /^[0-9a-f]{32}$/);
  assert.equal(typeof tab.snapshot.seq, 'number');
  const session = server.engine.getSession('ann-tab-1');
  assert.equal(session.userId, 'ann');
  assert.equal(session.transportId, tab.socket.id);
  assert.equal(session.meta, '{"device":"laptop"}');
  const hb = await tab.socket.emitWithAck('presence:heartbeat', {
    sessionId: 'ann-tab-1',
    activity: 'idle',
    visibility: 'visible',
  });
  assert.deepEqual(hb, { ok: true, heartbeatIntervalMs: 500 });
  await until(() => tab.view.users.ann?.status === 'active', 'ann active in the diffs');
  assert.deepEqual(Object.keys(tab.view.users.ann).sort(), [
    'availability',
    'confidence',
    'lastSeenAt',
    'sessionCount',
    'status',
  ]);
  assert.equal(tab.view.sessions['ann-tab-1'].status, 'active');
  // The handle field of the reference pattern names the user as well.
  await openTab(server, { sessionId: 'h-tab', handle: 'hal' });
  assert.equal(server.engine.getSession('h-tab').userId, 'hal');
});

test('two tabs of one user: one closes and the user stays', async (tc) => {
  const server = await startServer(tc);
  const observer = await openTab(server, { sessionId: 'obs-tab', userId: 'obs' });
  const tab1 = await openTab(server, { sessionId: 'ann-1', userId: 'ann' });
  const tab2 = await openTab(server, { sessionId: 'ann-2', userId: 'ann' });
  await until(
    () =>
      observer.view.sessions['ann-1']?.status === 'active' &&
      observer.view.sessions['ann-2']?.status === 'active',
    'both tabs active',
  );
  assert.equal(observer.view.users.ann.status, 'active');
  const diffsBefore = observer.diffs.length;
  tab1.socket.close();
  // Past the grace window and the TTL: the closed tab ends; the user stays.
  await until(
    () => observer.view.sessions['ann-1']?.status === 'offline',
    'the closed tab offline',
    4000,
  );
  const later = observer.diffs.slice(diffsBefore);
  assert.ok(later.length > 0);
  for (const diff of later) assert.equal(diff.users.ann, undefined, 'no user change for ann');
  assert.equal(observer.view.users.ann.status, 'active');
  assert.equal(server.engine.getUser('ann').user.state, 'active');
  assert.equal(server.engine.getUser('ann').user.sessionCount, 1);
  assert.equal(tab2.view.sessions['ann-1'].status, 'offline');
});

test('a reconnect with a new socket.id inside the grace window is a continuation', async (tc) => {
  const server = await startServer(tc);
  const observer = await openTab(server, { sessionId: 'obs-tab', userId: 'obs' });
  const first = await openTab(server, { sessionId: 'bob-tab', userId: 'bob' });
  await until(() => observer.view.users.bob?.status === 'active', 'bob active');
  const diffsBefore = observer.diffs.length;
  const oldSocketId = first.socket.id;

  // The transport drops; the tab reconnects on a new socket within 300 ms,
  // presenting the resume token its first hello was given.
  const { resumeToken } = first.ack;
  first.socket.close();
  await sleep(50);
  const second = await openTab(server, { sessionId: 'bob-tab', userId: 'bob', resumeToken });
  assert.equal(second.ack.continued, true);
  assert.notEqual(second.socket.id, oldSocketId);
  assert.equal(server.engine.getSession('bob-tab').transportId, second.socket.id);

  // A third socket takes over while the second is still open, whose late
  // close must not disturb the session.
  const third = await openTab(server, { sessionId: 'bob-tab', userId: 'bob', resumeToken });
  assert.equal(third.ack.continued, true);
  second.socket.close();
  await sleep(1500); // longer than the grace window and the TTL
  const session = server.engine.getSession('bob-tab');
  assert.equal(session.state, 'active');
  assert.equal(session.connected, true);
  assert.equal(session.transportId, third.socket.id);
  for (const diff of observer.diffs.slice(diffsBefore)) {
    assert.equal(diff.users.bob, undefined, 'no leave or join of bob');
    assert.equal(diff.sessions['bob-tab'], undefined, 'no change of the tab');
  }
});

test('activity, visibility and leave map onto the engine', async (tc) => {
  const server = await startServer(tc);
  const observer = await openTab(server, { sessionId: 'obs-tab', userId: 'obs' });
  const tab = await openTab(server, { sessionId: 'cat-tab', userId: 'cat' });
  assert.deepEqual(await tab.socket.emitWithAck('presence:activity', { sessionId: 'cat-tab' }), {
    ok: true,
  });
  assert.deepEqual(
    await tab.socket.emitWithAck('presence:visibility', {
      sessionId: 'cat-tab',
      visibility: 'hidden',
    }),
    { ok: true },
  );
  assert.equal(server.engine.getSession('cat-tab').visible, false);
  await until(
    () => observer.view.users.cat?.status === 'away',
    'cat away after the blur tolerance',
  );
  await tab.socket.emitWithAck('presence:visibility', { visibility: 'visible' });
  await until(() => observer.view.users.cat?.status === 'active', 'cat active again');
  assert.deepEqual(await tab.socket.emitWithAck('presence:leave', { sessionId: 'cat-tab' }), {
    ok: true,
  });
  await until(() => observer.view.users.cat?.status === 'offline', 'cat offline at once');
  const afterLeave = await tab.socket.emitWithAck('presence:heartbeat', { sessionId: 'cat-tab' });
  assert.equal(afterLeave.ok, false);
  assert.equal(afterLeave.error.code, 'PE_INVALID_ARGUMENT');
});

test('bad messages are refused in the ack and never break the server', async (tc) => {
  const server = await startServer(tc);
  const socket = await connectSocket(server);
  const refused = async (event, payload, code, pattern) => {
    const ack = await socket.emitWithAck(event, payload);
    assert.equal(ack.ok, false, `${event} ${JSON.stringify(payload)}`);
    assert.equal(ack.error.code, code);
    assert.match(ack.error.message, pattern);
  };
  await refused('presence:heartbeat', { sessionId: 'x' }, 'PE_INVALID_ARGUMENT', /hello first/);
  await refused('presence:hello', null, 'PE_INVALID_ARGUMENT', /expects an object/);
  await refused('presence:hello', 'hi', 'PE_INVALID_ARGUMENT', /expects an object/);
  await refused('presence:hello', {}, 'PE_INVALID_ARGUMENT', /sessionId must be a string/);
  await refused('presence:hello', { sessionId: '' }, 'PE_INVALID_ARGUMENT', /empty/);
  await refused(
    'presence:hello',
    { sessionId: 'a\ud800' },
    'PE_INVALID_ARGUMENT',
    /lone UTF-16 surrogate/,
  );
  await refused(
    'presence:hello',
    { sessionId: 's', userId: 42 },
    'PE_INVALID_ARGUMENT',
    /userId must be a string/,
  );
  await refused(
    'presence:hello',
    { sessionId: 'x'.repeat(500) },
    'PE_INVALID_ARGUMENT',
    /limit is 128/,
  );
  assert.equal(server.engine.counts().sessions.alive, 0);

  assert.equal(
    (await socket.emitWithAck('presence:hello', { sessionId: 'mine', userId: 'dan' })).ok,
    true,
  );
  await refused(
    'presence:hello',
    { sessionId: 'other', userId: 'dan' },
    'PE_INVALID_ARGUMENT',
    /already carries/,
  );
  await refused(
    'presence:heartbeat',
    { sessionId: 'theirs' },
    'PE_INVALID_ARGUMENT',
    /does not belong/,
  );
  await refused(
    'presence:heartbeat',
    { activity: 'busy' },
    'PE_INVALID_ARGUMENT',
    /activity must be one of/,
  );
  await refused(
    'presence:visibility',
    { visibility: 'blurred' },
    'PE_INVALID_ARGUMENT',
    /visibility/,
  );
  await refused('presence:heartbeat', 7, 'PE_INVALID_ARGUMENT', /expects an object/);
  // Another socket claiming a live session id without its token is denied.
  const thief = await openTab(server, { sessionId: 'mine', userId: 'eve' }, { beat: false });
  assert.equal(thief.ack.ok, false);
  assert.equal(thief.ack.error.code, 'PE_DENIED');
  // Fire-and-forget messages without an ack are fine too.
  socket.emit('presence:heartbeat', null);
  socket.emit('presence:activity');
  assert.deepEqual(await socket.emitWithAck('presence:heartbeat', {}), {
    ok: true,
    heartbeatIntervalMs: 500,
  });
  assert.equal(server.engine.getSession('mine').userId, 'dan');
});

test('authenticate decides the user; scope decides who hears diffs', async (tc) => {
  const server = await startServer(tc, {
    authenticate: (socket, hello) => {
      if (hello.userId === 'mallory') throw new Error('not you');
      return socket.handshake.auth.user ?? null;
    },
    scope: (_socket, hello) => (hello.sessionId === 'quiet' ? 'none' : 'all'),
  });
  const socket = await connectSocket(server, { auth: { user: 'verified' } });
  const ack = await socket.emitWithAck('presence:hello', { sessionId: 's-1', userId: 'claimed' });
  assert.equal(ack.ok, true);
  assert.equal(server.engine.getSession('s-1').userId, 'verified');
  const refused = await socket.emitWithAck('presence:hello', {
    sessionId: 's-1',
    userId: 'mallory',
  });
  assert.deepEqual(refused, { ok: false, error: { code: 'PE_REFUSED', message: 'not you' } });
  const quiet = await openTab(server, { sessionId: 'quiet' }, { beat: false, subscribed: false });
  assert.equal(quiet.snapshots, 0);
  await openTab(server, { sessionId: 'loud', userId: 'lou' });
  await sleep(200);
  assert.deepEqual(quiet.diffs, []);
  assert.equal(server.engine.getSession('quiet').userId, null);
});

test('whosOnline reports the published view; close() detaches the adapter', async (tc) => {
  const server = await startServer(tc);
  await openTab(server, { sessionId: 'w-1', userId: 'wes' });
  await until(() => whosOnline(server.engine).users.wes !== undefined, 'wes published');
  const report = whosOnline(server.engine);
  assert.equal(report.ok, true);
  assert.ok(Math.abs(report.generatedAt - Date.now()) < 1000);
  assert.equal(report.counts.sessions.alive, 1);
  assert.equal(report.users.wes.status, 'active');
  assert.equal(report.users.wes.sessionCount, 1);
  assert.equal(report.sessions['w-1'].userId, 'wes');
  assert.equal(typeof report.sessions['w-1'].lastHeartbeatAt, 'number');
  assert.equal(report.rooms, undefined);
  server.engine.joinRoom('w-1', 'lobby');
  const withRooms = server.attachment.whosOnline({ rooms: true });
  assert.deepEqual(Object.keys(withRooms.rooms), ['lobby']);
  assert.deepEqual(withRooms.rooms.lobby.members, { active: 1, idle: 0, away: 0, stale: 0 });
  assert.equal('roomId' in withRooms.rooms.lobby, false);
  const metrics = server.attachment.metrics();
  assert.match(metrics, /^presence_rooms 1$/m);
  assert.match(metrics, /presence_room_members\{room="lobby",state="active"\} 1/);
  assert.equal(
    server.attachment.metrics({ roomId: 'lobby' }),
    server.engine.prometheus({ roomId: 'lobby' }),
  );
  assert.equal(PROMETHEUS_CONTENT_TYPE, 'text/plain; version=0.0.4; charset=utf-8');
  server.attachment.close();
  const socket = await connectSocket(server);
  const answer = socket.timeout(200).emitWithAck('presence:hello', { sessionId: 'late' });
  await assert.rejects(answer, /timed out|operation has timed out/);
  assert.throws(() => server.engine.getSession('late'), { code: 'PE_NOT_FOUND' });
});

test('a stolen session id without its resume token cannot take the session over', async (tc) => {
  const server = await startServer(tc);
  const victim = await openTab(server, { sessionId: 'ann-tab', userId: 'ann' });
  const { resumeToken } = victim.ack;
  const denied = {
    ok: false,
    error: {
      code: 'PE_DENIED',
      message: "continuing session 'ann-tab' from another connection needs its resume token",
    },
  };
  const hijack = async (hello) => {
    const socket = await connectSocket(server);
    return { socket, ack: await socket.emitWithAck('presence:hello', hello) };
  };
  // While the victim is connected, and after its transport dropped.
  assert.deepEqual((await hijack({ sessionId: 'ann-tab', userId: 'ann' })).ack, denied);
  const victimSocketId = victim.socket.id;
  victim.socket.close();
  await sleep(50);
  assert.deepEqual((await hijack({ sessionId: 'ann-tab', userId: 'ann' })).ack, denied);
  const wrong = resumeToken.replace(/^./, (c) => (c === '0' ? '1' : '0'));
  assert.deepEqual(
    (await hijack({ sessionId: 'ann-tab', userId: 'ann', resumeToken: wrong })).ack,
    denied,
  );
  assert.deepEqual(
    (await hijack({ sessionId: 'ann-tab', userId: 'ann', resumeToken: 42 })).ack,
    denied,
  );
  // Nothing changed: the session still waits for its own client...
  const session = server.engine.getSession('ann-tab');
  assert.equal(session.transportId, victimSocketId);
  assert.equal(session.reconnecting, true);
  // ...which comes back with its token and continues it.
  const back = await hijack({ sessionId: 'ann-tab', userId: 'ann', resumeToken });
  assert.equal(back.ack.ok, true);
  assert.equal(back.ack.continued, true);
  assert.equal(server.engine.getSession('ann-tab').transportId, back.socket.id);
});

test('requireResumeToken: false lets any connection continue a session', async (tc) => {
  const server = await startServer(tc, { requireResumeToken: false });
  const first = await openTab(server, { sessionId: 'bob-tab', userId: 'bob' }, { beat: false });
  first.socket.close();
  await sleep(50);
  const socket = await connectSocket(server);
  const ack = await socket.emitWithAck('presence:hello', { sessionId: 'bob-tab', userId: 'bob' });
  assert.equal(ack.ok, true);
  assert.equal(ack.continued, true);
});

test('an engine that requires resume tokens checks them behind the adapter too', async (tc) => {
  // The adapter's own check is off: the engine still refuses.
  const server = await startServer(tc, { requireResumeToken: false }, { requireResumeToken: true });
  const first = await openTab(server, { sessionId: 'cat-tab', userId: 'cat' }, { beat: false });
  const socket = await connectSocket(server);
  const hello = { sessionId: 'cat-tab', userId: 'cat' };
  const ack = await socket.emitWithAck('presence:hello', hello);
  assert.equal(ack.ok, false);
  assert.equal(ack.error.code, 'PE_DENIED');
  const resumed = await socket.emitWithAck('presence:hello', {
    ...hello,
    resumeToken: first.ack.resumeToken,
  });
  assert.equal(resumed.ok, true);
  assert.equal(resumed.continued, true);
});
