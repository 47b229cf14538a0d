package dev.presence;

import java.time.Instant;

/**
 * A user or a room became ready, or stopped being ready. Published with hysteresis and debounced,
 * so readiness does not flap: the moment to start a call is when it turns ready.
 *
 * @param seq the sequence number
 * @param at when the readiness changed
 * @param publishedAt when it was published
 * @param target the user or room
 * @param ready {@code true} if it became ready, {@code false} if it stopped being ready
 * @param score the readiness score at publication, in [0, 1]
 */
public record ReadinessEvent(
    long seq, Instant at, Instant publishedAt, Target target, boolean ready, double score)
    implements Event {

  /**
   * Always {@link EventKind#READINESS}.
   *
   * @return the kind
   */
  @Override
  public EventKind kind() {
    return EventKind.READINESS;
  }
}
