// @ts-check
'use strict';

// Merges events into one minimal presence:diff: the latest entry per key.
// Entries are absolute (a user's whole wire state, a room's whole record),
// so applying a diff twice, or one that overlaps a snapshot, converges to
// the same view. The one field-level update is `availability`, from
// availability events, which carry nothing else.

const { wireUser, wireMember, wireIntent } = require('./wire');

/** @typedef {import('../../index').PresenceEvent} PresenceEvent */
/** @typedef {import('../../index').WireDiff} WireDiff */

class DiffBuilder {
  /** @type {Record<string, import('../../index').WireUser>} */
  #users = {};
  /** @type {Record<string, import('../../index').WireSession>} */
  #sessions = {};
  /** @type {Record<string, import('../../index').ShownAvailability>} */
  #availability = {};
  /** @type {Record<string, import('../../index').WireReadiness>} */
  #readiness = {};
  /** @type {Record<string, Record<string, import('../../index').WireMember>>} */
  #members = {};
  /** @type {Record<string, import('../../index').WireIntent>} */
  #intents = {};
  /** Rooms whose record changed: read once per flush, when the diff is taken. */
  /** @type {Set<string>} */
  #rooms = new Set();
  #empty = true;

  /**
   * A change of who is online: session, user and availability events.
   * @param {PresenceEvent} event
   */
  addPresence(event) {
    switch (event.kind) {
      case 'session':
        this.#sessions[event.sessionId] = { status: event.newState, userId: event.userId };
        break;
      case 'user':
        this.#users[event.userId] = wireUser(event);
        break;
      case 'availability':
        this.#availability[event.userId] = event.availability;
        break;
      default:
        return;
    }
    this.#empty = false;
  }

  /**
   * A change of coordination: member, readiness, intent and occupancy events.
   * @param {PresenceEvent} event
   */
  addCoordination(event) {
    switch (event.kind) {
      case 'member':
        (this.#members[event.roomId] ??= {})[event.memberId] = wireMember(event);
        this.#rooms.add(event.roomId); // its counts and momentum changed
        break;
      case 'readiness':
        if (event.targetKind === 'room') {
          this.#rooms.add(event.targetId);
        } else {
          this.#readiness[event.targetId] = { ready: event.ready, readiness: event.readiness };
        }
        break;
      case 'intent':
        this.#intents[event.intentId] = wireIntent(event);
        break;
      case 'occupancy':
        this.#rooms.add(event.roomId);
        break;
      default:
        return;
    }
    this.#empty = false;
  }

  get empty() {
    return this.#empty;
  }

  /**
   * The diff, its rooms read with `readRoom` (undefined: left out).
   * @param {number} seq the seq of the newest event read
   * @param {(roomId: string) => import('../../index').WireRoom | undefined} readRoom
   * @returns {WireDiff}
   */
  take(seq, readRoom) {
    /** @type {WireDiff} */
    const diff = { seq, users: this.#users, sessions: this.#sessions };
    if (this.#rooms.size > 0) {
      /** @type {Record<string, import('../../index').WireRoom>} */
      const rooms = {};
      for (const roomId of this.#rooms) {
        const room = readRoom(roomId);
        if (room !== undefined) rooms[roomId] = room;
      }
      diff.rooms = rooms;
    }
    if (Object.keys(this.#members).length > 0) diff.members = this.#members;
    if (Object.keys(this.#intents).length > 0) diff.intents = this.#intents;
    if (Object.keys(this.#readiness).length > 0) diff.readiness = this.#readiness;
    if (Object.keys(this.#availability).length > 0) diff.availability = this.#availability;
    return diff;
  }
}

module.exports = { DiffBuilder };
