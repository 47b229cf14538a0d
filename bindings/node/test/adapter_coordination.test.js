'use strict';

// The Socket.IO adapter's coordination, end to end with a real socket.io
// server and socket.io-client on loopback: rooms, interest-based fan-out,
// count-only rooms, availability, intents, and every refusal.

const test = require('node:test');
const assert = require('node:assert/strict');
const { once } = require('node:events');
const { sleep, until, startServer, connectSocket, openTab } = require('./socketio');

/** Every member event a tab saw, as [roomId, memberId, status]. */
const memberChanges = (tab) =>
  tab.diffs.flatMap((diff) =>
    Object.entries(diff.members ?? {}).flatMap(([roomId, members]) =>
      Object.entries(members).map(([memberId, m]) => [roomId, memberId, m.status]),
    ),
  );

test('presence:join answers with the room, its members and their users', async (tc) => {
  const server = await startServer(tc, { scope: 'interests' });
  const bob = await openTab(server, { sessionId: 'bob-1', userId: 'bob' });
  assert.equal((await bob.ask('presence:join', { roomId: 'standup' })).ok, true);
  const ann = await openTab(server, { sessionId: 'ann-1', userId: 'ann' });
  const ack = await ann.ask('presence:join', { roomId: 'standup' });
  assert.equal(ack.ok, true);
  assert.equal(typeof ack.view.seq, 'number');
  assert.deepEqual(Object.keys(ack.view.rooms), ['standup']);
  assert.deepEqual(Object.keys(ack.view.members.standup).sort(), ['ann', 'bob']);
  assert.deepEqual(ack.view.members.standup.bob, {
    status: 'active',
    guest: false,
    availability: 'available',
    joinedAt: ack.view.members.standup.bob.joinedAt,
  });
  assert.equal(ack.view.users.bob.status, 'active'); // scope 'interests': the members' users
  const room = ack.view.rooms.standup;
  assert.deepEqual(room.members, { active: 2, idle: 0, away: 0, stale: 0 });
  assert.equal(room.ready, true);
  assert.equal(room.countOnly, false);
  // bob hears ann join (once it held for the debounce), and the room's new
  // record, with its momentum.
  await until(() => bob.view.memberIds('standup').includes('ann'), 'bob sees ann join');
  await until(() => bob.view.rooms.standup?.members.active === 2, 'the room record in a diff');
  assert.ok(bob.view.rooms.standup.arrivalsPerMinute > 0);
  assert.equal(bob.view.users.ann?.status, 'active');
  assert.deepEqual(
    server.engine.userRooms('ann').map((r) => r.roomId),
    ['standup'],
  );
});

test('two tabs of one user in a room: one closes, nobody sees the member leave', async (tc) => {
  const server = await startServer(tc);
  const observer = await openTab(server, { sessionId: 'obs', userId: 'obs' });
  await observer.ask('presence:join', { roomId: 'r' });
  const tab1 = await openTab(server, { sessionId: 'ann-1', userId: 'ann' });
  const tab2 = await openTab(server, { sessionId: 'ann-2', userId: 'ann' });
  await tab1.ask('presence:join', { roomId: 'r' });
  await tab2.ask('presence:join', { roomId: 'r' });
  await until(() => observer.view.memberIds('r').includes('ann'), 'ann joined');
  const before = memberChanges(observer).length;
  tab1.socket.close();
  // Past the grace window and the TTL: the closed tab ends; ann stays.
  await until(() => observer.view.sessions['ann-1']?.status === 'offline', 'the tab ended', 4000);
  assert.deepEqual(memberChanges(observer).slice(before), [], 'no member change');
  assert.deepEqual(observer.view.memberIds('r'), ['ann', 'obs']);
  assert.deepEqual(
    server.engine.listMembers('r').members.map((m) => [m.memberId, m.sessionCount]),
    [
      ['ann', 1],
      ['obs', 1],
    ],
  );
  // The tab that closed hears nothing any more: its subscriptions are gone.
  const seq = server.engine.stats().lastSeq;
  server.engine.open('xena-1', { userId: 'xena' });
  server.engine.joinRoom('xena-1', 'r');
  await sleep(60); // the join is published after the debounce
  const subscribers = server.engine.fanout(seq).deliveries.map((d) => d.subscriberId);
  assert.deepEqual(subscribers.sort(), ['ann-2', 'obs']);
  await until(() => tab2.view.memberIds('r').includes('xena'), 'the other tab hears xena');
});

test('a reconnect inside the grace window keeps the rooms and what the tab hears', async (tc) => {
  const server = await startServer(tc, { scope: 'interests' });
  const observer = await openTab(server, { sessionId: 'obs', userId: 'obs' });
  await observer.ask('presence:join', { roomId: 'r' });
  const first = await openTab(server, { sessionId: 'bob-tab', userId: 'bob' });
  await first.ask('presence:join', { roomId: 'r' });
  await until(() => observer.view.memberIds('r').includes('bob'), 'bob joined');
  const before = memberChanges(observer).length;

  first.socket.close();
  await sleep(50);
  const { resumeToken } = first.ack;
  const second = await openTab(server, { sessionId: 'bob-tab', userId: 'bob', resumeToken });
  assert.equal(second.ack.continued, true);
  // The snapshot of the continued session names its room and members.
  assert.deepEqual(second.view.memberIds('r'), ['bob', 'obs']);
  assert.equal(second.snapshot.rooms.r.members.active, 2);
  await sleep(1500); // longer than the grace window and the TTL
  assert.deepEqual(memberChanges(observer).slice(before), [], 'no leave and no join of bob');
  assert.deepEqual(
    server.engine.listMembers('r').members.map((m) => m.memberId),
    ['bob', 'obs'],
  );
  // The new socket hears the room without joining it again.
  const carl = await openTab(server, { sessionId: 'carl-tab', userId: 'carl' });
  await carl.ask('presence:join', { roomId: 'r' });
  await until(() => second.view.memberIds('r').includes('carl'), 'the new socket hears carl');
});

test('fan-out sends a room diff only to that room’s subscribers', async (tc) => {
  const server = await startServer(tc, { scope: 'interests' });
  const inRoom1 = await openTab(server, { sessionId: 'a', userId: 'ann' });
  const inRoom2 = await openTab(server, { sessionId: 'b', userId: 'bob' });
  const nowhere = await openTab(server, { sessionId: 'z', userId: 'zoe' });
  await inRoom1.ask('presence:join', { roomId: 'room-1' });
  await inRoom2.ask('presence:join', { roomId: 'room-2' });
  await sleep(100);
  const counts = [inRoom1, inRoom2, nowhere].map((tab) => tab.diffs.length);
  const carl = await openTab(server, { sessionId: 'c', userId: 'carl' });
  await carl.ask('presence:join', { roomId: 'room-1' });
  await until(() => inRoom1.view.memberIds('room-1').includes('carl'), 'room-1 hears carl');
  await sleep(150); // anything else would have been sent by now
  for (const [tab, before] of [
    [inRoom2, counts[1]],
    [nowhere, counts[2]],
  ]) {
    const heard = JSON.stringify(tab.diffs.slice(before));
    assert.ok(!heard.includes('carl') && !heard.includes('room-1'), heard);
  }
  // Scope 'interests': no one else's presence either.
  assert.equal(nowhere.view.users.carl, undefined);
  assert.equal(inRoom1.view.users.carl.status, 'active');
  assert.deepEqual(Object.keys(nowhere.view.users), ['zoe']);
});

test("scope 'all' hears everyone's presence and its own rooms in one diff", async (tc) => {
  const server = await startServer(tc);
  const watcher = await openTab(server, { sessionId: 'w', userId: 'wes' });
  await watcher.ask('presence:join', { roomId: 'r' });
  const outsider = await openTab(server, { sessionId: 'o', userId: 'olga' });
  const before = outsider.diffs.length;
  const ann = await openTab(server, { sessionId: 'a', userId: 'ann' });
  await ann.ask('presence:join', { roomId: 'r' });
  await until(() => watcher.view.memberIds('r').includes('ann'), 'the watcher sees ann join');
  await until(() => outsider.view.users.ann?.status === 'active', 'the outsider sees ann');
  // The outsider has no interest in room r: none of its diffs name it.
  for (const diff of outsider.diffs.slice(before)) assert.equal(diff.members, undefined);
  // The watcher got ann's presence and r's membership, never a diff twice.
  const seqs = watcher.diffs.map((d) => d.seq);
  assert.deepEqual(seqs, [...new Set(seqs)]);
});

test('count-only rooms send occupancy, not members', async (tc) => {
  const server = await startServer(tc, { scope: 'interests' });
  server.engine.setRoomCountOnly('arena', true, { intervalMs: 100 });
  const fan = await openTab(server, { sessionId: 'fan-0', userId: 'fan-0' });
  const ack = await fan.ask('presence:join', { roomId: 'arena' });
  assert.equal(ack.view.rooms.arena.countOnly, true);
  assert.equal(ack.view.rooms.arena.occupancyIntervalMs, 100);
  assert.equal(ack.view.members.arena, undefined);
  for (let i = 1; i <= 4; i++) {
    const other = await openTab(server, { sessionId: `fan-${i}`, userId: `fan-${i}` });
    await other.ask('presence:join', { roomId: 'arena' });
  }
  await until(() => fan.view.rooms.arena?.members.active === 5, 'the occupancy of five');
  assert.equal(
    fan.diffs.some((diff) => diff.members !== undefined),
    false,
  );
  assert.equal(fan.view.users['fan-3'], undefined, "no member's presence either");
});

test('availability: busy reaches the viewers; invisible is shown offline', async (tc) => {
  const server = await startServer(tc);
  const observer = await openTab(server, { sessionId: 'obs', userId: 'obs' });
  const ann = await openTab(server, { sessionId: 'ann-1', userId: 'ann' });
  await until(() => observer.view.users.ann?.status === 'active', 'ann online');
  assert.equal(observer.view.users.ann.availability, 'available');
  assert.deepEqual(await ann.ask('presence:availability', { availability: 'busy' }), { ok: true });
  await until(() => observer.view.users.ann.availability === 'busy', 'ann busy');
  assert.ok(observer.diffs.some((diff) => diff.availability?.ann === 'busy'));
  await until(() => ann.view.readiness.ann?.ready === false, 'ann hears her own readiness');
  assert.deepEqual(await ann.ask('presence:availability', { availability: 'invisible' }), {
    ok: true,
  });
  await until(() => observer.view.users.ann.status === 'offline', 'ann shown offline');
  const report = server.attachment.whosOnline();
  assert.equal(report.users.ann, undefined);
  assert.equal(report.counts.users.invisible, 0, 'browsers do not learn who hides');
  assert.equal(server.engine.counts().users.invisible, 1);
  assert.equal(JSON.stringify(observer.diffs).includes('invisible'), false);
  await ann.ask('presence:availability', { availability: 'available' });
  await until(() => observer.view.users.ann?.status === 'active', 'ann visible again');
  const guest = await openTab(server, { sessionId: 'guest' });
  const refused = await guest.ask('presence:availability', { availability: 'busy' });
  assert.equal(refused.ok, false);
  assert.match(refused.error.message, /a guest has no availability/);
  const unknown = await ann.ask('presence:availability', { availability: 'away' });
  assert.equal(unknown.error.code, 'PE_INVALID_ARGUMENT');
  assert.match(unknown.error.message, /availability must be one of/);
});

test('an intent becomes ready when its target arrives', async (tc) => {
  const server = await startServer(tc, { scope: 'interests' });
  const carl = await openTab(server, { sessionId: 'carl-1', userId: 'carl' });
  const opened = await carl.ask('presence:intent', { userId: 'ann', ttlMs: 30_000 });
  assert.equal(opened.ok, true);
  const { intentId, intent } = opened;
  assert.deepEqual(intent, {
    fromId: 'carl',
    targetKind: 'user',
    targetId: 'ann',
    kind: 'call',
    state: 'pending',
    expiresAt: intent.expiresAt,
  });
  assert.ok(intent.expiresAt > Date.now() + 25_000);
  assert.deepEqual(
    server.engine.intentsTo('user', 'ann').map((i) => i.intentId),
    [intentId],
  );
  // carl's page reloads: the snapshot names the pending intent.
  const reloaded = await openTab(
    server,
    { sessionId: 'carl-1', userId: 'carl', resumeToken: carl.ack.resumeToken },
    { beat: false },
  );
  assert.equal(reloaded.snapshot.intents[intentId].state, 'pending');
  // ann arrives: ready, and her tab learns who was waiting.
  await openTab(server, { sessionId: 'ann-1', userId: 'ann' });
  await until(() => reloaded.view.intents[intentId]?.state === 'ready', 'the intent ready');
  assert.deepEqual(reloaded.view.intents[intentId], {
    fromId: 'carl',
    targetKind: 'user',
    targetId: 'ann',
    kind: 'call',
    state: 'ready',
  });
  assert.deepEqual(server.engine.intentsFrom('carl'), []);
});

test('intents to rooms, cancelled intents, and a room that is ready at once', async (tc) => {
  const server = await startServer(tc);
  const carl = await openTab(server, { sessionId: 'carl-1', userId: 'carl' });
  const pending = await carl.ask('presence:intent', { roomId: 'huddle', kind: 'huddle' });
  assert.equal(pending.intent.state, 'pending');
  assert.equal(pending.intent.targetKind, 'room');
  const ann = await openTab(server, { sessionId: 'ann-1', userId: 'ann' });
  await ann.ask('presence:join', { roomId: 'huddle' }); // one active member: ready
  await until(() => carl.view.intents[pending.intentId]?.state === 'ready', 'ready');
  const atOnce = await carl.ask('presence:intent', { roomId: 'huddle' });
  assert.equal(atOnce.intent.state, 'ready');
  const toDan = await carl.ask('presence:intent', { userId: 'dan', ttlMs: 60_000 });
  // Only the caller cancels its intents.
  const thief = await ann.ask('presence:cancel-intent', { intentId: toDan.intentId });
  assert.equal(thief.ok, false);
  assert.equal(thief.error.code, 'PE_NOT_FOUND');
  assert.deepEqual(await carl.ask('presence:cancel-intent', { intentId: toDan.intentId }), {
    ok: true,
  });
  await until(() => carl.view.intents[toDan.intentId]?.state === 'cancelled', 'cancelled');
  const again = await carl.ask('presence:cancel-intent', { intentId: toDan.intentId });
  assert.equal(again.error.code, 'PE_NOT_FOUND');
});

test('presence:subscribe watches users and rooms without joining them', async (tc) => {
  const server = await startServer(tc, { scope: 'interests', maxInterests: 3 });
  const dash = await openTab(server, { sessionId: 'dash', userId: 'dash' });
  const ann = await openTab(server, { sessionId: 'ann-1', userId: 'ann' });
  await ann.ask('presence:join', { roomId: 'r' });
  const ack = await dash.ask('presence:subscribe', { users: ['ann'], rooms: ['r', 'later'] });
  assert.equal(ack.ok, true);
  assert.equal(ack.view.users.ann.status, 'active');
  assert.equal(ack.view.sessions['ann-1'].userId, 'ann');
  assert.deepEqual(ack.view.readiness.ann, {
    ready: true,
    readiness: ack.view.readiness.ann.readiness,
  });
  assert.deepEqual(Object.keys(ack.view.rooms), ['r']); // 'later' has no room yet
  assert.deepEqual(server.engine.listMembers('r').members.length, 1, 'watching is not joining');
  await ann.ask('presence:visibility', { visibility: 'hidden' });
  await until(() => dash.view.users.ann?.status === 'away', 'dash hears ann go away');
  await until(() => dash.view.sessions['ann-1']?.status === 'away', 'and her session');
  const bob = await openTab(server, { sessionId: 'bob-1', userId: 'bob' });
  await bob.ask('presence:join', { roomId: 'later' });
  await until(() => dash.view.memberIds('later').includes('bob'), 'the room made later');
  const tooMany = await dash.ask('presence:subscribe', { users: ['x', 'y'] });
  assert.equal(tooMany.error.code, 'PE_LIMIT_EXCEEDED');
  assert.deepEqual(await dash.ask('presence:unsubscribe', { users: ['ann'], rooms: ['r'] }), {
    ok: true,
  });
  const before = dash.diffs.length;
  await ann.ask('presence:visibility', { visibility: 'visible' });
  await sleep(150);
  assert.ok(!JSON.stringify(dash.diffs.slice(before)).includes('ann'));
  // Unwatching never drops what a session hears anyway: its own user.
  assert.deepEqual(await dash.ask('presence:unsubscribe', { users: ['dash'] }), { ok: true });
  await dash.ask('presence:intent', { userId: 'ghost', ttlMs: 50 });
  await until(
    () => Object.values(dash.view.intents).some((i) => i.state === 'expired'),
    'dash hears its own intent expire',
  );
});

test('a session silent past the TTL while its socket stays is rejoined to its rooms', async (tc) => {
  const server = await startServer(tc);
  const tab = await openTab(server, { sessionId: 'sleepy', userId: 'sam' }, { beat: false });
  await tab.ask('presence:join', { roomId: 'r' });
  await until(
    () => {
      try {
        server.engine.getSession('sleepy');
        return false;
      } catch {
        return true;
      }
    },
    'the session expired',
    4000,
  );
  assert.deepEqual(server.engine.listMembers('r').members, []);
  const beat = await tab.ask('presence:heartbeat', { activity: 'active' });
  assert.equal(beat.ok, true);
  assert.deepEqual(
    server.engine.listMembers('r').members.map((m) => m.memberId),
    ['sam'],
  );
});

test('authorize refuses; messages before hello and malformed ones are refused', async (tc) => {
  const server = await startServer(tc, {
    authorize: (_socket, request) => {
      if (request.action === 'join' && request.roomId === 'vip') return false;
      if (request.action === 'watch-user' && request.userId === 'ceo') throw new Error('private');
      return request.action !== 'intent' || request.kind !== 'page';
    },
  });
  const socket = await connectSocket(server);
  const refused = async (event, payload, code, pattern) => {
    const ack = await socket.emitWithAck(event, payload);
    assert.equal(ack.ok, false, `${event} ${JSON.stringify(payload)}`);
    assert.equal(ack.error.code, code, `${event} ${JSON.stringify(payload)}`);
    assert.match(ack.error.message, pattern);
  };
  for (const event of [
    'presence:join',
    'presence:leave-room',
    'presence:subscribe',
    'presence:unsubscribe',
    'presence:availability',
    'presence:intent',
    'presence:cancel-intent',
  ]) {
    await refused(event, { roomId: 'r' }, 'PE_INVALID_ARGUMENT', /hello first/);
  }
  assert.equal(
    (await socket.emitWithAck('presence:hello', { sessionId: 's', userId: 'u' })).ok,
    true,
  );
  await refused('presence:join', { roomId: 'vip' }, 'PE_REFUSED', /join refused/);
  await refused('presence:subscribe', { users: ['ceo'] }, 'PE_REFUSED', /private/);
  await refused('presence:intent', { userId: 'x', kind: 'page' }, 'PE_REFUSED', /intent refused/);
  await refused('presence:join', null, 'PE_INVALID_ARGUMENT', /expects an object/);
  await refused('presence:join', {}, 'PE_INVALID_ARGUMENT', /roomId must be a string/);
  await refused('presence:join', { roomId: '' }, 'PE_INVALID_ARGUMENT', /room id is empty/);
  await refused('presence:join', { roomId: 'a\ud800' }, 'PE_INVALID_ARGUMENT', /surrogate/);
  await refused('presence:leave-room', { roomId: 'never' }, 'PE_NOT_FOUND', /never/);
  await refused('presence:subscribe', { users: 'ann' }, 'PE_INVALID_ARGUMENT', /array of strings/);
  await refused('presence:subscribe', { rooms: [1] }, 'PE_INVALID_ARGUMENT', /array of strings/);
  await refused('presence:subscribe', { users: [''] }, 'PE_INVALID_ARGUMENT', /empty/);
  await refused('presence:unsubscribe', 'all', 'PE_INVALID_ARGUMENT', /expects an object/);
  await refused('presence:intent', {}, 'PE_INVALID_ARGUMENT', /either a userId or a roomId/);
  await refused(
    'presence:intent',
    { userId: 'a', roomId: 'b' },
    'PE_INVALID_ARGUMENT',
    /either a userId or a roomId/,
  );
  await refused('presence:intent', { userId: 'a', ttlMs: -1 }, 'PE_INVALID_ARGUMENT', /ttlMs/);
  await refused('presence:intent', { userId: 'a', kind: 7 }, 'PE_INVALID_ARGUMENT', /kind/);
  await refused('presence:cancel-intent', {}, 'PE_INVALID_ARGUMENT', /intentId must be a string/);
  await refused('presence:cancel-intent', { intentId: 'intent-99' }, 'PE_NOT_FOUND', /intent-99/);
  await refused('presence:availability', {}, 'PE_INVALID_ARGUMENT', /availability/);
  // Fire-and-forget messages without an ack never break the server.
  socket.emit('presence:join', null);
  socket.emit('presence:subscribe', { users: 5 });
  assert.equal((await socket.emitWithAck('presence:join', { roomId: 'open' })).ok, true);
  assert.deepEqual(
    server.engine.userRooms('u').map((r) => r.roomId),
    ['open'],
  );
});

test('a scope that is not one of the three refuses the hello', async (tc) => {
  const server = await startServer(tc, { scope: () => 'everyone' });
  const socket = await connectSocket(server);
  const ack = await socket.emitWithAck('presence:hello', { sessionId: 's', userId: 'u' });
  assert.equal(ack.ok, false);
  assert.match(ack.error.message, /scope must be 'all', 'interests' or 'none', got everyone/);
  assert.throws(() => server.engine.getSession('s'), { code: 'PE_NOT_FOUND' });
});

test('the adapter resends a snapshot when it fell behind the event buffer', async (tc) => {
  const server = await startServer(tc, { diffIntervalMs: 300 }, { eventBufferCapacity: 16 });
  const tab = await openTab(server, { sessionId: 'obs', userId: 'obs' });
  const resent = once(tab.socket, 'presence:snapshot');
  // More events than the buffer holds before the adapter reads them.
  for (let i = 0; i < 20; i++) server.engine.open(`bulk-${i}`, { userId: `bulk-${i}` });
  const [snapshot] = await resent;
  assert.equal(snapshot.users['bulk-19'].status, 'active');
  assert.equal(tab.snapshots, 2);
});

test('leave and close drop what the adapter subscribed', async (tc) => {
  const server = await startServer(tc);
  const tab = await openTab(server, { sessionId: 'gone', userId: 'gus' });
  await tab.ask('presence:join', { roomId: 'r' });
  await tab.ask('presence:subscribe', { users: ['ann'] });
  assert.deepEqual(await tab.ask('presence:leave', {}), { ok: true });
  const stay = await openTab(server, { sessionId: 'stay', userId: 'sue' });
  await stay.ask('presence:join', { roomId: 'r' });
  const seq = server.engine.stats().lastSeq;
  server.engine.open('ann-1', { userId: 'ann' });
  server.engine.joinRoom('ann-1', 'r');
  await sleep(60); // ann's join is published after the debounce
  assert.deepEqual(
    server.engine.fanout(seq).deliveries.map((d) => d.subscriberId),
    ['stay'],
  );
  server.attachment.close();
  assert.deepEqual(server.engine.fanout(seq).deliveries, []);
});
