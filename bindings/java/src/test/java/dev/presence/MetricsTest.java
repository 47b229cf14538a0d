package dev.presence;

import static dev.presence.TestTimes.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Room metrics as data, and the Prometheus text exposition. */
class MetricsTest {
  private final Engine engine = TestTimes.undebounced();

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void roomMetricsCountJoinsDwellAttentionPeaksAndTheReadinessCurve() {
    engine.open("tab", OpenOptions.user("ann"), t(0));
    engine.joinRoom("tab", "r", t(0));
    engine.open("bob-tab", OpenOptions.user("bob"), t(0));
    engine.joinRoom("bob-tab", "r", t(1));
    engine.leaveRoom("bob-tab", "r", t(3)); // stayed 2 s
    for (int s = 15; s <= 45; s += 15) {
      engine.heartbeat("tab", Activity.UNKNOWN, Visibility.UNKNOWN, t(s));
    }
    engine.advance(t(61)); // idle after 60 s of activity

    RoomMetrics metrics = engine.roomMetrics("r", t(61)).orElseThrow();
    assertEquals(2, metrics.joins());
    assertEquals(1, metrics.leaves());
    assertEquals(0, metrics.dropOffs());
    assertEquals(2, metrics.peakMembers());
    assertEquals(2, metrics.peakSessions());

    List<Histogram.Bucket> dwell = metrics.dwell().buckets();
    assertEquals(8, dwell.size());
    assertEquals(
        new Histogram.Bucket(Duration.ZERO, Optional.of(Duration.ofSeconds(4)), 1), dwell.get(0));
    assertEquals(Duration.ofSeconds(4), dwell.get(1).lowerBound());
    assertEquals(Optional.of(Duration.ofSeconds(16)), dwell.get(1).upperBound());
    assertEquals(Optional.empty(), dwell.get(7).upperBound(), "the last bucket is open");
    assertEquals(Duration.ofSeconds(4 * (long) Math.pow(4, 6)), dwell.get(7).lowerBound());
    assertEquals(1, metrics.dwell().total());

    // 60 s of attention lands in the 16..64 s bucket.
    Histogram.Bucket attention = metrics.attention().buckets().get(2);
    assertEquals(Optional.of(Duration.ofSeconds(64)), attention.upperBound());
    assertEquals(1, attention.count());
    assertEquals(1, metrics.attention().total());

    assertFalse(metrics.readinessCurve().isEmpty());
    ReadinessPoint last = metrics.readinessCurve().get(metrics.readinessCurve().size() - 1);
    assertTrue(last.score() >= 0 && last.score() <= 1, last.toString());
    assertTrue(!last.at().isBefore(t(0)) && !last.at().isAfter(t(61)), last.toString());
    for (int i = 1; i < metrics.readinessCurve().size(); i++) {
      assertFalse(
          metrics.readinessCurve().get(i).at().isBefore(metrics.readinessCurve().get(i - 1).at()),
          "oldest first");
    }
    assertEquals(Optional.empty(), engine.roomMetrics("none", t(61)));
  }

  @Test
  void histogramsAreImmutableAndChecked() {
    Histogram histogram =
        new Histogram(List.of(new Histogram.Bucket(Duration.ZERO, Optional.empty(), 3)));
    assertEquals(3, histogram.total());
    assertThrows(UnsupportedOperationException.class, () -> histogram.buckets().clear());
    assertThrows(InvalidArgumentException.class, () -> new Histogram(null));
  }

  @Test
  void prometheusTextNamesEveryFamily() {
    engine.open("tab", OpenOptions.user("ann"), t(0));
    engine.joinRoom("tab", "room \"1\"", t(0));
    engine.joinRoom("tab", "other", t(0));
    String all = engine.prometheusText(t(1));
    for (String family :
        List.of(
            "presence_sessions{state=\"active\"} 1",
            "presence_users{state=\"active\"} 1",
            "presence_rooms 2",
            "presence_room_members{room=\"room \\\"1\\\"\",state=\"active\"} 1",
            "presence_room_members{room=\"other\",state=\"active\"} 1",
            "presence_room_dwell_seconds_bucket{room=\"room \\\"1\\\"\",le=\"+Inf\"} 0",
            "# TYPE presence_room_attention_seconds histogram")) {
      assertTrue(all.contains(family), family + " in\n" + all);
    }
    String one = engine.prometheusText("other", t(1));
    assertTrue(one.contains("presence_room_members{room=\"other\",state=\"active\"} 1"), one);
    assertFalse(one.contains("room \\\"1\\\""), one);
    assertTrue(one.contains("presence_sessions{state=\"active\"} 1"), "the engine's families too");
    assertTrue(engine.prometheusText().endsWith("\n"));
    assertThrows(NotFoundException.class, () -> engine.prometheusText("nope", t(1)));
    assertThrows(InvalidArgumentException.class, () -> engine.prometheusText(""));
  }
}
