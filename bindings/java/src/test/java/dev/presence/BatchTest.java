package dev.presence;

import static dev.presence.TestTimes.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Batch heartbeats: one lock for many items, each item failing alone. */
class BatchTest {
  private final Engine engine = TestTimes.undebounced();

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void everyItemGetsItsOwnOutcome() {
    engine.open("a", OpenOptions.user("ann"), t(0));
    engine.open("b", OpenOptions.user("bob"), t(0));
    BatchResult result =
        engine.heartbeatBatch(
            List.of(
                new Heartbeat("a", Activity.ACTIVE, Visibility.VISIBLE),
                new Heartbeat("b", Activity.UNKNOWN, Visibility.HIDDEN),
                Heartbeat.of("gone"),
                Heartbeat.of(""),
                Heartbeat.of("x".repeat(129))),
            t(10));
    List<Status> statuses = result.outcomes().stream().map(HeartbeatOutcome::status).toList();
    assertEquals(
        List.of(
            Status.OK,
            Status.OK,
            Status.NOT_FOUND,
            Status.INVALID_ARGUMENT,
            Status.INVALID_ARGUMENT),
        statuses);
    assertEquals(Duration.ofSeconds(15), result.outcomes().get(0).interval());
    assertEquals(Duration.ofSeconds(60), result.outcomes().get(1).interval(), "hidden");
    assertEquals(Duration.ZERO, result.outcomes().get(2).interval());
    assertEquals(3, result.failed());
    assertEquals(t(10), engine.session("a", t(10)).orElseThrow().lastSignalAt());
    assertEquals(t(10), engine.session("b", t(10)).orElseThrow().lastSignalAt());
  }

  @Test
  void itemsThatCannotBeEncodedOrAreNotHeartbeatsFailAlone() {
    engine.open("a", OpenOptions.user("ann"), t(0));
    engine.open("😀", OpenOptions.user("bob"), t(0));
    List<Heartbeat> items = new ArrayList<>();
    items.add(Heartbeat.of("a"));
    items.add(null);
    items.add(Heartbeat.of("lone \ud83d surrogate"));
    items.add(Heartbeat.of("😀"));
    addWrongType(items, "not a heartbeat");
    BatchResult result = engine.heartbeatBatch(items, t(5));
    assertEquals(
        List.of(
            Status.OK,
            Status.INVALID_ARGUMENT,
            Status.INVALID_ARGUMENT,
            Status.OK,
            Status.INVALID_ARGUMENT),
        result.outcomes().stream().map(HeartbeatOutcome::status).toList());
    assertEquals(3, result.failed());
    assertTrue(result.outcomes().get(3).ok());
  }

  /** Puts an element of the wrong type into the list, as raw-typed code can. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void addWrongType(List<Heartbeat> items, Object element) {
    ((List) items).add(element);
  }

  @Test
  void anEmptyBatchIsFine() {
    BatchResult result = engine.heartbeatBatch(List.of(), t(1));
    assertEquals(List.of(), result.outcomes());
    assertEquals(0, result.failed());
  }

  @Test
  void aBadTimeFailsTheWholeBatchBeforeAnyItem() {
    engine.open("a", OpenOptions.user("ann"), t(0));
    assertThrows(
        InvalidArgumentException.class,
        () -> engine.heartbeatBatch(List.of(Heartbeat.of("a")), Instant.MAX));
    assertEquals(t(0), engine.session("a", t(0)).orElseThrow().lastSignalAt());
  }

  @Test
  void aLargeBatchIsAppliedUnderOneCall() {
    Heartbeat[] items = new Heartbeat[5000];
    for (int i = 0; i < items.length; i++) {
      engine.open("s" + i, OpenOptions.user("u" + (i % 100)), t(0));
      items[i] = Heartbeat.of("s" + i);
    }
    BatchResult result = engine.heartbeatBatch(Arrays.asList(items), t(1));
    assertEquals(0, result.failed());
    assertEquals(items.length, result.outcomes().size());
  }

  @Test
  void heartbeatItemsRejectNulls() {
    assertThrows(InvalidArgumentException.class, () -> Heartbeat.of(null));
    assertThrows(
        InvalidArgumentException.class, () -> new Heartbeat("a", null, Visibility.UNKNOWN));
    assertThrows(InvalidArgumentException.class, () -> new Heartbeat("a", Activity.UNKNOWN, null));
  }
}
