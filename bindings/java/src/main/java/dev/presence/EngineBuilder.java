package dev.presence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ObjLongConsumer;

/**
 * Configures an {@link Engine}. Every threshold has a documented default, taken from the native
 * library, so an unset value behaves exactly as in every other runtime. Durations are used in whole
 * milliseconds. The engine checks the whole configuration when it is built and names the offending
 * field in its {@link InvalidArgumentException}: every duration positive (debounces may be zero),
 * {@code idleAfter < awayAfter}, {@code heartbeatActive <= heartbeatIdle <= heartbeatHidden}, and
 * {@code sessionTtl} longer than {@code heartbeatHidden + heartbeatGrace} and than {@code
 * reconnectGrace}.
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

  EngineBuilder() {}

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
   * Live sessions one user may hold; 0 for no limit. Default 64.
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

  /**
   * Starts the engine's native ticker thread with this period, so that transitions by time and
   * debounced publications happen without {@link Engine#advance()} calls. Default: no ticker.
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
    Engine engine;
    try (pe_config config = new pe_config()) {
      PresenceNative.pe_config_init(config);
      settings.forEach(setting -> setting.accept(config));
      engine = new Engine(config);
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
}
