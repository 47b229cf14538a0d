package dev.presence;

import java.time.Instant;

/**
 * A user's presence, derived from its sessions at the time of reading.
 *
 * @param userId the user's id
 * @param state the greatest state among its sessions; {@link State#OFFLINE} when none is alive
 * @param since when the user entered {@code state}
 * @param lastSeenAt the latest signal of any of its sessions
 * @param lastEvidence the kind of that latest signal
 * @param sessionCount its alive sessions
 * @param confidence the confidence of the session that gives the user its state, in [0, 1]
 * @param confidenceBucket the bucket of {@code confidence}
 */
public record User(
    String userId,
    State state,
    Instant since,
    Instant lastSeenAt,
    Evidence lastEvidence,
    int sessionCount,
    double confidence,
    ConfidenceBucket confidenceBucket) {}
