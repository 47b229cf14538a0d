'use strict';

// Coordination over the C ABI: rooms and members, count-only rooms,
// availability (invisible included), readiness and the call gate, intents,
// interest-based fan-out, room metrics and the Prometheus text; and the
// events of each through the EventEmitter.

const test = require('node:test');
const assert = require('node:assert/strict');
const { Engine } = require('..');
const { t, engineFor, collect, NO_DEBOUNCE } = require('./helpers');

/** Events published after `seq`, of one kind. */
const eventsOf = (e, kind, seq = 0) => e.changesSince(seq).events.filter((ev) => ev.kind === kind);

test('rooms: a member per user, announced once, with counts, density and momentum', (tc) => {
  const e = engineFor(tc);
  e.open('ann-laptop', { userId: 'ann', now: t(0) });
  e.open('ann-phone', { userId: 'ann', now: t(0) });
  e.open('bob-tab', { userId: 'bob', now: t(0) });
  const before = e.stats().lastSeq;
  e.joinRoom('ann-laptop', 'standup', { now: t(1) });
  e.joinRoom('ann-phone', 'standup', { now: t(1) });
  e.joinRoom('bob-tab', 'standup', { now: t(2) });
  e.joinRoom('bob-tab', 'standup', { now: t(2) }); // a no-op
  const joined = eventsOf(e, 'member', before);
  assert.deepEqual(joined[0], {
    kind: 'member',
    seq: joined[0].seq,
    at: t(1),
    publishedAt: t(1),
    roomId: 'standup',
    memberId: 'ann',
    guest: false,
    joined: true,
    oldState: 'offline',
    newState: 'active',
    availability: 'available',
  });
  assert.deepEqual(
    joined.map((ev) => ev.memberId),
    ['ann', 'bob'],
  );
  const room = e.getRoom('standup', { now: t(3) });
  assert.deepEqual(room.members, { active: 2, idle: 0, away: 0, stale: 0 });
  assert.deepEqual(room.sessions, { active: 3, idle: 0, away: 0, stale: 0 });
  assert.equal(room.roomId, 'standup');
  assert.equal(room.createdAt, t(1));
  assert.equal(room.density, 2);
  assert.equal(room.arriving, 2);
  assert.equal(room.guests, 0);
  assert.ok(room.arrivalsPerMinute > 0);
  assert.equal(room.departuresPerMinute, 0);
  assert.equal(room.ready, true);
  assert.equal(room.readiness, 1);
  assert.equal(room.countOnly, false);
  assert.equal(room.occupancyIntervalMs, null);
  assert.equal(e.counts({ now: t(3) }).rooms, 1);

  // One of ann's sessions leaving is not ann leaving.
  const seq = e.stats().lastSeq;
  e.leaveRoom('ann-phone', 'standup', { now: t(4) });
  assert.deepEqual(eventsOf(e, 'member', seq), []);
  e.leaveRoom('ann-laptop', 'standup', { now: t(5) });
  const [left] = eventsOf(e, 'member', seq);
  assert.equal(left.memberId, 'ann');
  assert.equal(left.joined, false);
  assert.deepEqual([left.oldState, left.newState], ['active', 'offline']);
  assert.ok(e.getRoom('standup', { now: t(5) }).departuresPerMinute > 0);
  assert.throws(() => e.leaveRoom('ann-laptop', 'standup', { now: t(6) }), {
    code: 'PE_NOT_FOUND',
  });
});

test('members and rooms page with stable cursors; a user lists its rooms', (tc) => {
  const e = engineFor(tc);
  for (const name of ['d', 'b', 'c', 'a', 'e']) {
    e.open(name, { userId: name, now: t(0) });
    e.joinRoom(name, 'big', { now: t(0) });
    e.joinRoom(name, `room-${name}`, { now: t(0) });
  }
  const first = e.listMembers('big', { limit: 2, now: t(1) });
  assert.deepEqual(
    first.members.map((m) => m.memberId),
    ['a', 'b'],
  );
  assert.equal(typeof first.cursor, 'string');
  assert.equal(typeof first.seq, 'number');
  const rest = e.listMembers('big', { cursor: first.cursor, now: t(1) });
  assert.deepEqual(
    rest.members.map((m) => m.memberId),
    ['c', 'd', 'e'],
  );
  assert.equal(rest.cursor, null);
  assert.deepEqual(
    [...e.members('big', { limit: 2, now: t(1) })].map((m) => m.memberId),
    ['a', 'b', 'c', 'd', 'e'],
  );
  assert.deepEqual(first.members[0], {
    memberId: 'a',
    guest: false,
    state: 'active',
    joinedAt: t(0),
    arriving: true,
    sessionCount: 1,
    lastSeenAt: t(0),
    confidence: 1,
    confidenceBucket: 'high',
    availability: 'available',
  });
  assert.equal(e.listMembers('big', { minState: 'active', now: t(1) }).members.length, 5);
  assert.equal(e.listMembers('big', { minState: 'idle', now: t(61) }).members.length, 0);
  assert.deepEqual(
    e.listRooms({ limit: 3, now: t(1) }).rooms.map((r) => r.roomId),
    ['big', 'room-a', 'room-b'],
  );
  assert.deepEqual(
    [...e.rooms({ limit: 4, now: t(1) })].map((r) => r.roomId),
    ['big', 'room-a', 'room-b', 'room-c', 'room-d', 'room-e'],
  );
  assert.deepEqual(
    e.userRooms('c', { now: t(1) }).map((r) => r.roomId),
    ['big', 'room-c'],
  );
});

test('a guest takes part in a room and keeps its history when identified', (tc) => {
  const e = engineFor(tc);
  e.open('guest-tab', { now: t(0) });
  e.joinRoom('guest-tab', 'lobby', { now: t(10) });
  const [guest] = e.listMembers('lobby', { now: t(11) }).members;
  assert.equal(guest.memberId, 'guest-tab');
  assert.equal(guest.guest, true);
  assert.equal(e.getRoom('lobby', { now: t(11) }).guests, 1);
  e.identify('guest-tab', 'ann', { now: t(30) });
  const [member] = e.listMembers('lobby', { now: t(30) }).members;
  assert.equal(member.memberId, 'ann');
  assert.equal(member.guest, false);
  assert.equal(member.joinedAt, t(10));
  assert.equal(e.roomMetrics('lobby', { now: t(40) }).joins, 1);
});

test('a disconnect inside the grace window is neither a leave nor a join', (tc) => {
  const e = engineFor(tc);
  e.open('tab', { userId: 'ann', transportId: 'sock-1', now: t(0) });
  e.joinRoom('tab', 'r', { now: t(0) });
  const seq = e.stats().lastSeq;
  e.disconnectTransport('sock-1', { now: t(5) });
  assert.equal(e.open('tab', { userId: 'ann', transportId: 'sock-2', now: t(20) }).continued, true);
  e.heartbeat('tab', { activity: 'active', now: t(21) });
  assert.deepEqual(eventsOf(e, 'member', seq), []);
  assert.deepEqual(
    e.listMembers('r', { now: t(22) }).members.map((m) => m.memberId),
    ['ann'],
  );
  // Past the TTL the session ends and drops off the room.
  e.disconnect('tab', { now: t(30) });
  e.advance({ now: t(200) });
  const [left] = eventsOf(e, 'member', seq);
  assert.equal(left.joined, false);
  const metrics = e.roomMetrics('r', { now: t(200) });
  assert.equal(metrics.dropOffs, 1);
  assert.equal(metrics.leaves, 0);
});

test('count-only rooms publish occupancy at their interval, no member events', async (tc) => {
  const e = engineFor(tc);
  const first = collect(e, 'occupancy', 1);
  e.setRoomCountOnly('arena', true, { intervalMs: 5000, now: t(0) });
  const [picture] = await first;
  assert.deepEqual(picture, {
    kind: 'occupancy',
    seq: picture.seq,
    at: t(0),
    publishedAt: t(0),
    roomId: 'arena',
    members: { active: 0, idle: 0, away: 0, stale: 0 },
    sessions: { active: 0, idle: 0, away: 0, stale: 0 },
    readiness: 0,
  });
  const room = e.getRoom('arena', { now: t(0) });
  assert.equal(room.countOnly, true);
  assert.equal(room.occupancyIntervalMs, 5000);
  const seq = e.stats().lastSeq;
  for (let i = 0; i < 5; i++) {
    e.open(`fan-${i}`, { userId: `fan-${i}`, now: t(1) });
    e.joinRoom(`fan-${i}`, 'arena', { now: t(1) });
  }
  e.advance({ now: t(6) });
  assert.deepEqual(eventsOf(e, 'member', seq), []);
  const [occupancy] = eventsOf(e, 'occupancy', seq);
  assert.deepEqual(occupancy.members, { active: 5, idle: 0, away: 0, stale: 0 });
  assert.deepEqual(occupancy.sessions, { active: 5, idle: 0, away: 0, stale: 0 });
  assert.equal(occupancy.at, t(6));
  assert.ok(occupancy.readiness > 0.7);
  e.setRoomCountOnly('arena', false, { now: t(7) });
  assert.equal(e.getRoom('arena', { now: t(7) }).countOnly, false);
  assert.throws(
    () => e.setRoomCountOnly('arena', true, { now: t(8) }),
    /intervalMs must be a non-negative integer, got undefined/,
  );
  assert.throws(() => e.setRoomCountOnly('arena', true, { intervalMs: 0, now: t(8) }), /interval/);
});

test('availability overlays the state; invisible users are shown offline', async (tc) => {
  const e = engineFor(tc);
  e.open('tab', { userId: 'ann', now: t(0) });
  e.joinRoom('tab', 'r', { now: t(0) });
  const changed = collect(e, 'availability', 1);
  e.setAvailability('ann', 'busy', { now: t(1) });
  assert.deepEqual(await changed, [
    {
      kind: 'availability',
      seq: (await changed)[0].seq,
      at: t(1),
      publishedAt: t(1),
      userId: 'ann',
      availability: 'busy',
    },
  ]);
  assert.equal(e.getUser('ann', { now: t(1) }).user.availability, 'busy');
  const busy = e.readiness('user', 'ann', { now: t(1) });
  assert.equal(busy.reason, 'not-ready');
  assert.equal(busy.availability, 'busy');
  assert.ok(Math.abs(busy.score - 0.5) < 0.01);

  e.setAvailability('ann', 'do-not-disturb', { now: t(2) });
  assert.deepEqual(e.readiness('user', 'ann', { now: t(2) }), {
    score: 0,
    ready: false,
    canCall: false,
    reason: 'do-not-disturb',
    state: 'active',
    availability: 'do-not-disturb',
  });

  const seq = e.stats().lastSeq;
  e.setAvailability('ann', 'invisible', { now: t(3) });
  const { user, sessions } = e.getUser('ann', { now: t(3) });
  assert.equal(user.state, 'offline');
  assert.equal(user.sessionCount, 0);
  assert.equal(user.availability, 'available');
  assert.equal(user.trueState, 'active');
  assert.equal(user.trueAvailability, 'invisible');
  assert.deepEqual(sessions, []); // readers see no session
  const session = e.getSession('tab', { now: t(3) });
  assert.equal(session.state, 'offline');
  assert.equal(session.trueState, 'active');
  const counts = e.counts({ now: t(3) });
  assert.equal(counts.users.alive, 0);
  assert.equal(counts.users.invisible, 1);
  assert.equal(counts.sessions.invisible, 1);
  assert.deepEqual(e.listMembers('r', { now: t(3) }).members, []);
  assert.equal(e.readiness('user', 'ann', { now: t(3) }).reason, 'offline');
  // Readers were told ann went offline, and nothing about invisibility.
  const events = e.changesSince(seq).events;
  assert.equal(
    events.some((ev) => ev.kind === 'availability'),
    false,
  );
  assert.ok(events.some((ev) => ev.kind === 'user' && ev.newState === 'offline'));

  e.setAvailability('ann', 'available', { now: t(4) });
  assert.equal(e.getUser('ann', { now: t(4) }).user.state, 'active');
  assert.equal(e.counts({ now: t(4) }).users.invisible, 0);
  // Availability can be declared before a user's first session.
  e.setAvailability('zoe', 'busy', { now: t(5) });
  assert.equal(e.getUser('zoe', { now: t(5) }).user.trueAvailability, 'busy');
});

test('readiness: the call gate for users and rooms, and its events', async (tc) => {
  const e = engineFor(tc);
  assert.deepEqual(e.readiness('user', 'nobody', { now: t(0) }), {
    score: 0,
    ready: false,
    canCall: false,
    reason: 'unknown',
    state: 'offline',
    availability: 'available',
  });
  assert.equal(e.readiness('room', 'nowhere', { now: t(0) }).reason, 'unknown');
  const flips = collect(e, 'readiness', 2);
  e.open('a', { userId: 'ann', now: t(0) });
  e.joinRoom('a', 'r', { now: t(0) });
  const [userReady, roomReady] = await flips;
  assert.deepEqual(
    [userReady.targetKind, userReady.targetId, userReady.ready],
    ['user', 'ann', true],
  );
  assert.deepEqual(
    [roomReady.targetKind, roomReady.targetId, roomReady.ready],
    ['room', 'r', true],
  );
  assert.equal(roomReady.readiness, 0.75); // one active member of a quorum of two
  const gate = e.readiness('room', 'r', { now: t(0) });
  assert.equal(gate.canCall, true);
  assert.equal(gate.reason, 'ready');
  assert.equal(gate.state, 'active');
  e.leaveRoom('a', 'r', { now: t(1) });
  assert.equal(e.readiness('room', 'r', { now: t(1) }).reason, 'empty');
  e.leave('a', { now: t(2) });
  assert.equal(e.readiness('user', 'ann', { now: t(2) }).reason, 'offline');
});

test('intents become ready when the target arrives, expire, or are cancelled', async (tc) => {
  const e = engineFor(tc);
  const intent = e.openIntent('carl', 'user', 'ann', { kind: 'call', ttlMs: 60_000, now: t(1) });
  assert.deepEqual(intent, {
    intentId: intent.intentId,
    fromId: 'carl',
    targetKind: 'user',
    targetId: 'ann',
    kind: 'call',
    createdAt: t(1),
    expiresAt: t(61),
    state: 'pending',
  });
  assert.deepEqual(e.intentsTo('user', 'ann', { now: t(1) }), [intent]);
  assert.deepEqual(e.intentsFrom('carl', { now: t(1) }), [intent]);
  assert.deepEqual(e.intentsTo('room', 'ann', { now: t(1) }), []);

  const ready = collect(e, 'intent', 1);
  e.open('ann-tab', { userId: 'ann', now: t(5) }); // ann arrives: ready
  const [event] = await ready;
  assert.deepEqual(event, {
    kind: 'intent',
    seq: event.seq,
    at: t(5),
    publishedAt: t(5),
    intentId: intent.intentId,
    intentKind: 'call',
    fromId: 'carl',
    targetKind: 'user',
    targetId: 'ann',
    state: 'ready',
  });
  assert.deepEqual(e.intentsTo('user', 'ann', { now: t(5) }), []);

  // Already ready: answered at once.
  assert.equal(
    e.openIntent('carl', 'user', 'ann', { kind: 'call', ttlMs: 1000, now: t(6) }).state,
    'ready',
  );
  // Never ready: expires at its deadline.
  const huddle = e.openIntent('carl', 'room', 'empty', {
    kind: 'huddle',
    ttlMs: 10_000,
    now: t(7),
  });
  const seq = e.stats().lastSeq;
  e.advance({ now: t(17) });
  const [expired] = eventsOf(e, 'intent', seq);
  assert.equal(expired.intentId, huddle.intentId);
  assert.equal(expired.state, 'expired');
  assert.equal(expired.targetKind, 'room');
  // Cancelled, once.
  const dan = e.openIntent('carl', 'user', 'dan', { kind: 'call', ttlMs: 10_000, now: t(20) });
  e.cancelIntent(dan.intentId, { now: t(21) });
  assert.equal(eventsOf(e, 'intent', seq).at(-1).state, 'cancelled');
  assert.throws(() => e.cancelIntent(dan.intentId, { now: t(22) }), { code: 'PE_NOT_FOUND' });
});

test('intents per caller are limited', (tc) => {
  const e = engineFor(tc, { maxIntentsPerCaller: 2, maxIntentTtlMs: 5000 });
  e.openIntent('carl', 'user', 'a', { kind: 'call', ttlMs: 1000, now: t(0) });
  e.openIntent('carl', 'user', 'b', { kind: 'call', ttlMs: 1000, now: t(0) });
  assert.throws(() => e.openIntent('carl', 'user', 'c', { kind: 'call', ttlMs: 1000, now: t(0) }), {
    name: 'LimitExceededError',
  });
  assert.throws(
    () => e.openIntent('carl', 'user', 'c', { kind: 'call', ttlMs: 5001, now: t(0) }),
    /ttl_ms must be between 1 and max_intent_ttl_ms \(5000\)/,
  );
  e.advance({ now: t(2) }); // both expired
  assert.equal(
    e.openIntent('carl', 'user', 'c', { kind: 'call', ttlMs: 1000, now: t(2) }).state,
    'pending',
  );
});

test('fan-out tells each subscriber only what it asked for', (tc) => {
  const e = engineFor(tc);
  e.open('a', { userId: 'ann', now: t(0) });
  e.open('b', { userId: 'bob', now: t(0) });
  const from = e.stats().lastSeq;
  e.subscribe('watcher-1', 'user', 'ann');
  e.subscribe('watcher-2', 'room', 'r');
  e.subscribe('watcher-2', 'room', 'r'); // idempotent
  e.joinRoom('a', 'r', { now: t(1) });
  e.leave('b', { now: t(2) });
  e.visibility('a', 'hidden', { now: t(3) });
  e.advance({ now: t(20) }); // ann goes away
  const batch = e.fanout(from);
  assert.equal(batch.seq, e.stats().lastSeq);
  // In the order of their first event: ann's join is the room's, then hers.
  assert.deepEqual(
    batch.deliveries.map((d) => d.subscriberId),
    ['watcher-2', 'watcher-1'],
  );
  const about = (ev) => [ev.userId, ev.memberId, ev.targetId, ev.roomId];
  for (const { subscriberId, events } of batch.deliveries) {
    assert.ok(events.length > 0);
    for (const ev of events) {
      // The deliveries hold the very event objects of the batch.
      assert.ok(batch.events.includes(ev));
      assert.ok(!about(ev).includes('bob'), `${subscriberId} heard of bob`);
      if (subscriberId === 'watcher-1') assert.ok(about(ev).includes('ann'));
    }
  }
  const roomEvents = batch.deliveries[0].events;
  const roomKinds = roomEvents.map((ev) => ev.kind);
  assert.ok(roomKinds.includes('member') && roomKinds.includes('readiness'));
  assert.ok(roomEvents.some((ev) => ev.kind === 'user' && ev.newState === 'away'));
  // A limit pages the events; the deliveries index into that page only.
  const page = e.fanout(from, { limit: 1 });
  assert.equal(page.events.length, 1);
  assert.equal(page.seq, from + 1);
  e.unsubscribeAll('watcher-1');
  e.unsubscribe('watcher-2', 'room', 'r');
  e.unsubscribeAll('never-subscribed');
  assert.deepEqual(e.fanout(from).deliveries, []);
});

test('fan-out after dropped events is TooFarBehind', (tc) => {
  const e = engineFor(tc, { eventBufferCapacity: 4 });
  for (let i = 0; i < 4; i++) e.open(`s${i}`, { userId: `u${i}`, now: t(0) });
  assert.throws(() => e.fanout(0), { name: 'TooFarBehindError' });
  assert.equal(e.fanout(8).events.length, 4);
});

test('room metrics: joins, leaves, drop-offs, dwell, attention, readiness curve', (tc) => {
  const e = engineFor(tc);
  e.open('tab', { userId: 'ann', now: t(0) });
  e.open('tab-2', { userId: 'bob', now: t(0) });
  e.joinRoom('tab', 'r', { now: t(0) });
  e.joinRoom('tab-2', 'r', { now: t(0) });
  e.leaveRoom('tab-2', 'r', { now: t(1) });
  for (const s of [15, 30, 45]) e.heartbeat('tab', { now: t(s) });
  e.advance({ now: t(61) }); // ann idle after 60 s of activity
  const m = e.roomMetrics('r', { now: t(61) });
  assert.equal(m.joins, 2);
  assert.equal(m.leaves, 1);
  assert.equal(m.dropOffs, 0);
  assert.equal(m.peakMembers, 2);
  assert.equal(m.peakSessions, 2);
  assert.deepEqual(
    m.dwell.map((b) => b.upToMs),
    [4000, 16_000, 64_000, 256_000, 1_024_000, 4_096_000, 16_384_000, null],
  );
  assert.equal(m.dwell[0].count, 1); // bob stayed 1 s
  assert.equal(m.attention[2].count, 1); // 60 s active: the 16..64 s bucket
  assert.ok(m.readinessCurve.length >= 1);
  for (const point of m.readinessCurve) {
    assert.deepEqual(Object.keys(point), ['at', 'score']);
  }
});

test('the Prometheus text names the engine and room families', (tc) => {
  const e = engineFor(tc);
  e.open('tab', { userId: 'ann', now: t(0) });
  e.joinRoom('tab', 'room "1"', { now: t(0) });
  e.joinRoom('tab', 'other', { now: t(0) });
  const all = e.prometheus({ now: t(1) });
  for (const line of [
    'presence_sessions{state="active"} 1',
    'presence_users{state="active"} 1',
    'presence_rooms 2',
    'presence_room_members{room="room \\"1\\"",state="active"} 1',
    '# TYPE presence_room_attention_seconds histogram',
  ]) {
    assert.ok(all.includes(line), line);
  }
  const one = e.prometheus({ roomId: 'other', now: t(1) });
  assert.ok(one.includes('room="other"'));
  assert.ok(!one.includes('room="room'));
  assert.equal(e.prometheus({ roomId: null, now: t(1) }), e.prometheus({ now: t(1) }));
  assert.throws(() => e.prometheus({ roomId: 'nope' }), { code: 'PE_NOT_FOUND' });
});

test('coordination events carry texts of any script intact', (tc) => {
  const e = engineFor(tc);
  e.open('😀-tab', { userId: '用户-🙂', now: t(0) });
  e.joinRoom('😀-tab', 'salle-Ω', { now: t(0) });
  e.openIntent('Zoë', 'room', 'salle-Ω', { kind: 'appel-€', ttlMs: 1000, now: t(0) });
  e.openIntent('Zoë', 'user', '𝒜', { kind: 'κλήση', ttlMs: 1000, now: t(0) });
  e.advance({ now: t(1) });
  const events = e.changesSince(0).events;
  const member = events.find((ev) => ev.kind === 'member');
  assert.deepEqual([member.roomId, member.memberId], ['salle-Ω', '用户-🙂']);
  const intents = events.filter((ev) => ev.kind === 'intent');
  assert.deepEqual(
    intents.map((ev) => [ev.intentKind, ev.fromId, ev.targetKind, ev.targetId, ev.state]),
    [
      ['appel-€', 'Zoë', 'room', 'salle-Ω', 'ready'],
      ['κλήση', 'Zoë', 'user', '𝒜', 'expired'],
    ],
  );
});

test('every event kind reaches its own listener, and all of them reach change', async (tc) => {
  const e = engineFor(tc);
  const kinds = ['session', 'user', 'member', 'readiness', 'intent', 'occupancy', 'availability'];
  const heard = Object.fromEntries(kinds.map((kind) => [kind, 0]));
  for (const kind of kinds) e.on(kind, (ev) => (heard[ev.kind] += ev.kind === kind ? 1 : 1000));
  const all = collect(e, 'change', 9);
  e.open('tab', { userId: 'ann', now: t(0) }); // session, user, readiness
  e.joinRoom('tab', 'r', { now: t(0) }); // member, room readiness
  e.setAvailability('ann', 'busy', { now: t(1) }); // readiness, availability
  e.setRoomCountOnly('arena', true, { intervalMs: 1000, now: t(1) }); // occupancy
  e.openIntent('carl', 'room', 'r', { kind: 'call', ttlMs: 1000, now: t(2) }); // ready at once
  const events = await all;
  assert.deepEqual(
    events.map((ev) => ev.seq),
    [1, 2, 3, 4, 5, 6, 7, 8, 9],
  );
  assert.deepEqual(heard, {
    session: 1,
    user: 1,
    member: 1,
    readiness: 3,
    intent: 1,
    occupancy: 1,
    availability: 1,
  });
});

test('maxCatchUpSteps bounds the timer work of a call; the ticker default is 64', async (tc) => {
  // Without a ticker the C default: every call catches up fully.
  const exact = engineFor(tc);
  // 200 sessions all go stale at t(25); a call with a bound runs few steps.
  const bounded = engineFor(tc, { maxCatchUpSteps: 8 });
  for (const e of [exact, bounded]) {
    for (let i = 0; i < 200; i++) e.open(`s${i}`, { now: t(0) });
  }
  assert.equal(exact.counts({ now: t(30) }).sessions.stale, 200);
  const behind = bounded.counts({ now: t(30) }).sessions.stale;
  assert.ok(behind <= 8, `${behind} stale after one bounded call`);
  // A session a call touches is brought up to date first.
  assert.equal(bounded.getSession('s150', { now: t(30) }).state, 'stale');
  bounded.advance({ now: t(30) }); // advance() is not bounded
  assert.equal(bounded.counts({ now: t(30) }).sessions.stale, 200);

  // With tickIntervalMs the binding sets 64: the ticker works off the rest.
  const ticked = new Engine({ ...NO_DEBOUNCE, tickIntervalMs: 60_000 });
  tc.after(() => ticked.close());
  const start = Date.now();
  for (let i = 0; i < 200; i++) ticked.open(`s${i}`, { now: start });
  const stale = ticked.counts({ now: start + 30_000 }).sessions.stale;
  assert.ok(stale > 0 && stale <= 64, `${stale} stale after one call with a ticker`);
  const explicit = new Engine({ ...NO_DEBOUNCE, tickIntervalMs: 60_000, maxCatchUpSteps: 0 });
  tc.after(() => explicit.close());
  for (let i = 0; i < 200; i++) explicit.open(`s${i}`, { now: start });
  assert.equal(explicit.counts({ now: start + 30_000 }).sessions.stale, 200);
});
