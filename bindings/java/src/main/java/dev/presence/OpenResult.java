package dev.presence;

import java.time.Duration;

/**
 * What {@link Engine#open} did.
 *
 * @param continued true if a live session with this id was continued (a reconnect), false if a new
 *     session started
 * @param heartbeatInterval the interval the client should use for its heartbeats from now on
 * @param state the session's state after the call
 * @param resumeToken the session's resume token (32 hex characters): unguessable, the same for
 *     every open of this id. Give it only to the session's own client, which presents it ({@link
 *     OpenOptions#withResumeToken}) to continue the session from another transport.
 */
public record OpenResult(
    boolean continued, Duration heartbeatInterval, State state, String resumeToken) {}
