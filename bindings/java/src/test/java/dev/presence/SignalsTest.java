package dev.presence;

import static dev.presence.TestTimes.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The signals and the lifecycle rules they drive, through the Java API. */
class SignalsTest {
  private final Engine engine = TestTimes.undebounced();

  @AfterEach
  void close() {
    engine.close();
  }

  private State stateAt(String sessionId, double seconds) {
    return engine.session(sessionId, t(seconds)).map(Session::state).orElse(State.OFFLINE);
  }

  @Test
  void aNewSessionIsActiveAndToldTheActiveInterval() {
    OpenResult result = engine.open("tab-1", OpenOptions.user("ann"), t(0));
    assertFalse(result.continued());
    assertEquals(State.ACTIVE, result.state());
    assertEquals(Duration.ofSeconds(15), result.heartbeatInterval());
    assertEquals(State.ACTIVE, engine.user("ann", t(0)).orElseThrow().user().state());
  }

  @Test
  void idleAndAwayAreReachedByTimeAndTheIntervalAdapts() {
    engine.open("tab-1", OpenOptions.user("ann"), t(0));
    for (int s = 15; s < 60; s += 15) {
      engine.heartbeat("tab-1", Activity.IDLE, Visibility.UNKNOWN, t(s));
    }
    assertEquals(State.ACTIVE, stateAt("tab-1", 59.999));
    assertEquals(State.IDLE, stateAt("tab-1", 60));
    assertEquals(
        Duration.ofSeconds(30),
        engine.heartbeat("tab-1", Activity.IDLE, Visibility.UNKNOWN, t(60)));
    for (int s = 90; s < 300; s += 30) {
      engine.heartbeat("tab-1", Activity.IDLE, Visibility.UNKNOWN, t(s));
    }
    assertEquals(State.IDLE, stateAt("tab-1", 299));
    assertEquals(State.AWAY, stateAt("tab-1", 300));
  }

  @Test
  void activityBringsAnIdleSessionBack() {
    engine.open("tab-1", OpenOptions.guest(), t(0));
    engine.heartbeat("tab-1", Activity.UNKNOWN, Visibility.UNKNOWN, t(50));
    assertEquals(State.IDLE, stateAt("tab-1", 61));
    engine.activity("tab-1", t(62));
    assertEquals(State.ACTIVE, stateAt("tab-1", 62));
  }

  @Test
  void aHiddenTabIsToldTheLongIntervalAndGoesAwayAfterTheBlurTolerance() {
    engine.open("tab-1", OpenOptions.user("ann"), t(0));
    assertEquals(
        60_000,
        engine.heartbeatMillis("tab-1", Activity.UNKNOWN, Visibility.HIDDEN, t(1).toEpochMilli()));
    assertEquals(State.ACTIVE, stateAt("tab-1", 10.9));
    assertEquals(State.AWAY, stateAt("tab-1", 11));
    engine.visibility("tab-1", Visibility.VISIBLE, t(20));
    Session session = engine.session("tab-1", t(20)).orElseThrow();
    assertEquals(State.ACTIVE, session.state());
    assertTrue(session.visible());
    engine.visibility("tab-1", Visibility.HIDDEN, t(21));
    assertFalse(engine.session("tab-1", t(21)).orElseThrow().visible());
  }

  @Test
  void missedHeartbeatsMakeStaleThenOfflineAndTheSessionEnds() {
    engine.open("tab-1", OpenOptions.user("ann"), t(0));
    assertEquals(State.ACTIVE, stateAt("tab-1", 24.999));
    Session stale = engine.session("tab-1", t(25)).orElseThrow();
    assertEquals(State.STALE, stale.state());
    assertEquals(ConfidenceBucket.LOW, stale.confidenceBucket());
    assertEquals(Optional.empty(), engine.session("tab-1", t(120)));
    assertEquals(State.OFFLINE, engine.user("ann", t(120)).orElseThrow().user().state());
    assertThrows(
        NotFoundException.class,
        () -> engine.heartbeat("tab-1", Activity.UNKNOWN, Visibility.UNKNOWN, t(121)));
  }

  @Test
  void aDisconnectHoldsTheStateAndAReconnectContinuesTheSession() {
    engine.open("tab-1", OpenOptions.user("ann").withTransportId("socket-1"), t(0));
    engine.heartbeat("tab-1", Activity.UNKNOWN, Visibility.UNKNOWN, t(50));
    assertEquals(State.IDLE, stateAt("tab-1", 65));
    engine.disconnect("tab-1", t(70));
    Session held = engine.session("tab-1", t(80)).orElseThrow();
    assertEquals(State.IDLE, held.state());
    assertTrue(held.reconnecting());
    assertFalse(held.connected());
    assertEquals(1, engine.counts(t(80)).sessionsReconnecting());

    OpenResult again =
        engine.open("tab-1", OpenOptions.user("ann").withTransportId("socket-2"), t(90));
    assertTrue(again.continued());
    assertEquals(State.IDLE, again.state(), "a reconnect is not activity");
    Session back = engine.session("tab-1", t(90)).orElseThrow();
    assertFalse(back.reconnecting());
    assertEquals(Optional.of("socket-2"), back.transportId());
  }

  @Test
  void aLateCloseOfAReplacedTransportCannotDisturbTheSession() {
    engine.open("tab-1", OpenOptions.user("ann").withTransportId("socket-1"), t(0));
    engine.open("tab-1", OpenOptions.user("ann").withTransportId("socket-2"), t(1));
    assertThrows(NotFoundException.class, () -> engine.disconnectTransport("socket-1", t(2)));
    assertTrue(engine.session("tab-1", t(2)).orElseThrow().connected());
    engine.disconnectTransport("socket-2", t(3));
    assertTrue(engine.session("tab-1", t(3)).orElseThrow().reconnecting());
  }

  @Test
  void leaveIsOfflineAtOnce() {
    engine.open("tab-1", OpenOptions.user("ann"), t(0));
    engine.leave("tab-1", t(3));
    assertEquals(Optional.empty(), engine.session("tab-1", t(3)));
    assertEquals(State.OFFLINE, engine.user("ann", t(3)).orElseThrow().user().state());
    assertThrows(NotFoundException.class, () -> engine.leave("tab-1", t(4)));
  }

  @Test
  void aGuestIsIdentifiedWithoutLosingItsSession() {
    engine.open("tab-1", OpenOptions.guest(), t(0));
    assertTrue(engine.session("tab-1", t(1)).orElseThrow().isGuest());
    assertEquals(1, engine.counts(t(1)).guestSessions());
    engine.identify("tab-1", "ann", t(2));
    Session session = engine.session("tab-1", t(2)).orElseThrow();
    assertEquals(Optional.of("ann"), session.userId());
    assertEquals(0, engine.counts(t(2)).guestSessions());
    engine.identify("tab-1", "ann", t(3));
    assertThrows(ConflictException.class, () -> engine.identify("tab-1", "bob", t(4)));
    assertThrows(
        ConflictException.class, () -> engine.open("tab-1", OpenOptions.user("bob"), t(5)));
  }

  @Test
  void metadataAndIdsKeepEveryUnicodeCharacter() {
    String id = "tab-😀-é-\u0000-中";
    String meta = "{\"device\":\"📱\"}";
    engine.open(id, OpenOptions.user("ännchen-𝄞").withMeta(meta), t(0));
    Session session = engine.session(id, t(0)).orElseThrow();
    assertEquals(id, session.sessionId());
    assertEquals(Optional.of("ännchen-𝄞"), session.userId());
    assertEquals(Optional.of(meta), session.meta());
    assertEquals(Optional.empty(), session.transportId());
    assertEquals("ännchen-𝄞", engine.user("ännchen-𝄞", t(0)).orElseThrow().user().userId());
  }

  @Test
  void timeGoingBackwardsIsTreatedAsTheLatestTime() {
    engine.open("tab-1", OpenOptions.user("ann"), t(100));
    engine.heartbeat("tab-1", Activity.UNKNOWN, Visibility.UNKNOWN, t(50));
    assertEquals(t(100), engine.session("tab-1", t(40)).orElseThrow().lastSignalAt());
    assertEquals(t(100), engine.now());
  }

  @Test
  void theEnginesClockIsUsedWhenNoTimeIsGiven() {
    long before = System.currentTimeMillis();
    engine.open("tab-1");
    assertEquals(
        15_000, engine.heartbeatMillis("tab-1", Activity.ACTIVE, Visibility.VISIBLE, Engine.NOW));
    assertEquals(Duration.ofSeconds(15), engine.heartbeat("tab-1"));
    long signal = engine.session("tab-1").orElseThrow().lastSignalAt().toEpochMilli();
    assertTrue(signal >= before && signal <= System.currentTimeMillis(), "last signal " + signal);
  }

  @Test
  void sessionLimitsAreEnforcedAndCounted() {
    try (Engine limited = Engine.builder().maxSessionsPerUser(1).maxSessions(2).build()) {
      limited.open("a", OpenOptions.user("ann"), t(0));
      assertThrows(
          LimitExceededException.class, () -> limited.open("b", OpenOptions.user("ann"), t(0)));
      limited.open("c", OpenOptions.user("bob"), t(0));
      assertThrows(
          LimitExceededException.class, () -> limited.open("d", OpenOptions.guest(), t(0)));
      assertEquals(2, limited.stats().limitRejections());
      assertEquals(2, limited.counts(t(0)).sessionsAlive());
    }
  }

  @Test
  void advanceRunsDueTimersInBoundedSlices() {
    for (int i = 0; i < 10; i++) {
      engine.open("s" + i, OpenOptions.user("u" + i), t(0));
    }
    assertEquals(Optional.of(t(25)), engine.nextDeadline());
    assertTrue(engine.advance(t(200), 3), "more timers are due");
    assertFalse(engine.advance(t(200)));
    assertEquals(t(200), engine.now());
    assertEquals(0, engine.counts(t(200)).sessionsAlive());
  }

  @Test
  void anEngineWithNothingPendingHasNoDeadline() {
    assertEquals(Optional.empty(), engine.nextDeadline());
    assertFalse(engine.advance());
  }

  @Test
  void configurationShapesTheLifecycle() {
    try (Engine quick =
        Engine.builder()
            .idleAfter(Duration.ofSeconds(5))
            .awayAfter(Duration.ofSeconds(8))
            .heartbeatActive(Duration.ofSeconds(2))
            .heartbeatIdle(Duration.ofSeconds(3))
            .heartbeatHidden(Duration.ofSeconds(4))
            .heartbeatGrace(Duration.ofSeconds(1))
            .reconnectGrace(Duration.ofSeconds(2))
            .sessionTtl(Duration.ofSeconds(20))
            .blurTolerance(Duration.ofSeconds(1))
            .build()) {
      assertEquals(
          Duration.ofSeconds(2), quick.open("s", OpenOptions.guest(), t(0)).heartbeatInterval());
      quick.heartbeat("s", Activity.UNKNOWN, Visibility.UNKNOWN, t(2));
      quick.heartbeat("s", Activity.UNKNOWN, Visibility.UNKNOWN, t(4));
      assertEquals(State.IDLE, quick.session("s", t(5)).orElseThrow().state());
      assertEquals(
          Duration.ofSeconds(3), quick.heartbeat("s", Activity.UNKNOWN, Visibility.UNKNOWN, t(5)));
      assertEquals(State.AWAY, quick.session("s", t(8)).orElseThrow().state());
      assertEquals(State.STALE, quick.session("s", t(9)).orElseThrow().state());
      assertEquals(Optional.empty(), quick.session("s", t(25)));
    }
  }

  @Test
  void maxCatchUpStepsBoundsTheTimerWorkOfOtherCalls() {
    try (Engine bounded = Engine.builder().debounce(Duration.ZERO).maxCatchUpSteps(1).build()) {
      for (int i = 0; i < 50; i++) {
        bounded.open("s-" + i, OpenOptions.guest(), t(0));
      }
      // Every session is stale at 25 s (told 15 s, plus 10 s of grace); a read does one step.
      assertTrue(bounded.counts(t(30)).sessionsStale() < 50);
      // A session a call touches is brought up to date first.
      assertEquals(State.STALE, bounded.session("s-49", t(30)).orElseThrow().state());
      assertTrue(bounded.advance(t(30), 5), "more timers are due");
      assertFalse(bounded.advance(t(30)));
      assertEquals(50, bounded.counts(t(30)).sessionsStale());
    }
    for (int i = 0; i < 50; i++) {
      engine.open("s-" + i, OpenOptions.guest(), t(0));
    }
    assertEquals(50, engine.counts(t(30)).sessionsStale(), "0, the default: every read is exact");
  }
}
