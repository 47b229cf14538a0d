package dev.presence;

import java.time.Instant;

/**
 * A user's presence, derived from its sessions at the time of reading, with its declared
 * availability and readiness.
 *
 * <p>An invisible user ({@link Availability#INVISIBLE}) reads as offline, with no sessions, in
 * every field but {@link #trueState()} and {@link #trueAvailability()}: those are for the server's
 * own decisions and must never be forwarded to other readers.
 *
 * @param userId the user's id
 * @param state the greatest state among its sessions; {@link State#OFFLINE} when none is alive
 * @param since when the user entered {@code state}
 * @param lastSeenAt the latest signal of any of its sessions
 * @param lastEvidence the kind of that latest signal
 * @param sessionCount its alive sessions
 * @param confidence the confidence of the session that gives the user its state, in [0, 1]
 * @param confidenceBucket the bucket of {@code confidence}
 * @param availability its declared availability as shown (never {@link Availability#INVISIBLE})
 * @param trueState for the server's own use: the state behind {@code state}
 * @param trueAvailability for the server's own use: the declared availability, invisible included
 * @param readiness its readiness score now, in [0, 1]
 * @param ready whether it counts as ready (with hysteresis)
 */
public record User(
    String userId,
    State state,
    Instant since,
    Instant lastSeenAt,
    Evidence lastEvidence,
    int sessionCount,
    double confidence,
    ConfidenceBucket confidenceBucket,
    Availability availability,
    State trueState,
    Availability trueAvailability,
    double readiness,
    boolean ready) {

  /**
   * For the server's own use: whether the user is invisible (shown offline to every reader).
   *
   * @return {@code trueAvailability() == Availability.INVISIBLE}
   */
  public boolean isInvisible() {
    return trueAvailability == Availability.INVISIBLE;
  }
}
