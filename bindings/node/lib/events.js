// @ts-check
'use strict';

// Decodes the events the addon returns in columns (see enginePollEvents in
// src/reads_api.cc) into the objects of index.d.ts. Object literals of one
// shape per kind keep this fast: it runs for every event the emitter
// delivers.

const native = require('./native');

/** @type {ReadonlyArray<import('../index').State>} by pe_state value */
const STATES = ['offline', 'stale', 'away', 'idle', 'active'];
/** @type {ReadonlyArray<import('../index').ConfidenceBucket>} by pe_confidence value */
const BUCKETS = ['low', 'medium', 'high'];
/** pe_event_kind of a session event. */
const SESSION_EVENT = 1;

/**
 * Events with seq > afterSeq, at most `max` (0 = all).
 * @param {unknown} handle
 * @param {number} afterSeq
 * @param {number} max
 * @returns {import('../index').Changes}
 */
function pollEvents(handle, afterSeq, max) {
  const { seq, count, numbers, codes, text, ends } = native.enginePollEvents(handle, afterSeq, max);
  /** @type {import('../index').PresenceEvent[]} */
  const events = new Array(count);
  let start = 0;
  for (let i = 0; i < count; i++) {
    const n = i * 6;
    const c = i * 4;
    const idEnd = ends[i * 2];
    const userEnd = ends[i * 2 + 1];
    const id = text.slice(start, idEnd);
    start = userEnd;
    if (codes[c] === SESSION_EVENT) {
      events[i] = {
        kind: 'session',
        seq: numbers[n],
        at: numbers[n + 1],
        publishedAt: numbers[n + 2],
        sessionId: id,
        userId: userEnd === idEnd ? null : text.slice(idEnd, userEnd),
        oldState: STATES[codes[c + 1]],
        newState: STATES[codes[c + 2]],
        confidence: numbers[n + 4],
        confidenceBucket: BUCKETS[codes[c + 3]],
        lastSeenAt: numbers[n + 5],
      };
    } else {
      events[i] = {
        kind: 'user',
        seq: numbers[n],
        at: numbers[n + 1],
        publishedAt: numbers[n + 2],
        userId: id,
        sessionCount: numbers[n + 3],
        oldState: STATES[codes[c + 1]],
        newState: STATES[codes[c + 2]],
        confidence: numbers[n + 4],
        confidenceBucket: BUCKETS[codes[c + 3]],
        lastSeenAt: numbers[n + 5],
      };
    }
  }
  return { seq, events };
}

module.exports = { pollEvents };
