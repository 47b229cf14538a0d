package dev.presence;

import java.util.List;

/** A pull consumer for tests: each call returns the events published since the previous one. */
final class EventCursor {
  private final Engine engine;
  private long seq;

  EventCursor(Engine engine) {
    this.engine = engine;
  }

  /** Every event since the previous call. */
  List<Event> next() {
    EventBatch batch = engine.eventsSince(seq);
    seq = batch.seq();
    return batch.events();
  }

  /** The events of one type since the previous call (the others are skipped). */
  <E extends Event> List<E> next(Class<E> type) {
    return only(type, next());
  }

  static <E extends Event> List<E> only(Class<E> type, List<Event> events) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
