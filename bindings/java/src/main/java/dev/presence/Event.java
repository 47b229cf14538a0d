package dev.presence;

import java.time.Instant;
import java.util.Optional;

/**
 * A published change of a session's or a user's state. Events are debounced: a change is published
 * once it held for the debounce window, and a change that reverted inside the window publishes
 * nothing.
 *
 * @param seq the sequence number, increasing by one per event
 * @param kind whether a session or a user changed
 * @param at when the change happened (the debounce delays only its publication)
 * @param publishedAt when it was published
 * @param id the session id for {@link EventKind#SESSION}, the user id for {@link EventKind#USER}
 * @param userId the owning user of a session event; empty for a guest session and for user events
 * @param oldState the published state before the change
 * @param newState the state after it
 * @param sessionCount user events: alive sessions at publication; 0 for session events
 * @param confidence the confidence at publication, in [0, 1]
 * @param confidenceBucket the bucket of {@code confidence}
 * @param lastSeenAt the latest signal of the session, or of the user's sessions
 */
public record Event(
    long seq,
    EventKind kind,
    Instant at,
    Instant publishedAt,
    String id,
    Optional<String> userId,
    State oldState,
    State newState,
    int sessionCount,
    double confidence,
    ConfidenceBucket confidenceBucket,
    Instant lastSeenAt) {}
