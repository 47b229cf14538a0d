// @ts-check
'use strict';

// Decodes the events the addon returns in columns (see
// src/event_columns.h) into the objects of index.d.ts, for the emitter,
// changesSince() and fanout(). Object literals of one shape per kind keep
// this fast: it runs for every event the emitter delivers.

const native = require('./native');
const { NAMES } = require('./enums');

/** @typedef {import('../index').PresenceEvent} PresenceEvent */

// Per event: numbers, codes and text ends (src/event_columns.h).
const NUMBERS = 7;
const CODES = 10;
const TEXTS = 7;
// pe_event_kind values.
const SESSION = 1;
const USER = 2;
const MEMBER = 3;
const READINESS = 4;
const INTENT = 5;
const OCCUPANCY = 6;
const AVAILABILITY = 7;

const STATES = NAMES.state;
const BUCKETS = NAMES.confidence;
// Events carry availability as shown: never 'invisible'.
const AVAILABILITIES = /** @type {import('../index').ShownAvailability[]} */ (NAMES.availability);
const TARGET_KINDS = /** @type {import('../index').TargetKind[]} */ (NAMES.targetKind);
const INTENT_STATES = /** @type {import('../index').EndedIntentState[]} */ (NAMES.intentState);

/**
 * @typedef {object} EventColumns
 * @property {number} seq
 * @property {number} count
 * @property {Float64Array} numbers
 * @property {Uint8Array} codes
 * @property {string} text
 * @property {Uint32Array} ends
 * @property {Uint32Array} occupancy
 */

/**
 * Text k (k >= 1) of the event whose ends start at `e`; null when absent.
 * @param {string} text
 * @param {Uint32Array} ends
 * @param {number} e
 * @param {number} k
 * @param {number} present the event's bit mask of present texts
 */
function optionalText(text, ends, e, k, present) {
  return (present & (1 << k)) === 0 ? null : text.slice(ends[e + k - 1], ends[e + k]);
}

/**
 * The events of one poll or fan-out, oldest first.
 * @param {EventColumns} columns
 * @returns {PresenceEvent[]}
 */
function decodeEvents({ count, numbers, codes, text, ends, occupancy }) {
  /** @type {PresenceEvent[]} */
  const events = new Array(count);
  let start = 0; // where the event's first text begins
  let counts = 0; // the next occupancy event's first count
  for (let i = 0; i < count; i++) {
    const n = i * NUMBERS;
    const c = i * CODES;
    const e = i * TEXTS;
    const present = codes[c + 9];
    const id = text.slice(start, ends[e]);
    const seq = numbers[n];
    const at = numbers[n + 1];
    const publishedAt = numbers[n + 2];
    switch (codes[c]) {
      case SESSION:
        events[i] = {
          kind: 'session',
          seq,
          at,
          publishedAt,
          sessionId: id,
          userId: optionalText(text, ends, e, 1, present),
          oldState: STATES[codes[c + 1]],
          newState: STATES[codes[c + 2]],
          confidence: numbers[n + 4],
          confidenceBucket: BUCKETS[codes[c + 3]],
          lastSeenAt: numbers[n + 5],
        };
        break;
      case USER:
        events[i] = {
          kind: 'user',
          seq,
          at,
          publishedAt,
          userId: id,
          sessionCount: numbers[n + 3],
          oldState: STATES[codes[c + 1]],
          newState: STATES[codes[c + 2]],
          confidence: numbers[n + 4],
          confidenceBucket: BUCKETS[codes[c + 3]],
          lastSeenAt: numbers[n + 5],
          availability: AVAILABILITIES[codes[c + 8]],
        };
        break;
      case MEMBER:
        events[i] = {
          kind: 'member',
          seq,
          at,
          publishedAt,
          roomId: /** @type {string} */ (optionalText(text, ends, e, 2, present)),
          memberId: id,
          guest: codes[c + 4] === 1,
          joined: codes[c + 2] !== 0,
          oldState: STATES[codes[c + 1]],
          newState: STATES[codes[c + 2]],
          availability: AVAILABILITIES[codes[c + 8]],
        };
        break;
      case READINESS:
        events[i] = {
          kind: 'readiness',
          seq,
          at,
          publishedAt,
          targetKind: TARGET_KINDS[codes[c + 5]],
          targetId: id,
          ready: codes[c + 6] === 1,
          readiness: numbers[n + 6],
        };
        break;
      case INTENT:
        events[i] = {
          kind: 'intent',
          seq,
          at,
          publishedAt,
          intentId: id,
          intentKind: /** @type {string} */ (optionalText(text, ends, e, 4, present)),
          fromId: /** @type {string} */ (optionalText(text, ends, e, 5, present)),
          targetKind: TARGET_KINDS[codes[c + 5]],
          targetId: /** @type {string} */ (optionalText(text, ends, e, 6, present)),
          state: INTENT_STATES[codes[c + 7]],
        };
        break;
      case OCCUPANCY:
        events[i] = {
          kind: 'occupancy',
          seq,
          at,
          publishedAt,
          roomId: id,
          members: {
            active: occupancy[counts],
            idle: occupancy[counts + 1],
            away: occupancy[counts + 2],
            stale: occupancy[counts + 3],
          },
          sessions: {
            active: occupancy[counts + 4],
            idle: occupancy[counts + 5],
            away: occupancy[counts + 6],
            stale: occupancy[counts + 7],
          },
          readiness: numbers[n + 6],
        };
        counts += 8;
        break;
      case AVAILABILITY:
        events[i] = {
          kind: 'availability',
          seq,
          at,
          publishedAt,
          userId: id,
          availability: AVAILABILITIES[codes[c + 8]],
        };
        break;
      default:
        throw new Error(`presence-engine: unknown event kind ${codes[c]} (a newer C library?)`);
    }
    start = ends[e + TEXTS - 1];
  }
  return events;
}

/**
 * The events of a poll (an engine's or a reader's) as {@link import('../index').Changes}.
 * @param {EventColumns} columns
 * @returns {import('../index').Changes}
 */
function toChanges(columns) {
  return { seq: columns.seq, events: decodeEvents(columns) };
}

/**
 * Events with seq > afterSeq and who must hear which.
 * @param {unknown} handle
 * @param {number} afterSeq
 * @param {number} max
 * @returns {import('../index').Fanout}
 */
function fanoutEvents(handle, afterSeq, max) {
  const columns = native.engineFanout(handle, afterSeq, max);
  const events = decodeEvents(columns);
  /** @type {string[]} */
  const subscribers = columns.subscribers;
  /** @type {Uint32Array[]} */
  const indexes = columns.deliveries;
  const deliveries = subscribers.map((subscriberId, i) => ({
    subscriberId,
    events: Array.from(indexes[i], (index) => events[index]),
  }));
  return { seq: columns.seq, events, deliveries };
}

module.exports = { toChanges, fanoutEvents };
