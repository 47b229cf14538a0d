package dev.presence;

import java.time.Duration;

/**
 * The result of one item of a heartbeat batch.
 *
 * @param status {@link Status#OK}, or why the item failed (for example {@link Status#NOT_FOUND}:
 *     open the session again)
 * @param interval the interval the client should wait before its next heartbeat; zero if the item
 *     failed
 */
public record HeartbeatOutcome(Status status, Duration interval) {
  /**
   * Whether the item succeeded.
   *
   * @return {@code status() == Status.OK}
   */
  public boolean ok() {
    return status == Status.OK;
  }
}
