package dev.presence;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A read-only view of an engine that is safe to show to clients: what a server sends to browsers
 * should come from a reader. Its reads never carry the truth behind what is shown ({@link
 * User#trueState()}, {@link User#trueAvailability()} and {@link Session#trueState()} repeat the
 * shown values, and {@link Counts#usersInvisible()} and {@link Counts#sessionsInvisible()} are 0),
 * and never show an invisible user as present. Two kinds exist: an {@link EngineReader} of the
 * whole engine ({@link Engine#reader()}) and a {@link RoomReader} of one room ({@link
 * Engine#reader(String)}), which sees only that room's visible members and their sessions in it.
 *
 * <p><b>Lifetime.</b> A reader holds native memory: close it ({@code try}-with-resources). It keeps
 * its engine reachable, so an engine is never freed under a reader. Once the engine is closed,
 * every read throws {@link EngineClosedException}; so does every read after the reader itself was
 * closed. A reader that is never closed is freed when it becomes unreachable.
 *
 * <p><b>Threads.</b> A reader may be used from any number of threads at once, and closed while they
 * use it: {@link #close()} waits for the reads running on it.
 */
public abstract sealed class Reader implements AutoCloseable permits EngineReader, RoomReader {
  private static final Cleaner CLEANER = Cleaner.create();

  private final SWIGTYPE_p_pe_reader handle;
  private final Cleaner.Cleanable cleanable;

  /** Reads hold the read lock, {@link #close()} the write lock: none runs on a freed reader. */
  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  private boolean closed; // guarded by lock

  /** Creates the native reader: {@code room} null for the whole engine. */
  Reader(Engine engine, byte[] room) {
    long[] created = new long[1];
    engine.createReader(room, created);
    handle = new SWIGTYPE_p_pe_reader(created[0], false);
    cleanable = CLEANER.register(this, new Releaser(handle, engine));
  }

  /**
   * Counts now; see {@link #counts(Instant)}.
   *
   * @return the counts
   */
  public Counts counts() {
    return countsAt(Engine.NOW);
  }

  /**
   * Counts at {@code now}: an {@link EngineReader}'s are the engine's ({@link Engine#counts()}); a
   * {@link RoomReader}'s count the room's visible members as users and their sessions in the room
   * as sessions. Invisible users and sessions are counted as nothing.
   *
   * @param now the time to read at
   * @return the counts
   * @throws NotFoundException if this reader's room does not exist (yet)
   */
  public Counts counts(Instant now) {
    return countsAt(Arguments.epochMillis(now, "now"));
  }

  private Counts countsAt(long nowMs) {
    try (pe_counts c = new pe_counts()) {
      PresenceNative.pe_counts_init(c);
      run(h -> PresenceNative.pe_reader_counts(h, nowMs, c));
      return Counts.from(c);
    }
  }

  /**
   * One user now; see {@link #user(String, Instant)}.
   *
   * @param userId the user
   * @return the user and its sessions; empty if this reader does not see the user
   */
  public Optional<UserDetail> user(String userId) {
    return userAt(userId, Engine.NOW);
  }

  /**
   * One user and its sessions, as {@link Engine#user(String, Instant)} but redacted. A {@link
   * RoomReader} sees only a visible member of its room, with its sessions in the room.
   *
   * @param userId the user
   * @param now the time to read at
   * @return the user and its sessions; empty if this reader does not see the user (or its room does
   *     not exist)
   */
  public Optional<UserDetail> user(String userId, Instant now) {
    return userAt(userId, Arguments.epochMillis(now, "now"));
  }

  private Optional<UserDetail> userAt(String userId, long nowMs) {
    byte[] id = Arguments.utf8(userId, "userId");
    return NativeResult.readOptional(
        out -> run(h -> PresenceNative.pe_reader_get_user(h, id, nowMs, out)),
        r -> new UserDetail(r.users().get(0), r.sessions()));
  }

  /**
   * The published view now; see {@link #snapshot(Instant)}.
   *
   * @return the snapshot
   */
  public Snapshot snapshot() {
    return snapshotAt(Engine.NOW);
  }

  /**
   * The published view, as {@link Engine#snapshot(Instant)} but redacted; a {@link RoomReader}'s
   * holds the room's visible members and their sessions in it. Continue from {@link Snapshot#seq()}
   * with {@link #eventsSince(long)}.
   *
   * @param now the time to read at
   * @return the snapshot
   * @throws NotFoundException if this reader's room does not exist (yet)
   */
  public Snapshot snapshot(Instant now) {
    return snapshotAt(Arguments.epochMillis(now, "now"));
  }

  private Snapshot snapshotAt(long nowMs) {
    return read(
        (h, out) -> PresenceNative.pe_reader_snapshot(h, nowMs, out),
        r -> new Snapshot(r.seq(), r.users(), r.sessions()));
  }

  /**
   * Every event after {@code afterSeq} this reader sees; see {@link #eventsSince(long, int)}.
   *
   * @param afterSeq the consumer's cursor: 0, a {@link Snapshot#seq()}, or an {@link
   *     EventBatch#seq()}
   * @return the events and the cursor to continue from
   */
  public EventBatch eventsSince(long afterSeq) {
    return eventsSince(afterSeq, 0);
  }

  /**
   * Published events after {@code afterSeq}, as {@link Engine#eventsSince(long, int)} but redacted;
   * a {@link RoomReader} keeps only those about its room or its current visible members. {@link
   * EventBatch#seq()} is the last event considered, kept or not, so continue from it.
   *
   * @param afterSeq the consumer's cursor
   * @param maxEvents at most this many events considered; 0 for all available
   * @return the events and the cursor to continue from
   * @throws TooFarBehindException if events after {@code afterSeq} were dropped: snapshot again
   * @throws InvalidArgumentException if {@code afterSeq} is negative or beyond the last event
   * @throws NotFoundException if this reader's room does not exist (yet)
   */
  public EventBatch eventsSince(long afterSeq, int maxEvents) {
    long after = Arguments.nonNegative(afterSeq, "afterSeq");
    long max = Arguments.nonNegative(maxEvents, "maxEvents");
    return read(
        (h, out) -> PresenceNative.pe_reader_poll_events(h, after, max, out),
        r -> new EventBatch(r.seq(), r.events()));
  }

  /**
   * Frees the reader; later reads throw {@link EngineClosedException}. Waits for the reads running
   * on it. Idempotent; does not close the engine.
   */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      closed = true;
      cleanable.clean(); // runs the releaser once, and lets go of the engine
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The page of users (whole engine) or members (room) that pe_reader_list_users returns. */
  final <T> T page(
      State minState, int limit, String cursor, long nowMs, Function<NativeResult, T> convert) {
    int state = Arguments.notNull(minState, "minState").code();
    long size = Arguments.nonNegative(limit, "limit");
    byte[] after = Arguments.utf8(cursor, "cursor");
    return read(
        (h, out) -> PresenceNative.pe_reader_list_users(h, state, after, size, nowMs, out),
        convert);
  }

  private <T> T read(
      BiConsumer<SWIGTYPE_p_pe_reader, long[]> call, Function<NativeResult, T> convert) {
    return NativeResult.read(out -> run(h -> call.accept(h, out)), convert);
  }

  private void run(Consumer<SWIGTYPE_p_pe_reader> call) {
    lock.readLock().lock();
    try {
      if (closed) {
        throw new EngineClosedException("the reader is closed");
      }
      call.accept(handle);
    } finally {
      lock.readLock().unlock();
      Reference.reachabilityFence(this); // the cleaner cannot free the reader during the call
    }
  }

  /**
   * Frees the native reader, once: on {@link #close()} or when the reader became unreachable. It
   * holds the engine, so that the engine (freed by its own cleaner) outlives every reader of it.
   */
  private record Releaser(SWIGTYPE_p_pe_reader handle, Engine engine) implements Runnable {
    @Override
    public void run() {
      PresenceNative.pe_reader_destroy(handle);
    }
  }
}
