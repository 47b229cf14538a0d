package dev.presence;

import java.util.List;

/**
 * Events read with {@link Engine#eventsSince}, oldest first.
 *
 * @param seq the cursor to continue from: the seq of the last event returned, or the requested one
 *     if there were none
 * @param events the events
 */
public record EventBatch(long seq, List<Event> events) {}
