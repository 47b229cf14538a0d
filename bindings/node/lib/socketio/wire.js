// @ts-check
'use strict';

// The reference wire contract (PRESENCE_MODEL.md, appendix) and its
// coordination fields: how engine records and events look on a Socket.IO
// connection and in GET /api/whos-online. Only what readers may see goes on
// the wire: states and availability as shown, never the `true*` fields.

/** @typedef {import('../../index').WireUser} WireUser */
/** @typedef {import('../../index').WireSession} WireSession */
/** @typedef {import('../../index').WireRoom} WireRoom */
/** @typedef {import('../../index').WireMember} WireMember */
/** @typedef {import('../../index').WireIntent} WireIntent */

/**
 * @param {import('../../index').ShownUser | import('../../index').UserEvent} user
 * @returns {WireUser}
 */
function wireUser(user) {
  return {
    status: 'state' in user ? user.state : user.newState,
    confidence: user.confidence,
    sessionCount: user.sessionCount,
    lastSeenAt: user.lastSeenAt,
    availability: user.availability,
  };
}

/**
 * @param {import('../../index').ShownSession} session
 * @returns {WireSession}
 */
function wireSession(session) {
  return {
    status: session.state,
    userId: session.userId,
    lastHeartbeatAt: session.lastSignalAt,
  };
}

/**
 * The room record without its id (the key it goes under).
 * @param {import('../../index').Room} room
 * @returns {WireRoom}
 */
function wireRoom(room) {
  return {
    createdAt: room.createdAt,
    members: room.members,
    sessions: room.sessions,
    guests: room.guests,
    arriving: room.arriving,
    density: room.density,
    arrivalsPerMinute: room.arrivalsPerMinute,
    departuresPerMinute: room.departuresPerMinute,
    readiness: room.readiness,
    ready: room.ready,
    countOnly: room.countOnly,
    occupancyIntervalMs: room.occupancyIntervalMs,
  };
}

/**
 * @param {import('../../index').Member | import('../../index').MemberEvent} member
 * @returns {WireMember}
 */
function wireMember(member) {
  if ('state' in member) {
    const { state, guest, availability, joinedAt } = member;
    return { status: state, guest, availability, joinedAt };
  }
  const { newState, guest, availability, at } = member;
  return member.joined
    ? { status: newState, guest, availability, joinedAt: at }
    : { status: newState, guest, availability };
}

/**
 * @param {import('../../index').Intent | import('../../index').IntentEvent} intent
 * @returns {WireIntent}
 */
function wireIntent(intent) {
  const { fromId, targetKind, targetId, state } = intent;
  if ('expiresAt' in intent) {
    return { fromId, targetKind, targetId, kind: intent.kind, state, expiresAt: intent.expiresAt };
  }
  return { fromId, targetKind, targetId, kind: intent.intentKind, state };
}

/**
 * The published view: every user and session not offline.
 * @param {import('../../index').ShownSnapshot} snapshot
 * @returns {import('../../index').WireSnapshot}
 */
function wireSnapshot(snapshot) {
  /** @type {Record<string, WireUser>} */
  const users = {};
  for (const user of snapshot.users) users[user.userId] = wireUser(user);
  /** @type {Record<string, WireSession>} */
  const sessions = {};
  for (const session of snapshot.sessions) sessions[session.sessionId] = wireSession(session);
  return { seq: snapshot.seq, users, sessions };
}

/**
 * The body of GET /api/whos-online.
 * @param {import('../../index').Engine} engine
 * @param {import('../../index').WhosOnlineOptions} [options]
 * @returns {import('../../index').WhosOnline}
 */
function whosOnline(engine, options = {}) {
  // A reader: the report goes to browsers, which must not learn even how
  // many users are invisible.
  const reader = engine.reader();
  /** @type {import('../../index').WhosOnline} */
  let report;
  try {
    const counts = reader.counts();
    const { users, sessions } = wireSnapshot(reader.snapshot());
    report = { ok: true, generatedAt: engine.now(), counts, users, sessions };
  } finally {
    reader.close();
  }
  if (options.rooms === true) {
    /** @type {Record<string, WireRoom>} */
    const rooms = {};
    for (const room of engine.rooms({ limit: 1000 })) rooms[room.roomId] = wireRoom(room);
    report.rooms = rooms;
  }
  return report;
}

module.exports = {
  wireUser,
  wireSession,
  wireRoom,
  wireMember,
  wireIntent,
  wireSnapshot,
  whosOnline,
};
