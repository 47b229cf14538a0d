package dev.presence;

import static dev.presence.TestTimes.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Events: the pull API (snapshot + diff), listeners and their thread, waiting for events. */
class EventsTest {
  private static final long WAIT_SECONDS = 10;
  private final Engine engine = TestTimes.undebounced();

  @AfterEach
  void close() {
    engine.close();
  }

  private static Event take(BlockingQueue<Event> queue) throws InterruptedException {
    Event event = queue.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    if (event == null) {
      throw new AssertionError("no event within " + WAIT_SECONDS + " s");
    }
    return event;
  }

  @Test
  void eventsCarrySeqTimeEntityAndStates() {
    engine.open("tab-1", OpenOptions.user("ann"), t(0));
    EventBatch batch = engine.eventsSince(0);
    assertEquals(3, batch.seq());
    SessionEvent session = (SessionEvent) batch.events().get(0);
    assertEquals(1, session.seq());
    assertEquals(EventKind.SESSION, session.kind());
    assertEquals("tab-1", session.sessionId());
    assertEquals(Optional.of("ann"), session.userId());
    assertEquals(State.OFFLINE, session.oldState());
    assertEquals(State.ACTIVE, session.newState());
    assertEquals(t(0), session.at());
    assertEquals(t(0), session.publishedAt());
    UserEvent user = (UserEvent) batch.events().get(1);
    assertEquals(EventKind.USER, user.kind());
    assertEquals("ann", user.userId());
    assertEquals(Availability.AVAILABLE, user.availability());
    assertEquals(1, user.sessionCount());
    assertEquals(ConfidenceBucket.HIGH, user.confidenceBucket());
    assertEquals(1.0, user.confidence());
    assertEquals(t(0), user.lastSeenAt());
    // An active user who just arrived is ready to be called.
    ReadinessEvent ready = (ReadinessEvent) batch.events().get(2);
    assertEquals(EventKind.READINESS, ready.kind());
    assertEquals(Target.user("ann"), ready.target());
    assertTrue(ready.ready());
    assertEquals(1.0, ready.score());
  }

  @Test
  void heartbeatsPublishNothing() {
    engine.open("tab-1", OpenOptions.user("ann"), t(0));
    for (int i = 1; i <= 20; i++) {
      engine.heartbeat("tab-1", Activity.ACTIVE, Visibility.VISIBLE, t(i * 0.5));
    }
    assertEquals(List.of(), engine.eventsSince(3).events());
  }

  @Test
  void eachConsumerKeepsItsOwnCursor() {
    for (int i = 0; i < 2; i++) {
      engine.open("s" + i, OpenOptions.user("u" + i), t(i)); // session, user, readiness
    }
    EventBatch first = engine.eventsSince(0, 4);
    assertEquals(4, first.events().size());
    assertEquals(4, first.seq());
    EventBatch rest = engine.eventsSince(first.seq());
    assertEquals(List.of(5L, 6L), rest.events().stream().map(Event::seq).toList());
    assertEquals(6, engine.eventsSince(0).events().size(), "events are kept, not consumed");
    EventBatch none = engine.eventsSince(6);
    assertEquals(6, none.seq());
    assertEquals(List.of(), none.events());
    assertThrows(InvalidArgumentException.class, () -> engine.eventsSince(7));
  }

  @Test
  void aDebouncedChangeIsPublishedOnceItHeld() {
    try (Engine debounced = Engine.builder().build()) {
      debounced.open("tab-1", OpenOptions.user("ann"), t(0));
      assertEquals(List.of(), debounced.eventsSince(0).events());
      debounced.advance(t(0.499));
      assertEquals(List.of(), debounced.eventsSince(0).events());
      debounced.advance(t(0.5));
      Event event = debounced.eventsSince(0).events().get(0);
      assertEquals(t(0), event.at());
      assertEquals(t(0.5), event.publishedAt());
    }
  }

  @Test
  void snapshotThenDiffContinuesWithoutAGap() {
    engine.open("tab-1", OpenOptions.user("ann"), t(0));
    engine.open("tab-2", OpenOptions.user("bob"), t(1));
    Snapshot snapshot = engine.snapshot(t(2));
    assertEquals(6, snapshot.seq());
    engine.leave("tab-1", t(3));
    List<Event> diff = engine.eventsSince(snapshot.seq()).events();
    assertEquals(
        List.of(EventKind.SESSION, EventKind.USER, EventKind.READINESS),
        diff.stream().map(Event::kind).toList());
    assertEquals(7, diff.get(0).seq());
    assertEquals(State.OFFLINE, ((SessionEvent) diff.get(0)).newState());
  }

  @Test
  void aConsumerTooFarBehindIsToldToSnapshotAgain() {
    try (Engine small = Engine.builder().debounce(Duration.ZERO).eventBufferCapacity(4).build()) {
      for (int i = 0; i < 5; i++) {
        small.open("s" + i, OpenOptions.guest(), t(i)); // one event each
      }
      assertThrows(TooFarBehindException.class, () -> small.eventsSince(0));
      assertEquals(2, small.stats().oldestSeq());
      assertEquals(4, small.eventsSince(1).events().size());
      TooFarBehindException error =
          assertThrows(TooFarBehindException.class, () -> small.addListener(0, event -> {}));
      assertEquals(Status.TOO_FAR_BEHIND, error.status());
    }
  }

  @Test
  void listenersGetEveryEventInOrderOnTheDispatcherThread() throws InterruptedException {
    BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    AtomicReference<String> thread = new AtomicReference<>();
    Subscription subscription =
        engine.addListener(
            event -> {
              thread.set(Thread.currentThread().getName());
              events.add(event);
            });
    assertTrue(subscription.isActive());
    engine.open("tab-1", OpenOptions.user("ann"), t(0));
    engine.leave("tab-1", t(1));
    List<Long> seqs = new ArrayList<>();
    for (int i = 0; i < 6; i++) { // session, user and readiness, twice
      seqs.add(take(events).seq());
    }
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), seqs);
    assertTrue(thread.get().startsWith("presence-events-"), thread.get());
    assertEquals(6, subscription.cursor());
  }

  @Test
  void listenersReceiveEveryKindOfCoordinationEvent() throws InterruptedException {
    BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    List<String> threads = Collections.synchronizedList(new ArrayList<>());
    engine.addListener(
        event -> {
          threads.add(Thread.currentThread().getName());
          events.add(event);
        });
    engine.open("carl-tab", OpenOptions.user("carl"), t(0));
    Intent intent =
        engine.openIntent("carl", Target.room("standup"), "call", Duration.ofMinutes(1), t(1));
    engine.open("ann-tab", OpenOptions.user("ann"), t(2));
    // ann joins: the room becomes ready, and so does the intent.
    engine.joinRoom("ann-tab", "standup", t(3));
    engine.setAvailability("ann", Availability.BUSY, t(4));
    engine.setCountOnly("arena", Duration.ofSeconds(1), t(5));
    engine.leaveRoom("ann-tab", "standup", t(6));

    List<Event> received = new ArrayList<>();
    long last = engine.stats().lastSeq();
    while (received.isEmpty() || received.get(received.size() - 1).seq() < last) {
      received.add(take(events));
    }
    for (int i = 0; i < received.size(); i++) {
      assertEquals(i + 1, received.get(i).seq(), "every event once, in order");
    }
    assertTrue(
        threads.stream().allMatch(name -> name.startsWith("presence-events-")), threads.toString());

    List<MemberEvent> members = EventCursor.only(MemberEvent.class, received);
    assertEquals(2, members.size());
    assertTrue(members.get(0).joined());
    assertEquals("ann", members.get(0).memberId());
    assertTrue(members.get(1).left());
    assertEquals(t(6), members.get(1).at());
    assertEquals(Availability.BUSY, members.get(1).availability());

    List<ReadinessEvent> room =
        EventCursor.only(ReadinessEvent.class, received).stream()
            .filter(r -> r.target().equals(Target.room("standup")))
            .toList();
    assertEquals(List.of(true, false), room.stream().map(ReadinessEvent::ready).toList());
    assertEquals(t(3), room.get(0).at());
    assertEquals(0.75, room.get(0).score());

    IntentEvent ready = EventCursor.only(IntentEvent.class, received).get(0);
    assertEquals(intent.intentId(), ready.intentId());
    assertEquals(IntentState.READY, ready.state());
    assertEquals(Target.room("standup"), ready.target());
    assertEquals(t(3), ready.at());

    AvailabilityEvent busy = EventCursor.only(AvailabilityEvent.class, received).get(0);
    assertEquals("ann", busy.userId());
    assertEquals(Availability.BUSY, busy.availability());
    OccupancyEvent arena = EventCursor.only(OccupancyEvent.class, received).get(0);
    assertEquals("arena", arena.roomId());
    assertEquals(0, arena.occupancy().members());
    // Every kind was delivered, each as the record class its kind names.
    assertEquals(
        EnumSet.allOf(EventKind.class),
        received.stream()
            .map(Event::kind)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(EventKind.class))));
    for (Event event : received) {
      assertEquals(event.kind().name(), kindOf(event));
    }
  }

  /** The kind an event's class stands for, derived from the class name. */
  private static String kindOf(Event event) {
    String name = event.getClass().getSimpleName();
    return name.substring(0, name.length() - "Event".length()).toUpperCase(Locale.ROOT);
  }

  @Test
  void aListenerCanStartFromASnapshot() throws InterruptedException {
    engine.open("tab-1", OpenOptions.user("ann"), t(0));
    engine.open("tab-2", OpenOptions.user("bob"), t(0));
    Snapshot snapshot = engine.snapshot(t(1));
    engine.leave("tab-1", t(2)); // published before the listener exists
    BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    engine.addListener(snapshot.seq(), events::add);
    Event first = take(events);
    assertEquals(snapshot.seq() + 1, first.seq());
    assertEquals("tab-1", ((SessionEvent) first).sessionId());
    assertThrows(InvalidArgumentException.class, () -> engine.addListener(99, event -> {}));
  }

  @Test
  void aClosedSubscriptionReceivesNothingMore() throws InterruptedException {
    BlockingQueue<Event> closed = new LinkedBlockingQueue<>();
    BlockingQueue<Event> open = new LinkedBlockingQueue<>();
    Subscription subscription = engine.addListener(closed::add);
    engine.addListener(open::add);
    subscription.close();
    subscription.close();
    assertFalse(subscription.isActive());
    engine.open("tab-1", OpenOptions.user("ann"), t(0));
    take(open);
    take(open);
    assertEquals(List.of(), new ArrayList<>(closed));
  }

  @Test
  void aThrowingListenerIsReportedAndDeliveryGoesOn() throws InterruptedException {
    BlockingQueue<Throwable> reported = new LinkedBlockingQueue<>();
    BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    CountDownLatch handlerSet = new CountDownLatch(1);
    engine.addListener(
        event -> {
          Thread.currentThread().setUncaughtExceptionHandler((t, e) -> reported.add(e));
          handlerSet.countDown();
          events.add(event);
          if (event.seq() == 1) {
            throw new IllegalStateException("listener bug");
          }
        });
    engine.open("tab-1", OpenOptions.user("ann"), t(0));
    assertEquals(1, take(events).seq());
    assertEquals(2, take(events).seq(), "the next event still arrives");
    assertTrue(handlerSet.await(WAIT_SECONDS, TimeUnit.SECONDS));
    Throwable error = reported.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertTrue(error instanceof IllegalStateException, String.valueOf(error));
  }

  @Test
  void aListenerThatFellBehindIsToldWhatWasLost() throws InterruptedException {
    try (Engine small = Engine.builder().debounce(Duration.ZERO).eventBufferCapacity(4).build()) {
      CountDownLatch blocked = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      AtomicLong lostAfter = new AtomicLong(-1);
      AtomicLong lostOldest = new AtomicLong(-1);
      BlockingQueue<Event> events = new LinkedBlockingQueue<>();
      small.addListener(
          new EventListener() {
            @Override
            public void onEvent(Event event) {
              events.add(event);
              if (event.seq() == 1) {
                blocked.countDown();
                awaitQuietly(release);
              }
            }

            @Override
            public long onEventsLost(long afterSeq, long oldestAvailableSeq) {
              lostAfter.set(afterSeq);
              lostOldest.set(oldestAvailableSeq);
              return oldestAvailableSeq;
            }
          });
      // One call publishes a session's, its user's and the user's readiness event together.
      small.open("s0", OpenOptions.user("u0"), t(0));
      assertTrue(blocked.await(WAIT_SECONDS, TimeUnit.SECONDS));
      for (int i = 1; i < 5; i++) {
        small.open("s" + i, OpenOptions.user("u" + i), t(i)); // seq 4..15; the buffer keeps 4
      }
      release.countDown();
      List<Long> seqs = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        seqs.add(take(events).seq());
      }
      // Events 2 and 3 were read with event 1, before the buffer overflowed; 4 to 11 were lost.
      assertEquals(List.of(1L, 2L, 3L, 12L, 13L, 14L, 15L), seqs);
      assertEquals(3, lostAfter.get());
      assertEquals(11, lostOldest.get());
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aTickerDrivesTransitionsToListenersWithoutAdvanceCalls() throws InterruptedException {
    try (Engine ticking =
        Engine.builder()
            .debounce(Duration.ZERO)
            .idleAfter(Duration.ofMillis(40))
            .awayAfter(Duration.ofMillis(80))
            .blurTolerance(Duration.ofMillis(10))
            .heartbeatActive(Duration.ofMillis(20))
            .heartbeatIdle(Duration.ofMillis(20))
            .heartbeatHidden(Duration.ofMillis(20))
            .heartbeatGrace(Duration.ofMillis(10))
            .reconnectGrace(Duration.ofMillis(10))
            .sessionTtl(Duration.ofMillis(150))
            .ticker(Duration.ofMillis(5))
            .build()) {
      BlockingQueue<Event> events = new LinkedBlockingQueue<>();
      ticking.addListener(events::add);
      ticking.open("tab-1", OpenOptions.user("ann"));
      List<State> states = new ArrayList<>();
      Event event;
      do {
        event = take(events);
        if (event instanceof SessionEvent session) {
          states.add(session.newState());
        }
      } while (!(event instanceof UserEvent user && user.newState() == State.OFFLINE));
      assertEquals(State.ACTIVE, states.get(0));
      assertEquals(State.OFFLINE, states.get(states.size() - 1));
      assertTrue(states.contains(State.STALE), states.toString());
      ticking.stopTicker();
      ticking.stopTicker();
    }
  }

  @Test
  void awaitEventsWaitsForAnEventOrTheTimeout() throws Exception {
    long start = System.nanoTime();
    EventBatch none = engine.awaitEvents(0, 0, Duration.ofMillis(100));
    assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(100));
    assertEquals(List.of(), none.events());
    assertEquals(0, none.seq());

    Thread publisher =
        new Thread(
            () -> {
              sleepQuietly(100);
              engine.open("tab-1", OpenOptions.guest(), t(0));
            });
    publisher.start();
    EventBatch some = engine.awaitEvents(0, 1, Duration.ofSeconds(WAIT_SECONDS));
    publisher.join();
    assertEquals(1, some.events().size());
    assertEquals(1, some.seq());
    engine.open("tab-2", OpenOptions.guest(), t(1));
    assertEquals(1, engine.awaitEvents(1, 0, Duration.ZERO).events().size());
  }

  @Test
  void awaitEventsCanBeInterrupted() throws InterruptedException {
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    Thread waiter =
        new Thread(
            () -> {
              try {
                engine.awaitEvents(0, 0, Duration.ofMinutes(5));
                failures.add(new AssertionError("returned without being interrupted"));
              } catch (InterruptedException expected) {
                // the wait ended as it should
              } catch (RuntimeException e) {
                failures.add(e);
              }
            });
    waiter.start();
    sleepQuietly(100);
    waiter.interrupt();
    waiter.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    assertFalse(waiter.isAlive());
    assertEquals(List.of(), failures);
  }

  static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
