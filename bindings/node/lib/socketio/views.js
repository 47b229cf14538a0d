// @ts-check
'use strict';

// Snapshots of what a session hears: the baseline its diffs apply to. Sent
// in presence:snapshot and in the acknowledgements of presence:join and
// presence:subscribe.

const { NotFoundError } = require('../errors');
const { wireUser, wireSession, wireRoom, wireMember, wireIntent, wireSnapshot } = require('./wire');

/** @typedef {import('../../index').WireView} WireView */

/**
 * The value of `read`, or undefined if what it reads does not exist.
 * @template T
 * @param {() => T} read
 * @returns {T | undefined}
 */
function ifFound(read) {
  try {
    return read();
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

/**
 * The rooms, members, readiness and pending intents of some interests
 * (the caller's intents, and those to its users and rooms), and with
 * `presence`, the users they make the session hear (its own, the ones it
 * watches, its rooms' members) and the sessions of its own and watched users.
 * @param {import('../../index').Engine} engine
 * @param {{ callerId?: string, users: Iterable<string>, rooms: Iterable<string> }} interests
 * @param {boolean} presence
 * @returns {WireView}
 */
function interestView(engine, { callerId, users, rooms }, presence) {
  /** @type {Required<WireView>} */
  const view = {
    seq: engine.stats().lastSeq,
    users: {},
    sessions: {},
    rooms: {},
    members: {},
    readiness: {},
    intents: {},
  };
  /** Users whose presence the session hears. */
  const heard = new Set(users);
  for (const roomId of rooms) {
    const room = ifFound(() => engine.getRoom(roomId));
    if (room === undefined) continue; // nobody joined it yet
    view.rooms[roomId] = wireRoom(room);
    for (const intent of engine.intentsTo('room', roomId)) {
      view.intents[intent.intentId] = wireIntent(intent);
    }
    if (room.countOnly) continue; // watched through its counts only
    /** @type {Record<string, import('../../index').WireMember>} */
    const members = {};
    for (const member of engine.members(roomId, { limit: 1000 })) {
      members[member.memberId] = wireMember(member);
      if (!member.guest) heard.add(member.memberId);
    }
    view.members[roomId] = members;
  }
  for (const userId of users) {
    for (const intent of engine.intentsTo('user', userId)) {
      view.intents[intent.intentId] = wireIntent(intent);
    }
    const detail = ifFound(() => engine.getUser(userId));
    if (detail === undefined) continue;
    view.readiness[userId] = { ready: detail.user.ready, readiness: detail.user.readiness };
    if (presence) {
      for (const session of detail.sessions) {
        if (session.state !== 'offline') view.sessions[session.sessionId] = wireSession(session);
      }
    }
  }
  if (presence) {
    for (const userId of heard) {
      const detail = ifFound(() => engine.getUser(userId));
      if (detail !== undefined && detail.user.state !== 'offline') {
        view.users[userId] = wireUser(detail.user);
      }
    }
  }
  if (callerId !== undefined) {
    for (const intent of engine.intentsFrom(callerId)) {
      view.intents[intent.intentId] = wireIntent(intent);
    }
  }
  return view;
}

/**
 * presence:snapshot for a session: everyone (scope 'all') or its interests'
 * users, and the coordination of its interests.
 * @param {import('../../index').Engine} engine
 * @param {import('./interests').Interests} interests
 * @returns {import('../../index').WireSnapshot}
 */
function sessionSnapshot(engine, interests) {
  const everyone = interests.scope === 'all';
  const view = interestView(
    engine,
    { callerId: interests.callerId, users: interests.users(), rooms: interests.rooms() },
    !everyone,
  );
  const { seq, users, sessions } = everyone ? wireSnapshot(engine.snapshot()) : view;
  return { ...view, seq, users: users ?? {}, sessions: sessions ?? {} };
}

module.exports = { interestView, sessionSnapshot };
