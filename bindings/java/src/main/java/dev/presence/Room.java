package dev.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A room as read at one point in time ({@link Engine#room}, {@link Engine#listRooms}, {@link
 * Engine#roomsOf}): who is present, who is arriving, density, momentum and readiness. Reading a
 * room costs the same whatever its size.
 *
 * @param roomId the room's id
 * @param createdAt when the room was created (first joined or configured)
 * @param occupancy its visible members and sessions by state
 * @param guests members that are guest sessions (no user yet)
 * @param arriving members who joined within {@link EngineBuilder#roomArriving}
 * @param density active members
 * @param arrivalsPerMinute momentum: exponentially weighted arrivals per minute
 * @param departuresPerMinute momentum: exponentially weighted departures per minute
 * @param readiness the room's readiness score, in [0, 1]
 * @param ready whether the room counts as ready (with hysteresis)
 * @param occupancyInterval present for a count-only room ({@link Engine#setCountOnly}): how often
 *     its occupancy is published at most; empty for a room with per-member events
 */
public record Room(
    String roomId,
    Instant createdAt,
    Occupancy occupancy,
    long guests,
    long arriving,
    long density,
    double arrivalsPerMinute,
    double departuresPerMinute,
    double readiness,
    boolean ready,
    Optional<Duration> occupancyInterval) {

  /**
   * Whether the room is watched in count-only mode.
   *
   * @return {@code occupancyInterval().isPresent()}
   */
  public boolean isCountOnly() {
    return occupancyInterval.isPresent();
  }

  /**
   * Momentum as one number: arrivals minus departures per minute; positive while the room fills.
   *
   * @return {@code arrivalsPerMinute() - departuresPerMinute()}
   */
  public double momentum() {
    return arrivalsPerMinute - departuresPerMinute;
  }
}
