package dev.presence;

import java.util.List;

/**
 * What one subscriber must hear from a {@link Fanout}: the events about the users and rooms it
 * subscribed to, in sequence order. The events are the same objects as in {@link Fanout#events()}.
 *
 * @param subscriber the subscriber's id, as given to {@link Engine#subscribe}
 * @param events the events it must hear, oldest first
 */
public record Delivery(String subscriber, List<Event> events) {}
