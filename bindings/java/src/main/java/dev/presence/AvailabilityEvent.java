package dev.presence;

import java.time.Instant;

/**
 * A user's declared availability changed ({@link Engine#setAvailability}). Invisibility is never
 * announced: readers see the user go offline ({@link UserEvent}) instead.
 *
 * @param seq the sequence number
 * @param at when the availability changed
 * @param publishedAt when it was published
 * @param userId the user
 * @param availability the new availability, as shown
 * @param state the user's published state
 */
public record AvailabilityEvent(
    long seq,
    Instant at,
    Instant publishedAt,
    String userId,
    Availability availability,
    State state)
    implements Event {

  /**
   * Always {@link EventKind#AVAILABILITY}.
   *
   * @return the kind
   */
  @Override
  public EventKind kind() {
    return EventKind.AVAILABILITY;
  }
}
