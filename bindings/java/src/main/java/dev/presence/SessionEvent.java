package dev.presence;

import java.time.Instant;
import java.util.Optional;

/**
 * A session's published state changed.
 *
 * @param seq the sequence number
 * @param at when the change happened
 * @param publishedAt when it was published
 * @param sessionId the session
 * @param userId its owning user; empty for a guest session
 * @param oldState the published state before the change
 * @param newState the state after it
 * @param confidence the session's confidence at publication, in [0, 1]
 * @param confidenceBucket the bucket of {@code confidence}
 * @param lastSeenAt the session's latest signal
 */
public record SessionEvent(
    long seq,
    Instant at,
    Instant publishedAt,
    String sessionId,
    Optional<String> userId,
    State oldState,
    State newState,
    double confidence,
    ConfidenceBucket confidenceBucket,
    Instant lastSeenAt)
    implements Event {

  /**
   * Always {@link EventKind#SESSION}.
   *
   * @return the kind
   */
  @Override
  public EventKind kind() {
    return EventKind.SESSION;
  }
}
