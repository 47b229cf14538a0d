package dev.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A session as read at one point in time.
 *
 * @param sessionId the application's id of the session
 * @param userId the owning user; empty for a guest session
 * @param state the lifecycle state
 * @param reconnecting true inside the reconnect grace window after a disconnect (state held)
 * @param visible whether the client's document is visible
 * @param connected whether its transport is up
 * @param confidence how sure the engine is that someone is there, in [0, 1]
 * @param confidenceBucket the bucket of {@code confidence}
 * @param lastSignalAt its latest signal of any kind
 * @param lastActivityAt its latest human interaction
 * @param since when it entered {@code state}
 * @param heartbeatInterval the heartbeat interval it was last told
 * @param meta its application metadata, if any
 * @param transportId its bound transport id, if any
 * @param originNode for replication: the node that owns the session (0 = this engine)
 * @param version for replication: incremented by every change of the session's record
 * @param trueState for the server's own use: the state behind {@code state} (the sessions of an
 *     invisible user are shown offline); never forward it to other readers
 */
public record Session(
    String sessionId,
    Optional<String> userId,
    State state,
    boolean reconnecting,
    boolean visible,
    boolean connected,
    double confidence,
    ConfidenceBucket confidenceBucket,
    Instant lastSignalAt,
    Instant lastActivityAt,
    Instant since,
    Duration heartbeatInterval,
    Optional<String> meta,
    Optional<String> transportId,
    long originNode,
    long version,
    State trueState) {
  /**
   * Whether the session belongs to no user yet.
   *
   * @return {@code userId().isEmpty()}
   */
  public boolean isGuest() {
    return userId.isEmpty();
  }
}
