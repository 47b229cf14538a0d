// @ts-check
'use strict';

// attachPresence(): the Socket.IO adapter. Maps a socket's messages onto the
// engine (the session id is the application's, the socket id is only the
// bound transport) and broadcasts the engine's debounced events as diffs.

const { PresenceError, NotFoundError, ClosedError, InvalidArgumentError } = require('../errors');
const { wireSnapshot, DiffBuilder } = require('./wire');

/** @typedef {import('../../index').HelloMessage} HelloMessage */
/** @typedef {import('../../index').PresenceAck} PresenceAck */

/**
 * Runs `handle` and acknowledges its outcome. Client input can fail any
 * engine call: the failure goes back in the ack, never up into Socket.IO.
 * @param {unknown} ack
 * @param {() => Record<string, unknown> | void} handle
 */
function answer(ack, handle) {
  /** @type {PresenceAck} */
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
  const subscribe = options.subscribe ?? (() => true);

  const diff = new DiffBuilder();
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const flush = () => {
    timer = undefined;
    const pending = diff.take();
    if (pending !== undefined) namespace.to(room).emit('presence:diff', pending);
  };
  /** @param {import('../../index').PresenceEvent} event */
  const onChange = (event) => {
    diff.add(event);
    timer ??= setTimeout(flush, diffIntervalMs);
  };
  engine.on('change', onChange);

  /** @type {Set<() => void>} */
  const unbinders = new Set();

  /** @param {any} socket */
  const onConnection = (socket) => {
    /** @type {{ sessionId: string, userId: string | null, meta: string | undefined } | undefined} */
    let bound;

    /** Opens (or continues) the bound session on this socket. */
    const open = () => {
      if (bound === undefined) throw new InvalidArgumentError('say presence:hello first');
      return engine.open(bound.sessionId, {
        userId: bound.userId,
        meta: bound.meta,
        transportId: socket.id,
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
          };
          const previous = bound;
          bound = candidate;
          let opened;
          try {
            opened = open();
          } catch (error) {
            bound = previous;
            throw error;
          }
          if (subscribe(socket, hello)) {
            // Diffs already merged go to the room first; the snapshot then
            // covers them, and later diffs carry only newer states.
            flush();
            socket.emit('presence:snapshot', wireSnapshot(engine.snapshot()));
            socket.join(room);
          }
          return { heartbeatIntervalMs: opened.heartbeatIntervalMs, continued: opened.continued };
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
            // so this heartbeat starts it again.
            if (!(error instanceof NotFoundError)) throw error;
            open();
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
          engine.leave(ownSession(messageObject(message ?? {}, 'presence:leave')));
          bound = undefined;
        }),
      disconnect: () => {
        if (bound === undefined) return;
        try {
          engine.disconnectTransport(socket.id);
        } catch (error) {
          // NotFound: a newer socket already took the session over (or it
          // ended); Closed: the application is shutting down.
          if (!(error instanceof NotFoundError || error instanceof ClosedError)) throw error;
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
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

module.exports = { attachPresence };
