package dev.presence;

import java.time.Instant;

/**
 * One point of a room's readiness curve ({@link RoomMetrics#readinessCurve()}): the score took this
 * value at this time.
 *
 * @param at when the score changed
 * @param score the new score, in [0, 1]
 */
public record ReadinessPoint(Instant at, double score) {}
