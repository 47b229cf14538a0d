package dev.presence;

import java.time.Duration;
import java.time.Instant;

/** Round, readable test times, as in the core's tests. */
final class TestTimes {
  /** The test epoch: t(0). */
  static final Instant T0 = Instant.ofEpochMilli(1_700_000_000_000L);

  private TestTimes() {}

  /** {@code seconds} after the test epoch. */
  static Instant t(double seconds) {
    return T0.plusMillis(Math.round(seconds * 1000));
  }

  /** An engine with the documented defaults but no debounce, so events follow at once. */
  static Engine undebounced() {
    return Engine.builder().debounce(Duration.ZERO).build();
  }
}
