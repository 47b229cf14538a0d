package dev.presence;

import static dev.presence.TestTimes.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many threads on one engine: every signal lands, reads stay consistent, events stay ordered; the
 * same with rooms.
 */
class ConcurrencyTest {
  private static final int THREADS = 8;
  private static final int SESSIONS_PER_THREAD = 200;
  private static final int ROUNDS = 10;

  /** Users shared by the sessions of all threads. */
  private static final int USERS = 50;

  /** Leaves sessions 0, 7, 14, ...: some of every user's, never all of one's. */
  private static final int LEAVE_EVERY = 7;

  @Test
  void manyThreadsShareOneEngine() throws Exception {
    try (Engine engine = TestTimes.undebounced()) {
      List<Long> delivered = Collections.synchronizedList(new ArrayList<>());
      engine.addListener(event -> delivered.add(event.seq()));
      runThreads(engine, ConcurrencyTest::runClient);

      // Every thread left every LEAVE_EVERY-th session; users are shared across threads.
      long leftPerThread = (SESSIONS_PER_THREAD + LEAVE_EVERY - 1) / LEAVE_EVERY;
      long alive = (long) THREADS * (SESSIONS_PER_THREAD - leftPerThread);
      Counts counts = engine.counts(t(10));
      assertEquals(alive, counts.sessionsAlive());
      assertEquals(alive, counts.sessionsActive());
      assertEquals(USERS, counts.usersAlive());
      long perUser = 0;
      for (User user : engine.listUsers(State.ACTIVE, 100, "", t(10)).users()) {
        perUser += user.sessionCount();
      }
      assertEquals(alive, perUser);

      assertDeliveredInOrder(engine, delivered);
    }
  }

  /** One thread's work; starts once {@code start} opens. */
  @FunctionalInterface
  private interface Client {
    void run(Engine engine, int thread, CountDownLatch start);
  }

  /** Runs THREADS clients at once on the engine and waits for all of them. */
  private static void runThreads(Engine engine, Client client) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> work = new ArrayList<>();
    for (int n = 0; n < THREADS; n++) {
      int thread = n;
      work.add(pool.submit(() -> client.run(engine, thread, start)));
    }
    start.countDown();
    for (Future<?> future : work) {
      future.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
  }

  /** The listener got every event once, in order (waiting for the dispatcher to catch up). */
  private static void assertDeliveredInOrder(Engine engine, List<Long> delivered)
      throws InterruptedException {
    long last = engine.stats().lastSeq();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (delivered.size() < last && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    List<Long> expected = new ArrayList<>();
    for (long seq = 1; seq <= last; seq++) {
      expected.add(seq);
    }
    assertEquals(expected, delivered, "every event once, in order");
  }

  /** Rooms shared by the sessions of all threads; each session joins two, some leave one. */
  private static final int ROOMS = 10;

  @Test
  void manyThreadsJoinAndLeaveRoomsAtOnce() throws Exception {
    try (Engine engine = TestTimes.undebounced()) {
      List<Long> delivered = Collections.synchronizedList(new ArrayList<>());
      engine.addListener(event -> delivered.add(event.seq()));
      runThreads(engine, ConcurrencyTest::runRoomClient);

      // The model: which sessions, and so which users, each room holds in the end.
      Map<String, Set<String>> sessionsIn = new HashMap<>();
      Map<String, Set<String>> usersIn = new HashMap<>();
      for (int n = 0; n < THREADS; n++) {
        for (int i = 0; i < SESSIONS_PER_THREAD; i++) {
          for (String room : finalRooms(i)) {
            sessionsIn.computeIfAbsent(room, r -> new HashSet<>()).add("t" + n + "-s" + i);
            usersIn.computeIfAbsent(room, r -> new HashSet<>()).add("user-" + (i % USERS));
          }
        }
      }
      assertEquals(ROOMS, engine.counts(t(10)).rooms());
      for (int r = 0; r < ROOMS; r++) {
        String roomId = "room-" + r;
        Room room = engine.room(roomId, t(10)).orElseThrow();
        assertEquals(sessionsIn.get(roomId).size(), room.occupancy().sessionsActive(), roomId);
        assertEquals(usersIn.get(roomId).size(), room.occupancy().membersActive(), roomId);
        Set<String> listed = new HashSet<>();
        MemberPage page = engine.listMembers(roomId, State.ACTIVE, 7, "", t(10));
        page.members().forEach(m -> listed.add(m.memberId()));
        while (page.hasMore()) {
          page = engine.listMembers(roomId, State.ACTIVE, 7, page.nextCursor().get(), t(10));
          page.members().forEach(m -> listed.add(m.memberId()));
        }
        assertEquals(usersIn.get(roomId), listed, roomId);
      }
      long memberships =
          usersIn.values().stream().mapToLong(Set::size).sum(); // user-room pairs in the end
      long roomsOfUsers = 0;
      for (int u = 0; u < USERS; u++) {
        roomsOfUsers += engine.roomsOf("user-" + u, t(10)).size();
      }
      assertEquals(memberships, roomsOfUsers);

      assertDeliveredInOrder(engine, delivered);
    }
  }

  /** The rooms session {@code i} of every thread is in at the end. */
  private static List<String> finalRooms(int i) {
    String first = "room-" + (i % ROOMS);
    return i % 3 == 0 ? List.of(first) : List.of(first, "room-" + ((i + 1) % ROOMS));
  }

  private static void runRoomClient(Engine engine, int thread, CountDownLatch start) {
    try {
      start.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    for (int i = 0; i < SESSIONS_PER_THREAD; i++) {
      String id = "t" + thread + "-s" + i;
      engine.open(id, OpenOptions.user("user-" + (i % USERS)), t(1));
      engine.joinRoom(id, "room-" + (i % ROOMS), t(1));
      engine.joinRoom(id, "room-" + ((i + 1) % ROOMS), t(1));
      // Reads race with the joins and leaves of the other threads.
      assertTrue(engine.room("room-" + (i % ROOMS), t(1)).orElseThrow().occupancy().members() > 0);
      engine.listMembers("room-" + (i % ROOMS), State.STALE, 5, "", t(1));
      engine.roomsOf("user-" + (i % USERS), t(1));
    }
    for (int i = 0; i < SESSIONS_PER_THREAD; i += 3) {
      engine.leaveRoom("t" + thread + "-s" + i, "room-" + ((i + 1) % ROOMS), t(2));
    }
  }

  private static void runClient(Engine engine, int thread, CountDownLatch start) {
    try {
      start.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < SESSIONS_PER_THREAD; i++) {
      String id = "t" + thread + "-s" + i;
      ids.add(id);
      engine.open(id, OpenOptions.user("user-" + (i % USERS)), t(1));
    }
    for (int round = 0; round < ROUNDS; round++) {
      for (String id : ids) {
        engine.heartbeatMillis(
            id, Activity.ACTIVE, Visibility.VISIBLE, t(2 + round * 0.5).toEpochMilli());
      }
      assertTrue(engine.session(ids.get(round), t(2)).isPresent());
      engine.counts(t(2));
    }
    for (int i = 0; i < SESSIONS_PER_THREAD; i += LEAVE_EVERY) {
      engine.leave(ids.get(i), t(8));
    }
  }
}
