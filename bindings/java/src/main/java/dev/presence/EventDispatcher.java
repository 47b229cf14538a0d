package dev.presence;

import java.lang.ref.Reference;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The single daemon thread that delivers an engine's events to its listeners.
 *
 * <p>The engine's event callback runs on whatever thread published the events, including its native
 * ticker thread, so it never calls into Java: it signals a condition variable (event_signal.c) on
 * which this thread waits in native code. Woken, the thread reads each listener's events from that
 * listener's cursor with {@link Engine#eventsSince(long, int)} and delivers them.
 *
 * <p>The native signal must outlive every callback and every wait. The engine's cleaner frees it
 * after the native engine (so after the last callback), and only once the engine is unreachable,
 * which it is not while this thread runs: the thread holds the engine.
 */
final class EventDispatcher {
  private static final AtomicInteger THREADS = new AtomicInteger();

  /** Events read per poll, so one busy listener cannot hold a huge batch in memory. */
  private static final int PAGE = 1024;

  private final Engine engine;
  private final SWIGTYPE_p_pj_event_signal signal;
  private final List<Registration> registrations = new CopyOnWriteArrayList<>();
  private final Object wakeups = new Object();
  private long wakeupCount; // guarded by wakeups
  private volatile boolean stopping;

  private EventDispatcher(Engine engine, SWIGTYPE_p_pj_event_signal signal) {
    this.engine = engine;
    this.signal = signal;
  }

  /**
   * Starts a dispatcher thread for {@code engine} that waits on {@code signal}, which the engine
   * owns and has registered as its event callback.
   */
  static EventDispatcher start(Engine engine, SWIGTYPE_p_pj_event_signal signal) {
    EventDispatcher dispatcher = new EventDispatcher(engine, signal);
    Thread thread = new Thread(dispatcher::run, "presence-events-" + THREADS.incrementAndGet());
    thread.setDaemon(true);
    thread.start();
    return dispatcher;
  }

  /**
   * Registers a listener whose cursor starts at {@code afterSeq}. Call while the engine is open.
   */
  Subscription add(EventListener listener, long afterSeq) {
    Registration registration = new Registration(listener, afterSeq);
    registrations.add(registration);
    PresenceNative.pj_event_signal_notify(signal);
    return registration;
  }

  /** A wake-up count for {@link #awaitWakeup}: read it before polling for events. */
  long wakeupCount() {
    synchronized (wakeups) {
      return wakeupCount;
    }
  }

  /**
   * Waits until the dispatcher was woken after {@code seen} was read, or until {@code nanos}
   * passed, or until it stopped.
   */
  void awaitWakeup(long seen, long nanos) throws InterruptedException {
    long deadline = System.nanoTime() + nanos;
    synchronized (wakeups) {
      long remaining = nanos;
      while (wakeupCount == seen && !stopping && remaining > 0) {
        TimeUnit.NANOSECONDS.timedWait(wakeups, remaining);
        remaining = deadline - System.nanoTime();
      }
    }
  }

  /** Ends deliveries; the thread ends once the listener call in progress, if any, returns. */
  void stop() {
    stopping = true;
    PresenceNative.pj_event_signal_stop(signal);
    markWakeup();
  }

  private void run() {
    try {
      long seen = 0;
      while (!stopping) {
        markWakeup();
        deliverAll();
        seen = PresenceNative.pj_event_signal_wait(signal, seen);
        if (seen < 0) {
          break;
        }
      }
    } catch (EngineClosedException closing) {
      // The engine was closed while events were read: nothing left to deliver.
    } finally {
      markWakeup();
      // The engine, and so the signal, stay reachable until the last wait has returned.
      Reference.reachabilityFence(this);
    }
  }

  private void markWakeup() {
    synchronized (wakeups) {
      wakeupCount++;
      wakeups.notifyAll();
    }
  }

  private void deliverAll() {
    for (Registration registration : registrations) {
      try {
        registration.catchUp();
      } catch (EngineClosedException closing) {
        throw closing;
      } catch (PresenceException e) {
        // The listener's cursor cannot be read from (onEventsLost returned a seq the engine
        // never published, say): tell the handler and drop the listener rather than spin.
        report(e);
        registration.close();
      }
    }
  }

  private static void report(Throwable error) {
    Thread thread = Thread.currentThread();
    thread.getUncaughtExceptionHandler().uncaughtException(thread, error);
  }

  /** One listener, its cursor, and its registration's state. */
  private final class Registration implements Subscription {
    private final EventListener listener;
    private volatile long cursor;
    private volatile boolean active = true;

    Registration(EventListener listener, long cursor) {
      this.listener = listener;
      this.cursor = cursor;
    }

    /** Delivers every event after the cursor; runs on the dispatcher thread. */
    void catchUp() {
      while (isActive()) {
        EventBatch batch;
        try {
          batch = engine.eventsSince(cursor, PAGE);
        } catch (TooFarBehindException e) {
          Stats stats = engine.stats();
          long oldest = stats.oldestSeq() > 0 ? stats.oldestSeq() - 1 : stats.lastSeq();
          cursor = deliverLoss(oldest);
          continue;
        }
        if (batch.events().isEmpty()) {
          return;
        }
        for (Event event : batch.events()) {
          if (!isActive()) {
            return;
          }
          cursor = event.seq();
          try {
            listener.onEvent(event);
          } catch (RuntimeException e) {
            report(e);
          }
        }
      }
    }

    private long deliverLoss(long oldestAvailable) {
      try {
        return listener.onEventsLost(cursor, oldestAvailable);
      } catch (RuntimeException e) {
        report(e);
        return oldestAvailable;
      }
    }

    @Override
    public long cursor() {
      return cursor;
    }

    @Override
    public boolean isActive() {
      return active && !stopping;
    }

    @Override
    public void close() {
      active = false;
      registrations.remove(this);
    }
  }
}
