package dev.presence;

import java.time.Instant;

/**
 * A count-only room's occupancy ({@link Engine#setCountOnly}): published at once when the mode is
 * set, then at most once per interval while the room's counts change, gathering the changes of each
 * interval.
 *
 * @param seq the sequence number
 * @param at when the occupancy was taken
 * @param publishedAt when it was published
 * @param roomId the room
 * @param occupancy its visible members and sessions by state
 * @param readiness the room's readiness score, in [0, 1]
 * @param ready whether the room counts as ready
 */
public record OccupancyEvent(
    long seq,
    Instant at,
    Instant publishedAt,
    String roomId,
    Occupancy occupancy,
    double readiness,
    boolean ready)
    implements Event {

  /**
   * Always {@link EventKind#OCCUPANCY}.
   *
   * @return the kind
   */
  @Override
  public EventKind kind() {
    return EventKind.OCCUPANCY;
  }
}
