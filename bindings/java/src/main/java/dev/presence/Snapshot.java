package dev.presence;

import java.util.List;

/**
 * The published view: every session and user whose published state is not offline, and the sequence
 * number it reflects. Continue with {@link Engine#eventsSince(long)} from {@link #seq()} (or {@link
 * Engine#addListener(long, EventListener)}) to keep a view current.
 *
 * @param seq the sequence number of the last event this snapshot reflects
 * @param users the users, ordered by id
 * @param sessions the sessions
 */
public record Snapshot(long seq, List<User> users, List<Session> sessions) {}
