// @ts-check
'use strict';

// The reference wire contract (PRESENCE_MODEL.md, appendix): how engine
// records and events look on a Socket.IO connection and in GET /api/whos-online.

/**
 * @param {import('../../index').User | import('../../index').UserEvent} user
 * @returns {import('../../index').WireUser}
 */
function wireUser(user) {
  const status = 'state' in user ? user.state : user.newState;
  return {
    status,
    confidence: user.confidence,
    sessionCount: user.sessionCount,
    lastSeenAt: user.lastSeenAt,
  };
}

/**
 * @param {import('../../index').Snapshot} snapshot
 * @returns {import('../../index').WireSnapshot}
 */
function wireSnapshot(snapshot) {
  /** @type {Record<string, import('../../index').WireUser>} */
  const users = {};
  for (const user of snapshot.users) users[user.userId] = wireUser(user);
  /** @type {Record<string, import('../../index').WireSession>} */
  const sessions = {};
  for (const s of snapshot.sessions) {
    sessions[s.sessionId] = { status: s.state, userId: s.userId, lastHeartbeatAt: s.lastSignalAt };
  }
  return { seq: snapshot.seq, users, sessions };
}

/**
 * Merges events into one minimal diff: the latest state of each key.
 * Entries are absolute states, so applying a diff twice, or one that
 * overlaps a snapshot, converges to the same view.
 */
class DiffBuilder {
  /** @type {Record<string, import('../../index').WireUser>} */
  #users = {};
  /** @type {Record<string, import('../../index').WireSession>} */
  #sessions = {};
  #seq = 0;
  #empty = true;

  /** @param {import('../../index').PresenceEvent} event */
  add(event) {
    this.#seq = event.seq;
    this.#empty = false;
    if (event.kind === 'user') {
      this.#users[event.userId] = wireUser(event);
    } else if (event.kind === 'session') {
      this.#sessions[event.sessionId] = { status: event.newState, userId: event.userId };
    }
  }

  /** @returns {import('../../index').WireDiff | undefined} the diff so far, then starts anew */
  take() {
    if (this.#empty) return undefined;
    const diff = { seq: this.#seq, users: this.#users, sessions: this.#sessions };
    this.#users = {};
    this.#sessions = {};
    this.#empty = true;
    return diff;
  }
}

/**
 * @param {import('../../index').Engine} engine
 * @returns {import('../../index').WhosOnline}
 */
function whosOnline(engine) {
  const counts = engine.counts();
  const { users, sessions } = wireSnapshot(engine.snapshot());
  return { ok: true, generatedAt: engine.now(), counts, users, sessions };
}

module.exports = { wireSnapshot, DiffBuilder, whosOnline };
