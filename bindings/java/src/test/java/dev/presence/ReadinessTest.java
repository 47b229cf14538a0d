package dev.presence;

import static dev.presence.TestTimes.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Declared availability, invisibility, readiness of users and rooms, and the call gate. */
class ReadinessTest {
  private final Engine engine = TestTimes.undebounced();
  private final EventCursor events = new EventCursor(engine);

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void theCallGateSaysWhetherWhyAndHowReady() {
    engine.open("tab", OpenOptions.user("ann"), t(0));
    Readiness ready = engine.readiness(Target.user("ann"), t(0));
    assertEquals(
        new Readiness(1.0, true, true, GateReason.READY, State.ACTIVE, Availability.AVAILABLE),
        ready);

    engine.setAvailability("ann", Availability.DO_NOT_DISTURB, t(2));
    Readiness dnd = engine.readiness(Target.user("ann"), t(2));
    assertEquals(GateReason.DO_NOT_DISTURB, dnd.reason());
    assertFalse(dnd.canCall());
    assertEquals(0.0, dnd.score());
    assertEquals(Availability.DO_NOT_DISTURB, dnd.availability());

    engine.setAvailability("ann", Availability.BUSY, t(3));
    Readiness busy = engine.readiness(Target.user("ann"), t(3));
    assertEquals(GateReason.NOT_READY, busy.reason());
    assertEquals(0.5, busy.score(), 0.01, "busy halves it");
    assertEquals(Availability.BUSY, busy.availability());

    assertEquals(GateReason.UNKNOWN, engine.readiness(Target.user("nobody"), t(3)).reason());
    assertEquals(GateReason.UNKNOWN, engine.readiness(Target.room("nowhere"), t(3)).reason());
    engine.leave("tab", t(4));
    Readiness offline = engine.readiness(Target.user("ann"), t(4));
    assertEquals(GateReason.OFFLINE, offline.reason());
    assertEquals(State.OFFLINE, offline.state());
  }

  @Test
  void availabilityIsPublishedAndRead() {
    engine.setAvailability("zed", Availability.BUSY, t(0)); // before its first session
    User zed = engine.user("zed", t(0)).orElseThrow().user();
    assertEquals(Availability.BUSY, zed.availability());
    assertEquals(State.OFFLINE, zed.state());
    engine.open("tab", OpenOptions.user("ann"), t(0));
    events.next();
    engine.setAvailability("ann", Availability.DO_NOT_DISTURB, t(1));
    engine.setAvailability("ann", Availability.DO_NOT_DISTURB, t(2)); // no change, no event
    List<AvailabilityEvent> changes = events.next(AvailabilityEvent.class);
    assertEquals(1, changes.size());
    AvailabilityEvent change = changes.get(0);
    assertEquals(EventKind.AVAILABILITY, change.kind());
    assertEquals("ann", change.userId());
    assertEquals(Availability.DO_NOT_DISTURB, change.availability());
    assertEquals(State.ACTIVE, change.state());
    assertEquals(t(1), change.at());
    User ann = engine.user("ann", t(2)).orElseThrow().user();
    assertEquals(Availability.DO_NOT_DISTURB, ann.availability());
    assertEquals(Availability.DO_NOT_DISTURB, ann.trueAvailability());
    assertFalse(ann.isInvisible());
    assertFalse(ann.ready());
    assertEquals(0.0, ann.readiness());
  }

  @Test
  void invisibleUsersAreShownOfflineButTheServerKnows() {
    engine.open("tab", OpenOptions.user("ann"), t(0));
    engine.joinRoom("tab", "r", t(0));
    events.next();
    engine.setAvailability("ann", Availability.INVISIBLE, t(5));
    User ann = engine.user("ann", t(6)).orElseThrow().user();
    assertEquals(State.OFFLINE, ann.state());
    assertEquals(0, ann.sessionCount());
    assertEquals(Availability.AVAILABLE, ann.availability());
    assertEquals(State.ACTIVE, ann.trueState());
    assertEquals(Availability.INVISIBLE, ann.trueAvailability());
    assertTrue(ann.isInvisible());
    Session tab = engine.session("tab", t(6)).orElseThrow();
    assertEquals(State.OFFLINE, tab.state());
    assertEquals(State.ACTIVE, tab.trueState());

    Counts counts = engine.counts(t(6));
    assertEquals(0, counts.usersAlive());
    assertEquals(1, counts.usersInvisible());
    assertEquals(0, counts.sessionsAlive());
    assertEquals(1, counts.sessionsInvisible());
    assertEquals(List.of(), engine.listMembers("r", State.STALE, 10, "", t(6)).members());
    assertEquals(0, engine.room("r", t(6)).orElseThrow().occupancy().members());
    assertEquals(List.of(), engine.listUsers(State.STALE, 10, "", t(6)).users());
    assertEquals(GateReason.OFFLINE, engine.readiness(Target.user("ann"), t(6)).reason());

    // Readers were told that ann went offline, and nothing about invisibility.
    List<Event> published = events.next();
    assertEquals(List.of(), EventCursor.only(AvailabilityEvent.class, published));
    UserEvent gone = EventCursor.only(UserEvent.class, published).get(0);
    assertEquals(State.OFFLINE, gone.newState());

    engine.setAvailability("ann", Availability.AVAILABLE, t(8));
    assertEquals(State.ACTIVE, engine.user("ann", t(8)).orElseThrow().user().state());
    assertEquals(1, engine.listMembers("r", State.STALE, 10, "", t(8)).members().size());
    assertEquals(0, engine.counts(t(8)).usersInvisible());
  }

  @Test
  void userReadinessDecaysWithoutInteractionAndFlipsOnceEachWay() {
    engine.open("tab", OpenOptions.user("ann"), t(0));
    events.next();
    for (int s = 15; s <= 400; s += 15) {
      engine.heartbeat("tab", Activity.UNKNOWN, Visibility.UNKNOWN, t(s)); // alive, no interaction
    }
    List<ReadinessEvent> flips = events.next(ReadinessEvent.class);
    assertEquals(1, flips.size());
    assertFalse(flips.get(0).ready());
    assertEquals(Target.user("ann"), flips.get(0).target());
    assertTrue(flips.get(0).score() < 0.5);
    assertFalse(engine.user("ann", t(400)).orElseThrow().user().ready());
    engine.heartbeat("tab", Activity.ACTIVE, Visibility.UNKNOWN, t(410));
    flips = events.next(ReadinessEvent.class);
    assertEquals(1, flips.size());
    assertTrue(flips.get(0).ready());
    User ann = engine.user("ann", t(410)).orElseThrow().user();
    assertTrue(ann.ready());
    assertEquals(1.0, ann.readiness());
  }

  @Test
  void roomReadinessFollowsMembersAndDensity() {
    engine.open("a", OpenOptions.user("ann"), t(0));
    engine.open("b", OpenOptions.user("bob"), t(0));
    events.next();
    // One active member: presence 1.0, density 1 of a quorum of 2: (1 + 0.5) / 2 = 0.75, ready.
    engine.joinRoom("a", "r", t(0));
    List<ReadinessEvent> flips = events.next(ReadinessEvent.class);
    assertEquals(
        List.of(new ReadinessEvent(flips.get(0).seq(), t(0), t(0), Target.room("r"), true, 0.75)),
        flips);
    assertEquals(0.75, engine.readiness(Target.room("r"), t(0)).score());
    engine.joinRoom("b", "r", t(1));
    assertEquals(1.0, engine.readiness(Target.room("r"), t(1)).score());
    assertEquals(List.of(), events.next(ReadinessEvent.class), "no flip, no event");
    // Both in the background: away members, no density: 0.5 x 0.25 = 0.125.
    engine.visibility("a", Visibility.HIDDEN, t(2));
    engine.visibility("b", Visibility.HIDDEN, t(2));
    Readiness away = engine.readiness(Target.room("r"), t(13));
    assertEquals(0.125, away.score());
    assertFalse(away.ready());
    assertEquals(GateReason.NOT_READY, away.reason());
    assertEquals(State.AWAY, away.state());
    flips = events.next(ReadinessEvent.class);
    assertFalse(flips.get(flips.size() - 1).ready());
    engine.leaveRoom("a", "r", t(14));
    engine.leaveRoom("b", "r", t(14));
    assertEquals(GateReason.EMPTY, engine.readiness(Target.room("r"), t(14)).reason());
  }

  @Test
  void aRoomBetweenTheThresholdsKeepsItsReadiness() {
    try (Engine quorum = Engine.builder().debounce(Duration.ZERO).roomQuorum(4).build()) {
      for (String name : List.of("a", "b")) {
        quorum.open(name, OpenOptions.user(name), t(0));
        quorum.joinRoom(name, "r", t(0));
      }
      // Two of four for density: 0.5 + 0.25 = 0.75, ready.
      assertTrue(quorum.readiness(Target.room("r"), t(0)).ready());
      quorum.leaveRoom("b", "r", t(1));
      // 0.5 + 0.125 = 0.625: below the ready threshold, above the unready one.
      Readiness between = quorum.readiness(Target.room("r"), t(1));
      assertEquals(0.625, between.score());
      assertTrue(between.ready());
      assertTrue(between.canCall());
    }
  }

  @Test
  void theReadinessOptionsReachTheEngine() {
    try (Engine tuned =
        Engine.builder()
            .debounce(Duration.ZERO)
            .readinessWeights(1.0, 0.0) // state only
            .readinessBusyFactor(0.8)
            .readinessThresholds(0.9, 0.2)
            .roomReadinessWeights(0.0, 1.0) // density only
            .roomQuorum(3)
            .build()) {
      tuned.setAvailability("ann", Availability.BUSY, t(0));
      tuned.open("tab", OpenOptions.user("ann"), t(0));
      tuned.joinRoom("tab", "r", t(0));
      Readiness busy = tuned.readiness(Target.user("ann"), t(1));
      assertEquals(0.8, busy.score(), 1e-9);
      assertFalse(busy.ready(), "0.8 is below a ready threshold of 0.9");
      // Room scores are kept in single precision.
      assertEquals(1.0 / 3, tuned.readiness(Target.room("r"), t(1)).score(), 1e-6);
      // Once ready, a user stays ready down to the unready threshold.
      tuned.setAvailability("ann", Availability.AVAILABLE, t(1));
      tuned.setAvailability("ann", Availability.BUSY, t(2));
      assertTrue(tuned.readiness(Target.user("ann"), t(2)).ready());
      for (int s = 15; s <= 60; s += 15) {
        tuned.heartbeat("tab", Activity.UNKNOWN, Visibility.UNKNOWN, t(s));
      }
      // Idle scores 0.6 by state; busy scales it to 0.48: still above the unready threshold.
      assertEquals(0.48, tuned.readiness(Target.user("ann"), t(61)).score(), 1e-9);
    }
    try (Engine recency =
        Engine.builder()
            .debounce(Duration.ZERO)
            .readinessWeights(0.0, 1.0) // recency only
            .readinessRecencyWindow(Duration.ofSeconds(20))
            .build()) {
      recency.open("tab", OpenOptions.user("ann"), t(0));
      // Half of the recency window since the last interaction.
      assertEquals(0.5, recency.readiness(Target.user("ann"), t(10)).score(), 1e-9);
    }
  }
}
