// @ts-check
'use strict';

// The example server: one embedded engine, the package's Socket.IO adapter
// for the browser pages, two HTTP endpoints (who's online, Prometheus) and
// the page's static files, all on node's own http module.

const http = require('node:http');
const { Server } = require('socket.io');
const {
  Engine,
  InvalidArgumentError,
  attachPresence,
  PROMETHEUS_CONTENT_TYPE,
} = require('presence-engine');
const { serveStatic } = require('./static');
const { whosOnline, roomReport } = require('./reports');
const { Simulator } = require('./simulator');

/**
 * Thresholds for a demo someone watches: the engine's defaults are sized
 * for real users (idle after a minute, away after five), so a fresh page
 * would sit still; these make every state show up within a minute.
 * Anything given in `engine` options overrides them.
 * @type {import('presence-engine').EngineOptions}
 */
const DEMO_ENGINE = {
  tickIntervalMs: 250,
  idleAfterMs: 20_000,
  awayAfterMs: 60_000,
  blurToleranceMs: 5_000,
  heartbeatActiveMs: 5_000,
  heartbeatIdleMs: 10_000,
  heartbeatHiddenMs: 20_000,
  heartbeatGraceMs: 5_000,
  reconnectGraceMs: 10_000,
  sessionTtlMs: 45_000,
  roomArrivingMs: 30_000,
  roomMomentumHalfLifeMs: 60_000,
};

/** How often the pages get users' last seen and confidence (see createApp). */
const LIVENESS_MS = 3_000;

/** The app's rooms; `all-hands` shows a count-only room. */
const DEMO_ROOMS = ['standup', 'design-review', 'pairing', 'all-hands'];

/**
 * @typedef {object} AppOptions
 * @property {import('presence-engine').EngineOptions} [engine] overrides of {@link DEMO_ENGINE}
 * @property {number} [simulate] simulated users (0: none)
 */

/**
 * Builds the server (not listening yet).
 * @param {AppOptions} [options]
 */
function createApp(options = {}) {
  const engine = new Engine({ ...DEMO_ENGINE, ...options.engine });
  // The app's rooms exist before anyone is in them (the model's rooms are
  // persistent spaces). The package has no call that only creates a room;
  // setRoomCountOnly() creates one if needed, and false is the normal mode.
  for (const roomId of DEMO_ROOMS) {
    if (roomId === 'all-hands') {
      // A room too large for per-member traffic: occupancy counts only.
      engine.setRoomCountOnly(roomId, true, { intervalMs: 2_000 });
    } else {
      engine.setRoomCountOnly(roomId, false);
    }
  }

  const server = http.createServer((req, res) => handle(req, res));
  // Presence messages are tiny: 64 KB (instead of 1 MB) bounds what one
  // client can make the server parse. The page loads the client from here.
  const io = new Server(server, { maxHttpBufferSize: 64 * 1024, serveClient: true });
  const presence = attachPresence(io, engine, {
    // The demo has no accounts: the page names its user (?user=...). A real
    // app derives it from its authenticated handshake instead.
    authenticate: (_socket, hello) => userIdOf(hello),
    // Rooms are the application's: a client may join or watch these only,
    // so no client can make the engine hold rooms without end.
    authorize: (_socket, request) =>
      (request.action !== 'join' && request.action !== 'watch-room') ||
      DEMO_ROOMS.includes(request.roomId),
  });

  // What the HTTP reports show goes through readers: the whole engine's
  // for who's online, and one per room (few rooms here; a reader is cheap
  // and the engine closes them with itself).
  const reader = engine.reader();
  /** @type {Map<string, import('presence-engine').Reader>} */
  const roomReaders = new Map();
  /** @param {string} roomId */
  const roomReader = (roomId) => {
    let found = roomReaders.get(roomId);
    if (found === undefined) {
      found = engine.reader(roomId);
      roomReaders.set(roomId, found);
    }
    return found;
  };

  const simulator =
    (options.simulate ?? 0) > 0
      ? new Simulator(engine, {
          users: /** @type {number} */ (options.simulate),
          rooms: DEMO_ROOMS,
          reconnectGraceMs: engine.config.reconnectGraceMs,
          // Storms are news: the pages show them in their feed.
          onNote: (text) => io.emit('demo:note', { at: engine.now(), text }),
        })
      : undefined;

  io.on('connection', (socket) => {
    // The server's clock lets the page say "30 s ago" in server time; the
    // engine never trusts a client's clock, and neither does the page.
    socket.emit('demo:welcome', {
      serverTime: engine.now(),
      rooms: DEMO_ROOMS,
    });
  });

  // Events carry transitions only, so a user's last seen and confidence
  // on the pages are those of its last transition, while heartbeats keep
  // moving them (and silence lowers confidence before any state changes).
  // Every few seconds the pages get what moved, as read by the whole
  // engine's reader: invisible users are offline there, so never listed.
  // It costs a read of every online user per period: fine for a demo; a
  // large deployment would send it per room, or only confidence buckets.
  /** @type {Map<string, string>} */
  const lastLiveness = new Map();
  const liveness = setInterval(() => {
    /** @type {Record<string, { lastSeenAt: number, confidence: number }>} */
    const users = {};
    const now = engine.now();
    const online = new Set();
    for (const user of reader.users({ limit: 1000, now })) {
      online.add(user.userId);
      const entry = { lastSeenAt: user.lastSeenAt, confidence: user.confidence };
      const text = JSON.stringify(entry);
      if (lastLiveness.get(user.userId) !== text) users[user.userId] = entry;
      lastLiveness.set(user.userId, text);
    }
    for (const userId of lastLiveness.keys()) if (!online.has(userId)) lastLiveness.delete(userId);
    if (Object.keys(users).length > 0) io.emit('demo:liveness', { users });
  }, LIVENESS_MS);
  liveness.unref();

  /**
   * @param {http.IncomingMessage} req
   * @param {http.ServerResponse} res
   */
  function handle(req, res) {
    res.setHeader('x-content-type-options', 'nosniff');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' });
      res.end('method not allowed\n');
      return;
    }
    let url;
    try {
      // Only the path and query matter; the base is never used.
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      sendJson(res, { ok: false, error: 'malformed URL' }, 400);
      return;
    }
    const path = url.pathname;
    if (path === '/api/whos-online') {
      report(res, () => whosOnline(engine, reader, url.searchParams));
    } else if (path.startsWith('/api/rooms/')) {
      report(res, () => {
        const roomId = decodeURIComponent(path.slice('/api/rooms/'.length));
        // Only the app's rooms get a reader: ids from a URL are unbounded.
        return DEMO_ROOMS.includes(roomId)
          ? roomReport(engine, roomReader(roomId), url.searchParams)
          : undefined;
      });
    } else if (path === '/metrics') {
      res.writeHead(200, { 'content-type': PROMETHEUS_CONTENT_TYPE });
      res.end(presence.metrics());
    } else {
      serveStatic(req, res, path);
    }
  }

  let closed = false;
  return {
    /**
     * Listens; resolves with the URL to open.
     * @param {number} port 0 picks a free port
     * @param {string} host
     * @returns {Promise<string>}
     */
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          simulator?.start();
          const address = /** @type {import('node:net').AddressInfo} */ (server.address());
          const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
          resolve(`http://${shown.includes(':') ? `[${shown}]` : shown}:${address.port}/`);
        });
      });
    },
    /** Stops everything this app started; idempotent. */
    async close() {
      if (closed) return;
      closed = true;
      simulator?.stop();
      clearInterval(liveness);
      presence.close();
      reader.close();
      for (const one of roomReaders.values()) one.close();
      // io.close() disconnects the sockets and closes the http server.
      await new Promise((resolve) => io.close(() => resolve(undefined)));
      engine.close();
    },
  };
}

/**
 * The user a hello names: `userId` (or `handle`); none makes a guest.
 * @param {import('presence-engine').HelloMessage} hello
 * @returns {string | null}
 */
function userIdOf(hello) {
  const id = hello.userId ?? hello.handle;
  if (id === undefined || id === null || id === '') return null;
  // Throwing refuses the hello (PE_REFUSED in its ack).
  if (typeof id !== 'string') throw new TypeError('userId must be a string');
  return id;
}

/**
 * Answers a report: 404 when `build` finds nothing, 400 for a bad query
 * (a malformed id or option, which the engine or the report refuses), 500
 * for anything else.
 * @param {http.ServerResponse} res
 * @param {() => object | undefined} build
 */
function report(res, build) {
  let body;
  try {
    body = build();
  } catch (error) {
    const bad =
      error instanceof URIError ||
      error instanceof RangeError ||
      error instanceof InvalidArgumentError;
    // Anything else is the server's fault: say so, and keep serving.
    if (!bad) console.error('report failed:', error);
    sendJson(res, { ok: false, error: bad ? error.message : 'internal error' }, bad ? 400 : 500);
    return;
  }
  if (body === undefined) sendJson(res, { ok: false, error: 'no such room' }, 404);
  else sendJson(res, body);
}

/**
 * @param {http.ServerResponse} res
 * @param {unknown} body
 * @param {number} [status]
 */
function sendJson(res, body, status = 200) {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(JSON.stringify(body));
}

module.exports = { createApp, DEMO_ENGINE, DEMO_ROOMS };
