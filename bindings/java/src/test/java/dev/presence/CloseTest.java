package dev.presence;

import static dev.presence.TestTimes.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Closing: idempotent, safe from any thread and while in use, and never a crash afterwards. */
class CloseTest {
  private static final long WAIT_SECONDS = 10;

  @Test
  void everyMethodThrowsAfterCloseAndCloseIsIdempotent() {
    Engine engine = TestTimes.undebounced();
    engine.open("sample", OpenOptions.user("sample"), t(0));
    assertFalse(engine.isClosed());
    engine.close();
    engine.close();
    assertTrue(engine.isClosed());
    List<String> checked = new ArrayList<>();
    for (Method method : Samples.engineMethods()) {
      if (Set.of("close", "isClosed").contains(method.getName())) {
        continue;
      }
      Throwable thrown = Samples.thrownBy(method, engine, Samples.arguments(method));
      assertTrue(thrown instanceof EngineClosedException, method + " threw " + thrown);
      assertEquals(Status.CLOSED, ((PresenceException) thrown).status());
      checked.add(method.getName());
    }
    assertTrue(checked.size() > 80, "checked " + checked);
  }

  @Test
  void closingWhileOtherThreadsCallEndsThemWithEngineClosed() throws InterruptedException {
    Engine engine = TestTimes.undebounced();
    List<Throwable> unexpected = Collections.synchronizedList(new ArrayList<>());
    AtomicLong calls = new AtomicLong();
    CountDownLatch running = new CountDownLatch(4);
    List<Thread> threads = new ArrayList<>();
    for (int n = 0; n < 4; n++) {
      String id = "s" + n;
      Thread thread =
          new Thread(
              () -> {
                running.countDown();
                try {
                  while (true) {
                    engine.open(id, OpenOptions.user("u"), t(1));
                    engine.heartbeat(id, Activity.ACTIVE, Visibility.VISIBLE, t(1));
                    engine.joinRoom(id, "room", t(1));
                    engine.counts(t(1));
                    engine.snapshot(t(1));
                    engine.listMembers("room", State.STALE, 10, "", t(1));
                    engine.readiness(Target.room("room"), t(1));
                    engine.subscribe(id, Target.room("room"));
                    engine.leaveRoom(id, "room", t(1));
                    calls.incrementAndGet();
                  }
                } catch (EngineClosedException expected) {
                  // the way out
                } catch (Throwable e) {
                  unexpected.add(e);
                }
              });
      thread.start();
      threads.add(thread);
    }
    assertTrue(running.await(WAIT_SECONDS, TimeUnit.SECONDS));
    while (calls.get() < 100) {
      Thread.onSpinWait();
    }
    engine.close();
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
      assertFalse(thread.isAlive());
    }
    assertEquals(List.of(), unexpected);
  }

  @Test
  void aListenerMayCloseTheEngine() throws InterruptedException {
    Engine engine = TestTimes.undebounced();
    CountDownLatch closed = new CountDownLatch(1);
    Subscription subscription =
        engine.addListener(
            event -> {
              engine.close();
              closed.countDown();
            });
    engine.open("tab-1", OpenOptions.user("ann"), t(0));
    assertTrue(closed.await(WAIT_SECONDS, TimeUnit.SECONDS));
    assertTrue(engine.isClosed());
    assertFalse(subscription.isActive());
    assertThrows(EngineClosedException.class, () -> engine.open("tab-2"));
  }

  @Test
  void closingEndsTheDispatcherThread() throws InterruptedException {
    Engine engine = TestTimes.undebounced();
    CountDownLatch delivered = new CountDownLatch(1);
    AtomicReference<Thread> dispatcher = new AtomicReference<>();
    engine.addListener(
        event -> {
          dispatcher.set(Thread.currentThread());
          delivered.countDown();
        });
    engine.open("tab-1", OpenOptions.user("ann"), t(0));
    assertTrue(delivered.await(WAIT_SECONDS, TimeUnit.SECONDS));
    assertTrue(dispatcher.get().isDaemon());
    engine.close();
    dispatcher.get().join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    assertFalse(dispatcher.get().isAlive(), "the dispatcher thread ended");
  }

  @Test
  void closingStopsTheTickerAndWakesAWaiter() throws InterruptedException {
    Engine engine = Engine.builder().ticker(Duration.ofMillis(1)).build();
    List<Throwable> outcome = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(1);
    Thread waiter =
        new Thread(
            () -> {
              try {
                engine.awaitEvents(0, 0, Duration.ofMinutes(5));
              } catch (Throwable e) {
                outcome.add(e);
              }
              done.countDown();
            });
    waiter.start();
    EventsTest.sleepQuietly(100);
    engine.close();
    assertTrue(done.await(WAIT_SECONDS, TimeUnit.SECONDS), "the waiter was woken");
    assertEquals(1, outcome.size());
    assertTrue(outcome.get(0) instanceof EngineClosedException, outcome.toString());
  }

  @Test
  void tryWithResourcesClosesTheEngine() {
    Engine outside;
    try (Engine engine = Engine.create()) {
      outside = engine;
      engine.open("tab-1");
    }
    assertTrue(outside.isClosed());
  }

  /** The safety net: an engine dropped without close() is freed by the cleaner, with a warning. */
  @Test
  void anUnclosedEngineIsFreedWhenUnreachableWithAWarning() throws InterruptedException {
    Logger logger = Logger.getLogger(Engine.class.getName());
    List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(handler);
    try {
      openAndDrop();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
      while (records.isEmpty() && System.nanoTime() < deadline) {
        System.gc();
        Thread.sleep(20);
      }
      assertFalse(records.isEmpty(), "the cleaner freed the engine");
      assertTrue(records.get(0).getMessage().contains("never closed"), records.get(0).getMessage());
    } finally {
      logger.removeHandler(handler);
    }
  }

  private static void openAndDrop() {
    Engine engine = Engine.create();
    engine.open("forgotten", OpenOptions.user("ann"), t(0));
  }
}
