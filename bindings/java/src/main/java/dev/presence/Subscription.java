package dev.presence;

/**
 * A listener's registration with an engine, from {@link Engine#addListener}. Closing it stops
 * deliveries: after {@link #close()} returns, the listener is called no more (except for a call
 * already running on the dispatcher thread, when {@code close()} is called from another thread).
 */
public interface Subscription extends AutoCloseable {
  /**
   * The seq of the last event delivered to the listener.
   *
   * @return the listener's cursor
   */
  long cursor();

  /**
   * Whether the listener is still registered (the subscription and the engine are open).
   *
   * @return true while events are delivered
   */
  boolean isActive();

  /** Removes the listener. Idempotent. */
  @Override
  void close();
}
