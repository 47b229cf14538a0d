package dev.presence;

import static dev.presence.TestTimes.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Interest-based fan-out: each subscriber hears only what it subscribed to. */
class FanoutTest {
  private final Engine engine = TestTimes.undebounced();

  @AfterEach
  void close() {
    engine.close();
  }

  private static Map<String, Delivery> bySubscriber(Fanout fanout) {
    return fanout.deliveries().stream()
        .collect(Collectors.toMap(Delivery::subscriber, Function.identity()));
  }

  /** Whether an event concerns the user {@code userId}. */
  private static boolean about(String userId, Event event) {
    if (event instanceof SessionEvent e) {
      return e.userId().orElse("").equals(userId);
    } else if (event instanceof UserEvent e) {
      return e.userId().equals(userId);
    } else if (event instanceof MemberEvent e) {
      return e.memberId().equals(userId);
    } else if (event instanceof ReadinessEvent e) {
      return e.target().equals(Target.user(userId));
    } else if (event instanceof AvailabilityEvent e) {
      return e.userId().equals(userId);
    }
    return false;
  }

  private static boolean aboutRoom(String roomId, Event event) {
    if (event instanceof MemberEvent e) {
      return e.roomId().equals(roomId);
    } else if (event instanceof ReadinessEvent e) {
      return e.target().equals(Target.room(roomId));
    } else if (event instanceof OccupancyEvent e) {
      return e.roomId().equals(roomId);
    }
    return false;
  }

  @Test
  void eachSubscriberHearsOnlyWhatItAskedFor() {
    engine.open("a", OpenOptions.user("ann"), t(0));
    engine.open("b", OpenOptions.user("bob"), t(0));
    long from = engine.stats().lastSeq();
    engine.subscribe("watcher-1", Target.user("ann"));
    engine.subscribe("watcher-2", Target.room("r"));
    engine.subscribe("watcher-2", Target.room("r")); // idempotent
    engine.subscribe("watcher-3", Target.user("nobody-yet"));
    engine.joinRoom("a", "r", t(1));
    engine.leave("b", t(2));
    engine.visibility("a", Visibility.HIDDEN, t(3));
    engine.advance(t(20)); // ann goes away
    engine.setAvailability("ann", Availability.BUSY, t(21));

    Fanout fanout = engine.fanout(from);
    assertEquals(engine.stats().lastSeq(), fanout.seq());
    assertEquals(fanout.seq() - from, fanout.events().size());
    assertEquals(
        List.of("watcher-2", "watcher-1"),
        fanout.deliveries().stream().map(Delivery::subscriber).toList(),
        "in the order of their first delivery (ann joining r: the room's, then ann's); watcher-3"
            + " hears nothing");
    Map<String, Delivery> deliveries = bySubscriber(fanout);
    List<Event> ann = deliveries.get("watcher-1").events();
    assertTrue(ann.stream().allMatch(e -> about("ann", e)), ann.toString());
    assertTrue(ann.stream().anyMatch(e -> e instanceof MemberEvent), "ann's member event");
    assertTrue(ann.stream().anyMatch(e -> e instanceof AvailabilityEvent));
    List<Event> room = deliveries.get("watcher-2").events();
    assertTrue(room.stream().allMatch(e -> aboutRoom("r", e) || about("ann", e)), room.toString());
    assertTrue(room.stream().anyMatch(e -> e instanceof UserEvent), "its members' user events");
    assertTrue(room.stream().noneMatch(e -> about("bob", e)));
    // Deliveries share the fan-out's events, in sequence order.
    for (Delivery delivery : fanout.deliveries()) {
      long previous = 0;
      for (Event event : delivery.events()) {
        assertSame(fanout.events().get((int) (event.seq() - from - 1)), event);
        assertTrue(event.seq() > previous);
        previous = event.seq();
      }
    }

    engine.unsubscribeAll("watcher-1");
    engine.unsubscribe("watcher-2", Target.room("r"));
    engine.unsubscribe("watcher-2", Target.room("r")); // idempotent
    engine.unsubscribeAll("never-subscribed");
    assertEquals(List.of(), engine.fanout(from).deliveries());
  }

  @Test
  void aCountOnlyRoomsWatchersHearItsOccupancyNotItsMembers() {
    engine.open("a", OpenOptions.user("ann"), t(0));
    engine.subscribe("dashboard", Target.room("arena"));
    long from = engine.stats().lastSeq();
    engine.setCountOnly("arena", Duration.ofSeconds(1), t(0));
    engine.joinRoom("a", "arena", t(0));
    engine.visibility("a", Visibility.HIDDEN, t(0.5));
    engine.advance(t(30));
    List<Event> heard = bySubscriber(engine.fanout(from)).get("dashboard").events();
    assertTrue(heard.stream().anyMatch(e -> e instanceof OccupancyEvent));
    assertTrue(
        heard.stream().noneMatch(e -> e instanceof MemberEvent || e instanceof UserEvent),
        heard.toString());
  }

  @Test
  void fanoutPagesLikeEventsSince() {
    engine.subscribe("s", Target.user("ann"));
    engine.open("a", OpenOptions.user("ann"), t(0)); // three events
    Fanout first = engine.fanout(0, 2);
    assertEquals(2, first.events().size());
    assertEquals(2, first.seq());
    assertEquals(2, first.deliveries().get(0).events().size());
    Fanout rest = engine.fanout(first.seq());
    assertEquals(List.of(3L), rest.events().stream().map(Event::seq).toList());
    Fanout none = engine.fanout(3);
    assertEquals(3, none.seq());
    assertEquals(List.of(), none.events());
    assertEquals(List.of(), none.deliveries());
    assertThrows(InvalidArgumentException.class, () -> engine.fanout(4));
    try (Engine small = Engine.builder().debounce(Duration.ZERO).eventBufferCapacity(2).build()) {
      for (int i = 0; i < 3; i++) {
        small.open("s" + i, OpenOptions.guest(), t(i));
      }
      assertThrows(TooFarBehindException.class, () -> small.fanout(0));
      assertEquals(2, small.fanout(1).events().size());
    }
  }
}
