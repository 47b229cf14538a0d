package dev.presence;

import static dev.presence.TestTimes.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Scoped readers: redaction, room scope, paging, events, errors and lifetimes. */
class ReaderTest {
  private final Engine engine = TestTimes.undebounced();

  @AfterEach
  void close() {
    engine.close();
  }

  /**
   * Room "r": ann (tabs a1 in r, a2 elsewhere), bob, and dan, invisible. Room "other": cid. A guest
   * in no room.
   */
  private void populate() {
    engine.open("a1", OpenOptions.user("ann"), t(0));
    engine.open("a2", OpenOptions.user("ann"), t(0));
    engine.open("b1", OpenOptions.user("bob"), t(0));
    engine.open("c1", OpenOptions.user("cid"), t(0));
    engine.open("d1", OpenOptions.user("dan"), t(0));
    engine.open("g1", OpenOptions.guest(), t(0));
    engine.joinRoom("a1", "r", t(0));
    engine.joinRoom("b1", "r", t(0));
    engine.joinRoom("d1", "r", t(0));
    engine.joinRoom("c1", "other", t(0));
    engine.setAvailability("dan", Availability.INVISIBLE, t(1));
  }

  private static List<String> userIds(List<User> users) {
    return users.stream().map(User::userId).toList();
  }

  @Test
  void anEngineReaderNeverShowsAnInvisibleUserNorTheTruth() {
    populate();
    try (EngineReader reader = engine.reader()) {
      User dan = reader.user("dan", t(2)).orElseThrow().user();
      assertEquals(State.OFFLINE, dan.state());
      assertEquals(State.OFFLINE, dan.trueState(), "the truth repeats what is shown");
      assertEquals(Availability.AVAILABLE, dan.trueAvailability());
      assertFalse(dan.isInvisible());
      assertEquals(List.of(), reader.user("dan", t(2)).orElseThrow().sessions());
      assertEquals(State.ACTIVE, engine.user("dan", t(2)).orElseThrow().user().trueState());

      Counts counts = reader.counts(t(2));
      assertEquals(3, counts.usersAlive(), "ann, bob and cid: not dan (a guest is no user)");
      assertEquals(0, counts.usersInvisible());
      assertEquals(0, counts.sessionsInvisible());
      assertEquals(1, engine.counts(t(2)).usersInvisible(), "the engine itself still knows");

      assertEquals(
          List.of("ann", "bob", "cid"),
          userIds(reader.listUsers(State.STALE, 10, "", t(2)).users()));
      Snapshot snapshot = reader.snapshot(t(2));
      assertEquals(List.of("ann", "bob", "cid"), userIds(snapshot.users()));
      assertTrue(snapshot.sessions().stream().noneMatch(s -> s.sessionId().equals("d1")));
      for (Session session : snapshot.sessions()) {
        assertEquals(session.state(), session.trueState(), session.sessionId());
      }
      for (Event event : reader.eventsSince(0).events()) {
        if (event instanceof UserEvent user && user.userId().equals("dan")) {
          assertEquals(Availability.AVAILABLE, user.availability(), "invisibility is not shown");
        }
      }
    }
  }

  @Test
  void aRoomReaderSeesOnlyTheRoomsVisibleMembersAndTheirSessionsInIt() {
    populate();
    try (RoomReader reader = engine.reader("r")) {
      assertEquals("r", reader.roomId());
      List<String> members =
          reader.listMembers(State.STALE, 10, "", t(2)).members().stream()
              .map(Member::memberId)
              .toList();
      assertEquals(List.of("ann", "bob"), members);

      Counts counts = reader.counts(t(2));
      assertEquals(2, counts.usersAlive());
      assertEquals(2, counts.sessionsAlive(), "a1 and b1: ann's other tab is not in the room");
      assertEquals(0, counts.usersInvisible());

      UserDetail ann = reader.user("ann", t(2)).orElseThrow();
      assertEquals(State.ACTIVE, ann.user().state());
      assertEquals(List.of("a1"), ann.sessions().stream().map(Session::sessionId).toList());
      assertTrue(reader.user("cid", t(2)).isEmpty(), "cid is in another room");
      assertTrue(reader.user("dan", t(2)).isEmpty(), "dan is invisible");
      assertTrue(reader.user("nobody", t(2)).isEmpty());

      Snapshot snapshot = reader.snapshot(t(2));
      assertEquals(List.of("ann", "bob"), userIds(snapshot.users()));
      assertEquals(
          List.of("a1", "b1"),
          snapshot.sessions().stream().map(Session::sessionId).sorted().toList());
    }
  }

  @Test
  void aRoomReadersEventsAreAboutItsRoomOrItsMembersOnly() {
    populate();
    try (RoomReader reader = engine.reader("r")) {
      long from = reader.snapshot(t(2)).seq();
      engine.leave("c1", t(3)); // another room's user: not for this reader
      engine.leave("b1", t(3));
      EventBatch batch = reader.eventsSince(from);
      assertEquals(engine.eventsSince(0).seq(), batch.seq(), "the last event considered");
      assertFalse(batch.events().isEmpty());
      for (Event event : batch.events()) {
        String about = event.kind().name();
        if (event instanceof SessionEvent e) {
          about = e.sessionId();
        } else if (event instanceof UserEvent e) {
          about = e.userId();
        } else if (event instanceof MemberEvent e) {
          about = e.roomId();
        }
        assertFalse(about.equals("c1") || about.equals("cid") || about.equals("other"), about);
      }
      assertTrue(
          batch.events().stream()
              .anyMatch(
                  e ->
                      e instanceof MemberEvent m
                          && m.memberId().equals("bob")
                          && m.newState() == State.OFFLINE),
          "bob left the room: " + batch.events());
      assertEquals(List.of(), reader.eventsSince(batch.seq()).events());
    }
  }

  @Test
  void readerPagesFollowTheCursor() {
    for (int i = 0; i < 5; i++) {
      engine.open("s" + i, OpenOptions.user("user-" + i), t(0));
      engine.joinRoom("s" + i, "r", t(0));
    }
    try (RoomReader room = engine.reader("r");
        EngineReader all = engine.reader()) {
      List<String> members = new ArrayList<>();
      List<String> users = new ArrayList<>();
      String memberCursor = "";
      String userCursor = "";
      int pages = 0;
      do {
        MemberPage memberPage = room.listMembers(State.STALE, 2, memberCursor, t(1));
        UserPage userPage = all.listUsers(State.STALE, 2, userCursor, t(1));
        memberPage.members().forEach(m -> members.add(m.memberId()));
        users.addAll(userIds(userPage.users()));
        memberCursor = memberPage.nextCursor().orElse("");
        userCursor = userPage.nextCursor().orElse("");
        assertEquals(memberPage.hasMore(), userPage.hasMore());
        pages++;
      } while (!memberCursor.isEmpty());
      assertEquals(3, pages);
      List<String> expected = List.of("user-0", "user-1", "user-2", "user-3", "user-4");
      assertEquals(expected, members);
      assertEquals(expected, users);
    }
  }

  @Test
  void aReaderOfARoomThatDoesNotExistYetFindsItOnceItDoes() {
    try (RoomReader reader = engine.reader("later")) {
      assertThrows(NotFoundException.class, () -> reader.counts(t(0)));
      assertThrows(NotFoundException.class, () -> reader.listMembers(State.STALE, 10, "", t(0)));
      assertThrows(NotFoundException.class, () -> reader.snapshot(t(0)));
      assertTrue(reader.user("ann", t(0)).isEmpty());
      engine.open("a1", OpenOptions.user("ann"), t(1));
      engine.joinRoom("a1", "later", t(1));
      assertEquals(1, reader.counts(t(1)).usersAlive());
    }
  }

  @Test
  void badArgumentsAreInvalidAndNeverMakeAWholeEngineReader() {
    populate();
    assertThrows(InvalidArgumentException.class, () -> engine.reader(null));
    InvalidArgumentException empty =
        assertThrows(InvalidArgumentException.class, () -> engine.reader(""));
    assertTrue(empty.getMessage().contains("reader()"), empty.getMessage());
    assertThrows(InvalidArgumentException.class, () -> engine.reader("r\uD800"));
    assertThrows(InvalidArgumentException.class, () -> engine.reader("x".repeat(129)));
    try (RoomReader reader = engine.reader("r")) {
      assertThrows(InvalidArgumentException.class, () -> reader.user(null));
      assertThrows(InvalidArgumentException.class, () -> reader.user(""));
      assertThrows(InvalidArgumentException.class, () -> reader.user("\uDC00"));
      assertThrows(InvalidArgumentException.class, () -> reader.user("x".repeat(129)));
      assertThrows(InvalidArgumentException.class, () -> reader.listMembers(null, 10));
      assertThrows(InvalidArgumentException.class, () -> reader.listMembers(State.STALE, -1));
      assertThrows(InvalidArgumentException.class, () -> reader.listMembers(State.STALE, 0));
      assertThrows(
          InvalidArgumentException.class, () -> reader.listMembers(State.STALE, 10, "bogus"));
      assertThrows(InvalidArgumentException.class, () -> reader.listMembers(State.STALE, 10, null));
      assertThrows(InvalidArgumentException.class, () -> reader.eventsSince(-1));
      assertThrows(InvalidArgumentException.class, () -> reader.eventsSince(0, -1));
      assertThrows(InvalidArgumentException.class, () -> reader.eventsSince(1_000_000));
      assertThrows(InvalidArgumentException.class, () -> reader.counts(null));
      assertThrows(
          InvalidArgumentException.class, () -> reader.counts(t(0).minusSeconds(2_000_000_000L)));
      assertThrows(InvalidArgumentException.class, () -> reader.snapshot(java.time.Instant.MAX));
    }
  }

  @Test
  void closingTheEngineOrTheReaderMakesReadsThrowEngineClosed() {
    populate();
    RoomReader room = engine.reader("r");
    EngineReader all = engine.reader();
    all.close();
    all.close();
    EngineClosedException readerClosed = assertThrows(EngineClosedException.class, all::counts);
    assertTrue(readerClosed.getMessage().contains("reader"), readerClosed.getMessage());
    engine.close();
    assertThrows(EngineClosedException.class, room::counts);
    assertThrows(EngineClosedException.class, () -> room.listMembers(State.STALE, 10));
    assertThrows(EngineClosedException.class, () -> room.user("ann"));
    assertThrows(EngineClosedException.class, room::snapshot);
    assertThrows(EngineClosedException.class, () -> room.eventsSince(0));
    assertThrows(EngineClosedException.class, engine::reader);
    assertThrows(EngineClosedException.class, () -> engine.reader("r"));
    room.close();
  }

  @Test
  void aReaderKeepsItsEngineReachable() throws InterruptedException {
    WeakReference<Engine> weak;
    EngineReader reader;
    {
      Engine unreferenced = TestTimes.undebounced();
      unreferenced.open("a1", OpenOptions.user("ann"), t(0));
      weak = new WeakReference<>(unreferenced);
      reader = unreferenced.reader();
    }
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertEquals(1, reader.counts(t(1)).usersAlive(), "the engine is alive under its reader");
    Engine owner = weak.get();
    assertTrue(owner != null);
    reader.close();
    owner.close();
  }

  @Test
  void readersMayBeUsedAndClosedFromManyThreads() throws InterruptedException {
    populate();
    RoomReader reader = engine.reader("r");
    ClosingRace.run(
        4,
        n -> {
          assertEquals(2, reader.counts(t(2)).usersAlive());
          reader.listMembers(State.STALE, 10, "", t(2));
          reader.snapshot(t(2));
        },
        reader::close);
  }
}
