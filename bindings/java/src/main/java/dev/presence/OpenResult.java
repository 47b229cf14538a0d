package dev.presence;

import java.time.Duration;

/**
 * What {@link Engine#open} did.
 *
 * @param continued true if a live session with this id was continued (a reconnect), false if a new
 *     session started
 * @param heartbeatInterval the interval the client should use for its heartbeats from now on
 * @param state the session's state after the call
 */
public record OpenResult(boolean continued, Duration heartbeatInterval, State state) {}
