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

/** Who's online: counts, totals, user pages, one user, one session, snapshots, statistics. */
class ReadsTest {
  private final Engine engine = TestTimes.undebounced();

  @AfterEach
  void close() {
    engine.close();
  }

  /** ann: active (two tabs, one hidden); bob: idle; cid: stale; a guest; dan left. */
  private void populate() {
    engine.open("ann-1", OpenOptions.user("ann"), t(0));
    engine.open("ann-2", OpenOptions.user("ann").withVisibility(Visibility.HIDDEN), t(0));
    engine.open("bob-1", OpenOptions.user("bob"), t(0));
    engine.open("cid-1", OpenOptions.user("cid"), t(0));
    engine.open("guest-1", OpenOptions.guest(), t(0));
    engine.open("dan-1", OpenOptions.user("dan"), t(0));
    engine.leave("dan-1", t(1));
    for (int s = 14; s <= 56; s += 14) {
      for (String id : List.of("ann-1", "bob-1", "guest-1")) {
        engine.heartbeat(
            id, id.equals("ann-1") ? Activity.ACTIVE : Activity.UNKNOWN, Visibility.UNKNOWN, t(s));
      }
      engine.heartbeat("ann-2", Activity.UNKNOWN, Visibility.HIDDEN, t(s));
    }
  }

  @Test
  void countsSplitSessionsAndUsersByState() {
    populate();
    Counts counts = engine.counts(t(60));
    assertEquals(1, counts.sessionsActive());
    assertEquals(2, counts.sessionsIdle(), "bob and the guest");
    assertEquals(1, counts.sessionsAway(), "ann's hidden tab");
    assertEquals(1, counts.sessionsStale());
    assertEquals(5, counts.sessionsAlive());
    assertEquals(1, counts.guestSessions());
    assertEquals(0, counts.sessionsReconnecting());
    assertEquals(1, counts.usersActive());
    assertEquals(1, counts.usersIdle());
    assertEquals(0, counts.usersAway());
    assertEquals(1, counts.usersStale());
    assertEquals(1, counts.usersOffline(), "dan is remembered");
    assertEquals(3, counts.usersAlive());
    assertEquals(2, counts.sessions(State.IDLE));
    assertEquals(0, counts.sessions(State.OFFLINE));
    assertEquals(1, counts.users(State.OFFLINE));
    assertEquals(1, counts.users(State.STALE));
  }

  @Test
  void totalsCountDistinctUsersSeenInTheWindow() {
    populate();
    assertEquals(4, engine.countSeen(Duration.ofMinutes(5), t(60)));
    assertEquals(2, engine.countSeen(Duration.ofSeconds(10), t(60)), "ann and bob beat at 56 s");
    assertThrows(
        InvalidArgumentException.class, () -> engine.countSeen(Duration.ofSeconds(-1), t(60)));
  }

  @Test
  void usersArePagedInIdOrderWithAStableCursor() {
    for (int i = 0; i < 7; i++) {
      engine.open("s" + i, OpenOptions.user("user-" + i), t(0));
    }
    List<String> seen = new ArrayList<>();
    UserPage page = engine.listUsers(State.ACTIVE, 3, "", t(1));
    int pages = 1;
    page.users().forEach(u -> seen.add(u.userId()));
    // A user leaving between pages does not shift the cursor.
    engine.leave("s1", t(1));
    while (page.hasMore()) {
      page = engine.listUsers(State.ACTIVE, 3, page.nextCursor().orElseThrow(), t(1));
      page.users().forEach(u -> seen.add(u.userId()));
      pages++;
    }
    assertEquals(
        List.of("user-0", "user-1", "user-2", "user-3", "user-4", "user-5", "user-6"), seen);
    assertEquals(3, pages);
    assertEquals(Optional.empty(), page.nextCursor());
    assertEquals(engine.stats().lastSeq(), page.seq());
  }

  @Test
  void listingFiltersByMinimumState() {
    populate();
    List<String> atLeastIdle = new ArrayList<>();
    engine.listUsers(State.IDLE, 100, "", t(60)).users().forEach(u -> atLeastIdle.add(u.userId()));
    assertEquals(List.of("ann", "bob"), atLeastIdle);
    List<User> all = engine.listUsers(State.OFFLINE, 100, "", t(60)).users();
    assertEquals(4, all.size());
    User dan = all.get(3);
    assertEquals("dan", dan.userId());
    assertEquals(State.OFFLINE, dan.state());
    assertEquals(t(1), dan.lastSeenAt());
    assertEquals(Evidence.LEAVE, dan.lastEvidence());
    assertEquals(0, dan.sessionCount());
  }

  @Test
  void aUserIsReadWithItsSessions() {
    populate();
    UserDetail ann = engine.user("ann", t(60)).orElseThrow();
    assertEquals(State.ACTIVE, ann.user().state());
    assertEquals(2, ann.user().sessionCount());
    assertEquals(t(56), ann.user().lastSeenAt());
    assertEquals(Evidence.HEARTBEAT, engine.user("bob", t(60)).orElseThrow().user().lastEvidence());
    assertEquals(ConfidenceBucket.HIGH, ann.user().confidenceBucket());
    assertEquals(1.0, ann.user().confidence());
    assertEquals(t(0), ann.user().since());
    assertEquals(
        List.of("ann-1", "ann-2"),
        ann.sessions().stream().map(Session::sessionId).sorted().toList());
    assertEquals(Optional.empty(), engine.user("nobody", t(60)));
  }

  @Test
  void aSessionCarriesItsWholeRecord() {
    engine.open("tab-1", OpenOptions.user("ann").withMeta("{}").withTransportId("sock"), t(0));
    engine.activity("tab-1", t(2));
    engine.heartbeat("tab-1", Activity.UNKNOWN, Visibility.UNKNOWN, t(5));
    Session s = engine.session("tab-1", t(6)).orElseThrow();
    assertEquals("tab-1", s.sessionId());
    assertEquals(State.ACTIVE, s.state());
    assertFalse(s.reconnecting());
    assertTrue(s.visible());
    assertTrue(s.connected());
    assertEquals(1.0, s.confidence());
    assertEquals(ConfidenceBucket.HIGH, s.confidenceBucket());
    assertEquals(t(5), s.lastSignalAt());
    assertEquals(t(2), s.lastActivityAt());
    assertEquals(t(0), s.since());
    assertEquals(Duration.ofSeconds(15), s.heartbeatInterval());
    assertEquals(Optional.of("{}"), s.meta());
    assertEquals(Optional.of("sock"), s.transportId());
    assertEquals(0, s.originNode());
    assertTrue(s.version() > 0);
    assertEquals(State.ACTIVE, s.trueState());
  }

  @Test
  void aSnapshotShowsThePublishedViewAndItsSeq() {
    populate();
    Snapshot snapshot = engine.snapshot(t(60));
    assertEquals(engine.stats().lastSeq(), snapshot.seq());
    assertEquals(
        List.of("ann", "bob", "cid"), snapshot.users().stream().map(User::userId).toList());
    assertEquals(5, snapshot.sessions().size());
    assertThrows(UnsupportedOperationException.class, () -> snapshot.users().clear());
  }

  @Test
  void statisticsDescribeTheEngine() {
    populate();
    engine.advance(t(60));
    Stats stats = engine.stats();
    assertEquals(5, stats.sessionRecords());
    assertEquals(4, stats.userRecords());
    assertTrue(stats.signals() >= 22, "signals: " + stats.signals());
    assertTrue(stats.transitions() > 0);
    assertEquals(stats.lastSeq(), stats.eventsPublished());
    assertEquals(1, stats.oldestSeq());
    assertTrue(stats.pendingTimers() > 0);
    assertEquals(0, stats.limitRejections());
  }
}
