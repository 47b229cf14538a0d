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
 *   (the system's real-time clock). Time never runs backwards inside an
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
  PE_INTERNAL = 9
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
  PE_EVENT_USER = 2     /**< a user's published state changed */
} pe_event_kind;

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
 * session_ttl > reconnect_grace; 1 <= max_id_bytes <= 1024.
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
  /** Published events kept for pe_engine_poll_events(). Default 65536. */
  uint64_t event_buffer_capacity;
  /** Longest accepted session, user and transport id in bytes. Default 128. */
  uint32_t max_id_bytes;
  /** Largest accepted session metadata in bytes. Default 1024. */
  uint32_t max_meta_bytes;
  /** Live sessions one user may hold, 1..65535. Default 64. */
  uint32_t max_sessions_per_user;
  /** Live sessions in the engine; 0 = unlimited. Default 0. */
  uint64_t max_sessions;
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
} pe_open_params;

/** @brief Fills `out` with "guest, no metadata, no transport". @since 0.1 */
PE_API void pe_open_params_init(pe_open_params* out);

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
 *         PE_CONFLICT (the live session belongs to another user);
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
 *         again), PE_CLOSED.
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
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_OUT_OF_MEMORY (no thread), PE_CLOSED.
 * @since 0.1
 */
PE_API pe_status pe_engine_start_ticker(pe_engine* engine, int64_t period_ms);

/**
 * @brief Stops the ticker and waits for its thread to end (PE_OK if none ran).
 * Must not be called from the event callback. pe_engine_close() stops it too.
 * @return PE_OK, PE_INVALID_ARGUMENT. @since 0.1
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
 * @brief Registers (or, with NULL, removes) the event callback. A callback
 * removed or replaced is not called by calls that start afterwards.
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_engine_set_event_callback(pe_engine* engine, pe_event_callback callback,
                                              void* payload);

/**
 * @brief A file descriptor that becomes readable when events are published,
 * for poll/epoll/kqueue-based loops. Drain it (read 8-byte values until it would block) to
 * re-arm, then poll the events. Owned by the engine; closed by pe_engine_close().
 * @return PE_OK, PE_INVALID_ARGUMENT, PE_UNSUPPORTED (no eventfd/pipe on this
 *         platform), PE_CLOSED. @since 0.1
 */
PE_API pe_status pe_engine_event_fd(pe_engine* engine, int* out_fd);

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
  int64_t opened_at_ms;
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
  /** Session id for PE_EVENT_SESSION, user id for PE_EVENT_USER. Borrowed. */
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

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* PRESENCE_PRESENCE_H */
