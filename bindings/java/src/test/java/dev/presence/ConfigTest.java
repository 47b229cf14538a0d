package dev.presence;

import static dev.presence.TestTimes.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The configuration as a value: defaults, read back, copied, refused; and every limit counted. */
class ConfigTest {
  @Test
  void theDefaultsAreTheDocumentedOnes() {
    EngineConfig defaults = EngineConfig.defaults();
    assertEquals(Duration.ofSeconds(60), defaults.idleAfter());
    assertEquals(Duration.ofMinutes(5), defaults.awayAfter());
    assertEquals(Duration.ofSeconds(10), defaults.blurTolerance());
    assertEquals(Duration.ofSeconds(15), defaults.heartbeatActive());
    assertEquals(Duration.ofSeconds(30), defaults.heartbeatIdle());
    assertEquals(Duration.ofSeconds(60), defaults.heartbeatHidden());
    assertEquals(Duration.ofSeconds(30), defaults.reconnectGrace());
    assertEquals(Duration.ofMinutes(2), defaults.sessionTtl());
    assertEquals(Duration.ofMillis(500), defaults.debounceActive());
    assertEquals(Duration.ofSeconds(2), defaults.debounceOffline());
    assertEquals(Duration.ofDays(1), defaults.lastSeenRetention());
    assertEquals(1_000_000, defaults.lastSeenMaxUsers());
    assertEquals(65_536, defaults.eventBufferCapacity());
    assertEquals(128, defaults.maxIdBytes());
    assertEquals(1024, defaults.maxMetaBytes());
    assertEquals(64, defaults.maxSessionsPerUser());
    assertEquals(0, defaults.maxSessions());
    assertEquals(32, defaults.maxRoomsPerSession());
    assertEquals(0, defaults.maxRooms());
    assertEquals(0.7, defaults.readinessWeightState());
    assertEquals(0.3, defaults.readinessWeightRecency());
    assertEquals(2, defaults.roomQuorum());
    assertEquals(0.5, defaults.readinessUnreadyThreshold());
    assertEquals(32, defaults.maxIntentsPerCaller());
    assertEquals(Duration.ofDays(1), defaults.maxIntentTtl());
    assertEquals(0, defaults.maxCatchUpSteps());
    assertEquals(Duration.ofSeconds(10), defaults.nodeTimeout());
    assertEquals(1_000_000, defaults.replicationBuffer());
    assertFalse(defaults.requireResumeToken());
    try (Engine engine = Engine.create()) {
      assertEquals(defaults, engine.config());
    }
  }

  @Test
  void anEngineReadsBackEveryOptionItWasBuiltWith() {
    try (Engine engine =
        Engine.builder()
            .idleAfter(Duration.ofSeconds(20))
            .debounceStale(Duration.ofMillis(700))
            .maxIdBytes(64)
            .maxMetaBytes(256)
            .maxSessionsPerUser(3)
            .maxSessions(1000)
            .maxRoomsPerSession(4)
            .maxRooms(50)
            .maxIntentsPerCaller(5)
            .maxIntentTtl(Duration.ofMinutes(10))
            .eventBufferCapacity(128)
            .lastSeenMaxUsers(10)
            .readinessWeights(0.5, 0.5)
            .readinessThresholds(0.8, 0.4)
            .maxCatchUpSteps(64)
            .requireResumeToken(true)
            .build()) {
      EngineConfig config = engine.config();
      assertEquals(Duration.ofSeconds(20), config.idleAfter());
      assertEquals(Duration.ofMillis(700), config.debounceStale());
      assertEquals(Duration.ofMillis(500), config.debounceActive(), "untouched: the default");
      assertEquals(64, config.maxIdBytes());
      assertEquals(256, config.maxMetaBytes());
      assertEquals(3, config.maxSessionsPerUser());
      assertEquals(1000, config.maxSessions());
      assertEquals(4, config.maxRoomsPerSession());
      assertEquals(50, config.maxRooms());
      assertEquals(5, config.maxIntentsPerCaller());
      assertEquals(Duration.ofMinutes(10), config.maxIntentTtl());
      assertEquals(128, config.eventBufferCapacity());
      assertEquals(10, config.lastSeenMaxUsers());
      assertEquals(0.5, config.readinessWeightRecency());
      assertEquals(0.8, config.readinessReadyThreshold());
      assertEquals(0.4, config.readinessUnreadyThreshold());
      assertEquals(64, config.maxCatchUpSteps());
      assertTrue(config.requireResumeToken());

      try (Engine twin = Engine.builder().config(config).build()) {
        assertEquals(config, twin.config());
      }
      try (Engine adjusted = Engine.builder().maxIdBytes(9).config(config).maxSessions(7).build()) {
        assertEquals(64, adjusted.config().maxIdBytes(), "config() replaces what came before");
        assertEquals(7, adjusted.config().maxSessions(), "and what comes after applies on top");
      }
    }
  }

  @Test
  void aConfigurationIsCheckedInJavaAndThenByTheEngine() {
    EngineConfig defaults = EngineConfig.defaults();
    assertThrows(InvalidArgumentException.class, () -> Engine.builder().config(null));
    assertThrows(
        InvalidArgumentException.class,
        () ->
            new EngineConfig(
                null,
                defaults.awayAfter(),
                defaults.blurTolerance(),
                defaults.heartbeatActive(),
                defaults.heartbeatIdle(),
                defaults.heartbeatHidden(),
                defaults.heartbeatGrace(),
                defaults.reconnectGrace(),
                defaults.sessionTtl(),
                defaults.debounceActive(),
                defaults.debounceIdle(),
                defaults.debounceAway(),
                defaults.debounceStale(),
                defaults.debounceOffline(),
                defaults.lastSeenRetention(),
                defaults.lastSeenMaxUsers(),
                defaults.eventBufferCapacity(),
                -1,
                defaults.maxMetaBytes(),
                defaults.maxSessionsPerUser(),
                defaults.maxSessions(),
                defaults.roomArriving(),
                defaults.roomMomentumHalfLife(),
                defaults.maxRoomsPerSession(),
                defaults.maxRooms(),
                defaults.readinessWeightState(),
                defaults.readinessWeightRecency(),
                defaults.readinessRecencyWindow(),
                defaults.readinessBusyFactor(),
                defaults.roomReadinessWeightMembers(),
                defaults.roomReadinessWeightDensity(),
                defaults.roomQuorum(),
                defaults.readinessReadyThreshold(),
                defaults.readinessUnreadyThreshold(),
                defaults.maxIntentsPerCaller(),
                defaults.maxIntentTtl(),
                defaults.maxCatchUpSteps(),
                defaults.nodeTimeout(),
                defaults.replicationBuffer(),
                defaults.requireResumeToken()));
    try (Engine engine = Engine.builder().idleAfter(Duration.ofMinutes(4)).build()) {
      EngineConfig inconsistent = engine.config();
      InvalidArgumentException refused =
          assertThrows(
              InvalidArgumentException.class,
              () -> Engine.builder().config(inconsistent).awayAfter(Duration.ofMinutes(1)).build());
      assertTrue(refused.getMessage().contains("idle_after_ms"), refused.getMessage());
    }
  }

  @Test
  void everyLimitIsARejectionCountedInStats() {
    try (Engine limited =
        Engine.builder()
            .debounce(Duration.ZERO)
            .maxIdBytes(8)
            .maxMetaBytes(4)
            .maxSessionsPerUser(1)
            .maxSessions(2)
            .maxRoomsPerSession(1)
            .maxRooms(1)
            .maxIntentsPerCaller(1)
            .maxIntentTtl(Duration.ofMinutes(1))
            .build()) {
      limited.open("a", OpenOptions.user("ann"), t(0));
      limited.joinRoom("a", "r", t(0));
      assertThrows(
          LimitExceededException.class, () -> limited.open("a2", OpenOptions.user("ann"), t(0)));
      limited.open("b", OpenOptions.user("bob"), t(0));
      assertThrows(
          LimitExceededException.class, () -> limited.open("c", OpenOptions.user("cid"), t(0)));
      assertThrows(LimitExceededException.class, () -> limited.joinRoom("a", "r2", t(0)));
      assertThrows(LimitExceededException.class, () -> limited.joinRoom("b", "r2", t(0)));
      // Pending (nobody to be ready yet), so it counts against the caller's limit.
      limited.openIntent("ann", Target.user("zed"), "call", Duration.ofSeconds(30), t(0));
      assertThrows(
          LimitExceededException.class,
          () -> limited.openIntent("ann", Target.room("r"), "call", Duration.ofSeconds(30), t(0)));
      long counted = limited.stats().limitRejections();
      assertEquals(5, counted, "sessions per user, sessions, rooms per session, rooms, intents");
      assertThrows(
          InvalidArgumentException.class,
          () -> limited.open("123456789", OpenOptions.guest(), t(0)));
      assertThrows(
          InvalidArgumentException.class,
          () -> limited.open("d", OpenOptions.guest().withMeta("12345"), t(0)));
      assertThrows(
          InvalidArgumentException.class,
          () -> limited.openIntent("bob", Target.user("ann"), "call", Duration.ofMinutes(2), t(0)));
      assertEquals(counted, limited.stats().limitRejections(), "bad input is not a limit");
    }
  }
}
