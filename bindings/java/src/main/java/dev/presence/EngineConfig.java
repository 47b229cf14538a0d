package dev.presence;

import java.time.Duration;

/**
 * An engine's whole configuration as one immutable value: what {@link Engine#config()} reads back
 * and {@link EngineBuilder#config(EngineConfig)} accepts, so that an engine can be made like
 * another one, or its configuration logged. Each component is the {@link EngineBuilder} option of
 * the same name (its C field in parentheses below); {@link #defaults()} are the native library's
 * own. Durations are used in whole milliseconds.
 *
 * @param idleAfter no interaction for this long: idle (idle_after_ms)
 * @param awayAfter no interaction for this long: away (away_after_ms)
 * @param blurTolerance hidden for less than this changes nothing (blur_tolerance_ms)
 * @param heartbeatActive heartbeat interval told to an active, visible client (heartbeat_active_ms)
 * @param heartbeatIdle heartbeat interval told to an idle client (heartbeat_idle_ms)
 * @param heartbeatHidden heartbeat interval told to a hidden client (heartbeat_hidden_ms)
 * @param heartbeatGrace stale once silent for the told interval plus this (heartbeat_grace_ms)
 * @param reconnectGrace state held (reconnecting) after a disconnect (reconnect_grace_ms)
 * @param sessionTtl offline once silent this long (session_ttl_ms)
 * @param debounceActive a change to active is published once it held this long (debounce_active_ms)
 * @param debounceIdle the same for idle (debounce_idle_ms)
 * @param debounceAway the same for away (debounce_away_ms)
 * @param debounceStale the same for stale (debounce_stale_ms)
 * @param debounceOffline the same for offline (debounce_offline_ms)
 * @param lastSeenRetention how long an offline user's last-seen is kept (last_seen_retention_ms)
 * @param lastSeenMaxUsers at most this many offline users are remembered (last_seen_max_users)
 * @param eventBufferCapacity published events kept for pull consumers and listeners
 *     (event_buffer_capacity)
 * @param maxIdBytes longest accepted id, in UTF-8 bytes (max_id_bytes)
 * @param maxMetaBytes largest accepted session metadata, in UTF-8 bytes (max_meta_bytes)
 * @param maxSessionsPerUser live sessions one user may hold (max_sessions_per_user)
 * @param maxSessions live sessions in the engine; 0 = unlimited (max_sessions)
 * @param roomArriving a member who joined within this is arriving (room_arriving_ms)
 * @param roomMomentumHalfLife half-life of a room's arrivals and departures per minute
 *     (room_momentum_half_life_ms)
 * @param maxRoomsPerSession rooms one session may be in; 0 = unlimited (max_rooms_per_session)
 * @param maxRooms rooms in the engine; 0 = unlimited (max_rooms)
 * @param readinessWeightState weight of the state in a user's readiness (readiness_weight_state)
 * @param readinessWeightRecency weight of recent interaction in a user's readiness
 *     (readiness_weight_recency)
 * @param readinessRecencyWindow interaction this long ago adds nothing to readiness
 *     (readiness_recency_window_ms)
 * @param readinessBusyFactor a busy user's availability factor (readiness_busy_factor)
 * @param roomReadinessWeightMembers weight of the members' presence in a room's readiness
 *     (readiness_room_weight_members)
 * @param roomReadinessWeightDensity weight of density in a room's readiness
 *     (readiness_room_weight_density)
 * @param roomQuorum active members for a room's full density (readiness_room_quorum)
 * @param readinessReadyThreshold ready from this score (readiness_ready_threshold)
 * @param readinessUnreadyThreshold not ready below this score (readiness_unready_threshold)
 * @param maxIntentsPerCaller pending intents one caller may hold; 0 = unlimited
 *     (max_intents_per_caller)
 * @param maxIntentTtl longest accepted intent time to live (max_intent_ttl_ms)
 * @param maxCatchUpSteps timer steps a call other than advance runs; 0 = all (max_catch_up_steps)
 * @param nodeTimeout another cluster node counts as alive this long after it was last seen
 *     (node_timeout_ms)
 * @param replicationBuffer replication records kept for takeReplicas (replication_buffer)
 * @param requireResumeToken continuing a session from another transport needs its resume token
 *     (require_resume_token)
 */
public record EngineConfig(
    Duration idleAfter,
    Duration awayAfter,
    Duration blurTolerance,
    Duration heartbeatActive,
    Duration heartbeatIdle,
    Duration heartbeatHidden,
    Duration heartbeatGrace,
    Duration reconnectGrace,
    Duration sessionTtl,
    Duration debounceActive,
    Duration debounceIdle,
    Duration debounceAway,
    Duration debounceStale,
    Duration debounceOffline,
    Duration lastSeenRetention,
    long lastSeenMaxUsers,
    long eventBufferCapacity,
    int maxIdBytes,
    int maxMetaBytes,
    int maxSessionsPerUser,
    long maxSessions,
    Duration roomArriving,
    Duration roomMomentumHalfLife,
    int maxRoomsPerSession,
    long maxRooms,
    double readinessWeightState,
    double readinessWeightRecency,
    Duration readinessRecencyWindow,
    double readinessBusyFactor,
    double roomReadinessWeightMembers,
    double roomReadinessWeightDensity,
    int roomQuorum,
    double readinessReadyThreshold,
    double readinessUnreadyThreshold,
    int maxIntentsPerCaller,
    Duration maxIntentTtl,
    int maxCatchUpSteps,
    Duration nodeTimeout,
    long replicationBuffer,
    boolean requireResumeToken) {

  /**
   * Checks what Java can check; the engine checks the rest (and names the field) when it is built.
   *
   * @param idleAfter no interaction for this long: idle (idle_after_ms)
   * @param awayAfter no interaction for this long: away (away_after_ms)
   * @param blurTolerance hidden for less than this changes nothing (blur_tolerance_ms)
   * @param heartbeatActive heartbeat interval told to an active, visible client
   *     (heartbeat_active_ms)
   * @param heartbeatIdle heartbeat interval told to an idle client (heartbeat_idle_ms)
   * @param heartbeatHidden heartbeat interval told to a hidden client (heartbeat_hidden_ms)
   * @param heartbeatGrace stale once silent for the told interval plus this (heartbeat_grace_ms)
   * @param reconnectGrace state held (reconnecting) after a disconnect (reconnect_grace_ms)
   * @param sessionTtl offline once silent this long (session_ttl_ms)
   * @param debounceActive a change to active is published once it held this long
   *     (debounce_active_ms)
   * @param debounceIdle the same for idle (debounce_idle_ms)
   * @param debounceAway the same for away (debounce_away_ms)
   * @param debounceStale the same for stale (debounce_stale_ms)
   * @param debounceOffline the same for offline (debounce_offline_ms)
   * @param lastSeenRetention how long an offline user's last-seen is kept (last_seen_retention_ms)
   * @param lastSeenMaxUsers at most this many offline users are remembered (last_seen_max_users)
   * @param eventBufferCapacity published events kept for pull consumers and listeners
   *     (event_buffer_capacity)
   * @param maxIdBytes longest accepted id, in UTF-8 bytes (max_id_bytes)
   * @param maxMetaBytes largest accepted session metadata, in UTF-8 bytes (max_meta_bytes)
   * @param maxSessionsPerUser live sessions one user may hold (max_sessions_per_user)
   * @param maxSessions live sessions in the engine; 0 = unlimited (max_sessions)
   * @param roomArriving a member who joined within this is arriving (room_arriving_ms)
   * @param roomMomentumHalfLife half-life of a room's arrivals and departures per minute
   *     (room_momentum_half_life_ms)
   * @param maxRoomsPerSession rooms one session may be in; 0 = unlimited (max_rooms_per_session)
   * @param maxRooms rooms in the engine; 0 = unlimited (max_rooms)
   * @param readinessWeightState weight of the state in a user's readiness (readiness_weight_state)
   * @param readinessWeightRecency weight of recent interaction in a user's readiness
   *     (readiness_weight_recency)
   * @param readinessRecencyWindow interaction this long ago adds nothing to readiness
   *     (readiness_recency_window_ms)
   * @param readinessBusyFactor a busy user's availability factor (readiness_busy_factor)
   * @param roomReadinessWeightMembers weight of the members' presence in a room's readiness
   *     (readiness_room_weight_members)
   * @param roomReadinessWeightDensity weight of density in a room's readiness
   *     (readiness_room_weight_density)
   * @param roomQuorum active members for a room's full density (readiness_room_quorum)
   * @param readinessReadyThreshold ready from this score (readiness_ready_threshold)
   * @param readinessUnreadyThreshold not ready below this score (readiness_unready_threshold)
   * @param maxIntentsPerCaller pending intents one caller may hold; 0 = unlimited
   *     (max_intents_per_caller)
   * @param maxIntentTtl longest accepted intent time to live (max_intent_ttl_ms)
   * @param maxCatchUpSteps timer steps a call other than advance runs; 0 = all (max_catch_up_steps)
   * @param nodeTimeout another cluster node counts as alive this long after it was last seen
   *     (node_timeout_ms)
   * @param replicationBuffer replication records kept for takeReplicas (replication_buffer)
   * @param requireResumeToken continuing a session from another transport needs its resume token
   *     (require_resume_token)
   * @throws InvalidArgumentException if a duration is null or a count negative
   */
  public EngineConfig {
    Arguments.notNull(idleAfter, "idleAfter");
    Arguments.notNull(awayAfter, "awayAfter");
    Arguments.notNull(blurTolerance, "blurTolerance");
    Arguments.notNull(heartbeatActive, "heartbeatActive");
    Arguments.notNull(heartbeatIdle, "heartbeatIdle");
    Arguments.notNull(heartbeatHidden, "heartbeatHidden");
    Arguments.notNull(heartbeatGrace, "heartbeatGrace");
    Arguments.notNull(reconnectGrace, "reconnectGrace");
    Arguments.notNull(sessionTtl, "sessionTtl");
    Arguments.notNull(debounceActive, "debounceActive");
    Arguments.notNull(debounceIdle, "debounceIdle");
    Arguments.notNull(debounceAway, "debounceAway");
    Arguments.notNull(debounceStale, "debounceStale");
    Arguments.notNull(debounceOffline, "debounceOffline");
    Arguments.notNull(lastSeenRetention, "lastSeenRetention");
    Arguments.nonNegative(lastSeenMaxUsers, "lastSeenMaxUsers");
    Arguments.nonNegative(eventBufferCapacity, "eventBufferCapacity");
    Arguments.nonNegative(maxIdBytes, "maxIdBytes");
    Arguments.nonNegative(maxMetaBytes, "maxMetaBytes");
    Arguments.nonNegative(maxSessionsPerUser, "maxSessionsPerUser");
    Arguments.nonNegative(maxSessions, "maxSessions");
    Arguments.notNull(roomArriving, "roomArriving");
    Arguments.notNull(roomMomentumHalfLife, "roomMomentumHalfLife");
    Arguments.nonNegative(maxRoomsPerSession, "maxRoomsPerSession");
    Arguments.nonNegative(maxRooms, "maxRooms");
    Arguments.notNull(readinessRecencyWindow, "readinessRecencyWindow");
    Arguments.nonNegative(roomQuorum, "roomQuorum");
    Arguments.nonNegative(maxIntentsPerCaller, "maxIntentsPerCaller");
    Arguments.notNull(maxIntentTtl, "maxIntentTtl");
    Arguments.nonNegative(maxCatchUpSteps, "maxCatchUpSteps");
    Arguments.notNull(nodeTimeout, "nodeTimeout");
    Arguments.nonNegative(replicationBuffer, "replicationBuffer");
  }

  /**
   * The documented defaults, read from the native library.
   *
   * @return the configuration of an engine built with no option set
   */
  public static EngineConfig defaults() {
    try (pe_config c = new pe_config()) {
      PresenceNative.pe_config_init(c);
      return from(c);
    }
  }

  /** Copies a pe_config. */
  static EngineConfig from(pe_config c) {
    return new EngineConfig(
        Duration.ofMillis(c.getIdle_after_ms()),
        Duration.ofMillis(c.getAway_after_ms()),
        Duration.ofMillis(c.getBlur_tolerance_ms()),
        Duration.ofMillis(c.getHeartbeat_active_ms()),
        Duration.ofMillis(c.getHeartbeat_idle_ms()),
        Duration.ofMillis(c.getHeartbeat_hidden_ms()),
        Duration.ofMillis(c.getHeartbeat_grace_ms()),
        Duration.ofMillis(c.getReconnect_grace_ms()),
        Duration.ofMillis(c.getSession_ttl_ms()),
        Duration.ofMillis(c.getDebounce_active_ms()),
        Duration.ofMillis(c.getDebounce_idle_ms()),
        Duration.ofMillis(c.getDebounce_away_ms()),
        Duration.ofMillis(c.getDebounce_stale_ms()),
        Duration.ofMillis(c.getDebounce_offline_ms()),
        Duration.ofMillis(c.getLast_seen_retention_ms()),
        c.getLast_seen_max_users(),
        c.getEvent_buffer_capacity(),
        (int) c.getMax_id_bytes(),
        (int) c.getMax_meta_bytes(),
        (int) c.getMax_sessions_per_user(),
        c.getMax_sessions(),
        Duration.ofMillis(c.getRoom_arriving_ms()),
        Duration.ofMillis(c.getRoom_momentum_half_life_ms()),
        (int) c.getMax_rooms_per_session(),
        c.getMax_rooms(),
        c.getReadiness_weight_state(),
        c.getReadiness_weight_recency(),
        Duration.ofMillis(c.getReadiness_recency_window_ms()),
        c.getReadiness_busy_factor(),
        c.getReadiness_room_weight_members(),
        c.getReadiness_room_weight_density(),
        (int) c.getReadiness_room_quorum(),
        c.getReadiness_ready_threshold(),
        c.getReadiness_unready_threshold(),
        (int) c.getMax_intents_per_caller(),
        Duration.ofMillis(c.getMax_intent_ttl_ms()),
        (int) c.getMax_catch_up_steps(),
        Duration.ofMillis(c.getNode_timeout_ms()),
        c.getReplication_buffer(),
        c.getRequire_resume_token() != 0);
  }

  /** Writes every component into {@code c}. */
  void applyTo(pe_config c) {
    c.setIdle_after_ms(Arguments.millis(idleAfter, "idleAfter"));
    c.setAway_after_ms(Arguments.millis(awayAfter, "awayAfter"));
    c.setBlur_tolerance_ms(Arguments.millis(blurTolerance, "blurTolerance"));
    c.setHeartbeat_active_ms(Arguments.millis(heartbeatActive, "heartbeatActive"));
    c.setHeartbeat_idle_ms(Arguments.millis(heartbeatIdle, "heartbeatIdle"));
    c.setHeartbeat_hidden_ms(Arguments.millis(heartbeatHidden, "heartbeatHidden"));
    c.setHeartbeat_grace_ms(Arguments.millis(heartbeatGrace, "heartbeatGrace"));
    c.setReconnect_grace_ms(Arguments.millis(reconnectGrace, "reconnectGrace"));
    c.setSession_ttl_ms(Arguments.millis(sessionTtl, "sessionTtl"));
    c.setDebounce_active_ms(Arguments.millis(debounceActive, "debounceActive"));
    c.setDebounce_idle_ms(Arguments.millis(debounceIdle, "debounceIdle"));
    c.setDebounce_away_ms(Arguments.millis(debounceAway, "debounceAway"));
    c.setDebounce_stale_ms(Arguments.millis(debounceStale, "debounceStale"));
    c.setDebounce_offline_ms(Arguments.millis(debounceOffline, "debounceOffline"));
    c.setLast_seen_retention_ms(Arguments.millis(lastSeenRetention, "lastSeenRetention"));
    c.setLast_seen_max_users(lastSeenMaxUsers);
    c.setEvent_buffer_capacity(eventBufferCapacity);
    c.setMax_id_bytes(maxIdBytes);
    c.setMax_meta_bytes(maxMetaBytes);
    c.setMax_sessions_per_user(maxSessionsPerUser);
    c.setMax_sessions(maxSessions);
    c.setRoom_arriving_ms(Arguments.millis(roomArriving, "roomArriving"));
    c.setRoom_momentum_half_life_ms(Arguments.millis(roomMomentumHalfLife, "roomMomentumHalfLife"));
    c.setMax_rooms_per_session(maxRoomsPerSession);
    c.setMax_rooms(maxRooms);
    c.setReadiness_weight_state(readinessWeightState);
    c.setReadiness_weight_recency(readinessWeightRecency);
    c.setReadiness_recency_window_ms(
        Arguments.millis(readinessRecencyWindow, "readinessRecencyWindow"));
    c.setReadiness_busy_factor(readinessBusyFactor);
    c.setReadiness_room_weight_members(roomReadinessWeightMembers);
    c.setReadiness_room_weight_density(roomReadinessWeightDensity);
    c.setReadiness_room_quorum(roomQuorum);
    c.setReadiness_ready_threshold(readinessReadyThreshold);
    c.setReadiness_unready_threshold(readinessUnreadyThreshold);
    c.setMax_intents_per_caller(maxIntentsPerCaller);
    c.setMax_intent_ttl_ms(Arguments.millis(maxIntentTtl, "maxIntentTtl"));
    c.setMax_catch_up_steps(maxCatchUpSteps);
    c.setNode_timeout_ms(Arguments.millis(nodeTimeout, "nodeTimeout"));
    c.setReplication_buffer(replicationBuffer);
    c.setRequire_resume_token(requireResumeToken ? 1 : 0);
  }
}
