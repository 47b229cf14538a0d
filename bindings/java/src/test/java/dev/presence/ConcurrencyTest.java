package dev.presence;

import static dev.presence.TestTimes.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many threads on one engine: every signal lands, reads stay consistent, events stay ordered. */
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
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> work = new ArrayList<>();
      for (int n = 0; n < THREADS; n++) {
        int thread = n;
        work.add(pool.submit(() -> runClient(engine, thread, start)));
      }
      start.countDown();
      for (Future<?> future : work) {
        future.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();

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
