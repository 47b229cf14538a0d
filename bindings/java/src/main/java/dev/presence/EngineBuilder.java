package dev.presence;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ObjDoubleConsumer;
import java.util.function.ObjLongConsumer;

/**
 * Configures an {@link Engine}. Every threshold has a documented default, taken from the native
 * library, so an unset value behaves exactly as in every other runtime. Durations are used in whole
 * milliseconds. The engine checks the whole configuration when it is built and names the offending
 * field (by its C name) in its {@link InvalidArgumentException}: every duration positive (debounces
 * may be zero) and at most 2^40 ms, {@code idleAfter < awayAfter}, {@code heartbeatActive <=
 * heartbeatIdle <= heartbeatHidden}, {@code sessionTtl} longer than {@code heartbeatHidden +
 * heartbeatGrace} and than {@code reconnectGrace}; every readiness weight, factor and threshold
 * between 0 and 1, each pair of weights with a positive sum, and the unready threshold not above
 * the ready one.
 *
 * <pre>{@code
 * Engine engine = Engine.builder()
 *     .idleAfter(Duration.ofSeconds(30))
 *     .sessionTtl(Duration.ofMinutes(5))
 *     .ticker(Duration.ofMillis(250))
 *     .build();
 * }</pre>
 *
 * <p>Not thread-safe; a builder may build any number of engines.
 */
public final class EngineBuilder {
  private final List<Consumer<pe_config>> settings = new ArrayList<>();
  private Duration tickerPeriod;
  private byte[] nodeId;

  EngineBuilder() {}

  /**
   * Sets every option to the values of {@code config}, for example another engine's {@link
   * Engine#config()}: options set before are replaced, options set after apply on top. The ticker
   * is not part of a configuration.
   *
   * @param config the whole configuration
   * @return this builder
   * @throws InvalidArgumentException if {@code config} is null
   */
  public EngineBuilder config(EngineConfig config) {
    EngineConfig value = Arguments.notNull(config, "config");
    settings.add(value::applyTo);
    return this;
  }

  /**
   * No interaction for this long: active becomes idle. Default 60 s.
   *
   * @param value the threshold
   * @return this builder
   */
  public EngineBuilder idleAfter(Duration value) {
    return duration(value, "idleAfter", pe_config::setIdle_after_ms);
  }

  /**
   * No interaction for this long: the session is away. Default 5 min.
   *
   * @param value the threshold
   * @return this builder
   */
  public EngineBuilder awayAfter(Duration value) {
    return duration(value, "awayAfter", pe_config::setAway_after_ms);
  }

  /**
   * Hidden for less than this changes nothing; longer makes the session away. Default 10 s.
   *
   * @param value the tolerance
   * @return this builder
   */
  public EngineBuilder blurTolerance(Duration value) {
    return duration(value, "blurTolerance", pe_config::setBlur_tolerance_ms);
  }

  /**
   * The heartbeat interval told to an active, visible session. Default 15 s.
   *
   * @param value the interval
   * @return this builder
   */
  public EngineBuilder heartbeatActive(Duration value) {
    return duration(value, "heartbeatActive", pe_config::setHeartbeat_active_ms);
  }

  /**
   * The interval told to an idle or away, visible session. Default 30 s.
   *
   * @param value the interval
   * @return this builder
   */
  public EngineBuilder heartbeatIdle(Duration value) {
    return duration(value, "heartbeatIdle", pe_config::setHeartbeat_idle_ms);
  }

  /**
   * The interval told to a hidden session, whose timers browsers throttle. Default 60 s.
   *
   * @param value the interval
   * @return this builder
   */
  public EngineBuilder heartbeatHidden(Duration value) {
    return duration(value, "heartbeatHidden", pe_config::setHeartbeat_hidden_ms);
  }

  /**
   * A session is stale once silent for the interval it was told plus this. Default 10 s.
   *
   * @param value the grace
   * @return this builder
   */
  public EngineBuilder heartbeatGrace(Duration value) {
    return duration(value, "heartbeatGrace", pe_config::setHeartbeat_grace_ms);
  }

  /**
   * After a disconnect, the session's state is held (reconnecting) this long. Default 30 s.
   *
   * @param value the window
   * @return this builder
   */
  public EngineBuilder reconnectGrace(Duration value) {
    return duration(value, "reconnectGrace", pe_config::setReconnect_grace_ms);
  }

  /**
   * A session silent this long is offline and ends. Default 2 min.
   *
   * @param value the time to live
   * @return this builder
   */
  public EngineBuilder sessionTtl(Duration value) {
    return duration(value, "sessionTtl", pe_config::setSession_ttl_ms);
  }

  /**
   * Anti-flap for every state at once: a change is published once it held this long.
   *
   * @param value the debounce window, zero to publish at once
   * @return this builder
   */
  public EngineBuilder debounce(Duration value) {
    return debounceActive(value)
        .debounceIdle(value)
        .debounceAway(value)
        .debounceStale(value)
        .debounceOffline(value);
  }

  /**
   * A change to active is published once it held this long. Default 500 ms.
   *
   * @param value the debounce window, zero to publish at once
   * @return this builder
   */
  public EngineBuilder debounceActive(Duration value) {
    return duration(value, "debounceActive", pe_config::setDebounce_active_ms);
  }

  /**
   * A change to idle is published once it held this long. Default 2 s.
   *
   * @param value the debounce window, zero to publish at once
   * @return this builder
   */
  public EngineBuilder debounceIdle(Duration value) {
    return duration(value, "debounceIdle", pe_config::setDebounce_idle_ms);
  }

  /**
   * A change to away is published once it held this long. Default 2 s.
   *
   * @param value the debounce window, zero to publish at once
   * @return this builder
   */
  public EngineBuilder debounceAway(Duration value) {
    return duration(value, "debounceAway", pe_config::setDebounce_away_ms);
  }

  /**
   * A change to stale is published once it held this long. Default 2 s.
   *
   * @param value the debounce window, zero to publish at once
   * @return this builder
   */
  public EngineBuilder debounceStale(Duration value) {
    return duration(value, "debounceStale", pe_config::setDebounce_stale_ms);
  }

  /**
   * A change to offline is published once it held this long. Default 2 s.
   *
   * @param value the debounce window, zero to publish at once
   * @return this builder
   */
  public EngineBuilder debounceOffline(Duration value) {
    return duration(value, "debounceOffline", pe_config::setDebounce_offline_ms);
  }

  /**
   * How long an offline user's last-seen is remembered. Default one day.
   *
   * @param value the retention
   * @return this builder
   */
  public EngineBuilder lastSeenRetention(Duration value) {
    return duration(value, "lastSeenRetention", pe_config::setLast_seen_retention_ms);
  }

  /**
   * At most this many offline users are remembered, the oldest forgotten first. Default 1,000,000.
   *
   * @param value the limit
   * @return this builder
   */
  public EngineBuilder lastSeenMaxUsers(long value) {
    return number(value, "lastSeenMaxUsers", pe_config::setLast_seen_max_users);
  }

  /**
   * Published events kept for {@link Engine#eventsSince} and listeners. Default 65,536.
   *
   * @param value the capacity
   * @return this builder
   */
  public EngineBuilder eventBufferCapacity(long value) {
    return number(value, "eventBufferCapacity", pe_config::setEvent_buffer_capacity);
  }

  /**
   * The longest accepted session, user and transport id, in UTF-8 bytes, from 1 to 1024. Default
   * 128.
   *
   * @param value the limit
   * @return this builder
   */
  public EngineBuilder maxIdBytes(int value) {
    return number(value, "maxIdBytes", pe_config::setMax_id_bytes);
  }

  /**
   * The largest accepted session metadata, in UTF-8 bytes. Default 1024.
   *
   * @param value the limit
   * @return this builder
   */
  public EngineBuilder maxMetaBytes(int value) {
    return number(value, "maxMetaBytes", pe_config::setMax_meta_bytes);
  }

  /**
   * Live sessions one user may hold, from 1 to 65535. Default 64.
   *
   * @param value the limit
   * @return this builder
   */
  public EngineBuilder maxSessionsPerUser(int value) {
    return number(value, "maxSessionsPerUser", pe_config::setMax_sessions_per_user);
  }

  /**
   * Live sessions in the engine; 0 for no limit. Default 0.
   *
   * @param value the limit
   * @return this builder
   */
  public EngineBuilder maxSessions(long value) {
    return number(value, "maxSessions", pe_config::setMax_sessions);
  }

  // --- Rooms ---------------------------------------------------------------------------------

  /**
   * A member who joined within this is "arriving" ({@link Member#arriving()}, {@link
   * Room#arriving()}). Default 60 s.
   *
   * @param value the window
   * @return this builder
   */
  public EngineBuilder roomArriving(Duration value) {
    return duration(value, "roomArriving", pe_config::setRoom_arriving_ms);
  }

  /**
   * The half-life of the exponentially weighted arrivals and departures of a room ({@link
   * Room#momentum()}). Default 5 min.
   *
   * @param value the half-life
   * @return this builder
   */
  public EngineBuilder roomMomentumHalfLife(Duration value) {
    return duration(value, "roomMomentumHalfLife", pe_config::setRoom_momentum_half_life_ms);
  }

  /**
   * Rooms one session may be in; 0 for no limit. Default 32.
   *
   * @param value the limit
   * @return this builder
   */
  public EngineBuilder maxRoomsPerSession(int value) {
    return number(value, "maxRoomsPerSession", pe_config::setMax_rooms_per_session);
  }

  /**
   * Rooms in the engine; 0 for no limit. Default 0. Rooms are kept until the engine closes.
   *
   * @param value the limit
   * @return this builder
   */
  public EngineBuilder maxRooms(long value) {
    return number(value, "maxRooms", pe_config::setMax_rooms);
  }

  // --- Readiness -----------------------------------------------------------------------------

  /**
   * How a user's readiness score weighs its lifecycle state against the recency of its last
   * interaction: score = availability factor x (state x S + recency x R) / (state + recency), where
   * S is the state's score (active 1, idle 0.6, away 0.25, stale and offline 0) and R falls from 1
   * to 0 over the {@linkplain #readinessRecencyWindow recency window}. Defaults 0.7 and 0.3.
   *
   * @param state the weight of the lifecycle state, from 0 to 1
   * @param recency the weight of recency, from 0 to 1
   * @return this builder
   */
  public EngineBuilder readinessWeights(double state, double recency) {
    real(state, pe_config::setReadiness_weight_state);
    return real(recency, pe_config::setReadiness_weight_recency);
  }

  /**
   * Interaction this long ago adds nothing to a user's readiness any more. Default 5 min.
   *
   * @param value the window
   * @return this builder
   */
  public EngineBuilder readinessRecencyWindow(Duration value) {
    return duration(value, "readinessRecencyWindow", pe_config::setReadiness_recency_window_ms);
  }

  /**
   * The factor of a {@linkplain Availability#BUSY busy} user's readiness (an available user's is 1,
   * do-not-disturb and invisible users' 0). Default 0.5.
   *
   * @param value the factor, from 0 to 1
   * @return this builder
   */
  public EngineBuilder readinessBusyFactor(double value) {
    return real(value, pe_config::setReadiness_busy_factor);
  }

  /**
   * How a room's readiness score weighs its members' presence against its density: score = (members
   * x mean member presence + density x min(1, active members / {@linkplain #roomQuorum quorum})) /
   * (members + density). Defaults 0.5 and 0.5.
   *
   * @param members the weight of the members' presence, from 0 to 1
   * @param density the weight of density, from 0 to 1
   * @return this builder
   */
  public EngineBuilder roomReadinessWeights(double members, double density) {
    real(members, pe_config::setReadiness_room_weight_members);
    return real(density, pe_config::setReadiness_room_weight_density);
  }

  /**
   * Active members for a room's full density. Default 2.
   *
   * @param value the quorum, at least 1
   * @return this builder
   */
  public EngineBuilder roomQuorum(int value) {
    return number(value, "roomQuorum", pe_config::setReadiness_room_quorum);
  }

  /**
   * The hysteresis of readiness: a user or room becomes ready at a score of {@code ready} or more,
   * and stops being ready only below {@code unready}, so a score wavering between the two does not
   * flap. Defaults 0.7 and 0.5.
   *
   * @param ready the ready threshold, from 0 to 1
   * @param unready the unready threshold, from 0 to {@code ready}
   * @return this builder
   */
  public EngineBuilder readinessThresholds(double ready, double unready) {
    real(ready, pe_config::setReadiness_ready_threshold);
    return real(unready, pe_config::setReadiness_unready_threshold);
  }

  // --- Intents -------------------------------------------------------------------------------

  /**
   * Pending intents one caller may hold; 0 for no limit. Default 32.
   *
   * @param value the limit
   * @return this builder
   */
  public EngineBuilder maxIntentsPerCaller(int value) {
    return number(value, "maxIntentsPerCaller", pe_config::setMax_intents_per_caller);
  }

  /**
   * The longest time to live an intent may have. Default one day.
   *
   * @param value the limit
   * @return this builder
   */
  public EngineBuilder maxIntentTtl(Duration value) {
    return duration(value, "maxIntentTtl", pe_config::setMax_intent_ttl_ms);
  }

  // --- Safety --------------------------------------------------------------------------------

  /**
   * Whether continuing a live session from another transport (or after its transport dropped,
   * heartbeats included) needs the session's {@linkplain OpenResult#resumeToken() resume token}:
   * then someone who learnt a session id cannot take the session over. Default: false. Turn it on
   * for servers in front of the internet.
   *
   * @param value true to require the token
   * @return this builder
   * @see OpenOptions#withResumeToken(String)
   */
  public EngineBuilder requireResumeToken(boolean value) {
    settings.add(config -> config.setRequire_resume_token(value ? 1 : 0));
    return this;
  }

  // --- Cluster mode ----------------------------------------------------------------------------

  /**
   * Makes the engine a cluster node: the sessions it hosts are replicated under this id ({@link
   * Engine#takeReplicas}), and it applies other nodes' records ({@link Engine#applyReplicas}).
   * Default: none, a standalone engine. Not part of {@link EngineConfig}: {@link Engine#config()}
   * does not read it back.
   *
   * @param value the node id, unique in the cluster
   * @return this builder
   * @throws InvalidArgumentException if {@code value} is null, empty or not valid Unicode
   */
  public EngineBuilder nodeId(String value) {
    byte[] id = Arguments.utf8(value, "nodeId");
    if (id.length == 0) {
      throw new InvalidArgumentException(
          "nodeId is empty (leave it unset for a standalone engine)");
    }
    this.nodeId = id;
    return this;
  }

  /**
   * Another node counts as alive this long after it was last seen ({@link Engine#nodeSeen} or one
   * of its records); then its sessions age through stale to offline as silent sessions do. Default
   * 10 s.
   *
   * @param value the timeout
   * @return this builder
   */
  public EngineBuilder nodeTimeout(Duration value) {
    return duration(value, "nodeTimeout", pe_config::setNode_timeout_ms);
  }

  /**
   * Replication records kept for {@link Engine#takeReplicas}; beyond that the outbox overflows
   * ({@link TooFarBehindException}: export again). Default 1,000,000.
   *
   * @param value the most records kept
   * @return this builder
   */
  public EngineBuilder replicationBuffer(long value) {
    return number(value, "replicationBuffer", pe_config::setReplication_buffer);
  }

  // --- Time ----------------------------------------------------------------------------------

  /**
   * Bounds the timer work a call other than {@link Engine#advance} does to catch up with its time;
   * 0 (the default) runs all of it, so every read is exact at its time.
   *
   * <p>Set it together with a {@linkplain #ticker ticker}, for example to 64. Without a bound, the
   * call that finds a storm of due transitions (a million sessions expiring together, say, after a
   * network partition) works them all off under the engine's lock, and every other call waits for
   * it: a heartbeat can then take hundreds of milliseconds. With a bound, that call runs at most
   * this many timer steps and moves on; the ticker works off the rest in slices, letting waiting
   * callers go first between slices; a session a call touches is brought up to date first, and late
   * transitions keep their exact times. Without a ticker (nor regular {@link Engine#advance} calls)
   * leave it at 0: the remaining transitions would wait for the next call that advances time.
   *
   * @param value the most timer steps a call runs; 0 for all
   * @return this builder
   */
  public EngineBuilder maxCatchUpSteps(int value) {
    return number(value, "maxCatchUpSteps", pe_config::setMax_catch_up_steps);
  }

  /**
   * Starts the engine's native ticker thread with this period, so that transitions by time and
   * debounced publications happen without {@link Engine#advance()} calls. Default: no ticker. With
   * a ticker, consider {@link #maxCatchUpSteps}.
   *
   * @param period how often to tick, from 1 ms to 60 s
   * @return this builder
   * @throws InvalidArgumentException if {@code period} is null
   * @see Engine#startTicker(Duration)
   */
  public EngineBuilder ticker(Duration period) {
    this.tickerPeriod = Arguments.notNull(period, "period");
    return this;
  }

  /**
   * Creates an engine with this configuration.
   *
   * @return the new engine; close it when done
   * @throws InvalidArgumentException if the configuration is inconsistent
   */
  public Engine build() {
    return make(config -> new Engine(config, nodeId));
  }

  /**
   * Restores an engine now from a snapshot written by {@link Engine#save(Path)}; see {@link
   * #restore(Path, Instant)}.
   *
   * @param path the snapshot file
   * @return the restored engine; close it when done
   * @throws NotFoundException if there is no file at {@code path}, e.g. at a first start: build a
   *     fresh engine with {@link #build()} then
   * @throws CorruptSnapshotException if the file is foreign, truncated, damaged or inconsistent
   * @throws IoErrorException if the file cannot be read
   * @throws InvalidArgumentException if {@code path} is null or the configuration is inconsistent
   * @throws UnsupportedException if the snapshot's format is newer than this library, or for a
   *     cluster node
   */
  public Engine restore(Path path) {
    return restoreAt(path, Engine.NOW);
  }

  /**
   * Restores an engine from a snapshot written by {@link Engine#save(Path)}, with this builder's
   * configuration (it may differ from the saved engine's: thresholds apply from the restore) and
   * ticker.
   *
   * <p>The restored engine continues where the saved one stopped, then lives through the time it
   * was down as if nobody had called: sessions age from their last signal (stale once their
   * heartbeats are overdue, offline past the session TTL, with those transitions published at their
   * times). Each session still alive at {@code now} lost its transport in the restart, so it is
   * disconnected at {@code now}: within the {@linkplain #reconnectGrace reconnect grace} its state
   * holds, and an {@link Engine#open} (with its resume token when {@linkplain #requireResumeToken
   * required}) continues it. Event seqs continue after the saved last seq; a consumer behind it
   * gets {@link TooFarBehindException} and takes a snapshot.
   *
   * <p>A first start has no snapshot yet; one way to start either way:
   *
   * <pre>{@code
   * Engine engine;
   * try {
   *   engine = builder.restore(path);
   * } catch (NotFoundException firstStart) {
   *   engine = builder.build();
   * }
   * }</pre>
   *
   * @param path the snapshot file
   * @param now the time of the restore; a time before the snapshot's is taken as the snapshot's
   * @return the restored engine; close it when done
   * @throws NotFoundException if there is no file at {@code path}, e.g. at a first start
   * @throws CorruptSnapshotException if the file is foreign, truncated, damaged or inconsistent
   *     (the message says what is wrong); the whole file is checked first, so nothing was loaded
   * @throws IoErrorException if the file cannot be read
   * @throws InvalidArgumentException if an argument is null, {@code path} is not on the default
   *     file system, or the configuration is inconsistent
   * @throws UnsupportedException if the snapshot was written by a newer library in a format this
   *     one does not read, for a cluster node ({@link #nodeId}), or without a POSIX file system
   */
  public Engine restore(Path path, Instant now) {
    return restoreAt(path, Arguments.epochMillis(now, "now"));
  }

  private Engine restoreAt(Path path, long nowMs) {
    byte[] file = Arguments.path(path, "path");
    return make(config -> Engine.restore(config, nodeId, file, nowMs));
  }

  /** Makes an engine from the configuration, then starts its ticker if one is set. */
  private Engine make(Function<pe_config, Engine> constructor) {
    Engine engine;
    try (pe_config config = new pe_config()) {
      PresenceNative.pe_config_init(config);
      settings.forEach(setting -> setting.accept(config));
      engine = constructor.apply(config);
    }
    if (tickerPeriod != null) {
      try {
        engine.startTicker(tickerPeriod);
      } catch (RuntimeException e) {
        engine.close();
        throw e;
      }
    }
    return engine;
  }

  private EngineBuilder duration(Duration value, String name, ObjLongConsumer<pe_config> field) {
    long millis = Arguments.millis(value, name);
    settings.add(config -> field.accept(config, millis));
    return this;
  }

  private EngineBuilder number(long value, String name, ObjLongConsumer<pe_config> field) {
    long checked = Arguments.nonNegative(value, name);
    settings.add(config -> field.accept(config, checked));
    return this;
  }

  /** A real number, checked by the engine (NaN included) when it is built. */
  private EngineBuilder real(double value, ObjDoubleConsumer<pe_config> field) {
    settings.add(config -> field.accept(config, value));
    return this;
  }
}
