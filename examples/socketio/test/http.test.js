'use strict';

// The server over HTTP and Socket.IO, without a browser: the who's-online
// report, the Prometheus text, the static files, the command line, the
// simulator, and messages no well-behaved page would send.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { io } = require('socket.io-client');
const { startServer, until, getJson } = require('./helpers');

let server;
const clients = [];

before(async () => {
  server = await startServer();
});

after(async () => {
  for (const client of clients) client.close();
  await server?.stop();
});

/** A Socket.IO client on the server, closed by the suite. */
function connect(url = server.url) {
  const client = io(url, { transports: ['websocket'], reconnection: false });
  clients.push(client);
  return client;
}

test('GET /api/whos-online reports users, sessions, counts, confidence and last seen', async () => {
  const a = connect();
  const b = connect();
  const startedAt = Date.now();
  assert.equal(
    (await a.emitWithAck('presence:hello', { sessionId: 'ann-laptop', userId: 'ann' })).ok,
    true,
  );
  assert.equal(
    (await b.emitWithAck('presence:hello', { sessionId: 'ann-phone', userId: 'ann' })).ok,
    true,
  );
  assert.equal((await b.emitWithAck('presence:join', { roomId: 'standup' })).ok, true);

  // The report is the published view: it shows a change once debounced.
  const report = await until('ann in the report', async () => {
    const body = await getJson(server.url, '/api/whos-online');
    const published = body.sessions['ann-laptop'] && body.sessions['ann-phone'];
    return published && body.rooms.standup?.members.active === 1 ? body : null;
  });
  assert.equal(report.ok, true);
  assert.ok(
    report.generatedAt >= startedAt && report.generatedAt <= Date.now() + 1,
    'server time in ms',
  );
  assert.deepEqual(Object.keys(report.users), ['ann']);
  const ann = report.users.ann;
  assert.equal(ann.status, 'active');
  assert.equal(ann.sessionCount, 2);
  assert.equal(ann.confidence, 1, 'fresh signals: full confidence');
  assert.equal(ann.availability, 'available');
  assert.ok(ann.lastSeenAt >= startedAt && ann.lastSeenAt <= report.generatedAt);
  assert.deepEqual(Object.keys(report.sessions).sort(), ['ann-laptop', 'ann-phone']);
  for (const session of Object.values(report.sessions)) {
    assert.equal(session.status, 'active');
    assert.equal(session.userId, 'ann');
    assert.ok(session.lastHeartbeatAt >= startedAt);
  }
  assert.equal(report.counts.users.active, 1);
  assert.equal(report.counts.users.alive, 1);
  assert.equal(report.counts.sessions.active, 2);
  assert.equal(report.counts.sessions.alive, 2);
  assert.equal(report.counts.sessions.reconnecting, 0);

  // An explicit leave: offline now, not after the TTL.
  assert.equal((await b.emitWithAck('presence:leave', { sessionId: 'ann-phone' })).ok, true);
  await until('one session left', async () => {
    const body = await getJson(server.url, '/api/whos-online');
    return body.counts.sessions.alive === 1 && body.sessions['ann-phone'] === undefined;
  });

  // Invisible: present to the engine, offline to every reader.
  assert.equal(
    (await a.emitWithAck('presence:availability', { availability: 'invisible' })).ok,
    true,
  );
  const hidden = await until('ann shown offline', async () => {
    const body = await getJson(server.url, '/api/whos-online');
    return body.users.ann === undefined ? body : null;
  });
  assert.equal(hidden.counts.users.alive, 0);
  assert.equal(hidden.counts.users.invisible, 0, 'a reader does not count them either');
  assert.deepEqual(hidden.sessions, {});
  assert.equal(JSON.stringify(hidden).includes('ann-laptop'), false, 'nothing gives ann away');
  assert.equal(
    (await a.emitWithAck('presence:availability', { availability: 'available' })).ok,
    true,
  );
  a.close();
  b.close();
});

test('GET /metrics is the engine in Prometheus text', async () => {
  const client = connect();
  await client.emitWithAck('presence:hello', { sessionId: 'metrics-1', userId: 'bob' });
  assert.equal((await client.emitWithAck('presence:join', { roomId: 'pairing' })).ok, true);
  const response = await fetch(new URL('/metrics', server.url));
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
  const text = await response.text();
  const sample = (name) => {
    const line = text.split('\n').find((l) => l.startsWith(`${name} `));
    assert.ok(line, `${name} in:\n${text}`);
    return Number(line.slice(name.length + 1));
  };
  assert.ok(text.includes('# TYPE presence_sessions gauge'));
  // Counts are live: a recount, not the published view.
  const alive = ['active', 'idle', 'away', 'stale'].reduce(
    (n, s) => n + sample(`presence_sessions{state="${s}"}`),
    0,
  );
  const report = await getJson(server.url, '/api/whos-online');
  assert.equal(alive, report.counts.sessions.alive);
  assert.ok(sample('presence_sessions{state="active"}') >= 1);
  assert.ok(sample('presence_signals_total') >= 1);
  assert.equal(sample('presence_room_members{room="pairing",state="active"}'), 1);
  client.close();
});

test('the page, its files and the socket.io client are served; nothing else', async () => {
  const page = await fetch(server.url);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type'), /^text\/html/);
  assert.match(page.headers.get('content-security-policy'), /default-src 'self'/);
  assert.match(await page.text(), /<script type="module" src="\/app.js">/);
  for (const [file, type] of [
    ['/app.js', /javascript/],
    ['/view.js', /javascript/],
    ['/style.css', /css/],
    ['/socket.io/socket.io.min.js', /javascript/],
  ]) {
    const response = await fetch(new URL(file, server.url));
    assert.equal(response.status, 200, file);
    assert.match(response.headers.get('content-type'), type, file);
  }
  for (const file of [
    '/nope',
    '/../server.js',
    '/%2e%2e/package.json',
    '/lib/app.js',
    '/public/app.js',
  ]) {
    assert.equal((await fetch(new URL(file, server.url))).status, 404, file);
  }
  const post = await fetch(new URL('/api/whos-online', server.url), { method: 'POST' });
  assert.equal(post.status, 405);
  assert.equal(post.headers.get('allow'), 'GET, HEAD');
});

test('malformed messages are refused in their ack and never crash the server', async () => {
  const client = connect();
  const refused = async (event, message) => {
    const ack = await client.timeout(2_000).emitWithAck(event, message);
    assert.equal(ack.ok, false, `${event} ${JSON.stringify(message)?.slice(0, 60)}`);
    assert.match(ack.error.code, /^PE_/);
    return ack;
  };
  // Before hello, nothing speaks for a session.
  await refused('presence:heartbeat', { activity: 'active' });
  await refused('presence:join', { roomId: 'x' });
  for (const hello of [
    null,
    42,
    'hi',
    [],
    {},
    { sessionId: 7 },
    { sessionId: '' },
    { sessionId: 'x'.repeat(5000) },
    { sessionId: 'bad-user', userId: { $ne: 1 } },
    { sessionId: 'bad-utf', userId: '\ud800' },
  ]) {
    await refused('presence:hello', hello);
  }
  assert.equal(
    (await client.emitWithAck('presence:hello', { sessionId: 'robust-1', userId: 'eve' })).ok,
    true,
  );
  await refused('presence:hello', { sessionId: 'robust-2', userId: 'eve' }); // another session on this socket
  await refused('presence:heartbeat', { sessionId: 'someone-else' });
  await refused('presence:heartbeat', { activity: 'asleep' });
  await refused('presence:visibility', { visibility: 'sideways' });
  await refused('presence:join', { roomId: { toString: 'x' } });
  await refused('presence:join', null);
  const outsider = await refused('presence:join', { roomId: 'not-an-app-room' });
  assert.equal(outsider.error.code, 'PE_REFUSED');
  await refused('presence:availability', { availability: 'on-the-moon' });
  await refused('presence:intent', { userId: 'ann', ttlMs: -5 });
  await refused('presence:intent', {});
  await refused('presence:cancel-intent', { intentId: 'nope' });
  // Without an ack, and with events nobody listens to.
  client.emit('presence:heartbeat', 'garbage');
  client.emit('presence:join');
  client.emit('no-such-event', { a: 1 });
  // The same socket still works, and so does the server.
  const beat = await client.emitWithAck('presence:heartbeat', {
    activity: 'active',
    visibility: 'visible',
  });
  assert.equal(beat.ok, true);
  assert.equal(beat.heartbeatIntervalMs, 1_000);
  const report = await until('eve in the report', async () => {
    const body = await getJson(server.url, '/api/whos-online');
    return body.users.eve ? body : null;
  });
  assert.equal(report.sessions['robust-1'].status, 'active');
  client.close();
});

test('--simulate fills the engine with a crowd', async () => {
  const crowd = await startServer({ simulate: 12 });
  try {
    const report = await until('a crowd', async () => {
      const body = await getJson(crowd.url, '/api/whos-online');
      return Object.keys(body.users).length >= 8 ? body : null;
    });
    assert.ok(report.counts.sessions.alive >= report.counts.users.alive);
    for (const [id, session] of Object.entries(report.sessions)) {
      assert.match(id, /^sim-[a-z]+-\d$/);
      assert.ok(report.users[session.userId] !== undefined || session.status === 'offline', id);
    }
    assert.deepEqual(Object.keys(report.rooms).sort(), [
      'all-hands',
      'design-review',
      'pairing',
      'standup',
    ]);
    assert.equal(report.rooms['all-hands'].countOnly, true);
    assert.match(crowd.output(), /simulating 12 users/);
    // SIGTERM closes everything (crowd, sockets, engine) and exits cleanly.
    assert.deepEqual(await crowd.stop(), { code: 0, signal: null });
  } finally {
    await crowd.stop();
  }
});

test('the command line refuses bad options', () => {
  const server = path.join(__dirname, '..', 'server.js');
  const run = (...args) =>
    spawnSync(process.execPath, [server, ...args], { encoding: 'utf8', timeout: 10_000 });
  const badPort = run('--port', 'abc');
  assert.equal(badPort.status, 2);
  assert.match(badPort.stderr, /--port must be an integer/);
  const badJson = run('--port', '0', '--engine', '{not json');
  assert.equal(badJson.status, 2);
  assert.match(badJson.stderr, /JSON/);
  const badEngine = run('--port', '0', '--engine', '{"idleAfterMs": 10, "awayAfterMs": 5}');
  assert.equal(badEngine.status, 1);
  // The engine names the C field (idle_after_ms), not the option.
  assert.match(badEngine.stderr, /idle_?after_?ms/i);
  const help = run('--help');
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--simulate/);
});

test('GET /api/rooms/<id> is one room through its reader', async () => {
  const a = connect();
  const b = connect();
  await a.emitWithAck('presence:hello', { sessionId: 'room-a', userId: 'rhea' });
  await b.emitWithAck('presence:hello', { sessionId: 'room-b', userId: 'sam' });
  assert.equal((await a.emitWithAck('presence:join', { roomId: 'design-review' })).ok, true);
  assert.equal((await b.emitWithAck('presence:join', { roomId: 'design-review' })).ok, true);
  const body = await until('both members', async () => {
    const report = await getJson(server.url, '/api/rooms/design-review');
    // Momentum counts an arrival once its join is published (debounced).
    return Object.keys(report.members).length === 2 && report.room.arrivalsPerMinute > 0
      ? report
      : null;
  });
  assert.equal(body.ok, true);
  assert.equal(body.roomId, 'design-review');
  assert.deepEqual(Object.keys(body.members).sort(), ['rhea', 'sam']);
  assert.equal(body.members.rhea.status, 'active');
  assert.equal(body.members.rhea.arriving, true);
  assert.equal(body.members.rhea.sessionCount, 1);
  assert.deepEqual(Object.keys(body.sessions).sort(), ['room-a', 'room-b']);
  assert.equal(body.counts.users.active, 2);
  assert.equal(body.room.members.active, 2);
  assert.equal(body.room.density, 2);
  assert.equal(body.room.departuresPerMinute, 0);
  // Invisible: gone from the room for every reader.
  await b.emitWithAck('presence:availability', { availability: 'invisible' });
  const after = await getJson(server.url, '/api/rooms/design-review');
  assert.deepEqual(Object.keys(after.members), ['rhea']);
  assert.deepEqual(Object.keys(after.sessions), ['room-a']);
  assert.equal(after.counts.users.active, 1);

  assert.equal((await fetch(new URL('/api/rooms/nowhere', server.url))).status, 404);
  assert.equal((await fetch(new URL('/api/rooms/%E0%A4%A', server.url))).status, 400);
  assert.equal((await fetch(new URL('/api/whos-online?minState=sleepy', server.url))).status, 400);
  a.close();
  b.close();
});

test('?minState=offline adds users whose last seen is remembered', async () => {
  const client = connect();
  await client.emitWithAck('presence:hello', { sessionId: 'brief-1', userId: 'brief' });
  await client.emitWithAck('presence:leave', { sessionId: 'brief-1' });
  const body = await until('brief offline and remembered', async () => {
    const report = await getJson(server.url, '/api/whos-online?minState=offline');
    return report.users.brief?.status === 'offline' ? report : null;
  });
  assert.ok(body.users.brief.lastSeenAt <= body.generatedAt);
  assert.equal(body.sessions['brief-1'], undefined);
  const online = await getJson(server.url, '/api/whos-online');
  assert.equal(online.users.brief, undefined);
  client.close();
});

test('a session continues on another connection only with its resume token', async () => {
  const owner = connect();
  const first = await owner.emitWithAck('presence:hello', { sessionId: 'vic-tab', userId: 'vic' });
  assert.equal(first.ok, true);
  assert.match(first.resumeToken, /^[0-9a-f]{32}$/);
  // Anyone can read the session id in a snapshot; that is not enough.
  const thief = connect();
  const denied = await thief.emitWithAck('presence:hello', { sessionId: 'vic-tab', userId: 'vic' });
  assert.equal(denied.ok, false);
  assert.equal(denied.error.code, 'PE_DENIED');
  const wrong = await thief.emitWithAck('presence:hello', {
    sessionId: 'vic-tab',
    userId: 'vic',
    resumeToken: '0'.repeat(32),
  });
  assert.equal(wrong.error.code, 'PE_DENIED');
  // The tab itself, reconnecting with its token, continues.
  owner.close();
  const back = connect();
  const resumed = await back.emitWithAck('presence:hello', {
    sessionId: 'vic-tab',
    userId: 'vic',
    resumeToken: first.resumeToken,
  });
  assert.equal(resumed.ok, true);
  assert.equal(resumed.continued, true);
  back.close();
  thief.close();
});

test('pages get last seen and confidence as they move, never for invisible users', async () => {
  const seen = connect();
  const hidden = connect();
  await seen.emitWithAck('presence:hello', { sessionId: 'lively-1', userId: 'lively' });
  await hidden.emitWithAck('presence:hello', { sessionId: 'ghost-1', userId: 'ghost' });
  await hidden.emitWithAck('presence:availability', { availability: 'invisible' });
  /** @type {any[]} */
  const received = [];
  seen.on('demo:liveness', (message) => received.push(message));
  const beatAt = Date.now();
  await seen.emitWithAck('presence:heartbeat', { activity: 'active' });
  await hidden.emitWithAck('presence:heartbeat', { activity: 'active' });
  // Confidence decays with silence (the interval here is 1 s), and the
  // pages hear of it without any transition.
  const after = (message) => message.users.lively?.lastSeenAt >= beatAt;
  await until(
    'the beat, then its confidence decaying, on the page',
    () => received.some((m) => after(m) && m.users.lively.confidence < 1),
    8_000,
  );
  assert.ok(
    received.every((message) => message.users.ghost === undefined),
    'ghost stays hidden',
  );
  seen.close();
  hidden.close();
});
