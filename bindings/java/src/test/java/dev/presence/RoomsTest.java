package dev.presence;

import static dev.presence.TestTimes.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rooms: members derived from sessions, pages, guests, count-only rooms, limits. */
class RoomsTest {
  private final Engine engine = TestTimes.undebounced();
  private final EventCursor events = new EventCursor(engine);

  @AfterEach
  void close() {
    engine.close();
  }

  private List<String> memberIds(String roomId, State minState, double seconds) {
    return engine.listMembers(roomId, minState, 100, "", t(seconds)).members().stream()
        .map(Member::memberId)
        .toList();
  }

  @Test
  void membersDeriveFromSessionsAndAreAnnouncedOnce() {
    engine.open("ann-laptop", OpenOptions.user("ann"), t(0));
    engine.open("ann-phone", OpenOptions.user("ann"), t(0));
    engine.open("bob-tab", OpenOptions.user("bob"), t(0));
    events.next(Event.class);
    engine.joinRoom("ann-laptop", "standup", t(1));
    engine.joinRoom("ann-phone", "standup", t(1));
    engine.joinRoom("bob-tab", "standup", t(2));
    engine.joinRoom("bob-tab", "standup", t(2)); // joining again changes nothing

    List<MemberEvent> joined = events.next(MemberEvent.class);
    assertEquals(List.of("ann", "bob"), joined.stream().map(MemberEvent::memberId).toList());
    MemberEvent ann = joined.get(0);
    assertEquals(EventKind.MEMBER, ann.kind());
    assertEquals("standup", ann.roomId());
    assertTrue(ann.joined());
    assertFalse(ann.left());
    assertFalse(ann.guest());
    assertEquals(State.OFFLINE, ann.oldState());
    assertEquals(State.ACTIVE, ann.newState());
    assertEquals(Availability.AVAILABLE, ann.availability());
    assertEquals(t(1), ann.at());

    Room room = engine.room("standup", t(3)).orElseThrow();
    assertEquals("standup", room.roomId());
    assertEquals(t(1), room.createdAt());
    assertEquals(2, room.occupancy().membersActive());
    assertEquals(2, room.occupancy().members());
    assertEquals(3, room.occupancy().sessions(State.ACTIVE));
    assertEquals(3, room.occupancy().sessions());
    assertEquals(0, room.occupancy().members(State.OFFLINE));
    assertEquals(2, room.density());
    assertEquals(2, room.arriving());
    assertEquals(0, room.guests());
    assertTrue(room.ready());
    assertEquals(1.0, room.readiness());
    assertTrue(room.arrivalsPerMinute() > 0);
    assertEquals(0.0, room.departuresPerMinute());
    assertTrue(room.momentum() > 0);
    assertFalse(room.isCountOnly());
    assertEquals(Optional.empty(), room.occupancyInterval());

    // One of ann's two sessions leaving the room is not ann leaving.
    engine.leaveRoom("ann-phone", "standup", t(4));
    assertEquals(List.of(), events.next(MemberEvent.class));
    engine.leaveRoom("ann-laptop", "standup", t(5));
    List<MemberEvent> left = events.next(MemberEvent.class);
    assertEquals(1, left.size());
    assertTrue(left.get(0).left());
    assertEquals(State.ACTIVE, left.get(0).oldState());
    assertEquals(State.OFFLINE, left.get(0).newState());
    assertEquals(List.of("bob"), memberIds("standup", State.STALE, 5));
    assertTrue(engine.room("standup", t(5)).orElseThrow().departuresPerMinute() > 0);
    assertThrows(NotFoundException.class, () -> engine.leaveRoom("ann-laptop", "standup", t(6)));
    assertThrows(NotFoundException.class, () -> engine.joinRoom("nobody", "standup", t(6)));
  }

  @Test
  void aMemberCarriesItsWholeRecordAndPagesFollowAStableCursor() {
    for (String name : List.of("d", "b", "c", "a", "e")) {
      engine.open(name, OpenOptions.user(name), t(0));
      engine.joinRoom(name, "big", t(0));
    }
    engine.open("a-2", OpenOptions.user("a").withVisibility(Visibility.HIDDEN), t(0));
    engine.joinRoom("a-2", "big", t(0));
    MemberPage first = engine.listMembers("big", State.STALE, 2, "", t(1));
    assertEquals(List.of("a", "b"), first.members().stream().map(Member::memberId).toList());
    assertTrue(first.hasMore());
    assertEquals(engine.stats().lastSeq(), first.seq());
    Member a = first.members().get(0);
    assertFalse(a.guest());
    assertEquals(State.ACTIVE, a.state());
    assertEquals(t(0), a.joinedAt());
    assertTrue(a.arriving());
    assertEquals(2, a.sessionCount());
    assertEquals(t(0), a.lastSeenAt());
    assertEquals(1.0, a.confidence());
    assertEquals(ConfidenceBucket.HIGH, a.confidenceBucket());
    assertEquals(Availability.AVAILABLE, a.availability());

    engine.leave("c", t(1)); // leaving between pages does not shift the cursor
    MemberPage rest = engine.listMembers("big", State.STALE, 10, first.nextCursor().get(), t(1));
    assertEquals(List.of("d", "e"), rest.members().stream().map(Member::memberId).toList());
    assertFalse(rest.hasMore());
    assertEquals(Optional.empty(), rest.nextCursor());

    // Members are filtered by state: without interaction, all go idle after 60 s but one.
    for (int s = 15; s <= 45; s += 15) {
      for (String name : List.of("a", "b", "d", "e")) {
        engine.heartbeat(name, Activity.UNKNOWN, Visibility.UNKNOWN, t(s));
      }
    }
    engine.activity("e", t(55));
    assertEquals(List.of("e"), memberIds("big", State.ACTIVE, 61));
    assertEquals(List.of("a", "b", "d", "e"), memberIds("big", State.IDLE, 61));
    assertEquals(memberIds("big", State.STALE, 61), memberIds("big", State.OFFLINE, 61));
    assertEquals(1, engine.room("big", t(61)).orElseThrow().occupancy().membersActive());

    assertThrows(
        InvalidArgumentException.class, () -> engine.listMembers("big", State.STALE, 10, "x-bad"));
    assertThrows(NotFoundException.class, () -> engine.listMembers("none", State.STALE, 10));
  }

  @Test
  void roomsArePagedCountedAndListedPerUser() {
    for (String name : List.of("d", "b", "c", "a", "e")) {
      engine.open(name, OpenOptions.user("user-" + name), t(0));
      engine.joinRoom(name, "big", t(0));
      engine.joinRoom(name, "room-" + name, t(0));
    }
    List<String> seen = new ArrayList<>();
    RoomPage page = engine.listRooms(4, "", t(1));
    page.rooms().forEach(r -> seen.add(r.roomId()));
    assertEquals(engine.stats().lastSeq(), page.seq());
    while (page.hasMore()) {
      page = engine.listRooms(4, page.nextCursor().orElseThrow(), t(1));
      page.rooms().forEach(r -> seen.add(r.roomId()));
    }
    assertEquals(List.of("big", "room-a", "room-b", "room-c", "room-d", "room-e"), seen);
    assertEquals(6, engine.counts(t(1)).rooms());
    assertEquals(
        List.of("big", "room-c"),
        engine.roomsOf("user-c", t(1)).stream().map(Room::roomId).toList());
    assertEquals(5, engine.roomsOf("user-c", t(1)).get(0).occupancy().members());
    engine.setAvailability("user-z", Availability.BUSY, t(1)); // a user in no room
    assertEquals(List.of(), engine.roomsOf("user-z", t(1)));
    assertThrows(NotFoundException.class, () -> engine.roomsOf("nobody", t(1)));
    assertEquals(Optional.empty(), engine.room("none", t(1)));
  }

  @Test
  void aDisconnectInsideTheGraceIsNeitherALeaveNorAJoin() {
    engine.open("tab", OpenOptions.user("ann").withTransportId("socket-1"), t(0));
    engine.joinRoom("tab", "r", t(0));
    events.next(Event.class);
    engine.disconnectTransport("socket-1", t(5));
    engine.open("tab", OpenOptions.user("ann").withTransportId("socket-2"), t(20));
    engine.heartbeat("tab", Activity.ACTIVE, Visibility.VISIBLE, t(21));
    assertEquals(List.of(), events.next(MemberEvent.class));
    assertEquals(List.of("ann"), memberIds("r", State.STALE, 22));
    assertEquals(1, engine.roomMetrics("r", t(22)).orElseThrow().joins());
  }

  @Test
  void aSessionThatEndsDropsOffItsRoomsWhichStay() {
    engine.open("tab", OpenOptions.user("ann"), t(0));
    engine.joinRoom("tab", "r", t(0));
    events.next(Event.class);
    engine.disconnect("tab", t(5));
    engine.advance(t(200)); // past the session TTL
    List<MemberEvent> left = events.next(MemberEvent.class);
    assertEquals(1, left.size());
    assertEquals(t(120), left.get(0).at());
    assertEquals(State.STALE, left.get(0).oldState());
    RoomMetrics metrics = engine.roomMetrics("r", t(200)).orElseThrow();
    assertEquals(1, metrics.joins());
    assertEquals(1, metrics.dropOffs());
    assertEquals(0, metrics.leaves());
    assertEquals(1, metrics.dwell().total());
    Room room = engine.room("r", t(200)).orElseThrow();
    assertEquals(0, room.occupancy().members());
    assertFalse(room.ready());
  }

  @Test
  void guestsTakePartAndKeepTheirHistoryWhenIdentified() {
    engine.open("guest-tab", OpenOptions.guest(), t(0));
    engine.joinRoom("guest-tab", "lobby", t(10));
    MemberEvent joined = events.next(MemberEvent.class).get(0);
    assertTrue(joined.guest());
    assertEquals("guest-tab", joined.memberId());
    assertEquals(1, engine.room("lobby", t(11)).orElseThrow().guests());
    Member guest = engine.listMembers("lobby", State.STALE, 10, "", t(11)).members().get(0);
    assertTrue(guest.guest());
    assertEquals("guest-tab", guest.memberId());

    engine.identify("guest-tab", "ann", t(30));
    Member ann = engine.listMembers("lobby", State.STALE, 10, "", t(30)).members().get(0);
    assertFalse(ann.guest());
    assertEquals("ann", ann.memberId());
    assertEquals(t(10), ann.joinedAt());
    assertEquals(0, engine.room("lobby", t(30)).orElseThrow().guests());
    assertEquals(
        List.of("lobby"), engine.roomsOf("ann", t(30)).stream().map(Room::roomId).toList());
    RoomMetrics metrics = engine.roomMetrics("lobby", t(40)).orElseThrow();
    assertEquals(1, metrics.joins(), "identification is not a leave and a join");
    assertEquals(0, metrics.leaves());
  }

  @Test
  void arrivingMembersAndMomentumFollowTheConfiguredWindows() {
    try (Engine quick =
        Engine.builder()
            .debounce(Duration.ZERO)
            .roomArriving(Duration.ofSeconds(10))
            .roomMomentumHalfLife(Duration.ofMinutes(1))
            .build()) {
      quick.open("a", OpenOptions.user("ann"), t(0));
      quick.joinRoom("a", "r", t(0));
      Room room = quick.room("r", t(0)).orElseThrow();
      assertEquals(1, room.arriving());
      // One arrival just now, as a rate: ln 2 per half-life.
      assertEquals(Math.log(2), room.arrivalsPerMinute(), 1e-6);
      assertEquals(1, quick.room("r", t(9.999)).orElseThrow().arriving());
      assertEquals(0, quick.room("r", t(10)).orElseThrow().arriving());
      assertFalse(quick.listMembers("r", State.STALE, 10, "", t(10)).members().get(0).arriving());
      // A minute later (one half-life), the rate has halved.
      assertEquals(Math.log(2) / 2, quick.room("r", t(60)).orElseThrow().arrivalsPerMinute(), 1e-6);
    }
  }

  @Test
  void countOnlyRoomsPublishOccupancyAtTheirInterval() {
    engine.setCountOnly("arena", Duration.ofSeconds(5), t(0));
    List<OccupancyEvent> first = events.next(OccupancyEvent.class);
    assertEquals(1, first.size(), "a first picture at once");
    assertEquals("arena", first.get(0).roomId());
    assertEquals(EventKind.OCCUPANCY, first.get(0).kind());
    Room arena = engine.room("arena", t(0)).orElseThrow();
    assertTrue(arena.isCountOnly());
    assertEquals(Optional.of(Duration.ofSeconds(5)), arena.occupancyInterval());

    for (int i = 0; i < 20; i++) {
      engine.open("fan-" + i, OpenOptions.user("fan-" + i), t(1));
      engine.joinRoom("fan-" + i, "arena", t(1));
    }
    engine.advance(t(5.9));
    assertEquals(List.of(), events.next(OccupancyEvent.class), "gathered for one interval");
    engine.advance(t(6));
    List<OccupancyEvent> occupancy = events.next(OccupancyEvent.class);
    assertEquals(1, occupancy.size());
    OccupancyEvent counted = occupancy.get(0);
    assertEquals(20, counted.occupancy().members(State.ACTIVE));
    assertEquals(20, counted.occupancy().sessionsActive());
    assertTrue(counted.ready());
    assertEquals(1.0, counted.readiness());
    assertEquals(t(6), counted.at());
    assertEquals(List.of(), events.next(MemberEvent.class), "no per-member events");

    engine.setCountOnly("arena", Duration.ofSeconds(10), t(6.5)); // a new interval
    assertEquals(
        Optional.of(Duration.ofSeconds(10)),
        engine.room("arena", t(6.5)).orElseThrow().occupancyInterval());
    engine.clearCountOnly("arena", t(7));
    assertFalse(engine.room("arena", t(7)).orElseThrow().isCountOnly());
    engine.open("late", OpenOptions.user("late"), t(8));
    engine.joinRoom("late", "arena", t(8));
    assertEquals(1, events.next(MemberEvent.class).size(), "per-member events again");
    engine.setCountOnly("new-room", Duration.ofMinutes(1), t(9)); // created by the call
    assertTrue(engine.room("new-room", t(9)).isPresent());
  }

  @Test
  void roomLimitsAreEnforced() {
    try (Engine limited =
        Engine.builder().debounce(Duration.ZERO).maxRoomsPerSession(2).maxRooms(3).build()) {
      limited.open("tab", OpenOptions.user("ann"), t(0));
      limited.joinRoom("tab", "a", t(0));
      limited.joinRoom("tab", "b", t(0));
      LimitExceededException perSession =
          assertThrows(LimitExceededException.class, () -> limited.joinRoom("tab", "c", t(0)));
      assertEquals(Status.LIMIT_EXCEEDED, perSession.status());
      limited.open("tab-2", OpenOptions.user("bob"), t(0));
      limited.joinRoom("tab-2", "c", t(0));
      assertThrows(LimitExceededException.class, () -> limited.joinRoom("tab-2", "d", t(0)));
      assertThrows(
          LimitExceededException.class,
          () -> limited.setCountOnly("e", Duration.ofSeconds(1), t(0)));
      assertEquals(3, limited.counts(t(0)).rooms());
      assertTrue(limited.stats().limitRejections() >= 2);
    }
  }
}
