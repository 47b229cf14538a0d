package dev.presence;

/**
 * Receives an engine's published events; register with {@link Engine#addListener}.
 *
 * <p><b>Threading.</b> Every listener of an engine is called on that engine's single event
 * dispatcher thread (a daemon thread named {@code presence-events-N}), never on the thread whose
 * call published the events, and never concurrently with itself. Each listener receives the events
 * in sequence order, each exactly once, from its own cursor, so a slow listener delays the others
 * but loses nothing until the engine's event buffer drops what it has not read (then {@link
 * #onEventsLost} is called). Keep listeners short; hand heavy work to an executor.
 *
 * <p>A listener may call the engine, including {@link Engine#close()}. An exception thrown by a
 * listener is passed to the dispatcher thread's uncaught exception handler, and delivery goes on
 * with the next event.
 */
@FunctionalInterface
public interface EventListener {
  /**
   * Called for each published event, in sequence order.
   *
   * @param event the event
   */
  void onEvent(Event event);

  /**
   * Called when events after {@code afterSeq} were dropped from the engine's event buffer before
   * this listener received them. A listener that keeps a view should rebuild it from {@link
   * Engine#snapshot()} and return that snapshot's {@link Snapshot#seq()}.
   *
   * @param afterSeq the seq of the last event this listener received
   * @param oldestAvailableSeq the seq just before the oldest event still buffered
   * @return the seq to continue after; the default accepts the gap and continues with the oldest
   *     buffered event
   */
  default long onEventsLost(long afterSeq, long oldestAvailableSeq) {
    return oldestAvailableSeq;
  }
}
