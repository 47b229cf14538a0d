// @ts-check
'use strict';

// The Engine class: one method per signal and read of the C ABI, names and
// options in JavaScript style, events through EventEmitter.

const { EventEmitter } = require('node:events');
const native = require('./native');
const { InvalidArgumentError } = require('./errors');
const { STATE, ACTIVITY, VISIBILITY, enumValue } = require('./enums');
const { toConfig } = require('./options');
const { EventPump } = require('./event_pump');
const { pollEvents } = require('./events');

/** Events whose listeners need the pump running. */
/** @type {ReadonlySet<string | symbol>} */
const EVENT_NAMES = new Set(['session', 'user', 'change']);

/**
 * @param {unknown} options
 * @returns {Record<string, any>}
 */
function optionsObject(options) {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError('options must be an object');
  }
  return /** @type {Record<string, any>} */ (options);
}

/**
 * One activity/visibility for every id, or one per id.
 * @param {Readonly<Record<string, number>>} table
 * @param {unknown} value
 * @param {string} name
 */
function batchHints(table, value, name) {
  if (!Array.isArray(value)) return enumValue(table, value, name);
  const out = new Uint8Array(value.length);
  for (let i = 0; i < value.length; i++) out[i] = enumValue(table, value[i], `${name}[${i}]`);
  return out;
}

/**
 * See index.d.ts for the documentation of every member.
 * @extends {EventEmitter<import('../index').EngineEvents>}
 */
class Engine extends EventEmitter {
  /** @type {unknown} */
  #h;
  /** @type {EventPump} */
  #pump;
  #referenced = true;

  /** @param {import('../index').EngineOptions} [options] */
  constructor(options) {
    super();
    const config = toConfig(options);
    const shared = options?.shared;
    if (shared !== undefined) {
      if (Object.keys(config).length > 0 || options?.tickIntervalMs !== undefined) {
        throw new InvalidArgumentError('an attached engine takes no other options: it has its own');
      }
      if (typeof shared !== 'object' || shared === null) {
        throw new InvalidArgumentError('shared must be a token from engine.share()');
      }
      this.#h = native.engineAttach(shared.presenceEngineToken);
    } else {
      this.#h = native.engineCreate(config);
      if (options?.tickIntervalMs !== undefined) {
        try {
          native.engineStartTicker(this.#h, options.tickIntervalMs);
        } catch (error) {
          native.engineClose(this.#h);
          throw error;
        }
      }
    }
    this.#pump = new EventPump(this, this.#h);
    this.on('newListener', (name) => {
      if (EVENT_NAMES.has(name) && !this.closed) this.#startPump();
    });
    this.on('removeListener', (name) => {
      if (EVENT_NAMES.has(name) && !this.#wantsEvents()) this.#pump.stop();
    });
  }

  /** @param {import('../index').SharedEngineToken} token */
  static attach(token) {
    return new Engine({ shared: token });
  }

  get closed() {
    return native.engineIsClosed(this.#h);
  }

  close() {
    this.#pump.stop();
    native.engineClose(this.#h);
  }

  share() {
    return { presenceEngineToken: native.engineShare(this.#h) };
  }

  now() {
    return native.engineNow(this.#h);
  }

  // --- Signals --------------------------------------------------------------

  /**
   * @param {string} sessionId
   * @param {import('../index').OpenOptions} [options]
   */
  open(sessionId, options) {
    const o = optionsObject(options);
    return native.sessionOpen(
      this.#h,
      sessionId,
      o.userId,
      o.meta,
      o.transportId,
      enumValue(VISIBILITY, o.visibility, 'visibility'),
      o.now,
    );
  }

  /**
   * @param {string} sessionId
   * @param {import('../index').HeartbeatOptions} [options]
   */
  heartbeat(sessionId, options) {
    if (options === undefined) return native.sessionHeartbeat(this.#h, sessionId, 0, 0, undefined);
    const o = optionsObject(options);
    return native.sessionHeartbeat(
      this.#h,
      sessionId,
      enumValue(ACTIVITY, o.activity, 'activity'),
      enumValue(VISIBILITY, o.visibility, 'visibility'),
      o.now,
    );
  }

  /**
   * @param {readonly string[] | string | Uint8Array} ids
   * @param {import('../index').BatchHeartbeatOptions} [options]
   */
  heartbeatBatch(ids, options) {
    const o = optionsObject(options);
    return native.sessionHeartbeatBatch(
      this.#h,
      ids,
      batchHints(ACTIVITY, o.activity, 'activity'),
      batchHints(VISIBILITY, o.visibility, 'visibility'),
      o.now,
    );
  }

  /**
   * @param {string} sessionId
   * @param {import('../index').TimeOptions} [options]
   */
  activity(sessionId, options) {
    native.sessionActivity(this.#h, sessionId, optionsObject(options).now);
  }

  /**
   * @param {string} sessionId
   * @param {import('../index').Visibility} visibility
   * @param {import('../index').TimeOptions} [options]
   */
  visibility(sessionId, visibility, options) {
    if (visibility === undefined)
      throw new InvalidArgumentError("visibility must be 'visible' or 'hidden'");
    const value = enumValue(VISIBILITY, visibility, 'visibility');
    native.sessionVisibility(this.#h, sessionId, value, optionsObject(options).now);
  }

  /**
   * @param {string} sessionId
   * @param {import('../index').TimeOptions} [options]
   */
  disconnect(sessionId, options) {
    native.sessionDisconnect(this.#h, sessionId, optionsObject(options).now);
  }

  /**
   * @param {string} transportId
   * @param {import('../index').TimeOptions} [options]
   */
  disconnectTransport(transportId, options) {
    native.transportDisconnect(this.#h, transportId, optionsObject(options).now);
  }

  /**
   * @param {string} sessionId
   * @param {import('../index').TimeOptions} [options]
   */
  leave(sessionId, options) {
    native.sessionLeave(this.#h, sessionId, optionsObject(options).now);
  }

  /**
   * @param {string} sessionId
   * @param {string} userId
   * @param {import('../index').TimeOptions} [options]
   */
  identify(sessionId, userId, options) {
    native.sessionIdentify(this.#h, sessionId, userId, optionsObject(options).now);
  }

  // --- Time -----------------------------------------------------------------

  /** @param {import('../index').AdvanceOptions} [options] */
  advance(options) {
    const o = optionsObject(options);
    return native.engineAdvance(this.#h, o.now, o.maxSteps ?? 0);
  }

  nextDeadline() {
    return native.engineNextDeadline(this.#h);
  }

  /** @param {number} periodMs */
  startTicker(periodMs) {
    native.engineStartTicker(this.#h, periodMs);
  }

  stopTicker() {
    native.engineStopTicker(this.#h);
  }

  // --- Reads ----------------------------------------------------------------

  /** @param {import('../index').TimeOptions} [options] */
  counts(options) {
    return native.engineCounts(this.#h, optionsObject(options).now);
  }

  /**
   * @param {number} windowMs
   * @param {import('../index').TimeOptions} [options]
   */
  countSeen(windowMs, options) {
    return native.engineCountSeen(this.#h, windowMs, optionsObject(options).now);
  }

  /** @param {import('../index').ListUsersOptions} [options] */
  listUsers(options) {
    const o = optionsObject(options);
    const minState =
      o.minState === undefined ? STATE.stale : enumValue(STATE, o.minState, 'minState');
    return native.engineListUsers(this.#h, minState, o.cursor, o.limit ?? 50, o.now);
  }

  /** @param {import('../index').ListUsersOptions} [options] */
  *users(options) {
    let cursor = optionsObject(options).cursor;
    do {
      const page = this.listUsers({ ...options, cursor });
      yield* page.users;
      cursor = page.cursor;
    } while (cursor !== null);
  }

  /**
   * @param {string} userId
   * @param {import('../index').TimeOptions} [options]
   */
  getUser(userId, options) {
    return native.engineGetUser(this.#h, userId, optionsObject(options).now);
  }

  /**
   * @param {string} sessionId
   * @param {import('../index').TimeOptions} [options]
   */
  getSession(sessionId, options) {
    return native.engineGetSession(this.#h, sessionId, optionsObject(options).now);
  }

  /** @param {import('../index').TimeOptions} [options] */
  snapshot(options) {
    return native.engineSnapshot(this.#h, optionsObject(options).now);
  }

  /**
   * @param {number} seq
   * @param {import('../index').ChangesOptions} [options]
   */
  changesSince(seq, options) {
    return pollEvents(this.#h, seq, optionsObject(options).limit ?? 0);
  }

  stats() {
    return native.engineStats(this.#h);
  }

  eventFd() {
    return native.engineEventFd(this.#h);
  }

  // --- Event delivery ---------------------------------------------------------

  ref() {
    this.#referenced = true;
    native.engineRefSubscription(this.#h, true);
    return this;
  }

  unref() {
    this.#referenced = false;
    native.engineRefSubscription(this.#h, false);
    return this;
  }

  #wantsEvents() {
    for (const name of EVENT_NAMES) if (this.listenerCount(name) > 0) return true;
    return false;
  }

  #startPump() {
    if (this.#pump.running) return;
    this.#pump.start();
    if (!this.#referenced) native.engineRefSubscription(this.#h, false);
  }
}

module.exports = { Engine };
