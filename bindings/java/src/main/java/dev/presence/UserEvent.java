package dev.presence;

import java.time.Instant;

/**
 * A user's published state changed (derived from its sessions). An invisible user is published as
 * gone offline, and nothing tells readers why.
 *
 * @param seq the sequence number
 * @param at when the change happened
 * @param publishedAt when it was published
 * @param userId the user
 * @param oldState the published state before the change
 * @param newState the state after it
 * @param sessionCount alive sessions at publication
 * @param confidence the user's confidence at publication, in [0, 1]
 * @param confidenceBucket the bucket of {@code confidence}
 * @param lastSeenAt the latest signal of any of its sessions
 * @param availability its declared availability, as shown
 */
public record UserEvent(
    long seq,
    Instant at,
    Instant publishedAt,
    String userId,
    State oldState,
    State newState,
    int sessionCount,
    double confidence,
    ConfidenceBucket confidenceBucket,
    Instant lastSeenAt,
    Availability availability)
    implements Event {

  /**
   * Always {@link EventKind#USER}.
   *
   * @return the kind
   */
  @Override
  public EventKind kind() {
    return EventKind.USER;
  }
}
