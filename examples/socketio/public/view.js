// The page's picture of who is there, kept from one snapshot and then the
// server's diffs only (never by polling). Every entry of a snapshot, diff or
// ack is absolute, so merging one that overlaps an earlier one converges to
// the same view. merge() also returns what changed, for the feed.

/** Precedence of states: a user is in the best state of its sessions. */
export const STATES = ['active', 'idle', 'away', 'stale', 'offline'];

export function createView() {
  return { seq: 0, users: {}, sessions: {}, rooms: {}, members: {}, intents: {}, readiness: {} };
}

/** A snapshot replaces the view; its contents are not news. */
export function applySnapshot(view, snapshot) {
  Object.assign(view, createView());
  merge(view, snapshot);
}

/**
 * Merges a diff (or the view of a join or subscribe ack) and returns the
 * changes worth telling: state transitions, arrivals and departures of
 * users, room joins and leaves, readiness flips and ended intents.
 */
export function merge(view, part) {
  const changes = [];
  if (typeof part.seq === 'number' && part.seq > view.seq) view.seq = part.seq;
  for (const [id, user] of Object.entries(part.users ?? {})) {
    const before = view.users[id]?.status ?? 'offline';
    view.users[id] = { ...view.users[id], ...user };
    if (before !== user.status) changes.push({ kind: 'user', id, from: before, to: user.status });
  }
  for (const [id, session] of Object.entries(part.sessions ?? {})) {
    const before = view.sessions[id]?.status ?? 'offline';
    if (session.status === 'offline') {
      delete view.sessions[id];
    } else {
      view.sessions[id] = { ...view.sessions[id], ...session };
    }
    if (before !== session.status) {
      changes.push({
        kind: 'session',
        id,
        userId: session.userId,
        from: before,
        to: session.status,
      });
    }
  }
  for (const [id, availability] of Object.entries(part.availability ?? {})) {
    if (view.users[id] !== undefined) view.users[id].availability = availability;
    changes.push({ kind: 'availability', id, to: availability });
  }
  for (const [roomId, room] of Object.entries(part.rooms ?? {})) {
    const wasReady = view.rooms[roomId]?.ready;
    view.rooms[roomId] = room;
    if (wasReady !== undefined && wasReady !== room.ready) {
      changes.push({ kind: 'room', id: roomId, to: room.ready ? 'ready' : 'not ready' });
    }
  }
  for (const [roomId, members] of Object.entries(part.members ?? {})) {
    const known = (view.members[roomId] ??= {});
    for (const [memberId, member] of Object.entries(members)) {
      const was = known[memberId] !== undefined && known[memberId].status !== 'offline';
      const is = member.status !== 'offline';
      if (is) known[memberId] = member;
      else delete known[memberId];
      if (was !== is)
        changes.push({ kind: 'member', id: memberId, roomId, to: is ? 'joined' : 'left' });
    }
  }
  for (const [intentId, intent] of Object.entries(part.intents ?? {})) {
    const before = view.intents[intentId]?.state;
    view.intents[intentId] = { ...intent, changedAt: Date.now() };
    if (before !== intent.state && intent.state !== 'pending') {
      changes.push({ kind: 'intent', id: intentId, to: intent.state, intent });
    }
  }
  Object.assign(view.readiness, part.readiness ?? {});
  return changes;
}
