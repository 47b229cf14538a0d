// @ts-check
'use strict';

// What one session (a tab, whatever socket carries it now) is interested
// in, kept in step with the engine's fan-out subscriptions. The session id
// is the subscriber: subscriptions outlive a socket, so a tab that
// reconnects on a new socket inside the grace window hears its rooms again
// without subscribing anew.
//
// A session always hears its own user (or, for a guest, its session id as
// a caller): its intents, its readiness, its availability. It hears the
// rooms it joined and the users and rooms it watches.

const { LimitExceededError } = require('../errors');

class Interests {
  /** @type {import('../../index').Engine} */
  #engine;
  /** The socket that carries the session now; undefined while none does. */
  /** @type {any} */
  socket;
  /** The session's resume token, as its last open returned it. */
  /** @type {string | undefined} */
  resumeToken;
  /** What the socket hears (see AttachPresenceOptions.scope). */
  /** @type {import('../../index').PresenceScope} */
  scope = 'all';
  /** The rooms the session joined. */
  /** @type {Set<string>} */
  joined = new Set();
  /** @type {Set<string>} */
  watchedRooms = new Set();
  /** @type {Set<string>} */
  watchedUsers = new Set();

  /**
   * @param {import('../../index').Engine} engine
   * @param {string} sessionId
   * @param {string} callerId the session's user, or its own id for a guest
   */
  constructor(engine, sessionId, callerId) {
    this.#engine = engine;
    this.sessionId = sessionId;
    this.callerId = callerId;
    engine.subscribe(sessionId, 'user', callerId);
  }

  /**
   * A guest identified: it now hears its user instead of its session id.
   * @param {string} callerId
   */
  setCaller(callerId) {
    if (callerId === this.callerId) return;
    this.#engine.subscribe(this.sessionId, 'user', callerId);
    if (!this.watchedUsers.has(this.callerId)) {
      this.#engine.unsubscribe(this.sessionId, 'user', this.callerId);
    }
    this.callerId = callerId;
  }

  /** @param {string} roomId */
  join(roomId) {
    this.#engine.joinRoom(this.sessionId, roomId);
    this.#engine.subscribe(this.sessionId, 'room', roomId);
    this.joined.add(roomId);
  }

  /**
   * Leaves a room; the engine decides whether the session was in it.
   * @param {string} roomId
   */
  leaveRoom(roomId) {
    if (this.joined.delete(roomId) && !this.watchedRooms.has(roomId)) {
      this.#engine.unsubscribe(this.sessionId, 'room', roomId);
    }
    this.#engine.leaveRoom(this.sessionId, roomId);
  }

  /**
   * The session ended and started again (silent past the TTL): its rooms
   * are joined again, as the page still shows them. A room it can no
   * longer join (a limit) is forgotten.
   */
  rejoin() {
    for (const roomId of this.joined) {
      try {
        this.#engine.joinRoom(this.sessionId, roomId);
      } catch (error) {
        if (!(error instanceof LimitExceededError)) throw error;
        this.joined.delete(roomId);
        if (!this.watchedRooms.has(roomId)) {
          this.#engine.unsubscribe(this.sessionId, 'room', roomId);
        }
      }
    }
  }

  /**
   * Watches users and rooms (without joining), at most `max` in all.
   * Nothing is watched unless all of them can be.
   * @param {readonly string[]} users
   * @param {readonly string[]} rooms
   * @param {number} max
   */
  watch(users, rooms, max) {
    const newUsers = users.filter((id) => !this.watchedUsers.has(id));
    const newRooms = rooms.filter((id) => !this.watchedRooms.has(id));
    const total =
      this.watchedUsers.size +
      this.watchedRooms.size +
      new Set(newUsers).size +
      new Set(newRooms).size;
    if (total > max) {
      throw new LimitExceededError(`a session may watch at most ${max} users and rooms`);
    }
    for (const id of newUsers) {
      this.#engine.subscribe(this.sessionId, 'user', id);
      this.watchedUsers.add(id);
    }
    for (const id of newRooms) {
      this.#engine.subscribe(this.sessionId, 'room', id);
      this.watchedRooms.add(id);
    }
  }

  /**
   * Stops watching; what the session hears anyway (its user, the rooms it
   * joined) stays subscribed.
   * @param {readonly string[]} users
   * @param {readonly string[]} rooms
   */
  unwatch(users, rooms) {
    for (const id of users) {
      if (!this.watchedUsers.delete(id) || id === this.callerId) continue;
      this.#engine.unsubscribe(this.sessionId, 'user', id);
    }
    for (const id of rooms) {
      if (!this.watchedRooms.delete(id) || this.joined.has(id)) continue;
      this.#engine.unsubscribe(this.sessionId, 'room', id);
    }
  }

  /** Every room the session hears. */
  rooms() {
    return new Set([...this.joined, ...this.watchedRooms]);
  }

  /** Every user the session hears directly: its own and the watched ones. */
  users() {
    return new Set([this.callerId, ...this.watchedUsers]);
  }

  /** The session is gone: it hears nothing any more. */
  drop() {
    this.#engine.unsubscribeAll(this.sessionId);
  }
}

module.exports = { Interests };
