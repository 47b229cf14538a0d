package dev.presence;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts the calls running in native code on one engine, so that {@link Engine#close()} can free
 * the native engine once the last of them has returned: pe_engine_destroy() must be the last call
 * on an engine. Entering and leaving cost one atomic add each; the engine's own lock serialises the
 * calls anyway.
 */
final class CallGate {
  /** Set once closing starts; the low bits count the calls inside. */
  private static final long CLOSED = 1L << 62;

  private final AtomicLong state = new AtomicLong();
  private volatile Thread closer;

  /**
   * Enters the gate.
   *
   * @throws EngineClosedException if the engine is closed or closing
   */
  void enter() {
    if ((state.incrementAndGet() & CLOSED) != 0) {
      exit();
      throw new EngineClosedException("the engine is closed");
    }
  }

  /** Leaves the gate; the last call out of a closing engine wakes the closer. */
  void exit() {
    if (state.decrementAndGet() == CLOSED) {
      LockSupport.unpark(closer);
    }
  }

  boolean isClosed() {
    return (state.get() & CLOSED) != 0;
  }

  /**
   * Shuts the gate, so that later calls throw {@link EngineClosedException}.
   *
   * @return false if it was already shut
   */
  boolean shut() {
    closer = Thread.currentThread();
    long before;
    do {
      before = state.get();
      if ((before & CLOSED) != 0) {
        return false;
      }
    } while (!state.compareAndSet(before, before | CLOSED));
    return true;
  }

  /** Waits until no call is inside the gate. Called by the thread that shut it. */
  void awaitEmpty() {
    boolean interrupted = false;
    while (state.get() != CLOSED) {
      LockSupport.park(this);
      interrupted |= Thread.interrupted();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
