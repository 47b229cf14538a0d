// @ts-check
'use strict';

// The HTTP reports: who's online, and one room's presence. Everything here
// is read through the engine's scoped readers, which show what a browser
// may see: an invisible user is offline (and not in any room), counts leave
// invisible users out, and records carry no truth behind what is shown.
// Reads are live and taken at one `now`, so a report is consistent with
// itself; the page instead shows the published (debounced) changes.

const { NotFoundError } = require('presence-engine');

/** @typedef {import('presence-engine').State} State */

const STATES = new Set(['active', 'idle', 'away', 'stale', 'offline']);

/**
 * @param {import('presence-engine').ShownUser} user
 */
function userEntry(user) {
  return {
    status: user.state,
    since: user.since,
    confidence: user.confidence,
    confidenceBucket: user.confidenceBucket,
    sessionCount: user.sessionCount,
    lastSeenAt: user.lastSeenAt,
    availability: user.availability,
    readiness: user.readiness,
    ready: user.ready,
  };
}

/**
 * @param {import('presence-engine').ShownSession} session
 */
function sessionEntry(session) {
  return {
    status: session.state,
    userId: session.userId,
    since: session.since,
    confidence: session.confidence,
    confidenceBucket: session.confidenceBucket,
    lastHeartbeatAt: session.lastSignalAt,
    lastActivityAt: session.lastActivityAt,
    visible: session.visible,
    reconnecting: session.reconnecting,
  };
}

/**
 * Adds a user's live sessions (a room's reader: those in the room).
 * @param {import('presence-engine').Reader} reader
 * @param {string} userId
 * @param {number} now
 * @param {Record<string, ReturnType<typeof sessionEntry>>} into
 */
function addSessions(reader, userId, now, into) {
  let detail;
  try {
    detail = reader.getUser(userId, { now });
  } catch (error) {
    // The ticker ran between the list and this read, and the user's last
    // session ended: there is nothing to add.
    if (error instanceof NotFoundError) return;
    throw error;
  }
  for (const session of detail.sessions) into[session.sessionId] = sessionEntry(session);
}

/**
 * A room's record: counts of visible members, readiness, momentum.
 * @param {import('presence-engine').Room} room
 */
function roomEntry(room) {
  const { roomId, ...record } = room;
  return record;
}

/**
 * `?minState=` of a request: the least state listed (default `'stale'`: everyone
 * online; `'offline'` adds users whose last-seen is still remembered).
 * @param {URLSearchParams} query
 * @returns {State}
 */
function minStateOf(query) {
  const value = query.get('minState') ?? 'stale';
  if (!STATES.has(value)) {
    throw new RangeError(`minState must be one of ${[...STATES].join(', ')}`);
  }
  return /** @type {State} */ (value);
}

/**
 * GET /api/whos-online: `{ ok, generatedAt, counts, users, sessions, rooms }`,
 * the reference contract's shape with more fields (since, confidence
 * buckets, readiness, session confidence and visibility).
 * @param {import('presence-engine').Engine} engine
 * @param {import('presence-engine').Reader} reader the whole engine's
 * @param {URLSearchParams} query
 */
function whosOnline(engine, reader, query) {
  const minState = minStateOf(query);
  const now = engine.now();
  /** @type {Record<string, ReturnType<typeof userEntry>>} */
  const users = {};
  /** @type {Record<string, ReturnType<typeof sessionEntry>>} */
  const sessions = {};
  for (const user of reader.users({ minState, limit: 1000, now })) {
    users[user.userId] = userEntry(user);
    if (user.state !== 'offline') addSessions(reader, user.userId, now, sessions);
  }
  // Room records count visible members only; the engine has no reader of
  // room records, so they come from the engine itself.
  /** @type {Record<string, ReturnType<typeof roomEntry>>} */
  const rooms = {};
  for (const room of engine.rooms({ limit: 1000, now })) rooms[room.roomId] = roomEntry(room);
  return { ok: true, generatedAt: now, counts: reader.counts({ now }), users, sessions, rooms };
}

/**
 * GET /api/rooms/<id>: one room's presence through its own reader: who is
 * there (members with state, arrival, confidence, last seen), their
 * sessions in the room, counts, and the room's readiness and momentum.
 * @param {import('presence-engine').Engine} engine
 * @param {import('presence-engine').Reader} reader the room's
 * @param {URLSearchParams} query
 * @returns {object | undefined} undefined for an unknown room
 */
function roomReport(engine, reader, query) {
  const minState = minStateOf(query);
  const roomId = /** @type {string} */ (reader.roomId);
  const now = engine.now();
  let room;
  try {
    room = engine.getRoom(roomId, { now });
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
  /** @type {Record<string, object>} */
  const members = {};
  /** @type {Record<string, ReturnType<typeof sessionEntry>>} */
  const sessions = {};
  for (const member of reader.members({ minState, limit: 1000, now })) {
    const { memberId, state, ...entry } = member;
    members[memberId] = { status: state, ...entry };
    // A guest member is its session (its id is the session id).
    if (!member.guest && state !== 'offline') addSessions(reader, memberId, now, sessions);
  }
  return {
    ok: true,
    generatedAt: now,
    roomId,
    room: roomEntry(room),
    counts: reader.counts({ now }),
    members,
    sessions,
  };
}

module.exports = { whosOnline, roomReport };
