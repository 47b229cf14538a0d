package dev.presence;

import java.util.List;

/**
 * Interest-based fan-out of a range of events ({@link Engine#fanout}): the events, and which
 * subscriber must hear which of them, so that a server sends each socket only what it asked for
 * (instead of every change to everyone, whose traffic grows with the square of a room's size).
 *
 * @param seq the seq of the last event read ({@code afterSeq} if none): the cursor to continue from
 * @param events the events read, oldest first
 * @param deliveries one per subscriber that must hear at least one of the events, in the order of
 *     their first delivery
 */
public record Fanout(long seq, List<Event> events, List<Delivery> deliveries) {}
