// @ts-check
'use strict';

// attachPresence(): the Socket.IO adapter. Maps a socket's messages onto the
// engine (the session id is the application's, the socket id is only the
// bound transport) and sends each socket the engine's debounced changes as
// diffs: everyone's presence to sockets of scope 'all' (one broadcast), and
// what each session is interested in (its user, its rooms, the users and
// rooms it watches) through the engine's interest-based fan-out.

const { timingSafeEqual } = require('node:crypto');
const {
  PresenceError,
  NotFoundError,
  ClosedError,
  DeniedError,
  InvalidArgumentError,
  TooFarBehindError,
} = require('../errors');
const { DiffBuilder } = require('./diff');
const { Interests } = require('./interests');
const { interestView, sessionSnapshot } = require('./views');
const { wireRoom, wireIntent, whosOnline } = require('./wire');

/** @typedef {import('../../index').HelloMessage} HelloMessage */
/** @typedef {import('../../index').PresenceScope} PresenceScope */
/** @typedef {import('../../index').WireDiff} WireDiff */

/** Events read from the fan-out per turn of the event loop. */
const FANOUT_CHUNK = 1024;
/** @type {ReadonlySet<unknown>} */
const SCOPES = new Set(['all', 'interests', 'none']);

/**
 * Runs `handle` and acknowledges its outcome. Client input can fail any
 * engine call: the failure goes back in the ack, never up into Socket.IO.
 * Errors that are not the engine's (from authenticate or authorize) are
 * refusals, with their message.
 * @param {unknown} ack
 * @param {() => Record<string, unknown> | void} handle
 */
function answer(ack, handle) {
  /** @type {import('../../index').PresenceAck} */
  let reply;
  try {
    reply = { ok: true, ...handle() };
  } catch (error) {
    const code = error instanceof PresenceError ? error.code : 'PE_REFUSED';
    const message = error instanceof Error ? error.message : String(error);
    reply = { ok: false, error: { code, message } };
  }
  if (typeof ack === 'function') ack(reply);
}

/**
 * @param {unknown} message
 * @param {string} event
 * @returns {Record<string, any>}
 */
function messageObject(message, event) {
  if (typeof message !== 'object' || message === null) {
    throw new InvalidArgumentError(`${event} expects an object`);
  }
  return /** @type {Record<string, any>} */ (message);
}

/**
 * A list of ids in a message: absent, or an array of strings.
 * @param {unknown} value
 * @param {string} name
 * @returns {string[]}
 */
function idList(value, name) {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((id) => typeof id === 'string')) {
    throw new InvalidArgumentError(`${name} must be an array of strings`);
  }
  return value;
}

/**
 * Whether a client presented its session's resume token, compared in
 * constant time so that the comparison leaks nothing of the token.
 * @param {unknown} given
 * @param {string} expected
 */
function tokenMatches(given, expected) {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** @param {unknown} meta */
function metaText(meta) {
  if (meta === undefined || meta === null) return undefined;
  return typeof meta === 'string' ? meta : JSON.stringify(meta);
}

/**
 * @param {import('../../index').PresenceServer} io
 * @param {import('../../index').Engine} engine
 * @param {import('../../index').AttachPresenceOptions} [options]
 * @returns {import('../../index').PresenceAttachment}
 */
function attachPresence(io, engine, options = {}) {
  const namespace = typeof io.of === 'function' ? io.of(options.namespace ?? '/') : io;
  const room = options.room ?? 'presence';
  const diffIntervalMs = options.diffIntervalMs ?? 50;
  const authenticate =
    options.authenticate ?? ((_socket, hello) => hello.userId ?? hello.handle ?? null);
  const scope = options.scope ?? 'all';
  /** @type {(socket: any, hello: HelloMessage) => PresenceScope} */
  const scopeOf = typeof scope === 'function' ? scope : () => scope;
  const authorize = options.authorize ?? (() => true);
  const maxInterests = options.maxInterests ?? 64;
  const intentTtlMs = options.intentTtlMs ?? 60_000;
  const requireResumeToken = options.requireResumeToken ?? true;

  /** What each session hears, by session id (the fan-out's subscriber id). */
  /** @type {Map<string, Interests>} */
  const sessions = new Map();
  /** The last event read through the fan-out. */
  let cursor = engine.stats().lastSeq;
  /** @type {NodeJS.Timeout | undefined} */
  let timer;

  /** @param {Interests} interests */
  const forget = (interests) => {
    interests.drop();
    sessions.delete(interests.sessionId);
  };

  /** @param {Interests} interests */
  const sendSnapshot = (interests) => {
    interests.socket.emit('presence:snapshot', sessionSnapshot(engine, interests));
  };

  /** Events were dropped before the adapter read them: every view starts again. */
  const resync = () => {
    cursor = engine.stats().lastSeq;
    for (const interests of sessions.values()) {
      if (interests.socket !== undefined && interests.scope !== 'none') sendSnapshot(interests);
    }
  };

  /**
   * The events published since the last flush and who must hear which;
   * undefined if there are none, or if the engine closed (the application
   * is shutting down), or after a resync.
   */
  const readBatch = () => {
    try {
      const batch = engine.fanout(cursor, { limit: FANOUT_CHUNK });
      return batch.events.length === 0 ? undefined : batch;
    } catch (error) {
      if (error instanceof TooFarBehindError) {
        resync();
      } else if (!(error instanceof ClosedError)) {
        throw error;
      }
      return undefined;
    }
  };

  /** Reads the events published since the last flush and sends the diffs. */
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const batch = readBatch();
    if (batch === undefined) return;
    cursor = batch.seq;
    if (batch.events.length === FANOUT_CHUNK) timer = setTimeout(flush, 0); // more to read

    /** @type {Map<string, import('../../index').WireRoom | undefined>} */
    const rooms = new Map();
    /** @param {string} roomId */
    const readRoom = (roomId) => {
      if (!rooms.has(roomId)) {
        try {
          rooms.set(roomId, wireRoom(engine.getRoom(roomId)));
        } catch (error) {
          if (!(error instanceof NotFoundError)) throw error;
          rooms.set(roomId, undefined);
        }
      }
      return rooms.get(roomId);
    };

    const everyone = new DiffBuilder();
    /** @type {string[]} */
    const ended = [];
    for (const event of batch.events) {
      everyone.addPresence(event);
      if (event.kind === 'session' && event.newState === 'offline') ended.push(event.sessionId);
    }
    const shared = everyone.empty ? undefined : everyone.take(batch.seq, readRoom);

    // Each session's own diff: what it is interested in. A socket of scope
    // 'all' gets the shared presence part in the same message.
    /** @type {string[]} */
    const personalized = [];
    for (const { subscriberId, events } of batch.deliveries) {
      const interests = sessions.get(subscriberId);
      if (interests?.socket === undefined || interests.scope === 'none') continue;
      const own = new DiffBuilder();
      for (const event of events) {
        own.addCoordination(event);
        if (interests.scope === 'interests') own.addPresence(event);
      }
      if (own.empty) continue;
      /** @type {WireDiff} */
      let diff = own.take(batch.seq, readRoom);
      if (interests.scope === 'all') {
        personalized.push(interests.socket.id);
        if (shared !== undefined) {
          diff = { ...diff, users: shared.users, sessions: shared.sessions };
          if (shared.availability !== undefined) diff.availability = shared.availability;
        }
      }
      interests.socket.emit('presence:diff', diff);
    }
    if (shared !== undefined) {
      const everyoneElse =
        personalized.length === 0 ? namespace.to(room) : namespace.to(room).except(personalized);
      everyoneElse.emit('presence:diff', shared);
    }

    // A session that ended and no socket carries hears nothing any more.
    for (const sessionId of ended) {
      const interests = sessions.get(sessionId);
      if (interests !== undefined && interests.socket === undefined) forget(interests);
    }
  };

  // Events are read through the fan-out, with the adapter's own cursor: the
  // emitter's events only say when. An overflow of the emitter is handled
  // too (the fan-out then finds its events dropped, and every socket gets a
  // snapshot again).
  const onChange = () => {
    timer ??= setTimeout(flush, diffIntervalMs);
  };
  engine.on('change', onChange);
  engine.on('overflow', onChange);

  /** @type {Set<() => void>} */
  const unbinders = new Set();

  /**
   * Is `sessionId` live in the engine (not ended)?
   * @param {string} sessionId
   */
  const isLive = (sessionId) => {
    try {
      engine.getSession(sessionId);
      return true;
    } catch (error) {
      if (error instanceof NotFoundError) return false;
      throw error;
    }
  };

  /**
   * A hello that continues a live session another socket carries (or
   * carried) must come from that session's client: only it was told the
   * session's resume token. A session id alone is easy to learn (it shows
   * in every snapshot), so without this anyone could take a session over.
   * The engine checks the token itself when it requires them (in cluster
   * mode too, where the session's first socket was on another server).
   * @param {any} socket
   * @param {HelloMessage} hello
   */
  const checkResumption = (socket, hello) => {
    const known = sessions.get(hello.sessionId);
    if (known === undefined || known.socket === socket || known.resumeToken === undefined) return;
    if (!isLive(hello.sessionId) || tokenMatches(hello.resumeToken, known.resumeToken)) return;
    throw new DeniedError(
      `continuing session '${hello.sessionId}' from another connection needs its resume token`,
    );
  };

  /** @param {any} socket */
  const onConnection = (socket) => {
    /** @type {{ sessionId: string, userId: string | null, meta: string | undefined, resumeToken: unknown } | undefined} */
    let bound;

    /** Opens (or continues) the bound session on this socket. */
    const open = () => {
      if (bound === undefined) throw new InvalidArgumentError('say presence:hello first');
      return engine.open(bound.sessionId, {
        userId: bound.userId,
        meta: bound.meta,
        transportId: socket.id,
        resumeToken: /** @type {string | undefined} */ (bound.resumeToken),
      });
    };

    /**
     * The session a message names: only this socket's own.
     * @param {Record<string, any>} message
     */
    const ownSession = (message) => {
      if (bound === undefined) throw new InvalidArgumentError('say presence:hello first');
      const id = message.sessionId ?? bound.sessionId;
      if (id !== bound.sessionId) {
        throw new InvalidArgumentError(`session '${id}' does not belong to this socket`);
      }
      return id;
    };

    /** The interests of this socket's session. */
    const ownInterests = () => {
      if (bound === undefined) throw new InvalidArgumentError('say presence:hello first');
      const interests = sessions.get(bound.sessionId);
      // Another socket carrying the same session (a duplicated tab) left.
      if (interests === undefined) {
        throw new InvalidArgumentError('the session was left: say presence:hello again');
      }
      return interests;
    };

    /** @param {import('../../index').PresenceRequest} request */
    const allow = (request) => {
      if (authorize(socket, request) === false) {
        throw new Error(`${request.action} refused`);
      }
    };

    /** @type {Record<string, (message: unknown, ack?: unknown) => void>} */
    const handlers = {
      'presence:hello': (message, ack) =>
        answer(ack, () => {
          const hello = /** @type {HelloMessage} */ (messageObject(message, 'presence:hello'));
          if (bound !== undefined && bound.sessionId !== hello.sessionId) {
            throw new InvalidArgumentError(
              `this socket already carries session '${bound.sessionId}'`,
            );
          }
          const candidate = {
            sessionId: hello.sessionId,
            userId: authenticate(socket, hello) ?? null,
            meta: metaText(hello.sessionMeta),
            resumeToken: hello.resumeToken,
          };
          const socketScope = scopeOf(socket, hello);
          if (!SCOPES.has(socketScope)) {
            throw new InvalidArgumentError(
              `scope must be 'all', 'interests' or 'none', got ${String(socketScope)}`,
            );
          }
          if (requireResumeToken) checkResumption(socket, hello);
          const previous = bound;
          bound = candidate;
          let opened;
          try {
            opened = open();
          } catch (error) {
            bound = previous;
            throw error;
          }
          // The caller of intents: the user, or the session itself for a guest.
          const callerId = candidate.userId ?? candidate.sessionId;
          let interests = sessions.get(candidate.sessionId);
          if (interests === undefined) {
            interests = new Interests(engine, candidate.sessionId, callerId);
            sessions.set(candidate.sessionId, interests);
          } else {
            interests.setCaller(callerId);
            if (!opened.continued) interests.rejoin();
          }
          interests.socket = socket;
          interests.scope = socketScope;
          interests.resumeToken = opened.resumeToken;
          if (socketScope === 'all') {
            socket.join(room);
          } else {
            socket.leave(room);
          }
          if (socketScope !== 'none') {
            // Diffs already merged go out first; the snapshot then covers
            // them, and later diffs carry only newer states.
            flush();
            sendSnapshot(interests);
          }
          return {
            heartbeatIntervalMs: opened.heartbeatIntervalMs,
            continued: opened.continued,
            resumeToken: opened.resumeToken,
          };
        }),
      'presence:heartbeat': (message, ack) =>
        answer(ack, () => {
          const beat = messageObject(message, 'presence:heartbeat');
          const sessionId = ownSession(beat);
          const hints = { activity: beat.activity, visibility: beat.visibility };
          try {
            return { heartbeatIntervalMs: engine.heartbeat(sessionId, hints) };
          } catch (error) {
            // Silent past the TTL (a laptop that slept): the session ended,
            // so this heartbeat starts it again, in the rooms it was in.
            if (!(error instanceof NotFoundError)) throw error;
            open();
            ownInterests().rejoin();
            return { heartbeatIntervalMs: engine.heartbeat(sessionId, hints) };
          }
        }),
      'presence:activity': (message, ack) =>
        answer(ack, () => {
          engine.activity(ownSession(messageObject(message, 'presence:activity')));
        }),
      'presence:visibility': (message, ack) =>
        answer(ack, () => {
          const change = messageObject(message, 'presence:visibility');
          engine.visibility(ownSession(change), change.visibility);
        }),
      'presence:leave': (message, ack) =>
        answer(ack, () => {
          const sessionId = ownSession(messageObject(message ?? {}, 'presence:leave'));
          const interests = ownInterests();
          engine.leave(sessionId);
          forget(interests);
          socket.leave(room);
          bound = undefined;
        }),
      'presence:join': (message, ack) =>
        answer(ack, () => {
          const interests = ownInterests();
          const { roomId } = messageObject(message, 'presence:join');
          allow({ action: 'join', roomId });
          interests.join(roomId);
          flush();
          const presence = interests.scope === 'interests';
          return { view: interestView(engine, { users: [], rooms: [roomId] }, presence) };
        }),
      'presence:leave-room': (message, ack) =>
        answer(ack, () => {
          const interests = ownInterests();
          interests.leaveRoom(messageObject(message, 'presence:leave-room').roomId);
        }),
      'presence:subscribe': (message, ack) =>
        answer(ack, () => {
          const interests = ownInterests();
          const request = messageObject(message, 'presence:subscribe');
          const users = idList(request.users, 'users');
          const rooms = idList(request.rooms, 'rooms');
          for (const userId of users) allow({ action: 'watch-user', userId });
          for (const roomId of rooms) allow({ action: 'watch-room', roomId });
          interests.watch(users, rooms, maxInterests);
          flush();
          const presence = interests.scope === 'interests';
          return { view: interestView(engine, { users, rooms }, presence) };
        }),
      'presence:unsubscribe': (message, ack) =>
        answer(ack, () => {
          const interests = ownInterests();
          const request = messageObject(message, 'presence:unsubscribe');
          interests.unwatch(idList(request.users, 'users'), idList(request.rooms, 'rooms'));
        }),
      'presence:availability': (message, ack) =>
        answer(ack, () => {
          ownInterests();
          const { availability } = messageObject(message, 'presence:availability');
          const userId = /** @type {NonNullable<typeof bound>} */ (bound).userId;
          if (userId === null) {
            throw new InvalidArgumentError('a guest has no availability: say hello as a user');
          }
          allow({ action: 'availability', availability });
          engine.setAvailability(userId, availability);
        }),
      'presence:intent': (message, ack) =>
        answer(ack, () => {
          const interests = ownInterests();
          const request = messageObject(message, 'presence:intent');
          if ((request.userId === undefined) === (request.roomId === undefined)) {
            throw new InvalidArgumentError('presence:intent names either a userId or a roomId');
          }
          /** @type {import('../../index').TargetKind} */
          const targetKind = request.userId === undefined ? 'room' : 'user';
          const targetId = request.userId ?? request.roomId;
          const kind = request.kind ?? 'call';
          allow({ action: 'intent', targetKind, targetId, kind });
          const intent = engine.openIntent(interests.callerId, targetKind, targetId, {
            kind,
            ttlMs: request.ttlMs ?? intentTtlMs,
          });
          return { intentId: intent.intentId, intent: wireIntent(intent) };
        }),
      'presence:cancel-intent': (message, ack) =>
        answer(ack, () => {
          const interests = ownInterests();
          const { intentId } = messageObject(message, 'presence:cancel-intent');
          if (typeof intentId !== 'string') {
            throw new InvalidArgumentError('intentId must be a string');
          }
          // Only the caller's own intents: their ids are easy to guess.
          if (!engine.intentsFrom(interests.callerId).some((i) => i.intentId === intentId)) {
            throw new NotFoundError(`no pending intent '${intentId}' of '${interests.callerId}'`);
          }
          engine.cancelIntent(intentId);
        }),
      disconnect: () => {
        if (bound === undefined) return;
        const interests = sessions.get(bound.sessionId);
        // Another socket may carry the session already (a reconnect).
        const carried = interests?.socket === socket;
        if (interests !== undefined && carried) interests.socket = undefined;
        try {
          engine.disconnectTransport(socket.id);
        } catch (error) {
          // NotFound: a newer socket took the session over, or it ended
          // (then it hears nothing any more); Closed: shutting down.
          if (error instanceof NotFoundError) {
            if (interests !== undefined && carried) forget(interests);
          } else if (!(error instanceof ClosedError)) {
            throw error;
          }
        }
      },
    };
    for (const [event, handler] of Object.entries(handlers)) socket.on(event, handler);
    const unbind = () => {
      for (const [event, handler] of Object.entries(handlers)) socket.off(event, handler);
      unbinders.delete(unbind);
    };
    socket.on('disconnect', unbind);
    unbinders.add(unbind);
  };
  namespace.on('connection', onConnection);

  return {
    close() {
      namespace.off('connection', onConnection);
      for (const unbind of [...unbinders]) unbind();
      engine.off('change', onChange);
      engine.off('overflow', onChange);
      clearTimeout(timer);
      timer = undefined;
      if (engine.closed) return;
      for (const interests of sessions.values()) interests.drop();
      sessions.clear();
    },
    whosOnline: (whosOnlineOptions) => whosOnline(engine, whosOnlineOptions),
    metrics: (metricsOptions) => engine.prometheus(metricsOptions),
  };
}

module.exports = { attachPresence };
