/*
 * Presence Engine — the stable C ABI.
 *
 * Presence as a time-varying signal: sessions (tabs, devices, SDK instances)
 * send signals; the engine derives each session's lifecycle state
 * (active > idle > away > stale > offline) from elapsed time, derives users
 * from their sessions, and publishes debounced transitions as events.
 * The behaviour is specified in PRESENCE_MODEL.md; this header is the only
 * public interface of the native library.
 *
 * ---------------------------------------------------------------------------
 * Conventions
 * ---------------------------------------------------------------------------
 * - Every fallible function returns a pe_status. PE_OK is 0. On any other
 *   value a human-readable message is available from pe_last_error_message()
 *   on the same thread. Status values never change meaning between releases.
 * - Handles first, inputs next, outputs last (named `out` or `out_<name>`).
 *   Output pointers marked "nullable" may be NULL when the caller does not
 *   need the value.
 * - Text is passed as pointer + length in bytes, UTF-8, not NUL-terminated.
 *   Ids must be 1..max_id_bytes bytes of valid UTF-8 (see pe_config).
 * - Time is milliseconds since the Unix epoch (int64_t). Every call that
 *   depends on time takes `now_ms`; pass PE_NOW to use the engine's clock
 *   (the system's real-time clock). Any other value must be in 0..2^53
 *   (PE_INVALID_ARGUMENT otherwise). Time never runs backwards inside an
 *   engine: a `now_ms` older than the latest time seen is treated as the
 *   latest time seen.
 * - Plain-data records that cross the ABI (pe_config, pe_open_params,
 *   pe_counts, pe_event, ...) start with `uint32_t struct_size`. The caller
 *   sets it to sizeof(the struct it was compiled with) — the *_init()
 *   functions do this — so that records can grow at the end without breaking
 *   older callers.
 *
 * ---------------------------------------------------------------------------
 * Ownership
 * ---------------------------------------------------------------------------
 * - Objects returned through `pe_x **out` are owned by the caller and must be
 *   released with the matching pe_x_destroy(), which accepts NULL.
 * - Strings inside records filled by pe_result_*() are borrowed: valid until
 *   the pe_result they came from is destroyed.
 * - Strings returned by pe_last_error_message(), pe_status_name(),
 *   pe_state_name() and pe_version_string() are owned by the library; never
 *   free them.
 * - Input buffers are only read during the call; the engine copies what it
 *   keeps.
 *
 * ---------------------------------------------------------------------------
 * Threading
 * ---------------------------------------------------------------------------
 * - Every pe_engine_* / pe_session_* / pe_transport_* function may be called
 *   concurrently on one engine from any number of threads; calls are
 *   serialised by a lock inside the engine.
 * - pe_engine_close() may race with other calls: calls that start after it
 *   return PE_CLOSED; calls already running finish first.
 * - pe_engine_destroy() must be the last call on an engine: no other thread
 *   may be using it (close first, then destroy once every user is done).
 * - The engine starts no thread of its own unless asked: pe_engine_start_ticker()
 *   runs one that keeps time moving; otherwise call pe_engine_advance().
 * - A pe_result is immutable and independent of its engine; it may be read
 *   from any thread, but not destroyed while another thread reads it.
 * - The error message is thread-local.
 * - The event callback (pe_engine_set_event_callback) runs on the thread whose
 *   call published the events, after the engine's lock was released.
 */
#ifndef PRESENCE_PRESENCE_H
#define PRESENCE_PRESENCE_H

#include <stddef.h>
#include <stdint.h>

/* ===========================================================================
 * Export macros and versions
 * ======================================================================== */

/*
 * PE_API marks every public function. Define PE_STATIC when linking the
 * static library into another shared object (as the language bindings do) so
 * that no symbol of this library is exported from it.
 */
#if defined(PE_STATIC)
#define PE_API
#elif defined(_WIN32)
#if defined(PE_BUILDING_LIBRARY)
#define PE_API __declspec(dllexport)
#else
#define PE_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) || defined(__clang__)
#define PE_API __attribute__((visibility("default")))
#else
#define PE_API
#endif

/** @brief Library version of this header. @since 0.1 */
#define PE_VERSION_MAJOR 0
#define PE_VERSION_MINOR 1
#define PE_VERSION_PATCH 0
/** @brief The same version as a string. @since 0.1 */
#define PE_VERSION_STRING "0.1.0"
/** @brief Version as one number: major * 10000 + minor * 100 + patch. @since 0.1 */
#define PE_VERSION_NUMBER (PE_VERSION_MAJOR * 10000 + PE_VERSION_MINOR * 100 + PE_VERSION_PATCH)
/**
 * @brief ABI version of this header. Bumped only by incompatible changes;
 * equals the shared library's SOVERSION. Bindings compare it with
 * pe_abi_version() when they load. @since 0.1
 */
#define PE_ABI_VERSION 1

/*
 * Enumerations are int-sized. C++ sees them with a fixed underlying type, so
 * that a value a C caller made up is still a valid value to read (and is then
 * rejected with PE_INVALID_ARGUMENT) rather than undefined behaviour.
 */
#if defined(__cplusplus)
#define PE_ENUM_INT : int
#else
#define PE_ENUM_INT
#endif

/** @brief Pass as `now_ms` to use the engine's clock. @since 0.1 */
#define PE_NOW ((int64_t)-1)

#ifdef __cplusplus
extern "C" {
#endif

/* ===========================================================================
 * Status codes and errors
 * ======================================================================== */

/** @brief Result of every fallible call. Values never change. @since 0.1 */
typedef enum pe_status PE_ENUM_INT {
  PE_OK = 0,
  /** A NULL pointer, empty/oversized id, invalid UTF-8, unknown enum value,
   *  negative time or inconsistent configuration. Nothing was changed. */
  PE_INVALID_ARGUMENT = 1,
  /** No live session, user or transport with that id. */
  PE_NOT_FOUND = 2,
  /** The request contradicts the engine's state, e.g. a session id that
   *  belongs to another user. Nothing was changed. */
  PE_CONFLICT = 3,
  /** A configured limit (sessions per user, total sessions, ...) would be
   *  exceeded. Nothing was changed; the rejection is counted in pe_stats. */
  PE_LIMIT_EXCEEDED = 4,
  /** pe_engine_poll_events(): the requested events were dropped from the
   *  event buffer. Take a snapshot and continue from its seq. */
  PE_TOO_FAR_BEHIND = 5,
  /** The engine was closed. */
  PE_CLOSED = 6,
  /** Memory could not be allocated. The engine remains usable. */
  PE_OUT_OF_MEMORY = 7,
  /** The operation is not available on this platform or build. */
  PE_UNSUPPORTED = 8,
  /** An unexpected internal failure; please report it. */
  PE_INTERNAL = 9,
  /** Not permitted: e.g. continuing a session from another transport without
   *  its resume token (require_resume_token). Nothing was changed. */
  PE_DENIED = 10,
  /** A file could not be read or written (pe_engine_save(),
   *  pe_engine_create_from_file()); the message names the file, the step
   *  and the system's reason. @since 0.1 */
  PE_IO_ERROR = 11,
  /** A snapshot file is not one this library can load: foreign, truncated,
   *  damaged or inconsistent; the message says what is wrong. Nothing was
   *  loaded. @since 0.1 */
  PE_CORRUPT = 12
} pe_status;

/**
 * @brief Describes the last failure on the calling thread.
 * @return Message of the most recent call that returned a status other than
 *         PE_OK on this thread; "" if there was none. Owned by the library;
 *         valid until the next failing call on this thread.
 * @threadsafety Thread-local. @since 0.1
 */
PE_API const char* pe_last_error_message(void);

/**
 * @brief Stable, upper-case name of a status ("OK", "INVALID_ARGUMENT", ...).
 * @return Static string; "UNKNOWN" for values this version does not know.
 * @since 0.1
 */
PE_API const char* pe_status_name(pe_status status);

/* ===========================================================================
 * Versions
 * ======================================================================== */

/** @brief Version string of the loaded library, e.g. "0.1.0". Static. @since 0.1 */
PE_API const char* pe_version_string(void);
/** @brief PE_VERSION_NUMBER of the loaded library. @since 0.1 */
PE_API uint32_t pe_version_number(void);
/** @brief PE_ABI_VERSION of the loaded library. @since 0.1 */
PE_API uint32_t pe_abi_version(void);

/* ===========================================================================
 * Enumerations
 * ======================================================================== */

/**
 * @brief Lifecycle state. Numeric order is precedence: a higher value wins
 * when a user's sessions disagree, and "at least idle" means `>= PE_STATE_IDLE`.
 * @since 0.1
 */
typedef enum pe_state PE_ENUM_INT {
  PE_STATE_OFFLINE = 0, /**< expired (no signal for the TTL) or left */
  PE_STATE_STALE = 1,   /**< heartbeats missed or disconnected past the grace window */
  PE_STATE_AWAY = 2,    /**< hidden past the blur tolerance, or no interaction for away_after */
  PE_STATE_IDLE = 3,    /**< alive, no interaction for idle_after */
  PE_STATE_ACTIVE = 4   /**< recent interaction, in the foreground */
} pe_state;

/** @brief Number of lifecycle states. @since 0.1 */
#define PE_STATE_COUNT 5

/** @brief Lower-case name of a state ("active", ...); "unknown" otherwise. @since 0.1 */
PE_API const char* pe_state_name(pe_state state);

/**
 * @brief Confidence bucket: high >= 0.75 > medium >= 0.4 > low.
 *
 * Confidence (0..1) says how sure the engine is that a session is there:
 * 1 while heartbeats arrive on time; falling to 0.5 across the heartbeat
 * grace after a missed one; 0.6 falling to 0.4 across the reconnect grace
 * while reconnecting; at most 0.3 and falling to 0 across the TTL while
 * stale; 0 offline. A user's is that of its best session.
 * @since 0.1
 */
typedef enum pe_confidence PE_ENUM_INT {
  PE_CONFIDENCE_LOW = 0,
  PE_CONFIDENCE_MEDIUM = 1,
  PE_CONFIDENCE_HIGH = 2
} pe_confidence;

/** @brief Client's activity hint carried by a heartbeat. @since 0.1 */
typedef enum pe_activity PE_ENUM_INT {
  PE_ACTIVITY_UNKNOWN = 0, /**< no hint */
  PE_ACTIVITY_ACTIVE = 1,  /**< the client saw interaction since its last heartbeat */
  PE_ACTIVITY_IDLE = 2     /**< the client saw none: the idle timer keeps running */
} pe_activity;

/** @brief Document visibility reported by a client. @since 0.1 */
typedef enum pe_visibility PE_ENUM_INT {
  PE_VISIBILITY_UNKNOWN = 0, /**< no hint: keep the current visibility */
  PE_VISIBILITY_VISIBLE = 1,
  PE_VISIBILITY_HIDDEN = 2
} pe_visibility;

/** @brief The kind of signal that last proved a user was there. @since 0.1 */
typedef enum pe_evidence PE_ENUM_INT {
  PE_EVIDENCE_NONE = 0,
  PE_EVIDENCE_OPEN = 1,
  PE_EVIDENCE_HEARTBEAT = 2,
  PE_EVIDENCE_ACTIVITY = 3,
  PE_EVIDENCE_VISIBILITY = 4,
  PE_EVIDENCE_LEAVE = 5
} pe_evidence;

/** @brief What an event is about. @since 0.1 */
typedef enum pe_event_kind PE_ENUM_INT {
  PE_EVENT_SESSION = 1, /**< a session's published state changed */
  PE_EVENT_USER = 2,    /**< a user's published state changed */
  PE_EVENT_MEMBER = 3,  /**< a user (or guest) joined (old offline) or left (new offline) a room */
  PE_EVENT_READINESS = 4,   /**< a user or room became ready, or stopped being ready */
  PE_EVENT_INTENT = 5,      /**< an intent became ready, expired or was cancelled */
  PE_EVENT_OCCUPANCY = 6,   /**< a count-only room's occupancy, once per interval */
  PE_EVENT_AVAILABILITY = 7 /**< a user's declared availability changed */
} pe_event_kind;

/**
 * @brief Availability a user declares; it overlays the derived state.
 * An invisible user is present to the engine but shown offline to every
 * reader; the truth stays in the `true_*` fields of reads, for the server.
 * @since 0.1
 */
typedef enum pe_availability PE_ENUM_INT {
  PE_AVAILABILITY_AVAILABLE = 0,
  PE_AVAILABILITY_BUSY = 1,
  PE_AVAILABILITY_DO_NOT_DISTURB = 2,
  PE_AVAILABILITY_INVISIBLE = 3
} pe_availability;

/** @brief What readiness, intents and subscriptions are about. @since 0.1 */
typedef enum pe_target_kind PE_ENUM_INT { PE_TARGET_USER = 1, PE_TARGET_ROOM = 2 } pe_target_kind;

/** @brief Where an intent stands. @since 0.1 */
typedef enum pe_intent_state PE_ENUM_INT {
  PE_INTENT_PENDING = 0,
  PE_INTENT_READY = 1,
  PE_INTENT_EXPIRED = 2,
  PE_INTENT_CANCELLED = 3
} pe_intent_state;

/** @brief The call gate's answer: why a call can or cannot be placed now. @since 0.1 */
typedef enum pe_gate_reason PE_ENUM_INT {
  PE_GATE_READY = 0,          /**< go ahead */
  PE_GATE_UNKNOWN = 1,        /**< no such user or room */
  PE_GATE_OFFLINE = 2,        /**< the user is offline (or invisible) */
  PE_GATE_DO_NOT_DISTURB = 3, /**< the user declared do-not-disturb */
  PE_GATE_NOT_READY = 4,      /**< present, but readiness is below the threshold */
  PE_GATE_EMPTY = 5           /**< a room with nobody in it */
} pe_gate_reason;

/* ===========================================================================
 * Configuration
 * ======================================================================== */

/**
 * @brief Engine configuration. Initialise with pe_config_init(), then change
 * fields. All durations are milliseconds. Defaults are given per field.
 *
 * Constraints checked by pe_engine_create() (PE_INVALID_ARGUMENT otherwise):
 * every duration > 0 except debounce (>= 0); idle_after < away_after;
 * heartbeat_active <= heartbeat_idle <= heartbeat_hidden;
 * session_ttl > heartbeat_hidden + heartbeat_grace and
 * session_ttl > reconnect_grace; every duration <= 2^40 ms;
 * 1 <= max_id_bytes <= 1024; 1 <= event_buffer_capacity <= 2^32;
 * readiness weights, factors and thresholds in [0, 1], each pair of weights
 * summing to more than 0; readiness_room_quorum >= 1.
 * @since 0.1
 */
typedef struct pe_config {
  uint32_t struct_size;
  /** No interaction for this long: active -> idle. Default 60000. */
  int64_t idle_after_ms;
  /** No interaction for this long: -> away. Default 300000. */
  int64_t away_after_ms;
  /** Hidden for less than this changes nothing; longer: away. Default 10000. */
  int64_t blur_tolerance_ms;
  /** Heartbeat interval told to an active, visible session. Default 15000. */
  int64_t heartbeat_active_ms;
  /** Interval told to an idle or away, visible session. Default 30000. */
  int64_t heartbeat_idle_ms;
  /** Interval told to a hidden session (browsers throttle its timers). Default 60000. */
  int64_t heartbeat_hidden_ms;
  /** Stale once silent for the told interval plus this. Default 10000. */
  int64_t heartbeat_grace_ms;
  /** After a disconnect, the state is held (reconnecting) this long. Default 30000. */
  int64_t reconnect_grace_ms;
  /** Offline once silent this long; the session then ends. Default 120000. */
  int64_t session_ttl_ms;
  /** Anti-flap: a change to a state is published once it held this long.
   *  Defaults: to active 500, to idle/away/stale/offline 2000. */
  int64_t debounce_active_ms;
  int64_t debounce_idle_ms;
  int64_t debounce_away_ms;
  int64_t debounce_stale_ms;
  int64_t debounce_offline_ms;
  /** How long an offline user's last-seen is kept. Default 86400000 (a day). */
  int64_t last_seen_retention_ms;
  /** At most this many offline users are remembered (oldest forgotten first).
   *  Default 1000000. */
  uint64_t last_seen_max_users;
  /** Published events kept for pe_engine_poll_events(), 1..2^32. Default 65536. */
  uint64_t event_buffer_capacity;
  /** Longest accepted session, user and transport id in bytes. Default 128. */
  uint32_t max_id_bytes;
  /** Largest accepted session metadata in bytes. Default 1024. */
  uint32_t max_meta_bytes;
  /** Live sessions one user may hold, 1..65535. Default 64. */
  uint32_t max_sessions_per_user;
  /** Live sessions in the engine; 0 = unlimited. Default 0. */
  uint64_t max_sessions;

  /* --- Rooms --- */
  /** A member who joined within this is "arriving". Default 60000. */
  int64_t room_arriving_ms;
  /** Half-life of the arrivals/departures EWMA (momentum). Default 300000. */
  int64_t room_momentum_half_life_ms;
  /** Rooms one session may be in; 0 = unlimited. Default 32. */
  uint32_t max_rooms_per_session;
  /** Rooms in the engine; 0 = unlimited. Default 0. */
  uint64_t max_rooms;

  /* --- Readiness: user score = availability factor x (w_state x S + w_recency x R) / (w_state +
   * w_recency), with S the state's score (active 1, idle 0.6, away 0.25, stale and offline 0) and
   * R = 1 - (time since the last interaction / recency window), at least 0. Room score =
   * (w_members x mean member presence + w_density x min(1, active members / quorum)) /
   * (w_members + w_density). Ready at >= ready threshold, not ready below the unready one. */
  /** Default 0.7. */
  double readiness_weight_state;
  /** Default 0.3. */
  double readiness_weight_recency;
  /** Default 300000. */
  int64_t readiness_recency_window_ms;
  /** Availability factor of a busy user (available 1, do-not-disturb and invisible 0). Default 0.5.
   */
  double readiness_busy_factor;
  /** Default 0.5. */
  double readiness_room_weight_members;
  /** Default 0.5. */
  double readiness_room_weight_density;
  /** Active members for full density. Default 2. */
  uint32_t readiness_room_quorum;
  /** Default 0.7. */
  double readiness_ready_threshold;
  /** Default 0.5; must not exceed the ready threshold. */
  double readiness_unready_threshold;

  /* --- Intents --- */
  /** Pending intents one caller may hold; 0 = unlimited. Default 32. */
  uint32_t max_intents_per_caller;
  /** Longest accepted intent TTL. Default 86400000 (a day). */
  int64_t max_intent_ttl_ms;

  /* --- Time --- */
  /** Timer steps a call other than pe_engine_advance() runs to catch up with
   *  its `now`; 0 = all of them (the default: every read is exact at `now`).
   *  With a ticker, set it (e.g. 64): a storm of transitions (a million
   *  sessions expiring together) is then worked off by the ticker in slices,
   *  while calls wait for no more than a few steps; a session a call touches
   *  is brought up to date first, and late transitions keep their exact times. */
  uint32_t max_catch_up_steps;

  /* --- Safety --- */
  /** Continuing a live session from another transport (or after its
   *  transport dropped, heartbeats included) must present the session's
   *  resume token (pe_open_info.resume_token); PE_DENIED otherwise. Default 0. */
  int require_resume_token;

  /* --- Cluster mode (see "Cluster mode" below) --- */
  /** This engine's node id: sessions it hosts are replicated under it. NULL/0
   *  (the default) for a standalone engine. Copied by pe_engine_create(). */
  const char* node_id;
  size_t node_id_len;
  /** Another node counts as alive this long after it was last seen
   *  (pe_engine_node_seen() or one of its records). Default 10000. */
  int64_t node_timeout_ms;
  /** Replication records kept for pe_engine_take_replicas(); beyond that the
   *  outbox overflows (PE_TOO_FAR_BEHIND: export again). Default 1000000. */
  uint64_t replication_buffer;
} pe_config;

/**
 * @brief Fills `out` with the defaults and sets out->struct_size.
 * @param[out] out Configuration to initialise; must not be NULL.
 * @since 0.1
 */
PE_API void pe_config_init(pe_config* out);

/* ===========================================================================
 * Engine lifetime
 * ======================================================================== */

/** @brief An in-memory presence engine. Opaque. @since 0.1 */
typedef struct pe_engine pe_engine;

/**
 * @brief Reads back an engine's configuration (node_id is returned as NULL/0).
 * @param[out] out Set out->struct_size first (pe_config_init()).
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_engine_get_config(pe_engine* engine, pe_config* out);

/**
 * @brief Creates an engine.
 * @param[in] config Configuration, or NULL for the defaults. Copied.
 * @param[out] out The new engine. Caller owns; free with pe_engine_destroy().
 * @return PE_OK, PE_INVALID_ARGUMENT (bad configuration; the message names the
 *         field), PE_OUT_OF_MEMORY.
 * @since 0.1
 */
PE_API pe_status pe_engine_create(const pe_config* config, pe_engine** out);

/**
 * @brief Closes the engine: stops its ticker, frees its state; later calls
 * return PE_CLOSED. Idempotent. Safe to call while other threads use the
 * engine, but not from the event callback.
 * @return PE_OK, or PE_INVALID_ARGUMENT if engine is NULL.
 * @since 0.1
 */
PE_API pe_status pe_engine_close(pe_engine* engine);

/**
 * @brief Frees the engine (closing it first if needed). Accepts NULL.
 * No other thread may be using the engine.
 * @since 0.1
 */
PE_API void pe_engine_destroy(pe_engine* engine);

/**
 * @brief The engine's current time: the latest time it has seen.
 * @param[out] out_ms Milliseconds since the epoch.
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_CLOSED.
 * @since 0.1
 */
PE_API pe_status pe_engine_now(pe_engine* engine, int64_t* out_ms);

/* ===========================================================================
 * Persistence: snapshots across restarts
 *
 * A deploy should not mark every user offline. pe_engine_save() writes the
 * engine's whole state to a file; pe_engine_create_from_file() starts a new
 * engine from it. Kept: sessions (with their facts, states and metadata),
 * users (availability, readiness, last seen of remembered offline users),
 * rooms (members, count-only mode, metrics), pending intents, the engine's
 * secrets (resume tokens given before the restart stay valid) and the last
 * event seq. Not kept: the event buffer, fan-out subscriptions and transport
 * ids (connections do not survive a restart).
 *
 * The file holds secrets: it is created readable by its owner only (0600).
 * Its format is versioned; a library refuses a version it does not know.
 * ======================================================================== */

/**
 * @brief Saves a snapshot of the engine to `path`, atomically: the bytes go
 * to a new temporary file in the same directory, which is flushed to disk
 * (fsync), renamed over `path`, and the directory is flushed, so that after
 * a crash at any moment `path` holds the previous snapshot or this one.
 * The engine is locked only while its state is copied, not while the file
 * is written.
 * @param[in] path File to write, UTF-8, not NUL-terminated; its directory
 *         must exist. Replaced if it exists.
 * @param[in] now_ms The engine is brought up to this time first (PE_NOW: its clock).
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_IO_ERROR (the message names the step
 *         and the reason; no temporary file is left behind),
 *         PE_UNSUPPORTED (no POSIX file system, or a cluster node: config
 *         node_id set, whose peers hold its sessions and send them again
 *         when it rejoins), PE_OUT_OF_MEMORY, PE_CLOSED.
 * @threadsafety As every pe_engine_* call; saves to one path may race (the
 *         last rename wins, each file is whole).
 * @since 0.1
 */
PE_API pe_status pe_engine_save(pe_engine* engine, const char* path, size_t path_len,
                                int64_t now_ms);

/**
 * @brief Creates an engine from a snapshot written by pe_engine_save().
 *
 * The restored engine continues where the saved one stopped, then lives
 * through the time it was down as if nobody had called: sessions age from
 * their last signal (stale once their heartbeats are overdue, offline past
 * the TTL, with those transitions published at their exact times). Each
 * session still alive at `now_ms` lost its transport in the restart, so it
 * is disconnected at `now_ms`: inside the reconnect grace window its state
 * holds and a reconnect (pe_session_open() with its resume token when
 * require_resume_token is on) continues it with no event. Event numbering
 * continues after the saved last seq: a consumer that had read every event
 * reads on; one behind it gets PE_TOO_FAR_BEHIND and takes a snapshot.
 *
 * The file is checked whole (envelope, checksum, every record and
 * reference) before the engine is returned: on any error nothing is loaded
 * and *out is NULL.
 * @param[in] config Configuration of the new engine (it may differ from the
 *         saved engine's: thresholds apply from the restore), or NULL for
 *         the defaults. Copied.
 * @param[in] path Snapshot file, UTF-8, not NUL-terminated.
 * @param[in] now_ms Time of the restore (PE_NOW: the engine's clock); an
 *         earlier time than the snapshot's is taken as the snapshot's.
 * @param[out] out The new engine. Caller owns; free with pe_engine_destroy().
 * @return PE_OK, PE_INVALID_ARGUMENT (bad arguments or configuration),
 *         PE_NOT_FOUND (no file at `path`: e.g. a first start),
 *         PE_IO_ERROR, PE_CORRUPT (foreign, truncated, damaged or inconsistent
 *         file; the message says what is wrong), PE_UNSUPPORTED (written by
 *         a newer library in a format this one does not read, no POSIX
 *         file system, or `config` names a node_id: see pe_engine_save()),
 *         PE_OUT_OF_MEMORY.
 * @since 0.1
 */
PE_API pe_status pe_engine_create_from_file(const pe_config* config, const char* path,
                                            size_t path_len, int64_t now_ms, pe_engine** out);

/* ===========================================================================
 * Signals
 *
 * Every signal first brings the engine up to `now_ms` (runs the timers that
 * are due), then applies itself. Errors change nothing.
 * ======================================================================== */

/**
 * @brief Optional parameters of pe_session_open(). Initialise with
 * pe_open_params_init(). @since 0.1
 */
typedef struct pe_open_params {
  uint32_t struct_size;
  /** Owning user; NULL/0 opens a guest session (see pe_session_identify()). */
  const char* user_id;
  size_t user_id_len;
  /** Application metadata (e.g. JSON with device kind); NULL/0 for none.
   *  On a continuation, non-NULL metadata replaces the stored one. */
  const char* meta;
  size_t meta_len;
  /** Transport id to bind (e.g. a socket id); NULL/0 for none. Rebinding a
   *  continued session replaces its previous transport id. */
  const char* transport_id;
  size_t transport_id_len;
  /** Initial visibility; PE_VISIBILITY_UNKNOWN means visible for a new
   *  session and unchanged for a continuation. */
  pe_visibility visibility;
  /** The session's resume token, when continuing it from another transport
   *  (required with require_resume_token); NULL/0 otherwise. */
  const char* resume_token;
  size_t resume_token_len;
} pe_open_params;

/** @brief Fills `out` with "guest, no metadata, no transport". @since 0.1 */
PE_API void pe_open_params_init(pe_open_params* out);

/** @brief Size of pe_open_info.resume_token, NUL included. @since 0.1 */
#define PE_RESUME_TOKEN_SIZE 33

/** @brief What pe_session_open() did. @since 0.1 */
typedef struct pe_open_info {
  uint32_t struct_size;
  /** Non-zero if a live session with this id was continued (a reconnect);
   *  zero if a new session started. */
  int continued;
  /** The heartbeat interval the client should use from now on. */
  int64_t heartbeat_interval_ms;
  /** The session's state after the call. */
  pe_state state;
  /** The session's resume token: 32 lowercase hex characters and a NUL.
   *  Unguessable (a keyed hash of the session id under the engine's secret),
   *  the same for every open of this id; give it only to the session's client. */
  char resume_token[PE_RESUME_TOKEN_SIZE];
} pe_open_info;

/**
 * @brief Opens a session, or continues it if the id is still alive (not
 * offline). A new session counts as activity; a continuation does not: it
 * restores the prior lifecycle state, timers and memberships and clears the
 * reconnecting mark.
 * @param[in] session_id Application-owned, stable across reconnects.
 * @param[in] params Nullable: guest, no metadata, no transport.
 * @param[out] out Nullable. Set out->struct_size before the call.
 * @return PE_OK; PE_INVALID_ARGUMENT (bad id, metadata or enum);
 *         PE_CONFLICT (the live session belongs to another user, or the
 *         transport id is bound to another live session);
 *         PE_DENIED (require_resume_token: continuing from another transport
 *         without the right resume token);
 *         PE_LIMIT_EXCEEDED (sessions per user, total sessions); PE_CLOSED.
 * @since 0.1
 */
PE_API pe_status pe_session_open(pe_engine* engine, const char* session_id, size_t session_id_len,
                                 const pe_open_params* params, int64_t now_ms, pe_open_info* out);

/**
 * @brief Records a heartbeat: liveness, plus the client's optional view of
 * activity and visibility. A heartbeat on a disconnected session means its
 * transport is back (a continuation, not activity).
 * @param[out] out_interval_ms Nullable: the interval the client should wait
 *         before its next heartbeat (adaptive: short when active, longer
 *         when idle, longest when hidden).
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_NOT_FOUND (no live session: open it
 *         again), PE_DENIED (require_resume_token and the session's transport
 *         dropped: open it again with its resume token), PE_CLOSED.
 * @since 0.1
 */
PE_API pe_status pe_session_heartbeat(pe_engine* engine, const char* session_id,
                                      size_t session_id_len, pe_activity activity,
                                      pe_visibility visibility, int64_t now_ms,
                                      int64_t* out_interval_ms);

/** @brief One item of pe_session_heartbeat_batch(). @since 0.1 */
typedef struct pe_heartbeat {
  const char* session_id;
  size_t session_id_len;
  pe_activity activity;
  pe_visibility visibility;
} pe_heartbeat;

/**
 * @brief Applies many heartbeats at one `now_ms` under one lock.
 * Items are independent: a bad item fails alone.
 * @param[in] items Array of `count` heartbeats (may be NULL when count is 0).
 * @param[out] out_statuses Nullable array of `count`: each item's status.
 * @param[out] out_intervals_ms Nullable array of `count`: each item's next
 *         interval (0 for failed items).
 * @param[out] out_failed Nullable: how many items failed.
 * @return PE_OK when the batch ran (even if items failed), PE_INVALID_ARGUMENT
 *         (NULL items with count > 0, bad now), PE_CLOSED.
 * @since 0.1
 */
PE_API pe_status pe_session_heartbeat_batch(pe_engine* engine, const pe_heartbeat* items,
                                            size_t count, int64_t now_ms, pe_status* out_statuses,
                                            int64_t* out_intervals_ms, size_t* out_failed);

/**
 * @brief A sampled human interaction (key, pointer, touch, focus).
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_NOT_FOUND, PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_session_activity(pe_engine* engine, const char* session_id,
                                     size_t session_id_len, int64_t now_ms);

/**
 * @brief The document became visible or hidden. Hidden for less than the blur
 * tolerance changes nothing; a hidden session is told (and granted) the
 * hidden heartbeat interval at once. Becoming visible counts as activity.
 * @return PE_OK, PE_INVALID_ARGUMENT (also for PE_VISIBILITY_UNKNOWN),
 *         PE_NOT_FOUND, PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_session_visibility(pe_engine* engine, const char* session_id,
                                       size_t session_id_len, pe_visibility visibility,
                                       int64_t now_ms);

/**
 * @brief The session's transport dropped. Not an exit: the session keeps its
 * state, marked reconnecting, for the reconnect grace window; then it is
 * stale; offline once silent for the TTL. Idempotent.
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_NOT_FOUND, PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_session_disconnect(pe_engine* engine, const char* session_id,
                                       size_t session_id_len, int64_t now_ms);

/**
 * @brief Disconnects the session bound to a transport id. A transport id that
 * was replaced by a newer one (the client already reconnected) is unknown, so
 * a late close of an old socket cannot disturb the continued session.
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_NOT_FOUND, PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_transport_disconnect(pe_engine* engine, const char* transport_id,
                                         size_t transport_id_len, int64_t now_ms);

/**
 * @brief An explicit exit: the session is offline now.
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_NOT_FOUND, PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_session_leave(pe_engine* engine, const char* session_id, size_t session_id_len,
                                  int64_t now_ms);

/**
 * @brief A guest session becomes a user's, keeping its state and history.
 * Identifying with the user it already has is a no-op.
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_NOT_FOUND, PE_CONFLICT (it already
 *         belongs to another user), PE_LIMIT_EXCEEDED, PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_session_identify(pe_engine* engine, const char* session_id,
                                     size_t session_id_len, const char* user_id, size_t user_id_len,
                                     int64_t now_ms);

/* ===========================================================================
 * Time
 * ======================================================================== */

/**
 * @brief Runs the timers due at or before `now_ms`, in time order, so that
 * transitions reached by the passage of time alone (idle, away, stale,
 * offline) and debounced publications happen. Costs O(due * log n); nothing
 * due costs O(1).
 * @param[in] max_steps Upper bound on timer steps to run (0 = all due), so an
 *         event loop can bound its pause; the engine's time only reaches
 *         `now_ms` once nothing due is left.
 * @param[out] out_more Nullable: non-zero if due timers remain.
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_engine_advance(pe_engine* engine, int64_t now_ms, size_t max_steps,
                                   int* out_more);

/**
 * @brief When the next timer is due, so an event loop can sleep until then.
 * @param[out] out_ms Milliseconds since the epoch; INT64_MAX if none.
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_engine_next_deadline(pe_engine* engine, int64_t* out_ms);

/**
 * @brief Starts a background thread that keeps the engine current on its own
 * clock: every `period_ms` it runs the due timers (pe_engine_advance with
 * PE_NOW), in slices of at most 256 steps so that other callers never wait
 * long for the lock. Events it publishes reach the event callback on that
 * thread, and the event fd. Replaces a running ticker.
 * @param[in] period_ms 1..60000.
 * @return PE_OK, PE_INVALID_ARGUMENT (also when called on the ticker's own
 *         thread, i.e. from the event callback it runs), PE_OUT_OF_MEMORY (no
 *         thread), PE_CLOSED.
 * @since 0.1
 */
PE_API pe_status pe_engine_start_ticker(pe_engine* engine, int64_t period_ms);

/**
 * @brief Stops the ticker and waits for its thread to end (PE_OK if none ran).
 * Must not be called from the event callback. pe_engine_close() stops it too.
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_CLOSED (the ticker is stopped anyway). @since 0.1
 */
PE_API pe_status pe_engine_stop_ticker(pe_engine* engine);

/* ===========================================================================
 * Reads: who's online
 * ======================================================================== */

/**
 * @brief Live counts, maintained incrementally (O(1)); always equal to a
 * recount of the sessions. "Alive" means not offline (stale included).
 * @since 0.1
 */
typedef struct pe_counts {
  uint32_t struct_size;
  uint64_t sessions_active;
  uint64_t sessions_idle;
  uint64_t sessions_away;
  uint64_t sessions_stale;
  /** Sessions inside their reconnect grace window (any state). */
  uint64_t sessions_reconnecting;
  /** Concurrency: alive sessions now (users' and guests'). */
  uint64_t sessions_alive;
  /** Alive sessions that belong to no user yet. */
  uint64_t guest_sessions;
  uint64_t users_active;
  uint64_t users_idle;
  uint64_t users_away;
  uint64_t users_stale;
  /** Offline users whose last-seen is still remembered. */
  uint64_t users_offline;
  /** Concurrency: users with at least one alive session. */
  uint64_t users_alive;
  /** Alive but invisible users (shown offline, counted above as offline). */
  uint64_t users_invisible;
  /** Alive sessions of invisible users (not in the session counts above). */
  uint64_t sessions_invisible;
  /** Rooms in the engine. */
  uint64_t rooms;
} pe_counts;

/** @brief Sets out->struct_size and zeroes the rest. @since 0.1 */
PE_API void pe_counts_init(pe_counts* out);

/**
 * @brief Counts at `now_ms`.
 * @param[out] out Set out->struct_size first (pe_counts_init()).
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_engine_counts(pe_engine* engine, int64_t now_ms, pe_counts* out);

/**
 * @brief Totals, kept apart from concurrency: distinct users seen (any
 * signal) within the last `window_ms`, online or not. Offline users count
 * while their last-seen is remembered (last_seen_retention_ms).
 * @param[out] out_users The number of distinct users.
 * @return PE_OK, PE_INVALID_ARGUMENT (window_ms < 0), PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_engine_count_seen(pe_engine* engine, int64_t window_ms, int64_t now_ms,
                                      uint64_t* out_users);

/** @brief A result set: users, sessions or events from one read. Opaque. @since 0.1 */
typedef struct pe_result pe_result;

/**
 * @brief A page of users at least `min_state`, ordered by user id, with
 * state, last seen, session count, confidence and since. Pass the result's
 * cursor (pe_result_cursor()) to get the next page; the order is stable
 * while users come and go.
 * @param[in] min_state PE_STATE_OFFLINE includes remembered offline users.
 * @param[in] cursor Nullable/empty for the first page.
 * @param[in] limit Page size, 1..10000.
 * @param[out] out Caller owns; free with pe_result_destroy(). Its cursor is
 *         empty on the last page.
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_engine_list_users(pe_engine* engine, pe_state min_state, const char* cursor,
                                      size_t cursor_len, size_t limit, int64_t now_ms,
                                      pe_result** out);

/**
 * @brief One user (live or remembered offline) with its live sessions.
 * @param[out] out One user and its sessions. Caller owns; pe_result_destroy().
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_NOT_FOUND, PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_engine_get_user(pe_engine* engine, const char* user_id, size_t user_id_len,
                                    int64_t now_ms, pe_result** out);

/**
 * @brief One live session.
 * @param[out] out One session. Caller owns; pe_result_destroy().
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_NOT_FOUND, PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_engine_get_session(pe_engine* engine, const char* session_id,
                                       size_t session_id_len, int64_t now_ms, pe_result** out);

/* ===========================================================================
 * Events: snapshot + diff
 * ======================================================================== */

/**
 * @brief The published view: every session and user whose published state is
 * not offline, with the sequence number it reflects (pe_result_seq()).
 * Continue with pe_engine_poll_events(seq).
 * @param[out] out Caller owns; pe_result_destroy().
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_engine_snapshot(pe_engine* engine, int64_t now_ms, pe_result** out);

/**
 * @brief Reads published events with seq > after_seq, oldest first. Events
 * are kept (not consumed), so each consumer keeps its own cursor: the
 * result's pe_result_seq() is the seq of the last event returned (after_seq
 * if none). Does not advance time: call pe_engine_advance() for that.
 * @param[in] max_events At most this many (0 = all available).
 * @param[out] out Caller owns; pe_result_destroy().
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_TOO_FAR_BEHIND (events after
 *         after_seq were dropped: snapshot again), PE_CLOSED.
 * @since 0.1
 */
PE_API pe_status pe_engine_poll_events(pe_engine* engine, uint64_t after_seq, size_t max_events,
                                       pe_result** out);

/**
 * @brief Called after a call published events.
 * @param payload The pointer given at registration.
 * @param last_seq Seq of the newest published event.
 * Runs on the publishing thread after the engine lock was released; it may
 * call the engine. Keep it short (wake a loop, signal a condition).
 * @since 0.1
 */
typedef void (*pe_event_callback)(void* payload, uint64_t last_seq);

/**
 * @brief Registers (or, with NULL, removes) the event callback. When this
 * returns, the previous callback is no longer running and will not be called
 * again, so its payload may be freed (called from inside the callback itself,
 * it cannot wait for that very call: the rest still holds).
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_engine_set_event_callback(pe_engine* engine, pe_event_callback callback,
                                              void* payload);

/**
 * @brief Opens a file descriptor that becomes readable when events are
 * published, for poll/epoll/kqueue-based loops. Each call opens a new one:
 * one per consumer, since reading consumes the wake-up. Drain it (read 8-byte
 * values until it would block) to re-arm, then poll the events. Owned by the
 * engine: release it with pe_engine_release_event_fd(); pe_engine_close()
 * closes every one left.
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_UNSUPPORTED (no eventfd/pipe on this
 *         platform), PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_engine_event_fd(pe_engine* engine, int* out_fd);

/**
 * @brief Closes a descriptor from pe_engine_event_fd().
 * @return PE_OK, PE_INVALID_ARGUMENT (not one of this engine's), PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_engine_release_event_fd(pe_engine* engine, int fd);

/* ===========================================================================
 * Result sets
 * ======================================================================== */

/** @brief A session as read at a point in time. @since 0.1 */
typedef struct pe_session_info {
  uint32_t struct_size;
  const char* session_id; /**< borrowed */
  size_t session_id_len;
  const char* user_id; /**< borrowed; NULL for a guest */
  size_t user_id_len;
  pe_state state;
  /** Inside the reconnect grace window (state held). */
  int reconnecting;
  int visible;
  int connected;
  double confidence;
  pe_confidence confidence_bucket;
  int64_t last_signal_at_ms;
  int64_t last_activity_at_ms;
  /** When the session entered `state`. */
  int64_t since_ms;
  /** The heartbeat interval it was last told. */
  int64_t heartbeat_interval_ms;
  const char* meta; /**< borrowed; NULL if none */
  size_t meta_len;
  const char* transport_id; /**< borrowed; NULL if none */
  size_t transport_id_len;
  /** Replication: the node that owns the session (0 = this engine). */
  uint32_t origin_node;
  /** Replication: incremented by every change of the session's record. */
  uint64_t version;
  /** For the server's own use: the state behind `state` (an invisible user's
   *  sessions are shown offline). Never forward it to other readers. */
  pe_state true_state;
  /** Cluster mode: the node that owns the session (this engine's own node id
   *  for local sessions; empty when standalone). Borrowed. */
  const char* node_id;
  size_t node_id_len;
} pe_session_info;

/** @brief A user as read at a point in time. @since 0.1 */
typedef struct pe_user_info {
  uint32_t struct_size;
  const char* user_id; /**< borrowed */
  size_t user_id_len;
  pe_state state;
  /** When the user entered `state`. */
  int64_t since_ms;
  /** Latest signal of any of its sessions. */
  int64_t last_seen_at_ms;
  /** Kind of that latest signal. */
  pe_evidence last_evidence;
  /** Alive sessions. */
  uint32_t session_count;
  double confidence;
  pe_confidence confidence_bucket;
  /** Declared availability as shown (never PE_AVAILABILITY_INVISIBLE). */
  pe_availability availability;
  /** For the server's own use, never for other readers: the truth. */
  pe_state true_state;
  pe_availability true_availability;
  /** Readiness score now, and whether the user counts as ready (hysteresis). */
  double readiness;
  int ready;
} pe_user_info;

/** @brief A published change. @since 0.1 */
typedef struct pe_event {
  uint32_t struct_size;
  uint64_t seq;
  pe_event_kind kind;
  /** When the change happened (the debounce delays only its publication). */
  int64_t at_ms;
  /** When it was published. */
  int64_t published_at_ms;
  /** Borrowed. What the event is about: the session id (PE_EVENT_SESSION);
   *  the user id (PE_EVENT_USER, PE_EVENT_AVAILABILITY); the member's user id,
   *  or a guest's session id (PE_EVENT_MEMBER); the user or room id
   *  (PE_EVENT_READINESS); the room id (PE_EVENT_OCCUPANCY); the intent id
   *  (PE_EVENT_INTENT). */
  const char* id;
  size_t id_len;
  /** The owning user of a session event (NULL for a guest); NULL for user events. Borrowed. */
  const char* user_id;
  size_t user_id_len;
  pe_state old_state;
  pe_state new_state;
  /** User events: alive sessions at publication. 0 for session events. */
  uint32_t session_count;
  /** Confidence at publication. */
  double confidence;
  pe_confidence confidence_bucket;
  /** Latest signal of the session, or of the user's sessions. */
  int64_t last_seen_at_ms;
  /** Member, room readiness, occupancy and room-intent events: the room. Borrowed; NULL otherwise.
   */
  const char* room_id;
  size_t room_id_len;
  /** Member events: the member is a guest session (id is its session id). */
  int guest;
  /** Readiness and intent events: what the target is. */
  pe_target_kind target_kind;
  /** Readiness events: 1 became ready, 0 stopped being ready. */
  int ready;
  /** Readiness and occupancy events: the score at publication. */
  double readiness;
  /** Intent events (borrowed): the intent, its kind, its caller and its target. */
  const char* intent_id;
  size_t intent_id_len;
  const char* intent_kind;
  size_t intent_kind_len;
  const char* from_id;
  size_t from_id_len;
  const char* target_id;
  size_t target_id_len;
  pe_intent_state intent_state;
  /** User, member and availability events: the declared availability, as shown. */
  pe_availability availability;
  /** Occupancy events: the room's visible members and sessions by state. */
  uint32_t room_members_active;
  uint32_t room_members_idle;
  uint32_t room_members_away;
  uint32_t room_members_stale;
  uint32_t room_sessions_active;
  uint32_t room_sessions_idle;
  uint32_t room_sessions_away;
  uint32_t room_sessions_stale;
} pe_event;

/** @brief Sequence number a result reflects (see the read that made it). @since 0.1 */
PE_API uint64_t pe_result_seq(const pe_result* result);

/**
 * @brief Cursor for the next page of a list; empty (len 0) on the last page.
 * @param[out] out Borrowed; valid until the result is destroyed.
 * @param[out] out_len Length in bytes.
 * @return PE_OK, PE_INVALID_ARGUMENT. @since 0.1
 */
PE_API pe_status pe_result_cursor(const pe_result* result, const char** out, size_t* out_len);

/** @brief Number of users in a result (0 for NULL). @since 0.1 */
PE_API size_t pe_result_user_count(const pe_result* result);
/** @brief Number of sessions in a result (0 for NULL). @since 0.1 */
PE_API size_t pe_result_session_count(const pe_result* result);
/** @brief Number of events in a result (0 for NULL). @since 0.1 */
PE_API size_t pe_result_event_count(const pe_result* result);

/**
 * @brief Reads the user at `index`. Set out->struct_size first.
 * @return PE_OK, PE_INVALID_ARGUMENT (NULL or index out of range). @since 0.1
 */
PE_API pe_status pe_result_user(const pe_result* result, size_t index, pe_user_info* out);
/** @brief Reads the session at `index`; as pe_result_user(). @since 0.1 */
PE_API pe_status pe_result_session(const pe_result* result, size_t index, pe_session_info* out);
/** @brief Reads the event at `index`; as pe_result_user(). @since 0.1 */
PE_API pe_status pe_result_event(const pe_result* result, size_t index, pe_event* out);

/** @brief Frees a result. Accepts NULL. @since 0.1 */
PE_API void pe_result_destroy(pe_result* result);

/** @brief Sets struct_size of the record and zeroes the rest. @since 0.1 */
PE_API void pe_session_info_init(pe_session_info* out);
/** @brief Sets struct_size of the record and zeroes the rest. @since 0.1 */
PE_API void pe_user_info_init(pe_user_info* out);
/** @brief Sets struct_size of the record and zeroes the rest. @since 0.1 */
PE_API void pe_event_init(pe_event* out);
/** @brief Sets struct_size of the record and zeroes the rest. @since 0.1 */
PE_API void pe_open_info_init(pe_open_info* out);

/* ===========================================================================
 * Coordination: rooms
 *
 * Rooms are persistent coordination spaces, created when first joined (or
 * configured) and kept until the engine closes. A session may be in many
 * rooms; a user (or a guest session) is a member of a room while any of its
 * sessions is in it, and its state there is the best of those sessions'.
 * A session that ends leaves its rooms; a disconnect inside the reconnect
 * grace window is neither a leave nor a join. Member joins and leaves are
 * published as PE_EVENT_MEMBER after the debounce (to active, to offline).
 * ======================================================================== */

/**
 * @brief A session joins a room (created on first use). Joining again is a no-op.
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_NOT_FOUND (no live session),
 *         PE_LIMIT_EXCEEDED (max_rooms_per_session, max_rooms, or a member
 *         already holding 255 sessions in the room), PE_CLOSED.
 * @since 0.1
 */
PE_API pe_status pe_room_join(pe_engine* engine, const char* session_id, size_t session_id_len,
                              const char* room_id, size_t room_id_len, int64_t now_ms);

/**
 * @brief A session leaves a room.
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_NOT_FOUND (no live session, or not in
 *         that room), PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_room_leave(pe_engine* engine, const char* session_id, size_t session_id_len,
                               const char* room_id, size_t room_id_len, int64_t now_ms);

/**
 * @brief Switches a room (created if needed) to count-only mode, or back. A
 * count-only room publishes no member events; instead PE_EVENT_OCCUPANCY
 * (members and sessions by state) at once, then at most once per
 * `interval_ms`: the changes from the first one on are gathered for an
 * interval and published together, unless the counts came back to those last
 * published.
 * @param[in] interval_ms 1..86400000 when count_only is non-zero; ignored otherwise.
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_LIMIT_EXCEEDED (max_rooms), PE_CLOSED.
 * @since 0.1
 */
PE_API pe_status pe_room_set_count_only(pe_engine* engine, const char* room_id, size_t room_id_len,
                                        int count_only, int64_t interval_ms, int64_t now_ms);

/**
 * @brief One room (counts in O(1)): read it with pe_result_room().
 * @param[out] out Caller owns; pe_result_destroy().
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_NOT_FOUND, PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_engine_get_room(pe_engine* engine, const char* room_id, size_t room_id_len,
                                    int64_t now_ms, pe_result** out);

/**
 * @brief A page of rooms ordered by id (cursor as for pe_engine_list_users()).
 * @param[in] limit 1..10000.
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_engine_list_rooms(pe_engine* engine, const char* cursor, size_t cursor_len,
                                      size_t limit, int64_t now_ms, pe_result** out);

/**
 * @brief A page of a room's members at least `min_state`, ordered by id, with
 * the same fields and cursor behaviour as the user list; invisible users are
 * not shown. Read them with pe_result_member().
 * @param[in] limit 1..10000.
 * @return PE_OK, PE_INVALID_ARGUMENT (also for a cursor this call did not
 *         return), PE_NOT_FOUND (no such room), PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_room_list_members(pe_engine* engine, const char* room_id, size_t room_id_len,
                                      pe_state min_state, const char* cursor, size_t cursor_len,
                                      size_t limit, int64_t now_ms, pe_result** out);

/**
 * @brief The rooms a user is in (through any of its sessions), ordered by id.
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_NOT_FOUND (no such user), PE_CLOSED.
 * @since 0.1
 */
PE_API pe_status pe_user_list_rooms(pe_engine* engine, const char* user_id, size_t user_id_len,
                                    int64_t now_ms, pe_result** out);

/**
 * @brief A room's coordination metrics, read with pe_result_room_metrics().
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_NOT_FOUND, PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_room_get_metrics(pe_engine* engine, const char* room_id, size_t room_id_len,
                                     int64_t now_ms, pe_result** out);

/* ===========================================================================
 * Coordination: availability, readiness, the call gate
 * ======================================================================== */

/**
 * @brief Declares a user's availability (the user is created if unknown, so
 * it can be set before its first session). Invisibility is never announced:
 * readers see the user go offline; other changes publish PE_EVENT_AVAILABILITY.
 * @return PE_OK, PE_INVALID_ARGUMENT (also an unknown enum value), PE_CLOSED.
 * @since 0.1
 */
PE_API pe_status pe_user_set_availability(pe_engine* engine, const char* user_id,
                                          size_t user_id_len, pe_availability availability,
                                          int64_t now_ms);

/** @brief Readiness of a user or room, and the call gate's answer. @since 0.1 */
typedef struct pe_readiness {
  uint32_t struct_size;
  double score;
  /** Ready now, with hysteresis. */
  int ready;
  /** Non-zero when a call may be placed now (reason is PE_GATE_READY). */
  int can_call;
  pe_gate_reason reason;
  /** User: its state as shown; room: the best state among its members. */
  pe_state state;
  /** User: its availability as shown. */
  pe_availability availability;
} pe_readiness;

/** @brief Sets struct_size and zeroes the rest. @since 0.1 */
PE_API void pe_readiness_init(pe_readiness* out);

/**
 * @brief "Can I call X now? If not, why, and how ready is X?"
 * An unknown user or room is not an error: reason PE_GATE_UNKNOWN.
 * @param[out] out Set out->struct_size first (pe_readiness_init()).
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_engine_readiness(pe_engine* engine, pe_target_kind kind, const char* id,
                                     size_t id_len, int64_t now_ms, pe_readiness* out);

/* ===========================================================================
 * Coordination: intents
 *
 * Instead of ringing blindly, a caller records an intent to connect to a user
 * or a room with a time to live. The engine publishes PE_EVENT_INTENT with
 * state READY when the target's (published) readiness becomes ready — at once
 * if it already is — or EXPIRED at the TTL, or CANCELLED; then the intent is gone.
 * ======================================================================== */

/**
 * @brief Records an intent. Read the new intent (its id, expiry, state) with
 * pe_result_intent(out, 0); its state is READY if the target was ready.
 * @param[in] from The caller (any id: a user, a session, a service).
 * @param[in] kind Application-defined, e.g. "call".
 * @param[in] ttl_ms 1..max_intent_ttl_ms.
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_LIMIT_EXCEEDED (max_intents_per_caller),
 *         PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_intent_open(pe_engine* engine, const char* from, size_t from_len,
                                pe_target_kind target_kind, const char* target, size_t target_len,
                                const char* kind, size_t kind_len, int64_t ttl_ms, int64_t now_ms,
                                pe_result** out);

/**
 * @brief Cancels a pending intent (publishes it CANCELLED).
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_NOT_FOUND (unknown or already ended), PE_CLOSED.
 * @since 0.1
 */
PE_API pe_status pe_intent_cancel(pe_engine* engine, const char* intent_id, size_t intent_id_len,
                                  int64_t now_ms);

/**
 * @brief Pending intents to a target (by_caller == 0: `kind` and `id` name the
 * target) or from a caller (by_caller != 0: `id` is the caller; `kind` is
 * ignored), oldest first. Read them with pe_result_intent().
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_intent_list(pe_engine* engine, int by_caller, pe_target_kind kind,
                                const char* id, size_t id_len, int64_t now_ms, pe_result** out);

/* ===========================================================================
 * Coordination: interest-based fan-out
 *
 * Presence traffic grows with the square of a room's size when everyone hears
 * everything. Subscribers (a socket, a session, any server-side consumer; the
 * id is the application's) name the users and rooms they care about; for a
 * range of events, pe_engine_fanout() says which subscriber must hear which.
 * A user subscription hears the user's session, user, availability,
 * readiness, member and intent events; a room subscription hears its member,
 * readiness, occupancy and intent events, and its members' user events
 * (unless the room is count-only).
 * ======================================================================== */

/** @brief Subscribes (idempotent). @return PE_OK, PE_INVALID_ARGUMENT, PE_CLOSED. @since 0.1 */
PE_API pe_status pe_subscriber_subscribe(pe_engine* engine, const char* subscriber,
                                         size_t subscriber_len, pe_target_kind kind,
                                         const char* target, size_t target_len);

/** @brief Unsubscribes (idempotent). @return PE_OK, PE_INVALID_ARGUMENT, PE_CLOSED. @since 0.1 */
PE_API pe_status pe_subscriber_unsubscribe(pe_engine* engine, const char* subscriber,
                                           size_t subscriber_len, pe_target_kind kind,
                                           const char* target, size_t target_len);

/** @brief Drops every subscription of a subscriber (e.g. its socket closed). @since 0.1 */
PE_API pe_status pe_subscriber_unsubscribe_all(pe_engine* engine, const char* subscriber,
                                               size_t subscriber_len);

/**
 * @brief Events after `after_seq` (as pe_engine_poll_events()) and, per
 * subscriber, the indexes of the events it must hear (pe_result_delivery()).
 * Subscribers appear in the order of their first delivery. Room routing
 * follows the room's members at the time of this call (a user's events go to
 * the watchers of the rooms it is in now), so consume events as they come.
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_TOO_FAR_BEHIND, PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_engine_fanout(pe_engine* engine, uint64_t after_seq, size_t max_events,
                                  pe_result** out);

/* ===========================================================================
 * Scoped readers
 *
 * What a server sends to browsers should come from a reader: its results
 * never carry the truth behind what is shown (the true_* fields repeat the
 * shown values) and never show invisible users as present. A reader scoped to
 * a room sees only that room's visible members and their sessions in it.
 * A reader borrows its engine: destroy readers before the engine.
 * ======================================================================== */

/** @brief A read-only, possibly room-scoped view of an engine. Opaque. @since 0.1 */
typedef struct pe_reader pe_reader;

/**
 * @brief Creates a reader of the whole engine (room_id NULL/0) or of one room.
 * The room need not exist yet: reads return PE_NOT_FOUND until it does.
 * @param[out] out Caller owns; free with pe_reader_destroy().
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_reader_create(pe_engine* engine, const char* room_id, size_t room_id_len,
                                  pe_reader** out);

/** @brief Frees a reader. Accepts NULL. @since 0.1 */
PE_API void pe_reader_destroy(pe_reader* reader);

/**
 * @brief Counts: the engine's (as pe_engine_counts()), or, scoped to a room,
 * its visible members as users (users_*) and their sessions in it (sessions_*).
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_NOT_FOUND (no such room), PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_reader_counts(pe_reader* reader, int64_t now_ms, pe_counts* out);

/**
 * @brief A page of users (as pe_engine_list_users(), redacted), or, scoped to
 * a room, of its visible members (read them with pe_result_member()).
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_NOT_FOUND (no such room), PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_reader_list_users(pe_reader* reader, pe_state min_state, const char* cursor,
                                      size_t cursor_len, size_t limit, int64_t now_ms,
                                      pe_result** out);

/**
 * @brief One user and its sessions (redacted); scoped to a room, only a
 * visible member, with its sessions in the room.
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_NOT_FOUND, PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_reader_get_user(pe_reader* reader, const char* user_id, size_t user_id_len,
                                    int64_t now_ms, pe_result** out);

/**
 * @brief The published view (as pe_engine_snapshot(), redacted); scoped to a
 * room, its visible members and their sessions in it.
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_NOT_FOUND, PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_reader_snapshot(pe_reader* reader, int64_t now_ms, pe_result** out);

/**
 * @brief Events after `after_seq` (as pe_engine_poll_events(), redacted);
 * scoped to a room, only those about the room or its current visible
 * members. The result's pe_result_seq() is the last event considered, so a
 * consumer continues from it whether or not events were kept.
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_NOT_FOUND, PE_TOO_FAR_BEHIND, PE_CLOSED.
 * @since 0.1
 */
PE_API pe_status pe_reader_poll_events(pe_reader* reader, uint64_t after_seq, size_t max_events,
                                       pe_result** out);

/* ===========================================================================
 * Cluster mode (replication)
 *
 * Each node (an app server) runs its own engine for the sessions it hosts,
 * with a node_id in its configuration. The engine produces a replication
 * record for every change of its own sessions' records — opens, transitions
 * (ends included), room joins and leaves, identification, a dropped transport
 * — never for heartbeats; a transport (the Redis runtime, `pe_cluster_*`)
 * carries them to the other nodes, which apply them: the sessions appear
 * there as remote sessions whose state is their owner's, in every read and
 * event, so every node answers for the whole cluster. Versions decide:
 * an older record is ignored, and a session that opens on another node is
 * taken over there with a higher version, so the old owner lets it go
 * without a leave and a join. When a node is no longer seen (node_timeout_ms
 * after its last renewal or record), its sessions are silent since then and
 * age through stale to offline exactly as silent sessions do. Signals other
 * than open on a remote session return PE_NOT_FOUND (open it to move it here).
 * ======================================================================== */

/** @brief A replication record: one session as its owner sees it. @since 0.1 */
typedef struct pe_replica {
  uint32_t struct_size;
  const char* session_id;
  size_t session_id_len;
  /** NULL for a guest. */
  const char* user_id;
  size_t user_id_len;
  /** The owner. */
  const char* node_id;
  size_t node_id_len;
  /** Decides between records of one session (at most 2^32 - 1). */
  uint64_t version;
  pe_state state;
  int reconnecting;
  int visible;
  int connected;
  /** Non-zero: the session ended on its owner and is gone everywhere. */
  int ended;
  int64_t since_ms;
  int64_t last_signal_at_ms;
  int64_t last_activity_at_ms;
  int64_t heartbeat_interval_ms;
  /** NULL for none. */
  const char* meta;
  size_t meta_len;
  /** The rooms it is in: room_count ids (pointer + length pairs). */
  const char* const* room_ids;
  const size_t* room_id_lens;
  size_t room_count;
} pe_replica;

/** @brief Sets struct_size and zeroes the rest. @since 0.1 */
PE_API void pe_replica_init(pe_replica* out);

/**
 * @brief Takes the replication records of this node's sessions changed since
 * the last call, oldest first (read them with pe_result_replica()). A record
 * naming another node says that a session of this node moved there (it was
 * opened on that node): drop it from this node's mirror; the session itself
 * lives on, owned by that node.
 * @param[in] max_records At most this many (0 = all).
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_TOO_FAR_BEHIND (the outbox overflowed
 *         and was emptied: export every record again with
 *         pe_engine_export_replicas()), PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_engine_take_replicas(pe_engine* engine, size_t max_records, pe_result** out);

/**
 * @brief A page of records of every live session this node owns (to mirror
 * the whole table, e.g. after the transport lost records).
 * @param[in] cursor 0 for the first page, then the result's pe_result_seq().
 * @param[in] limit 1..100000.
 * @param[out] out Its pe_result_seq() is the next cursor, 0 after the last page.
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_engine_export_replicas(pe_engine* engine, uint64_t cursor, size_t limit,
                                           int64_t now_ms, pe_result** out);

/**
 * @brief Applies other nodes' records (records of this node are ignored).
 * Each record is independent, as in pe_session_heartbeat_batch().
 * @param[out] out_statuses Nullable array of `count`.
 * @param[out] out_failed Nullable: how many failed.
 * @return PE_OK when the batch ran, PE_INVALID_ARGUMENT, PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_engine_apply_replicas(pe_engine* engine, const pe_replica* records,
                                          size_t count, int64_t now_ms, pe_status* out_statuses,
                                          size_t* out_failed);

/**
 * @brief Another node renewed its liveness at `seen_at_ms` (e.g. its liveness
 * key was found in Redis). Its sessions stay as replicated until
 * node_timeout_ms after the last renewal.
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_engine_node_seen(pe_engine* engine, const char* node_id, size_t node_id_len,
                                     int64_t seen_at_ms);

/** @brief Number of replication records in a result (0 for NULL). @since 0.1 */
PE_API size_t pe_result_replica_count(const pe_result* result);

/**
 * @brief Reads the record at `index`; its strings and room arrays are
 * borrowed from the result. @return PE_OK, PE_INVALID_ARGUMENT. @since 0.1
 */
PE_API pe_status pe_result_replica(const pe_result* result, size_t index, pe_replica* out);

/* ===========================================================================
 * Metrics
 * ======================================================================== */

/**
 * @brief The Prometheus text exposition (format 0.0.4) of the engine and of
 * one room (room_id given) or every room (NULL/empty). Read it with pe_result_text().
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_NOT_FOUND (no such room), PE_CLOSED.
 * @since 0.1
 */
PE_API pe_status pe_engine_prometheus(pe_engine* engine, const char* room_id, size_t room_id_len,
                                      int64_t now_ms, pe_result** out);

/* ===========================================================================
 * Coordination result records
 * ======================================================================== */

/** @brief A room as read. @since 0.1 */
typedef struct pe_room_info {
  uint32_t struct_size;
  const char* room_id; /**< borrowed */
  size_t room_id_len;
  int64_t created_at_ms;
  /** Visible sessions in the room by state. */
  uint32_t sessions_active;
  uint32_t sessions_idle;
  uint32_t sessions_away;
  uint32_t sessions_stale;
  /** Visible members (users and guests) by state. */
  uint32_t members_active;
  uint32_t members_idle;
  uint32_t members_away;
  uint32_t members_stale;
  uint32_t guests;
  /** Members who joined within room_arriving_ms. */
  uint32_t arriving;
  /** Density: active members. */
  uint32_t density;
  /** Momentum: exponentially weighted arrivals and departures per minute. */
  double arrivals_per_minute;
  double departures_per_minute;
  double readiness;
  int ready;
  int count_only;
  int64_t occupancy_interval_ms;
} pe_room_info;

/** @brief A member of a room. @since 0.1 */
typedef struct pe_member_info {
  uint32_t struct_size;
  /** The user id, or the session id of a guest. Borrowed. */
  const char* member_id;
  size_t member_id_len;
  int guest;
  /** The best state among its sessions in the room. */
  pe_state state;
  int64_t joined_at_ms;
  int arriving;
  /** Its sessions in the room. */
  uint32_t session_count;
  int64_t last_seen_at_ms;
  double confidence;
  pe_confidence confidence_bucket;
  pe_availability availability;
} pe_member_info;

/** @brief An intent. @since 0.1 */
typedef struct pe_intent_info {
  uint32_t struct_size;
  const char* intent_id; /**< borrowed, as every string below */
  size_t intent_id_len;
  const char* from_id;
  size_t from_id_len;
  pe_target_kind target_kind;
  const char* target_id;
  size_t target_id_len;
  const char* kind;
  size_t kind_len;
  int64_t created_at_ms;
  int64_t expires_at_ms;
  pe_intent_state state;
} pe_intent_info;

/** @brief Histogram buckets of pe_room_metrics (each holds durations up to and
 *  including its upper bound, 4^k s; the last is open). */
#define PE_METRICS_BUCKETS 8
/** @brief Readiness curve points kept per room. */
#define PE_METRICS_CURVE 8

/** @brief A room's coordination metrics. @since 0.1 */
typedef struct pe_room_metrics {
  uint32_t struct_size;
  uint32_t joins;
  /** Members who left explicitly. */
  uint32_t leaves;
  /** Members whose sessions ended without leaving (expired). */
  uint32_t drop_offs;
  uint32_t peak_members;
  uint32_t peak_sessions;
  /** Upper bound (ms, included) of each bucket but the last, which is open. */
  int64_t bucket_upper_ms[PE_METRICS_BUCKETS - 1];
  /** Dwell time: how long members stayed. */
  uint32_t dwell[PE_METRICS_BUCKETS];
  /** Attention decay: how long sessions stayed active before going idle. */
  uint32_t attention[PE_METRICS_BUCKETS];
  /** Readiness curve: the last points where the score changed, oldest first;
   *  times are whole seconds after the room was created, scores (like
   *  readiness and momentum here) kept in single precision. */
  uint32_t curve_points;
  int64_t curve_at_ms[PE_METRICS_CURVE];
  double curve_score[PE_METRICS_CURVE];
} pe_room_metrics;

/** @brief One subscriber and the events it must hear. @since 0.1 */
typedef struct pe_delivery {
  uint32_t struct_size;
  const char* subscriber; /**< borrowed */
  size_t subscriber_len;
  /** Indexes into the result's events (pe_result_event()). Borrowed. */
  const uint32_t* event_indexes;
  size_t event_count;
} pe_delivery;

/** @brief Number of rooms / members / intents / deliveries in a result (0 for NULL). @since 0.1 */
PE_API size_t pe_result_room_count(const pe_result* result);
PE_API size_t pe_result_member_count(const pe_result* result);
PE_API size_t pe_result_intent_count(const pe_result* result);
PE_API size_t pe_result_delivery_count(const pe_result* result);

/** @brief Reads the record at `index`; as pe_result_user(). @since 0.1 */
PE_API pe_status pe_result_room(const pe_result* result, size_t index, pe_room_info* out);
PE_API pe_status pe_result_member(const pe_result* result, size_t index, pe_member_info* out);
PE_API pe_status pe_result_intent(const pe_result* result, size_t index, pe_intent_info* out);
PE_API pe_status pe_result_delivery(const pe_result* result, size_t index, pe_delivery* out);

/**
 * @brief The metrics of a pe_room_get_metrics() result.
 * @return PE_OK, PE_INVALID_ARGUMENT (NULL, or not a metrics result). @since 0.1
 */
PE_API pe_status pe_result_room_metrics(const pe_result* result, pe_room_metrics* out);

/**
 * @brief The text of a pe_engine_prometheus() result; empty for other results.
 * @param[out] out Borrowed; NUL-terminated; valid until the result is destroyed.
 * @return PE_OK, PE_INVALID_ARGUMENT. @since 0.1
 */
PE_API pe_status pe_result_text(const pe_result* result, const char** out, size_t* out_len);

/** @brief Sets struct_size of the record and zeroes the rest. @since 0.1 */
PE_API void pe_room_info_init(pe_room_info* out);
PE_API void pe_member_info_init(pe_member_info* out);
PE_API void pe_intent_info_init(pe_intent_info* out);
PE_API void pe_room_metrics_init(pe_room_metrics* out);
PE_API void pe_delivery_init(pe_delivery* out);

/* ===========================================================================
 * Statistics
 * ======================================================================== */

/** @brief Engine statistics for monitoring. @since 0.1 */
typedef struct pe_stats {
  uint32_t struct_size;
  /** Session records held (alive plus those awaiting their offline publication). */
  uint64_t session_records;
  /** User records held (alive plus remembered offline). */
  uint64_t user_records;
  uint64_t signals;
  uint64_t transitions;
  uint64_t events_published;
  /** Seq of the newest event; 0 before the first. */
  uint64_t last_seq;
  /** Seq of the oldest event still in the buffer; 0 when it is empty. */
  uint64_t oldest_seq;
  uint64_t pending_timers;
  /** Calls refused by a configured limit. */
  uint64_t limit_rejections;
} pe_stats;

/** @brief Sets out->struct_size and zeroes the rest. @since 0.1 */
PE_API void pe_stats_init(pe_stats* out);

/**
 * @brief Reads statistics (does not advance time).
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_engine_stats(pe_engine* engine, pe_stats* out);

/* ===========================================================================
 * Cluster runtime (Redis)
 *
 * Runs cluster mode for one engine over Redis, so that no application code
 * has to move replication records around: pe_cluster_start() starts three
 * threads, each with its own Redis connection —
 *   writer:   takes this node's records (pe_engine_take_replicas) every
 *             batch interval, mirrors them into this node's session hash and
 *             appends them to the cluster's stream in one transaction;
 *   follower: bootstraps from the live nodes' session hashes, then follows
 *             the stream and applies the other nodes' records;
 *   liveness: renews this node's liveness key every ttl/3 and tells the
 *             engine which other nodes are alive (pe_engine_node_seen).
 * Engine calls never wait for Redis: a heartbeat touches only the engine.
 * While Redis is unreachable the threads reconnect with backoff and the
 * engine keeps working; records wait in the engine's outbox
 * (pe_config.replication_buffer) and are sent once Redis is back. A node
 * whose liveness key expires (it crashed, or lost Redis) has its sessions
 * age through stale to offline on the other nodes (pe_config.node_timeout_ms;
 * keep it at least the liveness TTL). The keys are described in
 * cluster/README.md.
 *
 * The engine must have a node_id (pe_config.node_id), unique in the cluster,
 * and must outlive the pe_cluster: destroy the cluster first. At most one
 * pe_cluster may run per engine.
 *
 * Threading: a pe_cluster_options is not synchronised (build it on one
 * thread). pe_cluster_stats_get() and pe_cluster_last_error() may be called
 * from any thread at any time; pe_cluster_stop() and pe_cluster_destroy()
 * from any thread, but not concurrently with each other on one cluster.
 * ======================================================================== */

/** @brief Options of a cluster runtime. Opaque; build with the setters. @since 0.1 */
typedef struct pe_cluster_options pe_cluster_options;

/** @brief A running cluster runtime bound to one engine. Opaque. @since 0.1 */
typedef struct pe_cluster pe_cluster;

/**
 * @brief Creates options with the defaults (no URL yet: set one).
 * @param[out] out Caller owns; free with pe_cluster_options_destroy().
 * @return PE_OK, PE_INVALID_ARGUMENT (out is NULL), PE_OUT_OF_MEMORY. @since 0.1
 */
PE_API pe_status pe_cluster_options_create(pe_cluster_options** out);

/** @brief Frees options; accepts NULL. @since 0.1 */
PE_API void pe_cluster_options_destroy(pe_cluster_options* options);

/**
 * @brief Where Redis is, as a URL: `redis://[[user]:password@]host[:port][/db]`,
 * `rediss://...` for TLS, `unix:///path/to/socket`, with optional parameters
 * (`?connect_timeout_ms=..&command_timeout_ms=..&tls_ca_file=..`; the list is
 * in cluster/README.md). Parsed now: a malformed URL is refused here.
 * @return PE_OK, PE_INVALID_ARGUMENT (with the reason). @since 0.1
 */
PE_API pe_status pe_cluster_options_set_url(pe_cluster_options* options, const char* url,
                                            size_t url_len);

/**
 * @brief Name of the cluster: keys live under `pe:<name>:`, so clusters can
 * share one Redis. 1..64 bytes of [A-Za-z0-9_.-]. Default "default".
 * @return PE_OK, PE_INVALID_ARGUMENT. @since 0.1
 */
PE_API pe_status pe_cluster_options_set_cluster_name(pe_cluster_options* options, const char* name,
                                                     size_t name_len);

/**
 * @brief How long this node's liveness key lives without renewal (renewed
 * every ttl/3): after a crash, the other nodes see it gone this long later.
 * 300..3600000 ms. Default 6000.
 * @return PE_OK, PE_INVALID_ARGUMENT. @since 0.1
 */
PE_API pe_status pe_cluster_options_set_node_ttl_ms(pe_cluster_options* options, int64_t ttl_ms);

/**
 * @brief Approximate length the stream is trimmed to (`XADD MAXLEN ~`): a
 * node away for longer than that many batches bootstraps again.
 * 100..2^32. Default 100000.
 * @return PE_OK, PE_INVALID_ARGUMENT. @since 0.1
 */
PE_API pe_status pe_cluster_options_set_stream_max_len(pe_cluster_options* options,
                                                       uint64_t max_len);

/**
 * @brief How often the writer takes this node's records: a bound on the
 * replication lag added by batching. 1..10000 ms. Default 5.
 * @return PE_OK, PE_INVALID_ARGUMENT. @since 0.1
 */
PE_API pe_status pe_cluster_options_set_batch_interval_ms(pe_cluster_options* options,
                                                          int64_t interval_ms);

/**
 * @brief How long pe_cluster_start() waits for Redis (connection and first
 * bootstrap) before giving up. 0..600000 ms. Default 5000.
 * @return PE_OK, PE_INVALID_ARGUMENT. @since 0.1
 */
PE_API pe_status pe_cluster_options_set_start_timeout_ms(pe_cluster_options* options,
                                                         int64_t timeout_ms);

/**
 * @brief Credentials, overriding those in the URL (so secrets need not be in
 * it). user NULL/0 for the default user (requirepass); password NULL/0 for
 * none.
 * @return PE_OK, PE_INVALID_ARGUMENT. @since 0.1
 */
PE_API pe_status pe_cluster_options_set_auth(pe_cluster_options* options, const char* user,
                                             size_t user_len, const char* password,
                                             size_t password_len);

/**
 * @brief TLS, overriding the URL's parameters. `enabled` non-zero turns TLS
 * on for a `redis://` URL too. Files are PEM paths; NULL/0 keeps the
 * default (the system's trust store, no client certificate, the URL's host
 * as server name). `insecure` non-zero skips verification of the server's
 * certificate (tests only).
 * @return PE_OK, PE_INVALID_ARGUMENT (a client certificate without its key
 *         or the reverse, TLS over a unix socket). @since 0.1
 */
PE_API pe_status pe_cluster_options_set_tls(pe_cluster_options* options, int enabled,
                                            const char* ca_file, size_t ca_file_len,
                                            const char* cert_file, size_t cert_file_len,
                                            const char* key_file, size_t key_file_len,
                                            const char* server_name, size_t server_name_len,
                                            int insecure);

/**
 * @brief Starts cluster mode for `engine`: connects to Redis, mirrors this
 * node's sessions, bootstraps the other nodes' sessions into the engine,
 * then runs the threads described above. Returns once the engine knows the
 * cluster (or the start timeout passed).
 * @param[in] engine Borrowed; must have a node_id and outlive the cluster.
 * @param[in] options Read during the call only.
 * @param[out] out Caller owns; free with pe_cluster_destroy().
 * @return PE_OK; PE_INVALID_ARGUMENT (NULL, no URL, an engine without a
 *         node_id, options Redis refuses: credentials, TLS, database, or a
 *         Redis that could not be reached within the start timeout — the
 *         message says which); PE_CONFLICT (a cluster already runs on this
 *         engine); PE_CLOSED; PE_UNSUPPORTED (built without cluster mode).
 * @since 0.1
 */
PE_API pe_status pe_cluster_start(pe_engine* engine, const pe_cluster_options* options,
                                  pe_cluster** out);

/**
 * @brief Stops the threads: writes the records already taken, removes this
 * node's liveness key, mirror and registration (the other nodes stop
 * renewing its sessions at their next check instead of after the TTL, and
 * the sessions age through stale to offline there) and closes the
 * connections. Records the engine produces
 * afterwards stay in its outbox. Bounded by the URL's timeouts when Redis is
 * down. Idempotent; accepts NULL.
 * @since 0.1
 */
PE_API void pe_cluster_stop(pe_cluster* cluster);

/** @brief Stops (as pe_cluster_stop()) and frees; accepts NULL. @since 0.1 */
PE_API void pe_cluster_destroy(pe_cluster* cluster);

/** @brief Cluster runtime statistics, for monitoring. @since 0.1 */
typedef struct pe_cluster_stats {
  uint32_t struct_size;
  /** Non-zero while every thread's Redis connection is up. */
  int connected;
  /** Non-zero once the threads have stopped. */
  int stopped;
  /** Age of the newest stream entry when this node applied it (write on
   *  one node to apply here), in ms; -1 before the first. */
  int64_t replication_lag_ms;
  /** The same, the largest since the start. */
  int64_t replication_lag_max_ms;
  /** Records of this node written to Redis, and the batches carrying them. */
  uint64_t records_sent;
  uint64_t batches_sent;
  /** Records of other nodes applied (stream and bootstraps). */
  uint64_t records_received;
  /** Bootstraps from the mirrors: the first, and each after the stream was
   *  trimmed past this node's position or Redis lost its data. */
  uint64_t bootstraps;
  /** Rewrites of this node's mirror from the engine (outbox overflow, a
   *  Redis that lost data or a batch that may not have been written). */
  uint64_t mirror_rewrites;
  /** Other nodes whose liveness key was present at the last check. */
  uint64_t nodes_alive;
  /** Redis failures seen (each is retried); the last one by
   *  pe_cluster_last_error(). */
  uint64_t errors;
} pe_cluster_stats;

/** @brief Sets struct_size and zeroes the rest. @since 0.1 */
PE_API void pe_cluster_stats_init(pe_cluster_stats* out);

/**
 * @brief Reads the statistics.
 * @return PE_OK, PE_INVALID_ARGUMENT. @since 0.1
 */
PE_API pe_status pe_cluster_stats_get(const pe_cluster* cluster, pe_cluster_stats* out);

/**
 * @brief Copies the last Redis failure the runtime met ("" if none) into
 * `buffer`, truncated to `capacity - 1` bytes and NUL-terminated.
 * @param[out] buffer Nullable when capacity is 0.
 * @param[out] out_len Nullable: the full length of the message.
 * @return PE_OK, PE_INVALID_ARGUMENT. @since 0.1
 */
PE_API pe_status pe_cluster_last_error(const pe_cluster* cluster, char* buffer, size_t capacity,
                                       size_t* out_len);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* PRESENCE_PRESENCE_H */
