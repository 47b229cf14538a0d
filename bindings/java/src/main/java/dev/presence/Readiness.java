package dev.presence;

/**
 * The call gate's answer for a user or a room ({@link Engine#readiness}): "can I call X now? If
 * not, why, and how ready is X?". Calls should start when readiness crosses the threshold, not on a
 * click.
 *
 * <p>A user's score is built from its lifecycle state, the recency of its last interaction and its
 * declared availability; a room's from its members' presence and its density (active members
 * against a quorum). See {@link EngineBuilder} for the weights and thresholds.
 *
 * @param score the readiness score, in [0, 1]
 * @param ready whether the target counts as ready now (with hysteresis: ready from the ready
 *     threshold up, not ready only below the lower unready threshold)
 * @param canCall whether a call may be placed now; {@code reason()} is then {@link
 *     GateReason#READY}
 * @param reason why a call can or cannot be placed
 * @param state a user's state as shown; for a room, the best state among its members
 * @param availability a user's availability as shown; {@link Availability#AVAILABLE} for a room
 */
public record Readiness(
    double score,
    boolean ready,
    boolean canCall,
    GateReason reason,
    State state,
    Availability availability) {}
