// @ts-check
'use strict';

// Engine options: the camelCase names of the JavaScript API, each mapped to
// its pe_config field. Defaults come from the C library itself
// (pe_config_init), so they can never drift from what the engine does.

const native = require('./native');
const { InvalidArgumentError } = require('./errors');

/** @type {Readonly<Record<keyof import('../index').EngineConfig, string>>} */
const CONFIG_FIELDS = Object.freeze({
  idleAfterMs: 'idle_after_ms',
  awayAfterMs: 'away_after_ms',
  blurToleranceMs: 'blur_tolerance_ms',
  heartbeatActiveMs: 'heartbeat_active_ms',
  heartbeatIdleMs: 'heartbeat_idle_ms',
  heartbeatHiddenMs: 'heartbeat_hidden_ms',
  heartbeatGraceMs: 'heartbeat_grace_ms',
  reconnectGraceMs: 'reconnect_grace_ms',
  sessionTtlMs: 'session_ttl_ms',
  debounceActiveMs: 'debounce_active_ms',
  debounceIdleMs: 'debounce_idle_ms',
  debounceAwayMs: 'debounce_away_ms',
  debounceStaleMs: 'debounce_stale_ms',
  debounceOfflineMs: 'debounce_offline_ms',
  lastSeenRetentionMs: 'last_seen_retention_ms',
  lastSeenMaxUsers: 'last_seen_max_users',
  eventBufferCapacity: 'event_buffer_capacity',
  maxIdBytes: 'max_id_bytes',
  maxMetaBytes: 'max_meta_bytes',
  maxSessionsPerUser: 'max_sessions_per_user',
  maxSessions: 'max_sessions',
  roomArrivingMs: 'room_arriving_ms',
  roomMomentumHalfLifeMs: 'room_momentum_half_life_ms',
  maxRoomsPerSession: 'max_rooms_per_session',
  maxRooms: 'max_rooms',
  readinessWeightState: 'readiness_weight_state',
  readinessWeightRecency: 'readiness_weight_recency',
  readinessRecencyWindowMs: 'readiness_recency_window_ms',
  readinessBusyFactor: 'readiness_busy_factor',
  readinessRoomWeightMembers: 'readiness_room_weight_members',
  readinessRoomWeightDensity: 'readiness_room_weight_density',
  readinessRoomQuorum: 'readiness_room_quorum',
  readinessReadyThreshold: 'readiness_ready_threshold',
  readinessUnreadyThreshold: 'readiness_unready_threshold',
  maxIntentsPerCaller: 'max_intents_per_caller',
  maxIntentTtlMs: 'max_intent_ttl_ms',
  maxCatchUpSteps: 'max_catch_up_steps',
  requireResumeToken: 'require_resume_token',
});

/** Options that are the binding's own, not pe_config fields. */
const BINDING_OPTIONS = new Set(['tickIntervalMs', 'shared']);

/**
 * The options shape of a configuration read from the addon (C names).
 * @param {Record<string, number | boolean>} c
 * @returns {Readonly<import('../index').EngineConfig>}
 */
function fromConfig(c) {
  /** @type {Record<string, number | boolean>} */
  const out = {};
  for (const [name, field] of Object.entries(CONFIG_FIELDS)) out[name] = c[field];
  return Object.freeze(
    /** @type {import('../index').EngineConfig} */ (/** @type {unknown} */ (out)),
  );
}

/** @type {Readonly<import('../index').EngineConfig>} */
const DEFAULTS = fromConfig(native.configDefaults());

/**
 * maxCatchUpSteps when the engine starts with a ticker (tickIntervalMs) and
 * the option is not given: a storm of due transitions is then worked off by
 * the ticker's thread, in slices, and a call from JavaScript runs at most
 * this many timer steps (a session it touches is brought up to date first).
 */
const TICKER_CATCH_UP_STEPS = 64;

/**
 * The pe_config fields (C names) of an options object; unknown keys throw,
 * so a misspelt option is never silently ignored.
 * @param {unknown} options
 * @returns {Record<string, unknown>}
 */
function toConfig(options) {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidArgumentError('options must be an object');
  }
  /** @type {Record<string, unknown>} */
  const config = {};
  for (const [key, value] of Object.entries(options)) {
    if (BINDING_OPTIONS.has(key)) continue;
    if (!Object.hasOwn(CONFIG_FIELDS, key)) {
      throw new InvalidArgumentError(`unknown option '${key}'`);
    }
    if (value !== undefined)
      config[CONFIG_FIELDS[/** @type {keyof typeof CONFIG_FIELDS} */ (key)]] = value;
  }
  const o = /** @type {Record<string, unknown>} */ (options);
  if (o.tickIntervalMs !== undefined && o.maxCatchUpSteps === undefined) {
    config[CONFIG_FIELDS.maxCatchUpSteps] = TICKER_CATCH_UP_STEPS;
  }
  return config;
}

module.exports = { DEFAULTS, toConfig, fromConfig };
