package dev.presence;

import java.util.List;

/**
 * A room's coordination metrics for dashboards ({@link Engine#roomMetrics}), counted since the room
 * was created. {@link Engine#prometheusText(String)} gives the same in Prometheus text format.
 *
 * @param joins members who joined (a reconnect inside the grace window is not a join)
 * @param leaves members who left explicitly
 * @param dropOffs members whose sessions ended without leaving (expired)
 * @param peakMembers the most members present at once
 * @param peakSessions the most sessions in the room at once
 * @param dwell how long members stayed
 * @param attention attention decay: how long sessions stayed active before going idle
 * @param readinessCurve the last points where the room's readiness score changed, oldest first
 */
public record RoomMetrics(
    long joins,
    long leaves,
    long dropOffs,
    long peakMembers,
    long peakSessions,
    Histogram dwell,
    Histogram attention,
    List<ReadinessPoint> readinessCurve) {}
