package dev.presence;

import static dev.presence.TestTimes.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Intents: ready when the target is, expired at the TTL, cancelled, listed, limited. */
class IntentsTest {
  private final Engine engine = TestTimes.undebounced();
  private final EventCursor events = new EventCursor(engine);

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void anIntentBecomesReadyWhenItsTargetArrives() {
    engine.open("caller", OpenOptions.user("carl"), t(0));
    Intent intent =
        engine.openIntent("carl", Target.user("ann"), "call", Duration.ofMinutes(1), t(1));
    assertEquals(IntentState.PENDING, intent.state());
    assertFalse(intent.state().isFinal());
    assertEquals("carl", intent.from());
    assertEquals(Target.user("ann"), intent.target());
    assertEquals("call", intent.kind());
    assertEquals(t(1), intent.createdAt());
    assertEquals(t(61), intent.expiresAt());
    assertEquals(List.of(intent), engine.intentsTo(Target.user("ann"), t(1)));
    assertEquals(List.of(intent), engine.intentsFrom("carl", t(1)));
    assertEquals(List.of(), engine.intentsTo(Target.room("ann"), t(1)), "a room is not a user");
    assertEquals(List.of(), engine.intentsFrom("ann", t(1)));
    events.next(IntentEvent.class);

    engine.open("ann-tab", OpenOptions.user("ann"), t(5)); // ann arrives: ready
    List<IntentEvent> ends = events.next(IntentEvent.class);
    assertEquals(1, ends.size());
    IntentEvent ready = ends.get(0);
    assertEquals(EventKind.INTENT, ready.kind());
    assertEquals(intent.intentId(), ready.intentId());
    assertEquals(IntentState.READY, ready.state());
    assertTrue(ready.state().isFinal());
    assertEquals("call", ready.intentKind());
    assertEquals("carl", ready.from());
    assertEquals(Target.user("ann"), ready.target());
    assertEquals(t(5), ready.at());
    assertEquals(List.of(), engine.intentsTo(Target.user("ann"), t(5)));
    assertEquals(List.of(), engine.intentsFrom("carl", t(5)));
  }

  @Test
  void anIntentToAReadyTargetIsReadyAtOnce() {
    engine.open("ann-tab", OpenOptions.user("ann"), t(0));
    events.next(IntentEvent.class);
    Intent intent =
        engine.openIntent("carl", Target.user("ann"), "call", Duration.ofMinutes(1), t(1));
    assertEquals(IntentState.READY, intent.state());
    assertEquals(
        List.of(IntentState.READY),
        events.next(IntentEvent.class).stream().map(IntentEvent::state).toList());
    assertEquals(List.of(), engine.intentsFrom("carl", t(1)));
  }

  @Test
  void anIntentToARoomExpiresAtItsTtlUnlessTheRoomGetsReady() {
    Intent lonely =
        engine.openIntent("carl", Target.room("empty"), "huddle", Duration.ofSeconds(10), t(7));
    Intent waiting =
        engine.openIntent("carl", Target.room("standup"), "huddle", Duration.ofSeconds(30), t(7));
    assertEquals(List.of(lonely, waiting), engine.intentsFrom("carl", t(7)), "oldest first");
    events.next(IntentEvent.class);
    engine.advance(t(17));
    List<IntentEvent> expired = events.next(IntentEvent.class);
    assertEquals(1, expired.size());
    assertEquals(lonely.intentId(), expired.get(0).intentId());
    assertEquals(IntentState.EXPIRED, expired.get(0).state());
    assertEquals(t(17), expired.get(0).at());
    assertEquals(Target.room("empty"), expired.get(0).target());

    engine.open("ann-tab", OpenOptions.user("ann"), t(18));
    engine.joinRoom("ann-tab", "standup", t(18)); // 0.75: ready
    List<IntentEvent> ready = events.next(IntentEvent.class);
    assertEquals(1, ready.size());
    assertEquals(waiting.intentId(), ready.get(0).intentId());
    assertEquals(IntentState.READY, ready.get(0).state());
    assertEquals(Target.room("standup"), ready.get(0).target());
  }

  @Test
  void anIntentCanBeCancelledOnce() {
    Intent intent =
        engine.openIntent("carl", Target.user("dan"), "call", Duration.ofSeconds(10), t(20));
    events.next(IntentEvent.class);
    engine.cancelIntent(intent.intentId(), t(21));
    List<IntentEvent> ends = events.next(IntentEvent.class);
    assertEquals(1, ends.size());
    assertEquals(IntentState.CANCELLED, ends.get(0).state());
    NotFoundException again =
        assertThrows(NotFoundException.class, () -> engine.cancelIntent(intent.intentId(), t(22)));
    assertEquals(Status.NOT_FOUND, again.status());
    assertThrows(NotFoundException.class, () -> engine.cancelIntent("intent-999"));
  }

  @Test
  void intentsPerCallerAndTheirTtlAreLimited() {
    try (Engine limited =
        Engine.builder()
            .debounce(Duration.ZERO)
            .maxIntentsPerCaller(2)
            .maxIntentTtl(Duration.ofSeconds(10))
            .build()) {
      Duration ttl = Duration.ofSeconds(1);
      limited.openIntent("carl", Target.user("a"), "call", ttl, t(0));
      limited.openIntent("carl", Target.user("b"), "call", ttl, t(0));
      assertThrows(
          LimitExceededException.class,
          () -> limited.openIntent("carl", Target.user("c"), "call", ttl, t(0)));
      limited.openIntent("dora", Target.user("c"), "call", ttl, t(0)); // per caller
      limited.advance(t(2)); // both expired
      limited.openIntent("carl", Target.user("c"), "call", ttl, t(2));
      limited.openIntent("carl", Target.user("d"), "call", Duration.ofSeconds(10), t(2));
      InvalidArgumentException tooLong =
          assertThrows(
              InvalidArgumentException.class,
              () ->
                  limited.openIntent(
                      "eve", Target.user("d"), "call", Duration.ofSeconds(11), t(2)));
      assertTrue(tooLong.getMessage().contains("max_intent_ttl_ms"), tooLong.getMessage());
    }
  }
}
