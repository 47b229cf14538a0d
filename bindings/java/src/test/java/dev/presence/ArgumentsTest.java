package dev.presence;

import static dev.presence.TestTimes.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every kind of bad input is an InvalidArgumentException that changes nothing. */
class ArgumentsTest {
  private final Engine engine = TestTimes.undebounced();

  @AfterEach
  void close() {
    engine.close();
  }

  private static void assertInvalid(Executable call, String messagePart) {
    InvalidArgumentException error = assertThrows(InvalidArgumentException.class, call);
    assertEquals(Status.INVALID_ARGUMENT, error.status());
    assertTrue(
        error.getMessage().contains(messagePart),
        "message '" + error.getMessage() + "' should mention '" + messagePart + "'");
  }

  @Test
  void aNullArgumentOfAnyEngineMethodIsInvalid() {
    engine.open("sample", OpenOptions.user("sample"), t(0));
    List<String> checked = new ArrayList<>();
    for (Method method : Samples.engineMethods()) {
      Class<?>[] types = method.getParameterTypes();
      for (int i = 0; i < types.length; i++) {
        if (types[i].isPrimitive()) {
          continue;
        }
        Object[] args = Samples.arguments(method);
        args[i] = null;
        Throwable thrown = Samples.thrownBy(method, engine, args);
        String where = method.getName() + " argument " + i;
        assertTrue(thrown instanceof InvalidArgumentException, where + " threw " + thrown);
        assertTrue(
            thrown.getMessage().contains("must not be null"), where + ": " + thrown.getMessage());
        checked.add(where);
      }
    }
    assertTrue(checked.size() > 40, "checked " + checked);
    assertEquals(1, engine.counts(t(0)).sessionsAlive(), "nothing changed");
  }

  @Test
  void nullsInOptionsAndRecordsAreInvalid() {
    assertInvalid(() -> OpenOptions.user(null), "userId");
    assertInvalid(() -> OpenOptions.guest().withVisibility(null), "visibility");
    assertInvalid(() -> State.ACTIVE.isAtLeast(null), "other");
    assertInvalid(() -> engine.counts().sessions(null), "state");
    assertInvalid(() -> Engine.builder().idleAfter(null), "idleAfter");
    assertInvalid(() -> Engine.builder().ticker(null), "period");
    assertInvalid(() -> Engine.builder().roomArriving(null), "roomArriving");
    assertInvalid(() -> Engine.builder().maxIntentTtl(null), "maxIntentTtl");
    assertInvalid(() -> Target.user(null), "userId");
    assertInvalid(() -> Target.room(null), "roomId");
    assertInvalid(() -> new Target(null, "ann"), "kind");
    assertInvalid(() -> new Target(TargetKind.USER, null), "id");
    Occupancy occupancy = new Occupancy(0, 0, 0, 0, 0, 0, 0, 0);
    assertInvalid(() -> occupancy.members(null), "state");
    assertInvalid(() -> occupancy.sessions(null), "state");
    assertInvalid(() -> new Histogram(null), "buckets");
    assertInvalid(() -> new Histogram(Arrays.asList((Histogram.Bucket) null)), "bucket");
  }

  @Test
  void emptyAndOversizedIdsAreInvalid() {
    assertInvalid(() -> engine.open("", OpenOptions.guest(), t(0)), "empty");
    assertInvalid(() -> engine.open("x".repeat(129), OpenOptions.guest(), t(0)), "129 bytes");
    // The limit counts UTF-8 bytes, not chars: 43 emoji are 172 bytes.
    assertInvalid(() -> engine.open("😀".repeat(43), OpenOptions.guest(), t(0)), "172 bytes");
    assertInvalid(() -> engine.open("s", OpenOptions.user(""), t(0)), "empty");
    assertInvalid(() -> engine.open("s", OpenOptions.user("u".repeat(200)), t(0)), "200 bytes");
    assertInvalid(
        () -> engine.open("s", OpenOptions.guest().withMeta("m".repeat(1025)), t(0)), "1025 bytes");
    assertInvalid(
        () -> engine.open("s", OpenOptions.guest().withTransportId("t".repeat(129)), t(0)), "129");
    assertInvalid(() -> engine.heartbeat("", Activity.UNKNOWN, Visibility.UNKNOWN, t(0)), "empty");
    assertInvalid(() -> engine.user("", t(0)), "empty");
    assertInvalid(() -> engine.session("x".repeat(5000), t(0)), "5000 bytes");
    assertEquals(0, engine.counts(t(0)).sessionsAlive());
    try (Engine roomy = Engine.builder().maxIdBytes(1024).build()) {
      String longId = "x".repeat(1024);
      roomy.open(longId, OpenOptions.guest(), t(0));
      assertEquals(longId, roomy.session(longId, t(0)).orElseThrow().sessionId());
    }
  }

  @Test
  void emptyAndOversizedIdsAreInvalidInCoordinationCalls() {
    engine.open("s", OpenOptions.user("u"), t(0));
    engine.joinRoom("s", "r", t(0));
    String big = "x".repeat(129);
    Duration ttl = Duration.ofMinutes(1);
    List<Executable> calls =
        List.of(
            () -> engine.joinRoom("s", "", t(1)),
            () -> engine.joinRoom("s", big, t(1)),
            () -> engine.joinRoom("", "r", t(1)),
            () -> engine.leaveRoom("s", "", t(1)),
            () -> engine.setCountOnly("", Duration.ofSeconds(1), t(1)),
            () -> engine.clearCountOnly(big, t(1)),
            () -> engine.room("", t(1)),
            () -> engine.listMembers(big, State.STALE, 10, "", t(1)),
            () -> engine.roomsOf("", t(1)),
            () -> engine.roomMetrics(big, t(1)),
            () -> engine.setAvailability("", Availability.BUSY, t(1)),
            () -> engine.readiness(Target.user(""), t(1)),
            () -> engine.readiness(Target.room(big), t(1)),
            () -> engine.openIntent("", Target.user("u"), "call", ttl, t(1)),
            () -> engine.openIntent("c", Target.room(""), "call", ttl, t(1)),
            () -> engine.openIntent("c", Target.user("u"), "", ttl, t(1)),
            () -> engine.openIntent("c", Target.user("u"), big, ttl, t(1)),
            () -> engine.cancelIntent("", t(1)),
            () -> engine.intentsTo(Target.user(big), t(1)),
            () -> engine.intentsFrom("", t(1)),
            () -> engine.subscribe("", Target.user("u")),
            () -> engine.subscribe("w", Target.room("")),
            () -> engine.unsubscribe(big, Target.user("u")),
            () -> engine.unsubscribeAll(""),
            () -> engine.prometheusText("", t(1)),
            () -> engine.prometheusText(big, t(1)));
    for (Executable call : calls) {
      InvalidArgumentException error = assertThrows(InvalidArgumentException.class, call);
      String message = error.getMessage();
      assertTrue(message.contains("empty") || message.contains("129 bytes"), message);
    }
    Counts counts = engine.counts(t(1));
    assertEquals(1, counts.rooms(), "nothing changed");
    assertEquals(List.of("r"), engine.roomsOf("u", t(1)).stream().map(Room::roomId).toList());
    assertEquals(List.of(), engine.intentsFrom("c", t(1)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\ud800", "a\udc00b", "\udc00\ud800", "ok\ud83d"})
  void loneSurrogatesAreRejectedInEveryTextArgument(String bad) {
    engine.open("tab", OpenOptions.user("ann").withTransportId("sock"), t(0));
    List<Consumer<String>> uses =
        List.of(
            text -> engine.open(text, OpenOptions.guest(), t(1)),
            text -> engine.open("new", OpenOptions.user(text), t(1)),
            text -> engine.open("new", OpenOptions.guest().withMeta(text), t(1)),
            text -> engine.open("new", OpenOptions.guest().withTransportId(text), t(1)),
            text -> engine.heartbeat(text, Activity.UNKNOWN, Visibility.UNKNOWN, t(1)),
            text -> engine.activity(text, t(1)),
            text -> engine.visibility(text, Visibility.HIDDEN, t(1)),
            text -> engine.disconnect(text, t(1)),
            text -> engine.disconnectTransport(text, t(1)),
            text -> engine.leave(text, t(1)),
            text -> engine.identify(text, "ann", t(1)),
            text -> engine.identify("tab", text, t(1)),
            text -> engine.user(text, t(1)),
            text -> engine.session(text, t(1)),
            text -> engine.listUsers(State.OFFLINE, 10, text, t(1)),
            text -> engine.joinRoom("tab", text, t(1)),
            text -> engine.joinRoom(text, "room", t(1)),
            text -> engine.leaveRoom("tab", text, t(1)),
            text -> engine.setCountOnly(text, Duration.ofSeconds(1), t(1)),
            text -> engine.clearCountOnly(text, t(1)),
            text -> engine.room(text, t(1)),
            text -> engine.listRooms(10, text, t(1)),
            text -> engine.listMembers(text, State.STALE, 10, "", t(1)),
            text -> engine.listMembers("room", State.STALE, 10, text, t(1)),
            text -> engine.roomsOf(text, t(1)),
            text -> engine.roomMetrics(text, t(1)),
            text -> engine.setAvailability(text, Availability.BUSY, t(1)),
            text -> engine.readiness(Target.user(text), t(1)),
            text -> engine.readiness(Target.room(text), t(1)),
            text ->
                engine.openIntent(text, Target.user("ann"), "call", Duration.ofSeconds(1), t(1)),
            text -> engine.openIntent("c", Target.room(text), "call", Duration.ofSeconds(1), t(1)),
            text -> engine.openIntent("c", Target.user("ann"), text, Duration.ofSeconds(1), t(1)),
            text -> engine.cancelIntent(text, t(1)),
            text -> engine.intentsTo(Target.user(text), t(1)),
            text -> engine.intentsFrom(text, t(1)),
            text -> engine.subscribe(text, Target.user("ann")),
            text -> engine.subscribe("w", Target.room(text)),
            text -> engine.unsubscribe("w", Target.user(text)),
            text -> engine.unsubscribeAll(text),
            text -> engine.prometheusText(text, t(1)));
    for (Consumer<String> use : uses) {
      assertInvalid(() -> use.accept(bad), "lone surrogate");
    }
    assertEquals(1, engine.counts(t(1)).sessionsAlive(), "nothing changed");
    assertEquals(0, engine.counts(t(1)).rooms());
    assertTrue(engine.session("tab", t(1)).orElseThrow().connected());
  }

  @Test
  void timesMustBeTheClockOrBetweenTheEpochAndTwoToThe53() {
    engine.open("s", OpenOptions.guest(), t(0));
    long limit = 1L << 53;
    for (long bad : new long[] {-2, Long.MIN_VALUE, limit + 1, Long.MAX_VALUE}) {
      assertInvalid(
          () -> engine.heartbeatMillis("s", Activity.UNKNOWN, Visibility.UNKNOWN, bad), "now_ms");
    }
    assertInvalid(
        () -> engine.open("s", OpenOptions.guest(), Instant.EPOCH.minusMillis(1)), "before 1970");
    assertInvalid(() -> engine.advance(Instant.MIN), "before 1970");
    assertInvalid(() -> engine.counts(Instant.MAX), "too far in the future");
    assertInvalid(() -> engine.snapshot(Instant.ofEpochMilli(limit + 1)), "now_ms");
    assertEquals(t(0), engine.now(), "no bad time moved the clock");
    engine.advance(Instant.ofEpochMilli(limit));
    assertEquals(Instant.ofEpochMilli(limit), engine.now());
  }

  @Test
  void durationsAndLimitsAreChecked() {
    assertInvalid(() -> Engine.builder().idleAfter(Duration.ofSeconds(Long.MAX_VALUE)), "too long");
    assertInvalid(() -> Engine.builder().idleAfter(Duration.ofSeconds(-1)).build(), "idle_after");
    assertInvalid(() -> Engine.builder().idleAfter(Duration.ofMinutes(10)).build(), "away_after");
    assertInvalid(() -> Engine.builder().maxIdBytes(0).build(), "max_id_bytes");
    assertInvalid(() -> Engine.builder().maxIdBytes(2000).build(), "max_id_bytes");
    assertInvalid(() -> Engine.builder().maxIdBytes(-1), "maxIdBytes");
    assertInvalid(() -> Engine.builder().eventBufferCapacity(-5), "eventBufferCapacity");
    assertInvalid(() -> Engine.builder().ticker(Duration.ZERO).build(), "period_ms");
    assertInvalid(() -> engine.startTicker(Duration.ofSeconds(61)), "period_ms");
    assertInvalid(() -> engine.listUsers(State.ACTIVE, 0), "limit");
    assertInvalid(() -> engine.listUsers(State.ACTIVE, 10_001), "limit");
    assertInvalid(() -> engine.listUsers(State.ACTIVE, -1), "limit");
    assertInvalid(() -> engine.eventsSince(-1), "afterSeq");
    assertInvalid(() -> engine.eventsSince(0, -1), "maxEvents");
    assertInvalid(() -> engine.advance(t(0), -1), "maxSteps");
    assertInvalid(() -> engine.awaitEvents(0, 0, Duration.ofMillis(-1)), "timeout");
    assertInvalid(() -> engine.countSeen(Duration.ofMillis(-1), t(0)), "window");
    assertInvalid(() -> engine.listRooms(0), "limit");
    assertInvalid(() -> engine.listRooms(10_001), "limit");
    assertInvalid(() -> engine.listRooms(-1, ""), "limit");
    engine.open("s", OpenOptions.guest(), t(0));
    engine.joinRoom("s", "r", t(0));
    assertInvalid(() -> engine.listMembers("r", State.STALE, 0), "limit");
    assertInvalid(() -> engine.listMembers("r", State.STALE, -3), "limit");
    assertInvalid(() -> engine.fanout(-1), "afterSeq");
    assertInvalid(() -> engine.fanout(0, -1), "maxEvents");
    assertInvalid(() -> engine.fanout(engine.stats().lastSeq() + 1), "after_seq");
  }

  @Test
  void coordinationDurationsAreChecked() {
    engine.open("s", OpenOptions.user("u"), t(0));
    Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
    assertInvalid(() -> engine.setCountOnly("r", Duration.ZERO, t(1)), "occupancy interval");
    assertInvalid(
        () -> engine.setCountOnly("r", Duration.ofMillis(-5), t(1)), "occupancy interval");
    assertInvalid(
        () -> engine.setCountOnly("r", Duration.ofDays(1).plusMillis(1), t(1)),
        "occupancy interval");
    assertInvalid(
        () -> engine.setCountOnly("r", Duration.ofNanos(999_999), t(1)), "occupancy interval");
    assertInvalid(() -> engine.setCountOnly("r", forever, t(1)), "too long");
    Target ann = Target.user("ann");
    assertInvalid(() -> engine.openIntent("c", ann, "call", Duration.ZERO, t(1)), "ttl_ms");
    assertInvalid(
        () -> engine.openIntent("c", ann, "call", Duration.ofSeconds(-1), t(1)), "ttl_ms");
    assertInvalid(() -> engine.openIntent("c", ann, "call", Duration.ofDays(2), t(1)), "ttl_ms");
    assertInvalid(() -> engine.openIntent("c", ann, "call", forever, t(1)), "too long");
    assertEquals(0, engine.counts(t(1)).rooms(), "nothing changed");
    assertEquals(List.of(), engine.intentsFrom("c", t(1)));
    engine.setCountOnly("r", Duration.ofDays(1), t(1)); // the bounds themselves are fine
    engine.openIntent("c", ann, "call", Duration.ofMillis(1), t(1));
  }

  @Test
  void coordinationOptionsAreChecked() {
    assertInvalid(() -> Engine.builder().roomArriving(Duration.ZERO).build(), "room_arriving_ms");
    assertInvalid(
        () -> Engine.builder().roomMomentumHalfLife(Duration.ofMillis(-1)).build(),
        "room_momentum_half_life_ms");
    assertInvalid(
        () -> Engine.builder().readinessRecencyWindow(Duration.ofMillis(1L << 41)).build(),
        "readiness_recency_window_ms");
    assertInvalid(() -> Engine.builder().maxIntentTtl(Duration.ZERO).build(), "max_intent_ttl_ms");
    assertInvalid(
        () -> Engine.builder().maxIntentTtl(Duration.ofSeconds(Long.MAX_VALUE)), "too long");
    assertInvalid(
        () -> Engine.builder().readinessWeights(Double.NaN, 0.3).build(), "readiness_weight_state");
    assertInvalid(
        () -> Engine.builder().readinessWeights(0.7, 1.5).build(), "readiness_weight_recency");
    assertInvalid(() -> Engine.builder().readinessWeights(0, 0).build(), "must be > 0");
    assertInvalid(
        () -> Engine.builder().readinessBusyFactor(-0.1).build(), "readiness_busy_factor");
    assertInvalid(
        () -> Engine.builder().roomReadinessWeights(Double.POSITIVE_INFINITY, 0.5).build(),
        "readiness_room_weight_members");
    assertInvalid(() -> Engine.builder().roomReadinessWeights(0, 0).build(), "must be > 0");
    assertInvalid(() -> Engine.builder().readinessThresholds(0.5, 0.7).build(), "hysteresis");
    assertInvalid(
        () -> Engine.builder().readinessThresholds(1.1, 0.5).build(), "readiness_ready_threshold");
    assertInvalid(() -> Engine.builder().roomQuorum(0).build(), "readiness_room_quorum");
    assertInvalid(() -> Engine.builder().roomQuorum(-1), "roomQuorum");
    assertInvalid(() -> Engine.builder().maxRoomsPerSession(-1), "maxRoomsPerSession");
    assertInvalid(() -> Engine.builder().maxRooms(-1), "maxRooms");
    assertInvalid(() -> Engine.builder().maxIntentsPerCaller(-1), "maxIntentsPerCaller");
    assertInvalid(() -> Engine.builder().maxCatchUpSteps(-1), "maxCatchUpSteps");
    try (Engine unlimited =
        Engine.builder()
            .maxRoomsPerSession(0)
            .maxRooms(0)
            .maxIntentsPerCaller(0)
            .readinessThresholds(0.6, 0.6)
            .readinessWeights(0, 1)
            .build()) {
      assertEquals(0, unlimited.counts(t(0)).rooms());
    }
  }

  @Test
  void visibilityMustBeKnownForAVisibilitySignal() {
    engine.open("s", OpenOptions.guest(), t(0));
    assertInvalid(() -> engine.visibility("s", Visibility.UNKNOWN, t(1)), "visibility");
  }

  /** Values outside a C enum can only come through the generated layer: the engine refuses them. */
  @Test
  void unknownEnumValuesAreRefusedByTheNativeLayer() {
    SWIGTYPE_p_pe_engine handle = NativeHandles.engine();
    try {
      byte[] id = Arguments.utf8("s", "id");
      PresenceNative.pj_session_open(handle, id, null, null, null, 0, 1000, null);
      assertInvalid(() -> PresenceNative.pj_session_heartbeat(handle, id, 7, 0, 1000), "activity");
      assertInvalid(
          () -> PresenceNative.pj_session_heartbeat(handle, id, 0, -3, 1000), "visibility");
      assertInvalid(() -> PresenceNative.pe_session_visibility(handle, id, 9, 1000), "visibility");
      assertInvalid(
          () -> PresenceNative.pj_session_open(handle, id, null, null, null, 5, 1000, null),
          "visibility");
      assertInvalid(
          () -> PresenceNative.pe_engine_list_users(handle, 5, null, 10, 1000, new long[1]),
          "min_state");
      byte[] room = Arguments.utf8("r", "room");
      PresenceNative.pe_room_join(handle, id, room, 1000);
      assertInvalid(
          () -> PresenceNative.pe_room_list_members(handle, room, 9, null, 10, 1000, new long[1]),
          "min_state");
      assertInvalid(
          () -> PresenceNative.pe_user_set_availability(handle, id, 4, 1000), "availability");
      assertInvalid(
          () -> PresenceNative.pe_user_set_availability(handle, id, -1, 1000), "availability");
      try (pe_readiness readiness = new pe_readiness()) {
        PresenceNative.pe_readiness_init(readiness);
        assertInvalid(
            () -> PresenceNative.pe_engine_readiness(handle, 3, id, 1000, readiness), "kind");
      }
      assertInvalid(
          () -> PresenceNative.pe_intent_open(handle, id, 0, id, id, 1000, 1000, new long[1]),
          "target_kind");
      assertInvalid(
          () -> PresenceNative.pe_intent_list(handle, 0, 5, id, 1000, new long[1]), "kind");
      assertInvalid(() -> PresenceNative.pe_subscriber_subscribe(handle, id, 7, id), "kind");
      assertInvalid(() -> PresenceNative.pe_subscriber_unsubscribe(handle, id, 0, id), "kind");
    } finally {
      PresenceNative.pe_engine_destroy(handle);
    }
  }

  /**
   * Bytes that are not UTF-8 can only come through the generated layer: the engine refuses them,
   * including the modified UTF-8 that JNI's own string conversion would have produced for a
   * character outside the BMP (the reason text crosses as bytes encoded in Java).
   */
  @Test
  void bytesThatAreNotUtf8AreRefusedByTheNativeLayer() {
    SWIGTYPE_p_pe_engine handle = NativeHandles.engine();
    try {
      byte[][] invalid = {
        {(byte) 0xC0, (byte) 0x80}, // overlong NUL (modified UTF-8's U+0000)
        {(byte) 0xED, (byte) 0xA0, (byte) 0xBD, (byte) 0xED, (byte) 0xB8, (byte) 0x80}, // CESU-8
        {(byte) 0xFF},
        {'a', (byte) 0xE2, (byte) 0x82}, // truncated
      };
      for (byte[] id : invalid) {
        assertInvalid(
            () -> PresenceNative.pj_session_open(handle, id, null, null, null, 0, 1000, null),
            "UTF-8");
      }
      byte[] emoji = "😀".getBytes(StandardCharsets.UTF_8);
      PresenceNative.pj_session_open(handle, emoji, null, null, null, 0, 1000, null);
      for (byte[] text : invalid) {
        assertInvalid(() -> PresenceNative.pe_room_join(handle, emoji, text, 1000), "UTF-8");
        assertInvalid(
            () -> PresenceNative.pe_user_set_availability(handle, text, 1, 1000), "UTF-8");
        assertInvalid(
            () ->
                PresenceNative.pe_intent_open(handle, emoji, 1, emoji, text, 10, 1000, new long[1]),
            "UTF-8");
        assertInvalid(
            () -> PresenceNative.pe_subscriber_subscribe(handle, text, 1, emoji), "UTF-8");
        assertInvalid(
            () -> PresenceNative.pe_engine_prometheus(handle, text, 1000, new long[1]), "UTF-8");
      }
    } finally {
      PresenceNative.pe_engine_destroy(handle);
    }
  }

  @Test
  void unknownValuesFromTheNativeLibraryAreInternalErrors() {
    assertThrows(InternalException.class, () -> State.fromCode(42));
    assertThrows(InternalException.class, () -> Status.fromCode(-1));
    assertThrows(InternalException.class, () -> Evidence.fromCode(99));
    assertThrows(InternalException.class, () -> EventKind.fromCode(0));
    assertThrows(InternalException.class, () -> ConfidenceBucket.fromCode(3));
    assertThrows(InternalException.class, () -> Availability.fromCode(4));
    assertThrows(InternalException.class, () -> TargetKind.fromCode(0));
    assertThrows(InternalException.class, () -> IntentState.fromCode(-1));
    assertThrows(InternalException.class, () -> GateReason.fromCode(6));
    assertThrows(InternalException.class, () -> EventKind.fromCode(8));
  }

  @Test
  void aMalformedBatchBufferIsRefusedByTheAdapter() {
    SWIGTYPE_p_pe_engine handle = NativeHandles.engine();
    try {
      assertInvalid(
          () ->
              PresenceNative.pj_session_heartbeat_batch(
                  handle, new byte[5], 1000, new int[1], new long[1], null),
          "malformed");
      assertInvalid(
          () ->
              PresenceNative.pj_session_heartbeat_batch(
                  handle, null, 1000, new int[2], new long[1], null),
          "inconsistent");
      byte[] negativeLength = {0, 0, 0, 0, 0, 0, 0, 0, -1, -1, -1, -1};
      assertInvalid(
          () ->
              PresenceNative.pj_session_heartbeat_batch(
                  handle, negativeLength, 1000, new int[1], new long[1], null),
          "malformed");
    } finally {
      PresenceNative.pe_engine_destroy(handle);
    }
  }
}
