package dev.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * Threads that call something in a loop while the test closes it under them: each must end with
 * {@link EngineClosedException}, the one allowed way out, and nothing else.
 */
final class ClosingRace {
  private static final long WAIT_SECONDS = 10;

  private ClosingRace() {}

  /**
   * Starts {@code threads} threads that each run {@code round} (given the thread's index) until it
   * throws, runs {@code close} once 100 rounds are done, and checks how every thread ended.
   */
  static void run(int threads, IntConsumer round, Runnable close) throws InterruptedException {
    List<Throwable> unexpected = Collections.synchronizedList(new ArrayList<>());
    AtomicLong rounds = new AtomicLong();
    CountDownLatch running = new CountDownLatch(threads);
    List<Thread> started = new ArrayList<>();
    for (int n = 0; n < threads; n++) {
      int index = n;
      Thread thread =
          new Thread(
              () -> {
                running.countDown();
                try {
                  while (true) {
                    round.accept(index);
                    rounds.incrementAndGet();
                  }
                } catch (EngineClosedException expected) {
                  // closed under this thread: the way out
                } catch (Throwable e) {
                  unexpected.add(e);
                }
              });
      thread.start();
      started.add(thread);
    }
    assertTrue(running.await(WAIT_SECONDS, TimeUnit.SECONDS));
    while (rounds.get() < 100 && unexpected.isEmpty()) {
      Thread.onSpinWait();
    }
    close.run();
    for (Thread thread : started) {
      thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
      assertFalse(thread.isAlive());
    }
    assertEquals(List.of(), unexpected);
  }
}
