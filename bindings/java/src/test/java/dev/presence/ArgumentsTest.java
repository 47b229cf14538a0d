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
            text -> engine.listUsers(State.OFFLINE, 10, text, t(1)));
    for (Consumer<String> use : uses) {
      assertInvalid(() -> use.accept(bad), "lone surrogate");
    }
    assertEquals(1, engine.counts(t(1)).sessionsAlive(), "nothing changed");
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
