// @ts-check
'use strict';

// The Engine class: one method per signal and read of the C ABI, names and
// options in JavaScript style, events through EventEmitter.

const { EventEmitter } = require('node:events');
const native = require('./native');
const { InvalidArgumentError } = require('./errors');
const {
  ACTIVITY,
  VISIBILITY,
  AVAILABILITY,
  TARGET_KIND,
  enumValue,
  requiredEnum,
} = require('./enums');
const { toConfig, fromConfig } = require('./options');
const { EventPump } = require('./event_pump');
const { toChanges, fanoutEvents } = require('./events');
const { DEFAULT_PAGE, optionsObject, minState, allPages } = require('./args');
const { Reader } = require('./reader');

/** Events whose listeners need the pump running: every kind, and 'change'. */
/** @type {ReadonlySet<string | symbol>} */
const EVENT_NAMES = new Set([
  'session',
  'user',
  'member',
  'readiness',
  'intent',
  'occupancy',
  'availability',
  'change',
]);

/**
 * The native engine Engine.restore() loaded, for the constructor it calls
 * next (taken at once: any other construction finds it undefined).
 * @type {unknown}
 */
let restoredHandle;

/** Records per page of exportReplicas() when no limit is given. */
const REPLICA_PAGE = 1000;

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
    const restored = restoredHandle;
    restoredHandle = undefined;
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
      this.#h = restored ?? native.engineCreate(config);
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

  /**
   * @param {string} path
   * @param {import('../index').RestoreOptions} [options]
   */
  static restore(path, options) {
    const { now, ...engineOptions } = optionsObject(options);
    if (engineOptions.shared !== undefined) {
      throw new InvalidArgumentError('a restored engine is a new engine: shared is not an option');
    }
    const handle = native.engineCreateFromFile(toConfig(engineOptions), path, now);
    restoredHandle = handle;
    try {
      return new Engine(engineOptions);
    } catch (error) {
      restoredHandle = undefined;
      native.engineClose(handle);
      throw error;
    }
  }

  get closed() {
    return native.engineIsClosed(this.#h);
  }

  close() {
    this.#pump.stop();
    native.engineClose(this.#h);
  }

  get config() {
    return fromConfig(native.engineGetConfig(this.#h));
  }

  share() {
    return { presenceEngineToken: native.engineShare(this.#h) };
  }

  /**
   * @param {string} path
   * @param {import('../index').TimeOptions} [options]
   */
  save(path, options) {
    native.engineSave(this.#h, path, optionsObject(options).now);
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
      o.resumeToken,
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
    return native.engineListUsers(this.#h, minState(o), o.cursor, o.limit ?? DEFAULT_PAGE, o.now);
  }

  /** @param {import('../index').ListUsersOptions} [options] */
  users(options) {
    return allPages((o) => this.listUsers(o), 'users', options);
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
    return toChanges(native.enginePollEvents(this.#h, seq, optionsObject(options).limit ?? 0));
  }

  stats() {
    return native.engineStats(this.#h);
  }

  /** @param {string} [roomId] */
  reader(roomId) {
    return new Reader(this, native.readerCreate(this.#h, roomId), roomId ?? null);
  }

  // --- Rooms ------------------------------------------------------------------

  /**
   * @param {string} sessionId
   * @param {string} roomId
   * @param {import('../index').TimeOptions} [options]
   */
  joinRoom(sessionId, roomId, options) {
    native.roomJoin(this.#h, sessionId, roomId, optionsObject(options).now);
  }

  /**
   * @param {string} sessionId
   * @param {string} roomId
   * @param {import('../index').TimeOptions} [options]
   */
  leaveRoom(sessionId, roomId, options) {
    native.roomLeave(this.#h, sessionId, roomId, optionsObject(options).now);
  }

  /**
   * @param {string} roomId
   * @param {boolean} countOnly
   * @param {import('../index').CountOnlyOptions} [options]
   */
  setRoomCountOnly(roomId, countOnly, options) {
    const o = optionsObject(options);
    // The interval is the C call's, read only when switching to count-only.
    const interval = countOnly === true ? o.intervalMs : 0;
    native.roomSetCountOnly(this.#h, roomId, countOnly, interval, o.now);
  }

  /**
   * @param {string} roomId
   * @param {import('../index').TimeOptions} [options]
   */
  getRoom(roomId, options) {
    return native.engineGetRoom(this.#h, roomId, optionsObject(options).now);
  }

  /** @param {import('../index').ListRoomsOptions} [options] */
  listRooms(options) {
    const o = optionsObject(options);
    return native.engineListRooms(this.#h, o.cursor, o.limit ?? DEFAULT_PAGE, o.now);
  }

  /** @param {import('../index').ListRoomsOptions} [options] */
  rooms(options) {
    return allPages((o) => this.listRooms(o), 'rooms', options);
  }

  /**
   * @param {string} roomId
   * @param {import('../index').ListUsersOptions} [options]
   */
  listMembers(roomId, options) {
    const o = optionsObject(options);
    const limit = o.limit ?? DEFAULT_PAGE;
    return native.roomListMembers(this.#h, roomId, minState(o), o.cursor, limit, o.now);
  }

  /**
   * @param {string} roomId
   * @param {import('../index').ListUsersOptions} [options]
   */
  members(roomId, options) {
    return allPages((o) => this.listMembers(roomId, o), 'members', options);
  }

  /**
   * @param {string} userId
   * @param {import('../index').TimeOptions} [options]
   */
  userRooms(userId, options) {
    return native.userListRooms(this.#h, userId, optionsObject(options).now);
  }

  /**
   * @param {string} roomId
   * @param {import('../index').TimeOptions} [options]
   */
  roomMetrics(roomId, options) {
    return native.roomGetMetrics(this.#h, roomId, optionsObject(options).now);
  }

  // --- Availability, readiness and intents -----------------------------------

  /**
   * @param {string} userId
   * @param {import('../index').Availability} availability
   * @param {import('../index').TimeOptions} [options]
   */
  setAvailability(userId, availability, options) {
    const value = requiredEnum(AVAILABILITY, availability, 'availability');
    native.userSetAvailability(this.#h, userId, value, optionsObject(options).now);
  }

  /**
   * @param {import('../index').TargetKind} targetKind
   * @param {string} targetId
   * @param {import('../index').TimeOptions} [options]
   */
  readiness(targetKind, targetId, options) {
    const kind = requiredEnum(TARGET_KIND, targetKind, 'targetKind');
    return native.engineReadiness(this.#h, kind, targetId, optionsObject(options).now);
  }

  /**
   * @param {string} fromId
   * @param {import('../index').TargetKind} targetKind
   * @param {string} targetId
   * @param {import('../index').OpenIntentOptions} options
   */
  openIntent(fromId, targetKind, targetId, options) {
    const kind = requiredEnum(TARGET_KIND, targetKind, 'targetKind');
    const o = optionsObject(options);
    return native.intentOpen(this.#h, fromId, kind, targetId, o.kind, o.ttlMs, o.now);
  }

  /**
   * @param {string} intentId
   * @param {import('../index').TimeOptions} [options]
   */
  cancelIntent(intentId, options) {
    native.intentCancel(this.#h, intentId, optionsObject(options).now);
  }

  /**
   * @param {import('../index').TargetKind} targetKind
   * @param {string} targetId
   * @param {import('../index').TimeOptions} [options]
   */
  intentsTo(targetKind, targetId, options) {
    const kind = requiredEnum(TARGET_KIND, targetKind, 'targetKind');
    return native.intentList(this.#h, false, kind, targetId, optionsObject(options).now);
  }

  /**
   * @param {string} fromId
   * @param {import('../index').TimeOptions} [options]
   */
  intentsFrom(fromId, options) {
    // The C call ignores the target kind when it lists by caller.
    return native.intentList(this.#h, true, TARGET_KIND.user, fromId, optionsObject(options).now);
  }

  // --- Interest-based fan-out -------------------------------------------------

  /**
   * @param {string} subscriberId
   * @param {import('../index').TargetKind} targetKind
   * @param {string} targetId
   */
  subscribe(subscriberId, targetKind, targetId) {
    const kind = requiredEnum(TARGET_KIND, targetKind, 'targetKind');
    native.subscriberSubscribe(this.#h, subscriberId, kind, targetId);
  }

  /**
   * @param {string} subscriberId
   * @param {import('../index').TargetKind} targetKind
   * @param {string} targetId
   */
  unsubscribe(subscriberId, targetKind, targetId) {
    const kind = requiredEnum(TARGET_KIND, targetKind, 'targetKind');
    native.subscriberUnsubscribe(this.#h, subscriberId, kind, targetId);
  }

  /** @param {string} subscriberId */
  unsubscribeAll(subscriberId) {
    native.subscriberUnsubscribeAll(this.#h, subscriberId);
  }

  /**
   * @param {number} seq
   * @param {import('../index').ChangesOptions} [options]
   */
  fanout(seq, options) {
    return fanoutEvents(this.#h, seq, optionsObject(options).limit ?? 0);
  }

  // --- Cluster mode: replication records ---------------------------------------

  /** @param {import('../index').TakeReplicasOptions} [options] */
  takeReplicas(options) {
    return native.engineTakeReplicas(this.#h, optionsObject(options).maxRecords ?? 0);
  }

  /** @param {import('../index').ExportReplicasOptions} [options] */
  exportReplicas(options) {
    const o = optionsObject(options);
    return native.engineExportReplicas(this.#h, o.cursor ?? 0, o.limit ?? REPLICA_PAGE, o.now);
  }

  /**
   * @param {readonly import('../index').Replica[]} records
   * @param {import('../index').TimeOptions} [options]
   */
  applyReplicas(records, options) {
    return native.engineApplyReplicas(this.#h, records, optionsObject(options).now);
  }

  /**
   * @param {string} nodeId
   * @param {import('../index').TimeOptions} [options]
   */
  nodeSeen(nodeId, options) {
    native.engineNodeSeen(this.#h, nodeId, optionsObject(options).now);
  }

  // --- Metrics ----------------------------------------------------------------

  /** @param {import('../index').PrometheusOptions} [options] */
  prometheus(options) {
    const o = optionsObject(options);
    // The C call reads an empty id as "every room"; here that is null.
    if (o.roomId === '') throw new InvalidArgumentError('roomId is empty');
    return native.enginePrometheus(this.#h, o.roomId, o.now);
  }

  eventFd() {
    return native.engineEventFd(this.#h);
  }

  /** @param {number} fd */
  releaseEventFd(fd) {
    native.engineReleaseEventFd(this.#h, fd);
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
