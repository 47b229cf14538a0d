// Type declarations of presence-engine: the public API of the package.
// The JavaScript in lib/ is type-checked against these (tsc --checkJs).

import { EventEmitter } from 'node:events';

// ---------------------------------------------------------------------------
// Enumerations
// ---------------------------------------------------------------------------

/**
 * A session's or user's lifecycle state. The order `active > idle > away >
 * stale > offline` is also precedence: a user is in the highest state of its
 * sessions.
 */
export type State = 'active' | 'idle' | 'away' | 'stale' | 'offline';

/** The client's activity hint carried by a heartbeat. */
export type Activity = 'active' | 'idle';

/** Document visibility reported by a client. */
export type Visibility = 'visible' | 'hidden';

/** Confidence bucket: high >= 0.75 > medium >= 0.4 > low. */
export type ConfidenceBucket = 'low' | 'medium' | 'high';

/** The kind of signal that last proved a user was there. */
export type Evidence = 'none' | 'open' | 'heartbeat' | 'activity' | 'visibility' | 'leave';

/**
 * Availability a user declares; it overlays the derived state. An
 * `'invisible'` user is present to the engine but shown offline to every
 * reader; the truth stays in {@link User.trueState} and
 * {@link User.trueAvailability}, for the server's own use.
 */
export type Availability = 'available' | 'busy' | 'do-not-disturb' | 'invisible';

/** Availability as readers see it: an invisible user is shown offline and `'available'`. */
export type ShownAvailability = Exclude<Availability, 'invisible'>;

/** What readiness, intents and subscriptions are about. */
export type TargetKind = 'user' | 'room';

/** Where an intent stands. */
export type IntentState = 'pending' | 'ready' | 'expired' | 'cancelled';

/** How an intent ended, as its event says. */
export type EndedIntentState = Exclude<IntentState, 'pending'>;

/**
 * The call gate's answer ({@link Readiness.reason}): why a call can or cannot
 * be placed now.
 * - `'ready'`: go ahead;
 * - `'unknown'`: no such user or room;
 * - `'offline'`: the user is offline (or invisible);
 * - `'do-not-disturb'`: the user declared do-not-disturb;
 * - `'not-ready'`: present, but readiness is below the threshold;
 * - `'empty'`: a room with nobody in it.
 */
export type GateReason = 'ready' | 'unknown' | 'offline' | 'do-not-disturb' | 'not-ready' | 'empty';

/** Upper-case name of a C status (pe_status). */
export type StatusName =
  | 'OK'
  | 'INVALID_ARGUMENT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'LIMIT_EXCEEDED'
  | 'TOO_FAR_BEHIND'
  | 'CLOSED'
  | 'OUT_OF_MEMORY'
  | 'UNSUPPORTED'
  | 'INTERNAL'
  | 'DENIED'
  | 'IO_ERROR'
  | 'CORRUPT';

/** The `code` of a {@link PresenceError}: `PE_` and the status name. */
export type ErrorCode = `PE_${Exclude<StatusName, 'OK'>}`;

/**
 * Numeric C status values, as found in {@link HeartbeatBatchResult.statuses}.
 * Values never change between releases.
 */
export declare const Status: Readonly<Record<StatusName, number>>;

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/** Base class of every error the engine throws; one subclass per status. */
export declare class PresenceError extends Error {
  constructor(message: string);
  /** `PE_` followed by the C status name, e.g. `PE_NOT_FOUND`. */
  readonly code: ErrorCode;
  /** The numeric C status (see {@link Status}). */
  readonly status: number;
}
/**
 * A wrong type, an empty or oversized id, invalid UTF-8 or a string with a
 * lone surrogate, an unknown enum name or option, a negative or huge time,
 * or an inconsistent configuration. Nothing was changed.
 */
export declare class InvalidArgumentError extends PresenceError {}
/** No live session, user or transport with that id. */
export declare class NotFoundError extends PresenceError {}
/** The request contradicts the engine's state (e.g. a session id owned by another user). */
export declare class ConflictError extends PresenceError {}
/** A configured limit (sessions per user, total sessions) would be exceeded. */
export declare class LimitExceededError extends PresenceError {}
/** {@link Engine.changesSince}: those events were dropped; take a snapshot again. */
export declare class TooFarBehindError extends PresenceError {}
/** The engine (this handle to it) was closed. */
export declare class ClosedError extends PresenceError {}
/** Memory could not be allocated; the engine remains usable. */
export declare class OutOfMemoryError extends PresenceError {}
/** Not available on this platform (e.g. {@link Engine.eventFd} without eventfd or pipes). */
export declare class UnsupportedError extends PresenceError {}
/** An unexpected internal failure; please report it. */
export declare class InternalError extends PresenceError {}
/**
 * Not permitted: continuing a live session from another transport without
 * its resume token ({@link EngineConfig.requireResumeToken}, or the Socket.IO
 * adapter's {@link AttachPresenceOptions.requireResumeToken}). Nothing was changed.
 */
export declare class DeniedError extends PresenceError {}
/**
 * A file could not be read or written ({@link Engine.save},
 * {@link Engine.restore}): e.g. its directory does not exist or is not
 * writable. The message names the file, the step and the system's reason.
 * A failed save leaves no temporary file and the previous snapshot intact.
 */
export declare class IOError extends PresenceError {}
/**
 * {@link Engine.restore}: the file is not a snapshot this library can load
 * (foreign, truncated, damaged or inconsistent); the message says what is
 * wrong. Nothing was loaded.
 */
export declare class CorruptError extends PresenceError {}

/**
 * The error for a numeric status, e.g. one from {@link HeartbeatBatchResult.statuses};
 * undefined for `Status.OK`.
 */
export declare function errorForStatus(status: number, message?: string): PresenceError | undefined;

// ---------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------

/**
 * The engine's thresholds and limits. Every duration is in milliseconds.
 * Defaults (also in {@link DEFAULTS}) come from the C library.
 * Constraints: idleAfterMs < awayAfterMs; heartbeatActiveMs <= heartbeatIdleMs
 * <= heartbeatHiddenMs; sessionTtlMs > heartbeatHiddenMs + heartbeatGraceMs and
 * sessionTtlMs > reconnectGraceMs; 1 <= maxIdBytes <= 1024.
 */
export interface EngineConfig {
  /** No interaction for this long: active -> idle. Default 60000. */
  idleAfterMs: number;
  /** No interaction for this long: -> away. Default 300000. */
  awayAfterMs: number;
  /** Hidden for less than this changes nothing; longer: away. Default 10000. */
  blurToleranceMs: number;
  /** Heartbeat interval told to an active, visible session. Default 15000. */
  heartbeatActiveMs: number;
  /** Interval told to an idle or away, visible session. Default 30000. */
  heartbeatIdleMs: number;
  /** Interval told to a hidden session (browsers throttle its timers). Default 60000. */
  heartbeatHiddenMs: number;
  /** A session is stale once silent for its told interval plus this. Default 10000. */
  heartbeatGraceMs: number;
  /** After a disconnect the state is held (reconnecting) this long. Default 30000. */
  reconnectGraceMs: number;
  /** Offline once silent this long; the session then ends. Default 120000. */
  sessionTtlMs: number;
  /** Anti-flap: a change to active is published once it held this long. Default 500. */
  debounceActiveMs: number;
  /** A change to idle is published once it held this long. Default 2000. */
  debounceIdleMs: number;
  /** A change to away is published once it held this long. Default 2000. */
  debounceAwayMs: number;
  /** A change to stale is published once it held this long. Default 2000. */
  debounceStaleMs: number;
  /** A change to offline is published once it held this long. Default 2000. */
  debounceOfflineMs: number;
  /** How long an offline user's last-seen is kept. Default 86400000 (a day). */
  lastSeenRetentionMs: number;
  /** At most this many offline users are remembered. Default 1000000. */
  lastSeenMaxUsers: number;
  /** Published events kept for {@link Engine.changesSince} and the emitter. Default 65536. */
  eventBufferCapacity: number;
  /** Longest accepted session, user and transport id, in UTF-8 bytes. Default 128. */
  maxIdBytes: number;
  /** Largest accepted session metadata, in UTF-8 bytes. Default 1024. */
  maxMetaBytes: number;
  /** Live sessions one user may hold; 0 = unlimited. Default 64. */
  maxSessionsPerUser: number;
  /** Live sessions in the engine; 0 = unlimited. Default 0. */
  maxSessions: number;
  /** A room member who joined within this is "arriving". Default 60000. */
  roomArrivingMs: number;
  /** Half-life of a room's arrivals/departures rates (momentum). Default 300000. */
  roomMomentumHalfLifeMs: number;
  /** Rooms one session may be in; 0 = unlimited. Default 32. */
  maxRoomsPerSession: number;
  /** Rooms in the engine; 0 = unlimited. Default 0. */
  maxRooms: number;
  /**
   * Readiness of a user = availability factor x (readinessWeightState x S +
   * readinessWeightRecency x R) / (the sum of both weights), where S is the
   * state's score (active 1, idle 0.6, away 0.25, stale and offline 0) and
   * R = 1 - time since the last interaction / readinessRecencyWindowMs (at
   * least 0). In [0, 1]. Default 0.7.
   */
  readinessWeightState: number;
  /** The weight of recency in a user's readiness; in [0, 1]. Default 0.3. */
  readinessWeightRecency: number;
  /** Interaction older than this adds nothing to readiness. Default 300000. */
  readinessRecencyWindowMs: number;
  /** Availability factor of a busy user (available 1, do-not-disturb and invisible 0). Default 0.5. */
  readinessBusyFactor: number;
  /**
   * Readiness of a room = (readinessRoomWeightMembers x the members' mean
   * presence + readinessRoomWeightDensity x min(1, active members /
   * readinessRoomQuorum)) / (the sum of both weights). In [0, 1]. Default 0.5.
   */
  readinessRoomWeightMembers: number;
  /** The weight of density in a room's readiness; in [0, 1]. Default 0.5. */
  readinessRoomWeightDensity: number;
  /** Active members for full density. Default 2. */
  readinessRoomQuorum: number;
  /** Ready at or above this score. Default 0.7. */
  readinessReadyThreshold: number;
  /** No longer ready below this score (hysteresis); at most the ready threshold. Default 0.5. */
  readinessUnreadyThreshold: number;
  /** Pending intents one caller may hold; 0 = unlimited. Default 32. */
  maxIntentsPerCaller: number;
  /** Longest accepted intent TTL. Default 86400000 (a day). */
  maxIntentTtlMs: number;
  /**
   * Timer steps a call other than {@link Engine.advance} runs to catch up with
   * its `now`; 0 = all of them, so every read is exact at `now` (the C
   * default). With a ticker a storm of due transitions (a million sessions
   * expiring together) is then worked off by the ticker's thread, while a
   * call from JavaScript runs a few steps at most; a session a call touches
   * is brought up to date first, and late transitions keep their exact times.
   * Default 0, or 64 when the engine is created with `tickIntervalMs`.
   */
  maxCatchUpSteps: number;
  /**
   * Continuing a live session from another transport (or after its
   * transport dropped, heartbeats included) must present the session's
   * {@link OpenResult.resumeToken} ({@link OpenOptions.resumeToken});
   * {@link DeniedError} otherwise. The same live transport opening again
   * needs no token. Default false.
   */
  requireResumeToken: boolean;
  /**
   * Cluster mode: another node counts as alive this long after it was last
   * seen ({@link Engine.nodeSeen} or one of its records). Default 10000.
   */
  nodeTimeoutMs: number;
  /**
   * Cluster mode: replication records kept for {@link Engine.takeReplicas};
   * beyond that the outbox overflows ({@link TooFarBehindError}: export
   * again). Default 1000000.
   */
  replicationBuffer: number;
}

/** Options of `new Engine()`: any {@link EngineConfig} field, plus the binding's own. */
export interface EngineOptions extends Partial<EngineConfig> {
  /**
   * Starts the native ticker: a background thread that runs due timers every
   * `tickIntervalMs` (1..60000) on the real-time clock, so idle, away, stale
   * and offline transitions happen without any JavaScript timer. Without it
   * (the default), time only moves when you call a method or {@link Engine.advance}.
   * With it, {@link EngineConfig.maxCatchUpSteps} defaults to 64, so that
   * JavaScript calls stay short while the ticker works off a storm.
   */
  tickIntervalMs?: number;
  /**
   * Cluster mode: this engine's node id; the sessions it hosts are
   * replicated under it ({@link Engine.takeReplicas}). Omitted: a standalone
   * engine. Not read back by {@link Engine.config} (the C ABI returns no node id).
   */
  nodeId?: string;
  /**
   * A token from {@link Engine.share} (possibly from another thread): attach
   * to that engine instead of creating one. No other option may be given.
   */
  shared?: SharedEngineToken;
}

/** The default configuration, as the C library defines it. */
export declare const DEFAULTS: Readonly<EngineConfig>;

/**
 * Every call that depends on time takes `now`: milliseconds since the Unix
 * epoch (a non-negative integer, at most 2^53). Omitted, the engine's clock
 * is used. A `now` older than the latest time seen is treated as the latest.
 */
export interface TimeOptions {
  /** Milliseconds since the epoch; omitted: the engine's clock. */
  now?: number;
}

/**
 * Options of {@link Engine.restore}: those of `new Engine(options)` but
 * `shared`, and the time of the restore.
 */
export interface RestoreOptions extends Omit<EngineOptions, 'shared'> {
  /**
   * Milliseconds since the epoch; omitted: the engine's clock. A time
   * earlier than the snapshot's is taken as the snapshot's.
   */
  now?: number;
}

/** Options of {@link Engine.open}. */
export interface OpenOptions extends TimeOptions {
  /** The owning user; omitted or null opens a guest session (see {@link Engine.identify}). */
  userId?: string | null;
  /** Application metadata, e.g. JSON with the device kind. On a continuation it replaces the stored one. */
  meta?: string | null;
  /** A transport id to bind (e.g. a Socket.IO `socket.id`); replaces an earlier binding. */
  transportId?: string | null;
  /**
   * The session's {@link OpenResult.resumeToken}, when continuing it from
   * another transport: required when {@link EngineConfig.requireResumeToken}
   * is on, ignored otherwise.
   */
  resumeToken?: string | null;
  /** Initial visibility; omitted: visible for a new session, unchanged for a continuation. */
  visibility?: Visibility;
}

/** What {@link Engine.open} did. */
export interface OpenResult {
  /** true if a live session with this id was continued (a reconnect), false if a new one started. */
  continued: boolean;
  /** The heartbeat interval the client should use from now on, in ms. */
  heartbeatIntervalMs: number;
  /** The session's state after the call. */
  state: State;
  /**
   * The session's resume token: 32 lowercase hex characters, unguessable,
   * the same for every open of this id on this engine. Give it only to the
   * session's own client, which presents it to continue the session from
   * another transport ({@link OpenOptions.resumeToken}).
   */
  resumeToken: string;
}

/** Options of {@link Engine.heartbeat}. */
export interface HeartbeatOptions extends TimeOptions {
  /** 'active': the client saw interaction since its last heartbeat; 'idle': it saw none. */
  activity?: Activity;
  /** The document's visibility, if the client reports it. */
  visibility?: Visibility;
}

/** Options of {@link Engine.heartbeatBatch}: one hint for every id, or one per id. */
export interface BatchHeartbeatOptions extends TimeOptions {
  /** The client's activity hint: one for every id, or one per id (undefined: no hint). */
  activity?: Activity | ReadonlyArray<Activity | undefined>;
  /** The reported visibility: one for every id, or one per id (undefined: no hint). */
  visibility?: Visibility | ReadonlyArray<Visibility | undefined>;
}

/** What {@link Engine.heartbeatBatch} did, item by item. */
export interface HeartbeatBatchResult {
  /** How many items failed. */
  failed: number;
  /** Each item's next heartbeat interval in ms (0 for failed items). */
  intervals: Float64Array;
  /** Each item's status (see {@link Status}, {@link errorForStatus}); 0 = OK. */
  statuses: Int32Array;
}

/** Options of {@link Engine.advance}. */
export interface AdvanceOptions extends TimeOptions {
  /** At most this many timer steps (0 or omitted: all that are due), to bound a pause. */
  maxSteps?: number;
}

/** Options of {@link Engine.listUsers} and {@link Engine.users}. */
export interface ListUsersOptions extends TimeOptions {
  /** Only users at least in this state. Default 'stale' (every user online); 'offline' includes remembered offline users. */
  minState?: State;
  /** The `cursor` of the previous page; omitted or null for the first page. */
  cursor?: string | null;
  /** Page size, 1..10000. Default 50. */
  limit?: number;
}

/** Options of {@link Engine.changesSince} and {@link Engine.fanout}. */
export interface ChangesOptions {
  /** At most this many events (0 or omitted: all available). */
  limit?: number;
}

/** Options of {@link Engine.listRooms} and {@link Engine.rooms}. */
export interface ListRoomsOptions extends TimeOptions {
  /** The `cursor` of the previous page; omitted or null for the first page. */
  cursor?: string | null;
  /** Page size, 1..10000. Default 50. */
  limit?: number;
}

/** Options of {@link Engine.setRoomCountOnly}. */
export interface CountOnlyOptions extends TimeOptions {
  /** How often occupancy is published while it changes, 1..86400000 ms; required to switch count-only on. */
  intervalMs?: number;
}

/** Options of {@link Engine.openIntent}. */
export interface OpenIntentOptions extends TimeOptions {
  /** Application-defined, e.g. `'call'`; 1..maxIdBytes bytes. */
  kind: string;
  /** Time to live, 1..maxIntentTtlMs ms: the intent expires then if the target never became ready. */
  ttlMs: number;
}

/** Options of {@link Engine.prometheus}. */
export interface PrometheusOptions extends TimeOptions {
  /** Only this room's families (with the engine's); omitted: every room. */
  roomId?: string | null;
}

// ---------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------

/** A session as read at a point in time. Times are ms since the epoch. */
export interface Session {
  /** The application's id of the session. */
  sessionId: string;
  /** The owning user; null for a guest. */
  userId: string | null;
  /** The lifecycle state at the time of the read. */
  state: State;
  /** Inside the reconnect grace window after a disconnect (state held). */
  reconnecting: boolean;
  /** The document is visible (not backgrounded). */
  visible: boolean;
  /** Its transport is up (false after a disconnect until it reconnects). */
  connected: boolean;
  /** In [0, 1]: full while the last signal is fresh, decaying with silence. */
  confidence: number;
  /** `confidence` as high (>= 0.75), medium (>= 0.4) or low. */
  confidenceBucket: ConfidenceBucket;
  /** The latest signal of any kind (open, heartbeat, activity, visibility). */
  lastSignalAt: number;
  /** The latest human interaction (activity, or an active hint). */
  lastActivityAt: number;
  /** When the session entered `state`. */
  since: number;
  /** The heartbeat interval it was last told, in ms. */
  heartbeatIntervalMs: number;
  /** The application metadata given to open(), or null. */
  meta: string | null;
  /** The bound transport id (e.g. a socket id), or null. */
  transportId: string | null;
  /** Replication: the node that owns the session (0 = this engine). */
  originNode: number;
  /** Replication: incremented by every change of the session's record. */
  version: number;
  /**
   * For the server's own use, never for other readers: the state behind
   * `state` (an invisible user's sessions are shown offline).
   */
  trueState: State;
  /** Cluster mode: the node that owns the session (this engine's own for local ones); null when standalone. */
  nodeId: string | null;
}

/** A user as read at a point in time, derived from its sessions. */
export interface User {
  /** The user's id. */
  userId: string;
  /** The highest state among its sessions; offline when none is alive. */
  state: State;
  /** When the user entered `state`. */
  since: number;
  /** The latest signal of any of its sessions. */
  lastSeenAt: number;
  /** The kind of that latest signal. */
  lastEvidence: Evidence;
  /** Alive sessions. */
  sessionCount: number;
  /** The confidence of the session that gives the user its state. */
  confidence: number;
  /** `confidence` as high, medium or low. */
  confidenceBucket: ConfidenceBucket;
  /** Declared availability as shown (never `'invisible'`). */
  availability: ShownAvailability;
  /** For the server's own use, never for other readers: the state behind `state`. */
  trueState: State;
  /** For the server's own use, never for other readers: the declared availability. */
  trueAvailability: Availability;
  /** Readiness score now, in [0, 1] (see {@link EngineConfig.readinessWeightState}). */
  readiness: number;
  /** Whether the user counts as ready now (with hysteresis). */
  ready: boolean;
}

/** Fields every published change carries. */
interface EventBase {
  /** Sequence number: strictly increasing, without gaps. */
  seq: number;
  /** When the change happened (debouncing only delays its publication). */
  at: number;
  /** When it was published. */
  publishedAt: number;
}

/** A session's published state changed. */
export interface SessionEvent extends EventBase {
  /** Discriminates the kinds of {@link PresenceEvent}. */
  kind: 'session';
  /** The session that changed. */
  sessionId: string;
  /** The owning user; null for a guest. */
  userId: string | null;
  /** The published state before the change. */
  oldState: State;
  /** The published state after the change. */
  newState: State;
  /** Confidence at publication. */
  confidence: number;
  /** `confidence` as high, medium or low. */
  confidenceBucket: ConfidenceBucket;
  /** The session's latest signal. */
  lastSeenAt: number;
}

/** A user's published state changed. */
export interface UserEvent extends EventBase {
  /** Discriminates the kinds of {@link PresenceEvent}. */
  kind: 'user';
  /** The user that changed. */
  userId: string;
  /** Alive sessions at publication. */
  sessionCount: number;
  /** The published state before the change. */
  oldState: State;
  /** The published state after the change. */
  newState: State;
  /** Confidence at publication. */
  confidence: number;
  /** `confidence` as high, medium or low. */
  confidenceBucket: ConfidenceBucket;
  /** The latest signal of the user's sessions. */
  lastSeenAt: number;
  /** The declared availability, as shown. */
  availability: ShownAvailability;
}

/**
 * A member (a user, or a guest session) joined or left a room. A
 * disconnect inside the reconnect grace window is neither; count-only rooms
 * publish no member events ({@link OccupancyEvent} instead).
 */
export interface MemberEvent extends EventBase {
  /** Discriminates the kinds of {@link PresenceEvent}. */
  kind: 'member';
  /** The room. */
  roomId: string;
  /** The user id, or the session id of a guest. */
  memberId: string;
  /** The member is a guest session. */
  guest: boolean;
  /** true: joined (`oldState` is offline); false: left (`newState` is offline). */
  joined: boolean;
  /** The member's state in the room before: offline for a join. */
  oldState: State;
  /** The member's state in the room after: offline for a leave. */
  newState: State;
  /** The member's declared availability, as shown (`'available'` for a guest). */
  availability: ShownAvailability;
}

/** A user or a room became ready, or stopped being ready (with hysteresis). */
export interface ReadinessEvent extends EventBase {
  /** Discriminates the kinds of {@link PresenceEvent}. */
  kind: 'readiness';
  /** What became (un)ready. */
  targetKind: TargetKind;
  /** The user or room id. */
  targetId: string;
  /** true: became ready; false: stopped being ready. */
  ready: boolean;
  /** The readiness score at publication. */
  readiness: number;
}

/** An intent ended: its target became ready, its TTL passed, or it was cancelled. */
export interface IntentEvent extends EventBase {
  /** Discriminates the kinds of {@link PresenceEvent}. */
  kind: 'intent';
  /** The intent (from {@link Engine.openIntent}). */
  intentId: string;
  /** The intent's application-defined kind, e.g. `'call'`. */
  intentKind: string;
  /** The caller. */
  fromId: string;
  /** What the intent is for. */
  targetKind: TargetKind;
  /** The user or room id. */
  targetId: string;
  /** How it ended. */
  state: EndedIntentState;
}

/** Members or sessions of a room, by state (visible ones only). */
export interface ByState {
  active: number;
  idle: number;
  away: number;
  stale: number;
}

/** A count-only room's occupancy: at once when switched on, then once per interval while it changes. */
export interface OccupancyEvent extends EventBase {
  /** Discriminates the kinds of {@link PresenceEvent}. */
  kind: 'occupancy';
  /** The room. */
  roomId: string;
  /** Its visible members by state. */
  members: ByState;
  /** Its visible sessions by state. */
  sessions: ByState;
  /** The room's readiness score at publication. */
  readiness: number;
}

/**
 * A user's declared availability changed (going invisible is never
 * announced: readers see the user go offline instead).
 */
export interface AvailabilityEvent extends EventBase {
  /** Discriminates the kinds of {@link PresenceEvent}. */
  kind: 'availability';
  /** The user. */
  userId: string;
  /** The new availability, as shown. */
  availability: ShownAvailability;
}

/** Any published change; `kind` tells which. */
export type PresenceEvent =
  | SessionEvent
  | UserEvent
  | MemberEvent
  | ReadinessEvent
  | IntentEvent
  | OccupancyEvent
  | AvailabilityEvent;

/** Live counts; always equal to a recount of the sessions. "Alive" means not offline. */
export interface Counts {
  /** Live sessions by state (offline sessions are not counted). */
  sessions: {
    active: number;
    idle: number;
    away: number;
    stale: number;
    /** Inside their reconnect grace window (any state). */
    reconnecting: number;
    /** Concurrency: alive sessions now. */
    alive: number;
    /** Alive sessions that belong to no user yet. */
    guests: number;
    /** Alive sessions of invisible users (not in the counts above). */
    invisible: number;
  };
  /** Users by state. */
  users: {
    active: number;
    idle: number;
    away: number;
    stale: number;
    /** Offline users whose last-seen is still remembered. */
    offline: number;
    /** Concurrency: users with at least one alive session. */
    alive: number;
    /** Alive but invisible users (shown offline: counted above as offline, not alive). */
    invisible: number;
  };
  /** Rooms in the engine. */
  rooms: number;
}

/** A page of {@link Engine.listUsers}. */
export interface UserPage {
  /** The users of this page, ordered by user id. */
  users: User[];
  /** Pass as `cursor` for the next page; null on the last page. */
  cursor: string | null;
  /** The sequence number the page reflects. */
  seq: number;
}

/** {@link Engine.getUser}: the user and its live sessions. */
export interface UserDetail {
  /** The user. */
  user: User;
  /** Its live sessions. */
  sessions: Session[];
  /** The sequence number the read reflects. */
  seq: number;
}

/** The published view: every session and user not offline, as of `seq`. */
export interface Snapshot {
  /** The sequence number the view reflects: continue with changesSince(seq). */
  seq: number;
  /** Every user whose published state is not offline. */
  users: User[];
  /** Every session whose published state is not offline. */
  sessions: Session[];
}

/** Events after a sequence number. */
export interface Changes {
  /** The seq of the last event returned (the given seq if none): pass it next time. */
  seq: number;
  /** The events, oldest first. */
  events: PresenceEvent[];
}

/** A room as read: counts in O(1). Counts are of visible members and sessions. */
export interface Room {
  /** The room's id. */
  roomId: string;
  /** When the room was created (first joined or configured). */
  createdAt: number;
  /** Members (users and guests) by their state in the room. */
  members: ByState;
  /** Sessions in the room by state. */
  sessions: ByState;
  /** Members that are guest sessions. */
  guests: number;
  /** Members who joined within {@link EngineConfig.roomArrivingMs}. */
  arriving: number;
  /** Density: active members. */
  density: number;
  /** Momentum: exponentially weighted arrivals per minute. */
  arrivalsPerMinute: number;
  /** Momentum: exponentially weighted departures per minute. */
  departuresPerMinute: number;
  /** Readiness score now, in [0, 1] (see {@link EngineConfig.readinessRoomWeightMembers}). */
  readiness: number;
  /** Whether the room counts as ready now (with hysteresis). */
  ready: boolean;
  /** Watched through occupancy, without member events (see {@link Engine.setRoomCountOnly}). */
  countOnly: boolean;
  /** The occupancy interval of a count-only room; null otherwise. */
  occupancyIntervalMs: number | null;
}

/** A member of a room: a user, or a guest session. */
export interface Member {
  /** The user id, or the session id of a guest. */
  memberId: string;
  /** The member is a guest session. */
  guest: boolean;
  /** The best state among its sessions in the room. */
  state: State;
  /** When it joined (a stay continues across a leave and rejoin inside the debounce). */
  joinedAt: number;
  /** Joined within {@link EngineConfig.roomArrivingMs}. */
  arriving: boolean;
  /** Its sessions in the room. */
  sessionCount: number;
  /** The latest signal of those sessions. */
  lastSeenAt: number;
  /** In [0, 1]. */
  confidence: number;
  /** `confidence` as high, medium or low. */
  confidenceBucket: ConfidenceBucket;
  /** The member's declared availability, as shown (`'available'` for a guest). */
  availability: ShownAvailability;
}

/** A page of {@link Engine.listRooms}. */
export interface RoomPage {
  /** The rooms of this page, ordered by room id. */
  rooms: Room[];
  /** Pass as `cursor` for the next page; null on the last page. */
  cursor: string | null;
  /** The sequence number the page reflects. */
  seq: number;
}

/** A page of {@link Engine.listMembers}. */
export interface MemberPage {
  /** The members of this page, ordered by member id. */
  members: Member[];
  /** Pass as `cursor` for the next page; null on the last page. */
  cursor: string | null;
  /** The sequence number the page reflects. */
  seq: number;
}

/** Readiness of a user or room, and the call gate's answer ({@link Engine.readiness}). */
export interface Readiness {
  /** The score now, in [0, 1]. */
  score: number;
  /** Ready now, with hysteresis. */
  ready: boolean;
  /** A call may be placed now (`reason` is `'ready'`). */
  canCall: boolean;
  /** Why a call can or cannot be placed now. */
  reason: GateReason;
  /** A user: its state as shown; a room: the best state among its members. */
  state: State;
  /** A user: its availability as shown; a room: `'available'`. */
  availability: ShownAvailability;
}

/** An intent to connect to a user or a room ({@link Engine.openIntent}). */
export interface Intent {
  /** The engine's id of the intent (for {@link Engine.cancelIntent}). */
  intentId: string;
  /** The caller. */
  fromId: string;
  /** What the intent is for. */
  targetKind: TargetKind;
  /** The user or room id. */
  targetId: string;
  /** Application-defined, e.g. `'call'`. */
  kind: string;
  /** When it was opened. */
  createdAt: number;
  /** When it expires unless the target becomes ready first. */
  expiresAt: number;
  /** `'pending'`, or `'ready'` when opened on a target that was ready already. */
  state: IntentState;
}

/** One bucket of a room's dwell or attention histogram. */
export interface HistogramBucket {
  /** The bucket's upper bound in ms (4^k s); null for the last, open bucket. */
  upToMs: number | null;
  /** How many durations fell in it (not cumulative). */
  count: number;
}

/** A room's coordination metrics ({@link Engine.roomMetrics}). */
export interface RoomMetrics {
  /** Members who joined. */
  joins: number;
  /** Members who left explicitly. */
  leaves: number;
  /** Members whose sessions ended without leaving (expired). */
  dropOffs: number;
  /** Most members at once. */
  peakMembers: number;
  /** Most sessions at once. */
  peakSessions: number;
  /** Dwell time: how long members stayed. */
  dwell: HistogramBucket[];
  /** Attention decay: how long sessions stayed active before going idle. */
  attention: HistogramBucket[];
  /** Readiness curve: the last points where the score changed, oldest first. */
  readinessCurve: Array<{ at: number; score: number }>;
}

/** One subscriber of {@link Engine.fanout} and the events it must hear. */
export interface Delivery {
  /** The subscriber's id, as given to {@link Engine.subscribe}. */
  subscriberId: string;
  /** Its events, oldest first (the same objects as in {@link Fanout.events}). */
  events: PresenceEvent[];
}

/** {@link Engine.fanout}: events after a sequence number, and who must hear which. */
export interface Fanout extends Changes {
  /** Per subscriber with something to hear, in the order of its first event. */
  deliveries: Delivery[];
}

/** Engine statistics for monitoring. */
export interface Stats {
  /** Session records held (alive plus those awaiting their offline publication). */
  sessionRecords: number;
  /** User records held (alive plus remembered offline). */
  userRecords: number;
  /** Signals applied since the engine was created. */
  signals: number;
  /** State transitions of sessions and users, published or not. */
  transitions: number;
  /** Events published since the engine was created. */
  eventsPublished: number;
  /** Seq of the newest event; 0 before the first. */
  lastSeq: number;
  /** Seq of the oldest event still buffered; 0 when the buffer is empty. */
  oldestSeq: number;
  /** Timers waiting to fire. */
  pendingTimers: number;
  /** Calls refused by a configured limit. */
  limitRejections: number;
}

/** The emitter fell behind the event buffer: events in (afterSeq, resumeSeq] were lost. */
export interface OverflowInfo {
  /** The last event delivered before the gap. */
  afterSeq: number;
  /** Delivery continues after this seq. */
  resumeSeq: number;
}

/** Passes an engine to another thread (postMessage / workerData); see {@link Engine.share}. */
export interface SharedEngineToken {
  readonly presenceEngineToken: number;
}

/** The events an {@link Engine} emits: one per event kind, and `'change'` for all of them. */
export interface EngineEvents {
  /** A session's published state changed. */
  session: [event: SessionEvent];
  /** A user's published state changed. */
  user: [event: UserEvent];
  /** A member joined or left a room. */
  member: [event: MemberEvent];
  /** A user or room became ready, or stopped being ready. */
  readiness: [event: ReadinessEvent];
  /** An intent became ready, expired or was cancelled. */
  intent: [event: IntentEvent];
  /** A count-only room's occupancy. */
  occupancy: [event: OccupancyEvent];
  /** A user's declared availability changed. */
  availability: [event: AvailabilityEvent];
  /** Any change, in sequence order. */
  change: [event: PresenceEvent];
  /** Events were dropped before delivery (raise eventBufferCapacity, or snapshot()). */
  overflow: [info: OverflowInfo];
  /** Event delivery failed unexpectedly; delivery stops. */
  error: [error: Error];
  /** EventEmitter's own: a listener is about to be added. */
  newListener: [eventName: string | symbol, listener: (...args: any[]) => void];
  /** EventEmitter's own: a listener was removed. */
  removeListener: [eventName: string | symbol, listener: (...args: any[]) => void];
}

// ---------------------------------------------------------------------------
// Engine
// ---------------------------------------------------------------------------

/**
 * An in-memory presence engine: sessions send signals, the engine derives
 * each session's lifecycle state from elapsed time, derives users from their
 * sessions, and publishes debounced transitions as events.
 *
 * Every method is synchronous and thread-safe in the native engine; one
 * engine may be shared by worker threads (see {@link Engine.share}).
 *
 * Events: adding a listener for any event kind (`'session'`, `'user'`,
 * `'member'`, `'readiness'`, `'intent'`, `'occupancy'`, `'availability'`) or
 * `'change'` starts delivery; they arrive on the event loop, never inside a
 * method call.
 */
export declare class Engine extends EventEmitter<EngineEvents> {
  /** Creates an engine, or attaches to a shared one (`options.shared`). */
  constructor(options?: EngineOptions);

  /** Attaches to an engine shared by {@link Engine.share}, maybe from another thread. */
  static attach(token: SharedEngineToken): Engine;

  /**
   * Starts an engine from a snapshot written by {@link Engine.save}, with
   * `options` as for `new Engine(options)` (the configuration may differ
   * from the saved engine's; `tickIntervalMs` starts the ticker). The engine
   * continues where the saved one stopped, then lives through the time it
   * was down: sessions age from their last signal (offline past the TTL),
   * and each one still alive lost its transport in the restart, so it is
   * reconnecting (a reconnect within `reconnectGraceMs` continues it;
   * resume tokens given before the restart stay valid). Event numbering
   * continues after the saved engine's last event.
   *
   * The whole file is checked before the engine is returned: on any error
   * nothing is loaded.
   *
   * ```js
   * let engine;
   * try {
   *   engine = Engine.restore(file, options);
   * } catch (error) {
   *   if (!(error instanceof NotFoundError)) throw error;
   *   engine = new Engine(options); // first start: no snapshot yet
   * }
   * ```
   * @param path The snapshot file (a non-empty string without NUL characters).
   * @throws {NotFoundError} no file at `path` (e.g. the first start): create
   *   the engine with `new Engine(options)`.
   * @throws {CorruptError} not a snapshot this library can load (foreign,
   *   truncated, damaged or inconsistent).
   * @throws {IOError} the file could not be read.
   * @throws {UnsupportedError} written by a newer library in a format this
   *   one does not read, or `options.nodeId` given (a cluster node is not
   *   restored: its peers send its sessions again).
   * @throws {InvalidArgumentError} a bad path or option.
   */
  static restore(path: string, options?: RestoreOptions): Engine;

  /** true once {@link Engine.close} ran on this object. */
  readonly closed: boolean;

  /**
   * The engine's configuration as it runs (the defaults filled in), in the
   * shape {@link EngineOptions} accepts: `new Engine(engine.config)` makes an
   * engine configured alike. Frozen.
   * @throws {ClosedError} after {@link Engine.close}.
   */
  readonly config: Readonly<EngineConfig>;

  /**
   * Closes this handle: stops its event delivery and drops its reference.
   * The native engine (and its ticker) ends when the last handle to it, in
   * any thread, is closed. Idempotent; afterwards every other method throws
   * {@link ClosedError}.
   */
  close(): void;

  /**
   * A token that another thread passes to {@link Engine.attach} to use this
   * same engine. It works while at least one handle to the engine is open.
   */
  share(): SharedEngineToken;

  /**
   * Saves a snapshot of the engine's whole state to `path`, for
   * {@link Engine.restore} after a restart or deploy: sessions (facts,
   * states, metadata), users, rooms, pending intents, the resume-token
   * secret and the last event number; not events, subscriptions nor
   * transport ids. Atomic: `path` holds the previous snapshot or this one,
   * even after a crash. The file holds secrets and is created readable by
   * its owner only (0600). Synchronous: the engine is locked only while its
   * state is copied, but the calling thread waits for the disk (fsync).
   * @param path The file to write (its directory must exist); replaced if it exists.
   * @throws {IOError} the file could not be written (e.g. no such directory).
   * @throws {UnsupportedError} a cluster node (`nodeId` set).
   * @throws {InvalidArgumentError} a bad path or time.
   * @throws {ClosedError} after {@link Engine.close}.
   */
  save(path: string, options?: TimeOptions): void;

  /** The engine's current time: the latest time it has seen (ms since the epoch). */
  now(): number;

  /**
   * Opens a session, or continues it if the id is still alive (a reconnect:
   * state, timers and memberships are restored; not counted as activity).
   * @param sessionId Application-owned, stable across reconnects (not a socket id).
   * @throws {ConflictError} the live session belongs to another user.
   * @throws {LimitExceededError} sessions per user or total sessions.
   */
  open(sessionId: string, options?: OpenOptions): OpenResult;

  /**
   * Records a heartbeat: liveness, plus the client's optional view of its
   * activity and visibility. A heartbeat on a disconnected session means
   * its transport is back.
   * @returns The interval in ms the client should wait before its next heartbeat.
   * @throws {NotFoundError} no live session: open it again.
   */
  heartbeat(sessionId: string, options?: HeartbeatOptions): number;

  /**
   * Applies many heartbeats at one time under one lock. Items are
   * independent: a bad item (unknown or malformed id) fails alone.
   * @param ids An array of ids, or — cheapest — one string or UTF-8
   *   Uint8Array/Buffer of ids separated by `'\n'` (a trailing `'\n'` is
   *   allowed; ids containing `'\n'` need the array form).
   */
  heartbeatBatch(
    ids: readonly string[] | string | Uint8Array,
    options?: BatchHeartbeatOptions,
  ): HeartbeatBatchResult;

  /** A sampled human interaction (key, pointer, touch, focus). */
  activity(sessionId: string, options?: TimeOptions): void;

  /**
   * The document became visible or hidden. Hidden for less than the blur
   * tolerance changes nothing; becoming visible counts as activity.
   */
  visibility(sessionId: string, visibility: Visibility, options?: TimeOptions): void;

  /**
   * The session's transport dropped. Not an exit: the state is held
   * (reconnecting) for the reconnect grace window, then stale, then
   * offline once silent for the TTL. Idempotent.
   */
  disconnect(sessionId: string, options?: TimeOptions): void;

  /**
   * Disconnects the session bound to a transport id. A transport id already
   * replaced by a newer one (the client reconnected) is unknown: a late
   * close of an old socket cannot disturb the continued session.
   * @throws {NotFoundError} no session is bound to it.
   */
  disconnectTransport(transportId: string, options?: TimeOptions): void;

  /** An explicit exit: the session is offline now. */
  leave(sessionId: string, options?: TimeOptions): void;

  /**
   * A guest session becomes `userId`'s, keeping its state and history.
   * @throws {ConflictError} it already belongs to another user.
   */
  identify(sessionId: string, userId: string, options?: TimeOptions): void;

  /**
   * Runs the timers due at or before `now` (default: the engine's clock),
   * so that time-only transitions and debounced publications happen.
   * @returns true if due timers remain (only possible with `maxSteps`).
   */
  advance(options?: AdvanceOptions): boolean;

  /** When the next timer is due (ms since the epoch), or null if none is pending. */
  nextDeadline(): number | null;

  /** Starts (or restarts with a new period) the native ticker; see {@link EngineOptions.tickIntervalMs}. */
  startTicker(periodMs: number): void;

  /** Stops the native ticker and waits for its thread to end. */
  stopTicker(): void;

  /** Live counts by state, and concurrency (alive sessions and users). */
  counts(options?: TimeOptions): Counts;

  /**
   * Totals, kept apart from concurrency: distinct users seen within the last
   * `windowMs`, online or not (offline users count while remembered).
   */
  countSeen(windowMs: number, options?: TimeOptions): number;

  /** A page of users, ordered by user id, with a stable cursor. */
  listUsers(options?: ListUsersOptions): UserPage;

  /** Every user matching `options`, page by page (`limit` sets the page size). */
  users(options?: ListUsersOptions): Generator<User, void, undefined>;

  /**
   * One user (live or remembered offline) with its live sessions.
   * @throws {NotFoundError}
   */
  getUser(userId: string, options?: TimeOptions): UserDetail;

  /**
   * One live session.
   * @throws {NotFoundError}
   */
  getSession(sessionId: string, options?: TimeOptions): Session;

  /** The published view and the seq it reflects; continue with {@link Engine.changesSince}. */
  snapshot(options?: TimeOptions): Snapshot;

  /**
   * Published events with seq > `seq`, oldest first. Events are kept, not
   * consumed: every consumer keeps its own cursor. Does not advance time.
   * @throws {TooFarBehindError} events after `seq` were dropped: snapshot again.
   */
  changesSince(seq: number, options?: ChangesOptions): Changes;

  /** Statistics for monitoring (does not advance time). */
  stats(): Stats;

  /**
   * A session joins a room (created on first use). Joining again is a no-op.
   * Its user (or, for a guest, the session) becomes a member; the member's
   * join is published once it held for the debounce.
   * @throws {NotFoundError} no live session.
   * @throws {LimitExceededError} maxRoomsPerSession or maxRooms.
   */
  joinRoom(sessionId: string, roomId: string, options?: TimeOptions): void;

  /**
   * A session leaves a room. Its user stays a member while another of its
   * sessions is in the room.
   * @throws {NotFoundError} no live session, or it is not in that room.
   */
  leaveRoom(sessionId: string, roomId: string, options?: TimeOptions): void;

  /**
   * Switches a room (created if needed) to count-only mode, or back. A
   * count-only room publishes no member events; instead an
   * {@link OccupancyEvent} at once, then once per `intervalMs` while its
   * counts change. For rooms too large for per-member traffic.
   * @param countOnly true to switch on (then `options.intervalMs` is required), false to switch off.
   * @throws {LimitExceededError} maxRooms.
   */
  setRoomCountOnly(
    roomId: string,
    countOnly: true,
    options: CountOnlyOptions & { intervalMs: number },
  ): void;
  setRoomCountOnly(roomId: string, countOnly: false, options?: TimeOptions): void;

  /**
   * One room, its counts in O(1).
   * @throws {NotFoundError}
   */
  getRoom(roomId: string, options?: TimeOptions): Room;

  /** A page of rooms, ordered by room id, with a stable cursor. */
  listRooms(options?: ListRoomsOptions): RoomPage;

  /** Every room, page by page (`limit` sets the page size). */
  rooms(options?: ListRoomsOptions): Generator<Room, void, undefined>;

  /**
   * A page of a room's members at least `minState` (default `'stale'`),
   * ordered by member id, with the same cursor behaviour as
   * {@link Engine.listUsers}. Invisible users are not shown.
   * @throws {NotFoundError} no such room.
   * @throws {InvalidArgumentError} also for a cursor this room's pages did not return.
   */
  listMembers(roomId: string, options?: ListUsersOptions): MemberPage;

  /** Every member of a room, page by page (`limit` sets the page size). */
  members(roomId: string, options?: ListUsersOptions): Generator<Member, void, undefined>;

  /**
   * The rooms a user is in (through any of its sessions), ordered by id.
   * @throws {NotFoundError} no such user.
   */
  userRooms(userId: string, options?: TimeOptions): Room[];

  /**
   * A room's coordination metrics: joins, leaves, drop-offs, peaks, dwell
   * and attention histograms, the readiness curve.
   * @throws {NotFoundError}
   */
  roomMetrics(roomId: string, options?: TimeOptions): RoomMetrics;

  /**
   * Declares a user's availability (the user is created if unknown, so it
   * can be set before its first session). Invisibility is never announced:
   * readers see the user go offline; other changes publish an
   * {@link AvailabilityEvent}.
   */
  setAvailability(userId: string, availability: Availability, options?: TimeOptions): void;

  /**
   * The call gate: "can I call this user or room now? If not, why, and how
   * ready is it?" An unknown user or room is not an error: `reason` is
   * `'unknown'`.
   */
  readiness(targetKind: TargetKind, targetId: string, options?: TimeOptions): Readiness;

  /**
   * Records an intent to connect to a user or a room instead of ringing
   * blindly. An {@link IntentEvent} follows with state `'ready'` when the
   * target becomes ready (at once if it already is: the returned intent is
   * then `'ready'`), or `'expired'` after `ttlMs`.
   * @param fromId The caller: any id (a user, a session, a service).
   * @throws {LimitExceededError} maxIntentsPerCaller.
   */
  openIntent(
    fromId: string,
    targetKind: TargetKind,
    targetId: string,
    options: OpenIntentOptions,
  ): Intent;

  /**
   * Cancels a pending intent (publishes it `'cancelled'`).
   * @throws {NotFoundError} unknown or already ended.
   */
  cancelIntent(intentId: string, options?: TimeOptions): void;

  /** Pending intents to a user or room, oldest first. */
  intentsTo(targetKind: TargetKind, targetId: string, options?: TimeOptions): Intent[];

  /** Pending intents of a caller, oldest first. */
  intentsFrom(fromId: string, options?: TimeOptions): Intent[];

  /**
   * Interest-based fan-out: `subscriberId` (a socket, a session, any
   * server-side consumer; the id is the application's) will hear the
   * changes of a user or a room in {@link Engine.fanout}. A user
   * subscription hears the user's session, user, availability, readiness,
   * member and intent events; a room subscription hears its member,
   * readiness, occupancy and intent events, and its members' user and
   * availability events (unless the room is count-only). Idempotent.
   */
  subscribe(subscriberId: string, targetKind: TargetKind, targetId: string): void;

  /** Undoes {@link Engine.subscribe}. Idempotent. */
  unsubscribe(subscriberId: string, targetKind: TargetKind, targetId: string): void;

  /** Drops every subscription of a subscriber (e.g. its socket closed). Idempotent. */
  unsubscribeAll(subscriberId: string): void;

  /**
   * Published events with seq > `seq` (as {@link Engine.changesSince}) and,
   * per subscriber, the ones it must hear, so a server sends each consumer
   * only what it asked for.
   * @throws {TooFarBehindError} events after `seq` were dropped: snapshot again.
   */
  fanout(seq: number, options?: ChangesOptions): Fanout;

  /**
   * The Prometheus text exposition (format 0.0.4) of the engine's counts and
   * of one room's (`roomId`) or every room's coordination metrics: serve it
   * as `text/plain; version=0.0.4`.
   * @throws {NotFoundError} no such room.
   */
  prometheus(options?: PrometheusOptions): string;

  /**
   * A new file descriptor that becomes readable when events are published,
   * for native event loops: one per consumer, since reading it consumes the
   * wake-up (drain it, then read the events). Owned by the engine: give it
   * back with {@link Engine.releaseEventFd}; {@link Engine.close} releases
   * every one this handle opened. Node applications use the events instead.
   * @throws {UnsupportedError} on platforms without eventfd or pipes.
   */
  eventFd(): number;

  /**
   * Closes a descriptor from {@link Engine.eventFd}.
   * @throws {InvalidArgumentError} not a descriptor this handle opened (or already released).
   */
  releaseEventFd(fd: number): void;

  /** Event delivery keeps the process alive while listeners exist (the default). */
  ref(): this;

  /** Event delivery no longer keeps the process alive (like a timer's unref()). */
  unref(): this;

  /**
   * A {@link Reader}: the redacted view of the whole engine (no `roomId`) or
   * of one room, for what a server sends to its clients. The room need not
   * exist yet: reads throw {@link NotFoundError} until it does. The reader
   * keeps this engine from being garbage-collected; {@link Engine.close}
   * closes it too.
   * @throws {InvalidArgumentError} an empty or malformed `roomId`.
   */
  reader(roomId?: string): Reader;

  /**
   * Cluster mode: takes the records of this node's sessions changed since the
   * last call, oldest first, for a transport to carry to the other nodes. A
   * record naming another node says a session of this node moved there: drop
   * it from this node's mirror.
   * @throws {TooFarBehindError} the outbox overflowed and was emptied: send
   *         every record again ({@link Engine.exportReplicas}).
   */
  takeReplicas(options?: TakeReplicasOptions): Replica[];

  /** Cluster mode: a page of records of every live session this node owns (to mirror it whole). */
  exportReplicas(options?: ExportReplicasOptions): ReplicaPage;

  /**
   * Cluster mode: applies other nodes' records (this node's own are ignored):
   * their sessions appear here as remote sessions whose state is their owner's.
   * @throws {InvalidArgumentError} a malformed record (nothing is applied).
   */
  applyReplicas(records: readonly Replica[], options?: TimeOptions): ApplyReplicasResult;

  /**
   * Cluster mode: another node renewed its liveness at `now` (e.g. its
   * liveness key was found). Its sessions stay as replicated until
   * {@link EngineConfig.nodeTimeoutMs} after the last renewal, then age
   * through stale to offline as silent sessions do.
   */
  nodeSeen(nodeId: string, options?: TimeOptions): void;
}

// ---------------------------------------------------------------------------
// Cluster mode: replication records
// ---------------------------------------------------------------------------

/**
 * A replication record: one session as the node that owns it sees it. Made
 * for every change of a session's record (never for heartbeats) and carried
 * to the other nodes by a transport, which apply it ({@link Engine.applyReplicas}).
 * Plain data: serialise it as JSON.
 */
export interface Replica {
  sessionId: string;
  /** The owning user; null for a guest. */
  userId: string | null;
  /** The node that owns the session. */
  nodeId: string;
  /** Decides between records of one session: an older one is ignored (at most 2^32 - 1). */
  version: number;
  state: State;
  reconnecting: boolean;
  visible: boolean;
  connected: boolean;
  /** The session ended on its owner and is gone everywhere. */
  ended: boolean;
  /** Times, ms since the epoch. */
  since: number;
  lastSignalAt: number;
  lastActivityAt: number;
  heartbeatIntervalMs: number;
  /** The session's metadata, or null. */
  meta: string | null;
  /** The rooms it is in. */
  roomIds: string[];
}

/** Options of {@link Engine.takeReplicas}. */
export interface TakeReplicasOptions {
  /** At most this many records (0 or omitted: all). */
  maxRecords?: number;
}

/** Options of {@link Engine.exportReplicas}. */
export interface ExportReplicasOptions extends TimeOptions {
  /** 0 or omitted for the first page, then the page's `cursor`. */
  cursor?: number;
  /** Records per page, 1..100000. Default 1000. */
  limit?: number;
}

/** A page of {@link Engine.exportReplicas}. */
export interface ReplicaPage {
  records: Replica[];
  /** Pass as `cursor` for the next page; 0 after the last page. */
  cursor: number;
}

/** What {@link Engine.applyReplicas} did: each record applies (or fails) alone. */
export interface ApplyReplicasResult {
  /** How many records failed. */
  failed: number;
  /** Each record's status ({@link Status}; see {@link errorForStatus}). */
  statuses: Int32Array;
}

// ---------------------------------------------------------------------------
// Scoped readers
// ---------------------------------------------------------------------------

/**
 * A session as a {@link Reader} shows it: without the truth behind what is
 * shown (`trueState`) and without its transport and node ids (the server's own).
 */
export type ShownSession = Omit<Session, 'trueState' | 'transportId' | 'nodeId'>;

/** A user as a {@link Reader} shows it: without `trueState` and `trueAvailability`. */
export type ShownUser = Omit<User, 'trueState' | 'trueAvailability'>;

/** A page of {@link Reader.listUsers}. */
export interface ShownUserPage {
  /** The users of this page, ordered by user id; invisible users shown offline. */
  users: ShownUser[];
  /** Pass as `cursor` for the next page; null on the last page. */
  cursor: string | null;
  /** The sequence number the page reflects. */
  seq: number;
}

/** {@link Reader.getUser}: the user and its live sessions (in the room, for a room's reader). */
export interface ShownUserDetail {
  /** The user. */
  user: ShownUser;
  /** Its live sessions (a room's reader: those in the room). */
  sessions: ShownSession[];
  /** The sequence number the read reflects. */
  seq: number;
}

/** {@link Reader.snapshot}: the published view as shown, as of `seq`. */
export interface ShownSnapshot {
  /** The sequence number the view reflects: continue with pollEvents(seq). */
  seq: number;
  /** Every user shown not offline (a room's reader: its visible members). */
  users: ShownUser[];
  /** Their sessions shown not offline (a room's reader: those in the room). */
  sessions: ShownSession[];
}

/**
 * A read-only, redacted view of an {@link Engine}, of the whole engine or of
 * one room ({@link Engine.reader}): what a server may send to browsers.
 * Results never carry the truth behind what is shown: invisible users are
 * shown offline (and a room's reader does not show them at all), counts of
 * invisible users and sessions are 0, and records have no `true*` fields.
 *
 * Closing the reader, or the engine it reads, makes every later call throw
 * {@link ClosedError}. Disposable: `using reader = engine.reader('room')`.
 */
export declare class Reader implements Disposable {
  /** Readers are made by {@link Engine.reader}. */
  private constructor(engine: Engine, handle: unknown, roomId: string | null);
  /** The room this reader is scoped to; null for the whole engine. */
  readonly roomId: string | null;
  /** The engine it reads. */
  readonly engine: Engine;
  /** True after {@link Reader.close}, or once its engine was closed. */
  readonly closed: boolean;
  /** Releases the reader. Idempotent. */
  close(): void;
  /** The same as {@link Reader.close}. */
  [Symbol.dispose](): void;
  /**
   * The whole engine's counts (invisible counts 0), or a room's: its visible
   * members as `users`, their sessions in the room as `sessions`.
   * @throws {NotFoundError} a room's reader, before the room exists.
   */
  counts(options?: TimeOptions): Counts;
  /**
   * A page of users, as {@link Engine.listUsers} but redacted.
   * @throws {InvalidArgumentError} on a room's reader: use {@link Reader.listMembers}.
   */
  listUsers(options?: ListUsersOptions): ShownUserPage;
  /** Every user, page after page ({@link Reader.listUsers}). */
  users(options?: ListUsersOptions): Generator<ShownUser, void, undefined>;
  /**
   * A page of the room's visible members, as {@link Engine.listMembers}.
   * @throws {InvalidArgumentError} on a reader of the whole engine: use {@link Reader.listUsers}.
   * @throws {NotFoundError} before the room exists.
   */
  listMembers(options?: ListUsersOptions): MemberPage;
  /** Every member, page after page ({@link Reader.listMembers}). */
  members(options?: ListUsersOptions): Generator<Member, void, undefined>;
  /**
   * One user and its sessions; a room's reader: only a visible member, with
   * its sessions in the room.
   * @throws {NotFoundError} unknown user, not a (visible) member, or no such room.
   */
  getUser(userId: string, options?: TimeOptions): ShownUserDetail;
  /** The published view, redacted; a room's: its visible members and their sessions in it. */
  snapshot(options?: TimeOptions): ShownSnapshot;
  /**
   * Events with seq > afterSeq (at most `max`; 0 or omitted: all), oldest
   * first; a room's reader keeps those about the room or its visible
   * members. The result's `seq` is the last event considered: continue
   * from it whether or not events were kept.
   * @throws {TooFarBehindError} those events were dropped: snapshot again.
   */
  pollEvents(afterSeq: number, max?: number): Changes;
}

// ---------------------------------------------------------------------------
// Library information
// ---------------------------------------------------------------------------

/** Versions of the loaded native library and of the binding's interfaces. */
export interface Versions {
  /** The C library's version, e.g. "0.1.0". */
  version: string;
  /** major * 10000 + minor * 100 + patch. */
  versionNumber: number;
  /** The C library's ABI version. */
  abiVersion: number;
  /** The ABI version the binding was compiled against (equal to abiVersion). */
  headerAbiVersion: number;
  /** The Node-API version the addon targets. */
  napiVersion: number;
}

/** Versions of the loaded native library. */
export declare function versions(): Versions;

// ---------------------------------------------------------------------------
// Socket.IO adapter
// ---------------------------------------------------------------------------

/** The part of a Socket.IO server socket the adapter uses. */
export interface PresenceSocket {
  readonly id: string;
  on(event: string, listener: (...args: any[]) => void): unknown;
  off(event: string, listener: (...args: any[]) => void): unknown;
  emit(event: string, ...args: any[]): unknown;
  join(room: string): unknown;
  leave(room: string): unknown;
}

/** Where a namespace broadcasts: its sockets in a room, maybe but some. */
export interface PresenceBroadcast {
  emit(event: string, ...args: any[]): unknown;
  except(socketIds: string[]): { emit(event: string, ...args: any[]): unknown };
}

/** The part of a Socket.IO namespace the adapter uses. */
export interface PresenceNamespace {
  on(event: 'connection', listener: (socket: any) => void): unknown;
  off(event: 'connection', listener: (socket: any) => void): unknown;
  to(room: string): PresenceBroadcast;
}

/** A Socket.IO server (its namespaces are found with `of()`), or one namespace. */
export type PresenceServer = PresenceNamespace & { of?(name: string): PresenceNamespace };

/**
 * What a socket hears, decided at `presence:hello`:
 * - `'all'`: every user's and session's changes (the reference contract: a
 *   who's-online page), plus the coordination of its interests;
 * - `'interests'`: only what it is interested in: its own user, the users
 *   it watches and the members of its rooms, and their coordination;
 * - `'none'`: no snapshot and no diffs (e.g. a bot that only beats).
 */
export type PresenceScope = 'all' | 'interests' | 'none';

/** Client -> server `presence:hello`. */
export interface HelloMessage {
  /** The application's stable id for this tab or app instance (not socket.id). */
  sessionId: string;
  /** The user the client claims to be (see AttachPresenceOptions.authenticate). */
  userId?: string;
  /** Alternative to userId, as in the reference pattern. */
  handle?: string;
  /** Small metadata (device kind, ...): stored as JSON text. */
  sessionMeta?: unknown;
  /**
   * The `resumeToken` of an earlier hello's ack, to continue the session on
   * a new connection (see {@link AttachPresenceOptions.requireResumeToken}).
   * Keep it where the session id is kept (e.g. sessionStorage).
   */
  resumeToken?: string;
}

/** Client -> server `presence:heartbeat`. */
export interface HeartbeatMessage {
  /** The session said hello with; may be omitted. */
  sessionId?: string;
  /** Whether the client saw interaction since its last heartbeat. */
  activity?: Activity;
  /** The document's visibility. */
  visibility?: Visibility;
}

/** Client -> server `presence:activity` and `presence:leave`. */
export interface SessionMessage {
  /** The session said hello with; may be omitted. */
  sessionId?: string;
}

/** Client -> server `presence:visibility`. */
export interface VisibilityMessage extends SessionMessage {
  /** The document's visibility now. */
  visibility: Visibility;
}

/** Client -> server `presence:join` and `presence:leave-room`. */
export interface RoomMessage {
  /** The room to join or leave. */
  roomId: string;
}

/** Client -> server `presence:subscribe` and `presence:unsubscribe`: users and rooms to watch (or stop watching) without joining. */
export interface SubscribeMessage {
  /** User ids. */
  users?: string[];
  /** Room ids. */
  rooms?: string[];
}

/** Client -> server `presence:availability`. */
export interface AvailabilityMessage {
  /** The availability the socket's user declares. */
  availability: Availability;
}

/** Client -> server `presence:intent`: "call when ready", to a user or a room. */
export interface IntentMessage {
  /** The user to call (give this or `roomId`). */
  userId?: string;
  /** The room to call (give this or `userId`). */
  roomId?: string;
  /** Application-defined. Default `'call'`. */
  kind?: string;
  /** Time to live in ms. Default {@link AttachPresenceOptions.intentTtlMs}. */
  ttlMs?: number;
}

/** Client -> server `presence:cancel-intent`. */
export interface CancelIntentMessage {
  /** An intent this socket's user (or guest session) opened. */
  intentId: string;
}

/**
 * An acknowledgement: `ok` and the message's result, or why it was refused:
 * `code` is a {@link PresenceError} code, or `'PE_REFUSED'` when
 * `authenticate` or `authorize` refused.
 */
export type PresenceAck<Result = {}> =
  | ({ ok: true } & Result)
  | { ok: false; error: { code: ErrorCode | 'PE_REFUSED'; message: string } };

/** The ack of `presence:hello`. */
export type HelloAck = PresenceAck<{
  /** The heartbeat interval the server wants, in ms. */
  heartbeatIntervalMs: number;
  /** true: the session continued (a reconnect inside the grace window: rooms kept). */
  continued: boolean;
  /**
   * The session's resume token: present it in {@link HelloMessage.resumeToken}
   * to continue the session on another connection. Only this client gets it.
   */
  resumeToken: string;
}>;

/** The ack of `presence:heartbeat`. */
export type HeartbeatAck = PresenceAck<{
  /** The next heartbeat interval the server wants, in ms. */
  heartbeatIntervalMs: number;
}>;

/** The ack of `presence:join` and `presence:subscribe`: the baseline of what is now heard. */
export type ViewAck = PresenceAck<{
  /** Merge it into the view as a snapshot's parts; later diffs apply on top. */
  view: WireView;
}>;

/** The ack of `presence:intent`. */
export type IntentAck = PresenceAck<{
  /** The intent's id (for `presence:cancel-intent`), also its key in `intents`. */
  intentId: string;
  /** The intent: `'pending'`, or `'ready'` if the target was ready already. */
  intent: WireIntent;
}>;

/** A user on the wire. */
export interface WireUser {
  /** The user's published state. */
  status: State;
  /** In [0, 1]. */
  confidence: number;
  /** Alive sessions. */
  sessionCount: number;
  /** The latest signal of any of its sessions (ms since the epoch). */
  lastSeenAt: number;
  /** Declared availability, as shown (a diff's `availability` updates it). */
  availability: ShownAvailability;
}

/** A session on the wire (`lastHeartbeatAt` in snapshots only). */
export interface WireSession {
  /** The session's published state. */
  status: State;
  /** Its user; null for a guest. */
  userId: string | null;
  /** Its latest signal (ms since the epoch). */
  lastHeartbeatAt?: number;
}

/** A room on the wire: the {@link Room} record without its id (its key). */
export type WireRoom = Omit<Room, 'roomId'>;

/**
 * A member of a room on the wire. Members' later state changes arrive as
 * their users' changes in `users` (room subscribers hear them).
 */
export interface WireMember {
  /** Not offline: a member; `'offline'`: it left the room. */
  status: State;
  /** A guest session (its key is the session id). */
  guest: boolean;
  /** Declared availability, as shown. */
  availability: ShownAvailability;
  /** When it joined; absent once it left. */
  joinedAt?: number;
}

/** An intent on the wire. */
export interface WireIntent {
  /** The caller: a user id, or a guest's session id. */
  fromId: string;
  /** What is called. */
  targetKind: TargetKind;
  /** The user or room id. */
  targetId: string;
  /** Application-defined, e.g. `'call'`. */
  kind: string;
  /** `'pending'` until the target is ready (`'ready'`), the TTL passes or it is cancelled. */
  state: IntentState;
  /** While pending: when it expires. */
  expiresAt?: number;
}

/** A user's readiness on the wire. */
export interface WireReadiness {
  /** Ready now (with hysteresis). */
  ready: boolean;
  /** The score, in [0, 1]. */
  readiness: number;
}

/**
 * What a socket hears about its interests, beside users and sessions; the
 * coordination fields of snapshots, diffs and acks. Every entry is absolute
 * (replace it whole).
 */
export interface WireCoordination {
  /** Its rooms (joined or watched), by room id. */
  rooms?: Record<string, WireRoom>;
  /** Members of its rooms that are not count-only, by room id then member id. */
  members?: Record<string, Record<string, WireMember>>;
  /** Intents it made, and to its user, the users it watches and its rooms, by intent id. */
  intents?: Record<string, WireIntent>;
  /** Readiness of its own user and the users it watches, by user id. */
  readiness?: Record<string, WireReadiness>;
}

/** The baseline of some interests, in the ack of `presence:join` and `presence:subscribe`. */
export interface WireView extends WireCoordination {
  /** The sequence number the view reflects. */
  seq: number;
  /** Scope `'interests'`: the users it now hears (watched users, the room's members). */
  users?: Record<string, WireUser>;
  /** Scope `'interests'`: the live sessions of the users it watches. */
  sessions?: Record<string, WireSession>;
}

/** Server -> client `presence:snapshot`: replaces the view. */
export interface WireSnapshot extends WireCoordination {
  /** The sequence number the snapshot reflects. */
  seq: number;
  /** By user id: every published user (scope `'all'`), or those the socket hears. */
  users: Record<string, WireUser>;
  /** By session id: every published session (scope `'all'`), or those the socket hears. */
  sessions: Record<string, WireSession>;
}

/** Server -> client `presence:diff`: only what changed, latest entry per key. */
export interface WireDiff extends WireCoordination {
  /** The seq of the newest event read for this diff. */
  seq: number;
  /** Users that changed, by user id. */
  users: Record<string, WireUser>;
  /** Sessions that changed, by session id. */
  sessions: Record<string, WireSession>;
  /** Users whose declared availability alone changed: set `users[id].availability`. */
  availability?: Record<string, ShownAvailability>;
}

/** Messages a client sends (for `socket.io-client`'s typed `Socket<ServerToClient, ClientToServer>`). */
export interface PresenceClientToServerEvents {
  'presence:hello': (hello: HelloMessage, ack?: (ack: HelloAck) => void) => void;
  'presence:heartbeat': (beat: HeartbeatMessage, ack?: (ack: HeartbeatAck) => void) => void;
  'presence:activity': (message?: SessionMessage, ack?: (ack: PresenceAck) => void) => void;
  'presence:visibility': (message: VisibilityMessage, ack?: (ack: PresenceAck) => void) => void;
  'presence:leave': (message?: SessionMessage, ack?: (ack: PresenceAck) => void) => void;
  'presence:join': (message: RoomMessage, ack?: (ack: ViewAck) => void) => void;
  'presence:leave-room': (message: RoomMessage, ack?: (ack: PresenceAck) => void) => void;
  'presence:subscribe': (message: SubscribeMessage, ack?: (ack: ViewAck) => void) => void;
  'presence:unsubscribe': (message: SubscribeMessage, ack?: (ack: PresenceAck) => void) => void;
  'presence:availability': (message: AvailabilityMessage, ack?: (ack: PresenceAck) => void) => void;
  'presence:intent': (message: IntentMessage, ack?: (ack: IntentAck) => void) => void;
  'presence:cancel-intent': (
    message: CancelIntentMessage,
    ack?: (ack: PresenceAck) => void,
  ) => void;
}

/** Messages the server sends. */
export interface PresenceServerToClientEvents {
  'presence:snapshot': (snapshot: WireSnapshot) => void;
  'presence:diff': (diff: WireDiff) => void;
}

/** What a socket asks that {@link AttachPresenceOptions.authorize} may refuse. */
export type PresenceRequest =
  | { action: 'join'; roomId: string }
  | { action: 'watch-room'; roomId: string }
  | { action: 'watch-user'; userId: string }
  | { action: 'availability'; availability: Availability }
  | { action: 'intent'; targetKind: TargetKind; targetId: string; kind: string };

/** Options of {@link attachPresence}. */
export interface AttachPresenceOptions {
  /** The namespace when a server is given. Default '/'. */
  namespace?: string;
  /** The Socket.IO room of the sockets of scope `'all'`. Default 'presence'. */
  room?: string;
  /** Events within this window are merged into one diff. Default 50 ms. */
  diffIntervalMs?: number;
  /**
   * Decides the user of a hello; return null or undefined for a guest, throw
   * to refuse. Default: `hello.userId ?? hello.handle` — trust the client,
   * so production apps should derive it from an authenticated handshake.
   */
  authenticate?: (socket: any, hello: HelloMessage) => string | null | undefined;
  /** What a socket hears (see {@link PresenceScope}), for all of them or decided per hello. Default `'all'`. */
  scope?: PresenceScope | ((socket: any, hello: HelloMessage) => PresenceScope);
  /**
   * Whether a socket may join a room, watch a user or room, declare an
   * availability or open an intent; return false or throw to refuse (the
   * ack says `PE_REFUSED`). Default: everything is allowed.
   */
  authorize?: (socket: any, request: PresenceRequest) => boolean | void;
  /** Users and rooms one session may watch (`presence:subscribe`). Default 64. */
  maxInterests?: number;
  /** The TTL of an intent that does not name one. Default 60000 ms. */
  intentTtlMs?: number;
  /**
   * A hello continuing a live session that another connection carries or
   * carried (a reconnect, a duplicated tab) must present the session's
   * resume token, which only the session's client got in its hello ack;
   * otherwise the ack fails with `PE_DENIED`. A session id alone, which
   * every snapshot shows, then cannot take a session over. The same socket
   * saying hello again, and a session that ended, need no token. Turn it off
   * only for clients that cannot keep the token. Default true.
   */
  requireResumeToken?: boolean;
}

/** Options of {@link whosOnline}. */
export interface WhosOnlineOptions {
  /** Include every room, by room id. Default false. */
  rooms?: boolean;
}

/** What {@link attachPresence} returns. */
export interface PresenceAttachment {
  /**
   * Stops handling sockets and sending diffs, and drops the adapter's
   * subscriptions. Sessions and their rooms stay in the engine.
   */
  close(): void;
  /** {@link whosOnline} of the attached engine: the body of `GET /api/whos-online`. */
  whosOnline(options?: WhosOnlineOptions): WhosOnline;
  /**
   * The attached engine's {@link Engine.prometheus} text: the body of
   * `GET /metrics` (serve it as {@link PROMETHEUS_CONTENT_TYPE}).
   */
  metrics(options?: PrometheusOptions): string;
}

/**
 * Speaks the reference wire contract on a Socket.IO server, with
 * coordination: `presence:hello`, `presence:heartbeat` (acked with the next
 * interval), `presence:activity`, `presence:visibility`, `presence:leave`;
 * `presence:join`, `presence:leave-room`, `presence:subscribe`,
 * `presence:unsubscribe`, `presence:availability`, `presence:intent`,
 * `presence:cancel-intent`. Answers hello with `presence:snapshot` and sends
 * debounced `presence:diff`s: everyone's presence to sockets of scope
 * `'all'`, and to each socket what it is interested in, through the
 * engine's interest-based fan-out. A socket's disconnect is a transport
 * disconnect, not an exit: a reconnect within the grace window continues
 * the session, its rooms and its subscriptions, without a leave and a join.
 */
export declare function attachPresence(
  io: PresenceServer,
  engine: Engine,
  options?: AttachPresenceOptions,
): PresenceAttachment;

/** The body of `GET /api/whos-online`. */
export interface WhosOnline {
  /** Always true. */
  ok: true;
  /** The engine's time of the report (ms since the epoch). */
  generatedAt: number;
  /** Live counts by state. */
  counts: Counts;
  /** The published users, by user id. */
  users: Record<string, WireUser>;
  /** The published sessions, by session id. */
  sessions: Record<string, WireSession>;
  /** With `rooms: true`: every room, by room id. */
  rooms?: Record<string, WireRoom>;
}

/** Builds the `GET /api/whos-online` response from an engine's published view. */
export declare function whosOnline(engine: Engine, options?: WhosOnlineOptions): WhosOnline;

/** The Content-Type of the Prometheus text: `text/plain; version=0.0.4; charset=utf-8`. */
export declare const PROMETHEUS_CONTENT_TYPE: string;
