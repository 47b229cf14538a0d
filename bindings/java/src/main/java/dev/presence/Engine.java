package dev.presence;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An in-memory presence engine: sessions send signals (open, heartbeat, activity, visibility,
 * disconnect, leave), and the engine derives each session's lifecycle state ({@link State}) from
 * elapsed time, derives users from their sessions, and publishes debounced changes as {@link
 * Event}s. On top of presence it coordinates: sessions join {@linkplain #joinRoom rooms}, users
 * declare their {@linkplain #setAvailability availability}, the {@linkplain #readiness call gate}
 * says when a user or room is ready, {@linkplain #openIntent intents} wait for that moment, and
 * {@linkplain #fanout fan-out} tells a server which subscriber must hear which change. The
 * behaviour is the same in every runtime; see PRESENCE_MODEL.md.
 *
 * <pre>{@code
 * try (Engine engine = Engine.builder().ticker(Duration.ofSeconds(1)).build()) {
 *   engine.addListener(event -> System.out.println(event));
 *   engine.open("tab-7f3a", OpenOptions.user("ann"));
 *   Duration next = engine.heartbeat("tab-7f3a", Activity.ACTIVE, Visibility.VISIBLE);
 *   System.out.println(engine.user("ann").orElseThrow().user().state()); // ACTIVE
 * }
 * }</pre>
 *
 * <p><b>Time.</b> Every call that depends on time has an overload without a time, which uses the
 * engine's clock (the system clock), and one that takes an {@link Instant} (server time; never
 * trust a client's clock). Time never runs backwards inside an engine: a time older than the latest
 * one seen is treated as the latest one seen. Transitions that happen by the passage of time alone
 * (idle, away, stale, offline) need the engine to be told that time passed: start a {@linkplain
 * EngineBuilder#ticker ticker}, or call {@link #advance()}.
 *
 * <p><b>Threads.</b> An engine is safe to use from any number of threads at once; calls are
 * serialised by a lock inside the native engine. Events reach listeners on one dispatcher thread of
 * the engine (see {@link EventListener}).
 *
 * <p><b>Closing.</b> An engine holds native memory: close it ({@code try}-with-resources). {@link
 * #close()} may be called from any thread, also while other threads use the engine: it waits for
 * the call inside the engine, if any, frees the engine's state (sessions, users, rooms, events),
 * and calls that start afterwards throw {@link EngineClosedException}. A native handle of a few
 * hundred bytes stays until this object is garbage-collected, so that a call racing with {@code
 * close()} always finds a valid handle. An engine that is never closed is freed when it becomes
 * unreachable (with a warning logged), but an engine with listeners (or that was awaited) stays
 * reachable from its dispatcher thread until it is closed.
 *
 * <p><b>Errors.</b> Failures throw the {@link PresenceException} subclass of their {@link Status}.
 * Every bad argument, null included, throws {@link InvalidArgumentException} and changes nothing. A
 * read of one thing that does not exist returns an empty {@link Optional} ({@link #user}, {@link
 * #session}, {@link #room}, {@link #roomMetrics}); a read under something that does not exist (the
 * members of an unknown room, the rooms of an unknown user) throws {@link NotFoundException}.
 */
public final class Engine implements AutoCloseable {
  /** For {@link #heartbeatMillis}: use the engine's clock instead of an explicit time. */
  public static final long NOW = Arguments.NOW;

  private static final Cleaner CLEANER = Cleaner.create();
  private static final System.Logger LOG = System.getLogger(Engine.class.getName());

  /**
   * The native engine. Valid until the cleaner destroys it, which cannot happen while a method of
   * this object runs: every native call ends with a reachability fence on {@code this}. After
   * {@link #close()}, native calls return PE_CLOSED, which throws {@link EngineClosedException}.
   */
  private final SWIGTYPE_p_pe_engine handle;

  private final Releaser releaser;

  /** Guards closing and the creation of the dispatcher. */
  private final Object lifecycle = new Object();

  private volatile boolean closed; // written under lifecycle
  private EventDispatcher dispatcher; // guarded by lifecycle

  /** {@code nodeId}: UTF-8 of the cluster node id, or null for a standalone engine. */
  Engine(pe_config config, byte[] nodeId) {
    this(create(out -> PresenceNative.pj_engine_create(config, nodeId, out)));
  }

  /**
   * An engine restored from the snapshot file {@code path} (UTF-8); {@code nodeId} as in {@link
   * #Engine(pe_config, byte[])}, which the library refuses.
   */
  static Engine restore(pe_config config, byte[] nodeId, byte[] path, long nowMs) {
    return new Engine(
        create(out -> PresenceNative.pj_engine_create_from_file(config, nodeId, path, nowMs, out)));
  }

  /** Runs a native constructor and returns the engine it made; it throws on failure. */
  private static long create(Consumer<long[]> constructor) {
    long[] created = new long[1];
    constructor.accept(created);
    return created[0];
  }

  private Engine(long pointer) {
    handle = new SWIGTYPE_p_pe_engine(pointer, false);
    releaser = new Releaser(handle);
    CLEANER.register(this, releaser);
  }

  /**
   * An engine with the default configuration and no ticker.
   *
   * @return the new engine; close it when done
   */
  public static Engine create() {
    return builder().build();
  }

  /**
   * A builder for an engine with custom thresholds, limits or a ticker.
   *
   * @return a new builder with the defaults
   */
  public static EngineBuilder builder() {
    return new EngineBuilder();
  }

  // --- Signals ----------------------------------------------------------------------------

  /**
   * Opens a guest session, or continues it if the id is still alive; see {@link #open(String,
   * OpenOptions, Instant)}.
   *
   * @param sessionId the application's id of the session, stable across reconnects
   * @return what the call did
   */
  public OpenResult open(String sessionId) {
    return open(sessionId, OpenOptions.guest());
  }

  /**
   * Opens a session now; see {@link #open(String, OpenOptions, Instant)}.
   *
   * @param sessionId the application's id of the session, stable across reconnects
   * @param options the owning user, metadata, transport id and visibility
   * @return what the call did
   */
  public OpenResult open(String sessionId, OpenOptions options) {
    return openAt(sessionId, options, NOW);
  }

  /**
   * Opens a session, or continues it if the id is still alive (not offline). A new session counts
   * as activity; a continuation (a reconnect) does not: it restores the prior state, timers and
   * memberships and clears the reconnecting mark.
   *
   * @param sessionId the application's id of the session, stable across reconnects
   * @param options the owning user, metadata, transport id and visibility
   * @param now the server time of the signal
   * @return what the call did
   * @throws InvalidArgumentException for a bad id, metadata or time
   * @throws ConflictException if the live session belongs to another user
   * @throws DeniedException if the engine {@linkplain EngineBuilder#requireResumeToken requires
   *     resume tokens} and this continues a live session from another transport without its token
   * @throws LimitExceededException if a session limit would be exceeded
   */
  public OpenResult open(String sessionId, OpenOptions options, Instant now) {
    return openAt(sessionId, options, at(now));
  }

  private OpenResult openAt(String sessionId, OpenOptions options, long nowMs) {
    byte[] id = Arguments.utf8(sessionId, "sessionId");
    Arguments.notNull(options, "options");
    byte[] user = Arguments.optionalUtf8(options.userId(), "userId");
    byte[] meta = Arguments.optionalUtf8(options.meta(), "meta");
    byte[] transport = Arguments.optionalUtf8(options.transportId(), "transportId");
    byte[] token = Arguments.optionalUtf8(options.resumeToken(), "resumeToken");
    int visibility = options.visibility().code();
    try (pe_open_info info = new pe_open_info()) {
      PresenceNative.pe_open_info_init(info);
      run(
          h ->
              PresenceNative.pj_session_open(
                  h, id, user, meta, transport, visibility, token, nowMs, info));
      return new OpenResult(
          info.getContinued() != 0,
          Duration.ofMillis(info.getHeartbeat_interval_ms()),
          State.fromCode(info.getState()),
          info.getResume_token());
    }
  }

  /**
   * Records a heartbeat without hints, now.
   *
   * @param sessionId the session
   * @return the interval the client should wait before its next heartbeat
   * @throws NotFoundException if no live session has that id: open it again
   */
  public Duration heartbeat(String sessionId) {
    return heartbeat(sessionId, Activity.UNKNOWN, Visibility.UNKNOWN);
  }

  /**
   * Records a heartbeat now; see {@link #heartbeat(String, Activity, Visibility, Instant)}.
   *
   * @param sessionId the session
   * @param activity the client's activity hint
   * @param visibility the client's visibility hint
   * @return the interval the client should wait before its next heartbeat
   * @throws NotFoundException if no live session has that id: open it again
   */
  public Duration heartbeat(String sessionId, Activity activity, Visibility visibility) {
    return Duration.ofMillis(heartbeatMillis(sessionId, activity, visibility, NOW));
  }

  /**
   * Records a heartbeat: liveness, plus the client's optional view of activity and visibility. A
   * heartbeat on a disconnected session means its transport is back (a continuation, not activity).
   * Heartbeats publish no events by themselves.
   *
   * @param sessionId the session
   * @param activity the client's activity hint
   * @param visibility the client's visibility hint
   * @param now the server time of the signal
   * @return the interval the client should wait before its next heartbeat: short when active,
   *     longer when idle, longest when hidden
   * @throws NotFoundException if no live session has that id: open it agai
   * @throws DeniedException if the engine requires resume tokens and the session's transport
   *     dropped: open it again with its token
   */
  public Duration heartbeat(
      String sessionId, Activity activity, Visibility visibility, Instant now) {
    long nowMs = at(now);
    return Duration.ofMillis(heartbeatMillis(sessionId, activity, visibility, nowMs));
  }

  /**
   * {@link #heartbeat(String, Activity, Visibility, Instant)} for hot paths: times as milliseconds,
   * no allocation beyond the id's bytes.
   *
   * @param sessionId the session
   * @param activity the client's activity hint
   * @param visibility the client's visibility hint
   * @param nowMs the server time in milliseconds since the epoch, or {@link #NOW}
   * @return the next heartbeat interval in milliseconds
   * @throws NotFoundException if no live session has that id: open it again
   */
  public long heartbeatMillis(
      String sessionId, Activity activity, Visibility visibility, long nowMs) {
    byte[] id = Arguments.utf8(sessionId, "sessionId");
    int activityCode = Arguments.notNull(activity, "activity").code();
    int visibilityCode = Arguments.notNull(visibility, "visibility").code();
    try {
      return PresenceNative.pj_session_heartbeat(handle, id, activityCode, visibilityCode, nowMs);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  /**
   * Applies many heartbeats at one time, now; see {@link #heartbeatBatch(List, Instant)}.
   *
   * @param items the heartbeats
   * @return one outcome per item
   */
  public BatchResult heartbeatBatch(List<Heartbeat> items) {
    return heartbeatBatchAt(items, NOW);
  }

  /**
   * Applies many heartbeats at one time under one lock of the engine: cheaper than single calls
   * when a server collects heartbeats. Items are independent: a bad item (a null element, an id
   * that is not valid Unicode, an unknown session) fails alone and is reported in its outcome.
   *
   * @param items the heartbeats
   * @param now the server time of all of them
   * @return one outcome per item, in order
   * @throws InvalidArgumentException if {@code items} or {@code now} is bad
   */
  public BatchResult heartbeatBatch(List<Heartbeat> items, Instant now) {
    return heartbeatBatchAt(items, at(now));
  }

  private BatchResult heartbeatBatchAt(List<Heartbeat> items, long nowMs) {
    // Elements are read as Object: a list polluted through raw types fails per item, not whole.
    Object[] elements = Arguments.notNull(items, "items").toArray();
    HeartbeatBatch batch = HeartbeatBatch.pack(elements);
    int[] statuses = new int[batch.size()];
    long[] intervals = new long[batch.size()];
    run(
        h ->
            PresenceNative.pj_session_heartbeat_batch(
                h, batch.packed(), nowMs, statuses, intervals, null));
    return batch.results(statuses, intervals);
  }

  /**
   * Records a sampled human interaction (key, pointer, touch, focus) now.
   *
   * @param sessionId the session
   * @throws NotFoundException if no live session has that id
   */
  public void activity(String sessionId) {
    idSignal(sessionId, "sessionId", NOW, PresenceNative::pe_session_activity);
  }

  /**
   * Records a sampled human interaction (key, pointer, touch, focus): the session is active.
   *
   * @param sessionId the session
   * @param now the server time of the signal
   * @throws NotFoundException if no live session has that id
   */
  public void activity(String sessionId, Instant now) {
    idSignal(sessionId, "sessionId", at(now), PresenceNative::pe_session_activity);
  }

  /**
   * Records that the client's document became visible or hidden, now.
   *
   * @param sessionId the session
   * @param visibility {@link Visibility#VISIBLE} or {@link Visibility#HIDDEN}
   * @throws InvalidArgumentException also for {@link Visibility#UNKNOWN}
   * @throws NotFoundException if no live session has that id
   */
  public void visibility(String sessionId, Visibility visibility) {
    visibilityAt(sessionId, visibility, NOW);
  }

  /**
   * Records that the client's document became visible or hidden. Hidden for less than the blur
   * tolerance changes nothing; a hidden session is told (and granted) the hidden heartbeat interval
   * at once. Becoming visible counts as activity.
   *
   * @param sessionId the session
   * @param visibility {@link Visibility#VISIBLE} or {@link Visibility#HIDDEN}
   * @param now the server time of the signal
   * @throws InvalidArgumentException also for {@link Visibility#UNKNOWN}
   * @throws NotFoundException if no live session has that id
   */
  public void visibility(String sessionId, Visibility visibility, Instant now) {
    visibilityAt(sessionId, visibility, at(now));
  }

  private void visibilityAt(String sessionId, Visibility visibility, long nowMs) {
    int code = Arguments.notNull(visibility, "visibility").code();
    idSignal(
        sessionId,
        "sessionId",
        nowMs,
        (h, id, t) -> PresenceNative.pe_session_visibility(h, id, code, t));
  }

  /**
   * Records that the session's transport dropped, now; see {@link #disconnect(String, Instant)}.
   *
   * @param sessionId the session
   * @throws NotFoundException if no live session has that id
   */
  public void disconnect(String sessionId) {
    idSignal(sessionId, "sessionId", NOW, PresenceNative::pe_session_disconnect);
  }

  /**
   * Records that the session's transport dropped. Not an exit: the session keeps its state, marked
   * reconnecting, for the reconnect grace window; then it is stale; offline once silent for the
   * TTL. A reconnect ({@link #open} or a heartbeat) inside the window continues it. Idempotent.
   *
   * @param sessionId the session
   * @param now the server time of the signal
   * @throws NotFoundException if no live session has that id
   */
  public void disconnect(String sessionId, Instant now) {
    idSignal(sessionId, "sessionId", at(now), PresenceNative::pe_session_disconnect);
  }

  /**
   * Disconnects the session bound to a transport id, now; see {@link #disconnectTransport(String,
   * Instant)}.
   *
   * @param transportId the transport id bound by {@link OpenOptions#withTransportId}
   * @throws NotFoundException if no live session is bound to it
   */
  public void disconnectTransport(String transportId) {
    idSignal(transportId, "transportId", NOW, PresenceNative::pe_transport_disconnect);
  }

  /**
   * Disconnects the session bound to a transport id (for example when a socket closes). A transport
   * id that was replaced by a newer one (the client already reconnected) is unknown, so a late
   * close of an old socket cannot disturb the continued session.
   *
   * @param transportId the transport id bound by {@link OpenOptions#withTransportId}
   * @param now the server time of the signal
   * @throws NotFoundException if no live session is bound to it
   */
  public void disconnectTransport(String transportId, Instant now) {
    idSignal(transportId, "transportId", at(now), PresenceNative::pe_transport_disconnect);
  }

  /**
   * Records an explicit exit, now: the session is offline at once.
   *
   * @param sessionId the session
   * @throws NotFoundException if no live session has that id
   */
  public void leave(String sessionId) {
    idSignal(sessionId, "sessionId", NOW, PresenceNative::pe_session_leave);
  }

  /**
   * Records an explicit exit: the session is offline at once.
   *
   * @param sessionId the session
   * @param now the server time of the signal
   * @throws NotFoundException if no live session has that id
   */
  public void leave(String sessionId, Instant now) {
    idSignal(sessionId, "sessionId", at(now), PresenceNative::pe_session_leave);
  }

  /**
   * Makes a guest session a user's, now; see {@link #identify(String, String, Instant)}.
   *
   * @param sessionId the guest session
   * @param userId the user it belongs to
   * @throws NotFoundException if no live session has that id
   * @throws ConflictException if the session already belongs to another user
   */
  public void identify(String sessionId, String userId) {
    identifyAt(sessionId, userId, NOW);
  }

  /**
   * Makes a guest session a user's, keeping its state and history. Identifying with the user it
   * already has changes nothing.
   *
   * @param sessionId the guest session
   * @param userId the user it belongs to
   * @param now the server time of the signal
   * @throws NotFoundException if no live session has that id
   * @throws ConflictException if the session already belongs to another user
   * @throws LimitExceededException if the user has the most sessions allowed
   */
  public void identify(String sessionId, String userId, Instant now) {
    identifyAt(sessionId, userId, at(now));
  }

  private void identifyAt(String sessionId, String userId, long nowMs) {
    byte[] user = Arguments.utf8(userId, "userId");
    idSignal(
        sessionId,
        "sessionId",
        nowMs,
        (h, id, t) -> PresenceNative.pe_session_identify(h, id, user, t));
  }

  // --- Time -------------------------------------------------------------------------------

  /**
   * The engine's current time: the latest time it has seen.
   *
   * @return the engine's time
   */
  public Instant now() {
    return Instant.ofEpochMilli(callForLong(PresenceNative::pe_engine_now));
  }

  // --- Persistence ------------------------------------------------------------------------

  /**
   * Saves a snapshot of the engine now; see {@link #save(Path, Instant)}.
   *
   * @param path the file to write; its directory must exist
   * @throws IoErrorException if the file cannot be written
   * @throws InvalidArgumentException if {@code path} is null or not on the default file system
   * @throws UnsupportedException for a cluster node ({@link EngineBuilder#nodeId})
   * @throws EngineClosedException if the engine is closed
   */
  public void save(Path path) {
    saveAt(path, NOW);
  }

  /**
   * Saves a snapshot of the engine's whole state to {@code path}, so that a new process continues
   * from it with {@link EngineBuilder#restore(Path)} instead of finding every user offline. The
   * engine is first brought up to {@code now}. Kept: sessions (with their facts, states and
   * metadata), users (availability, readiness, last seen of remembered offline users), rooms,
   * pending intents, the engine's secrets (resume tokens given before stay valid) and the last
   * event seq. Not kept: the event buffer, subscriptions, transport ids and listeners.
   *
   * <p>The write is atomic: the bytes go to a temporary file in the same directory, which is
   * flushed to disk and renamed over {@code path}, so after a crash at any moment {@code path}
   * holds the previous snapshot or this one. The engine is locked only while its state is copied.
   * The file holds secrets and is created readable by its owner only.
   *
   * @param path the file to write, replaced if it exists; its directory must exist
   * @param now the time of the snapshot
   * @throws IoErrorException if the file cannot be written (the message names the step and the
   *     reason); no temporary file is left behind
   * @throws InvalidArgumentException if an argument is null, or {@code path} is not on the default
   *     file system
   * @throws UnsupportedException for a cluster node ({@link EngineBuilder#nodeId}), whose peers
   *     hold its sessions, or without a POSIX file system
   * @throws EngineClosedException if the engine is closed
   */
  public void save(Path path, Instant now) {
    saveAt(path, at(now));
  }

  private void saveAt(Path path, long nowMs) {
    byte[] file = Arguments.path(path, "path");
    run(h -> PresenceNative.pe_engine_save(h, file, nowMs));
  }

  /**
   * Brings the engine up to its clock's time; see {@link #advance(Instant, int)}.
   *
   * @return always false: every due timer ran
   */
  public boolean advance() {
    return advanceAt(NOW, 0);
  }

  /**
   * Brings the engine up to {@code now}; see {@link #advance(Instant, int)}.
   *
   * @param now the time to advance to
   * @return always false: every due timer ran
   */
  public boolean advance(Instant now) {
    return advanceAt(at(now), 0);
  }

  /**
   * Runs the timers due at or before {@code now}, in time order, so that transitions reached by the
   * passage of time alone (idle, away, stale, offline) and debounced publications happen. Costs in
   * proportion to the timers due, not to the sessions held. A {@linkplain EngineBuilder#ticker
   * ticker} does this on its own.
   *
   * @param now the time to advance to
   * @param maxSteps at most this many timer steps (0 = all due), so a caller can bound the pause;
   *     the engine's time reaches {@code now} only once nothing due is left
   * @return true if due timers remain (only possible with {@code maxSteps > 0})
   * @throws InvalidArgumentException if {@code maxSteps} is negative
   */
  public boolean advance(Instant now, int maxSteps) {
    long nowMs = at(now);
    return advanceAt(nowMs, Arguments.nonNegative(maxSteps, "maxSteps"));
  }

  private boolean advanceAt(long nowMs, long maxSteps) {
    int[] more = new int[1];
    run(h -> PresenceNative.pe_engine_advance(h, nowMs, maxSteps, more));
    return more[0] != 0;
  }

  /**
   * When the next timer is due, so a caller driving time itself can sleep until then.
   *
   * @return the time of the next due timer; empty if none is pending
   */
  public Optional<Instant> nextDeadline() {
    long deadline = callForLong(PresenceNative::pe_engine_next_deadline);
    return deadline == Long.MAX_VALUE
        ? Optional.empty()
        : Optional.of(Instant.ofEpochMilli(deadline));
  }

  /**
   * Starts a native background thread that keeps the engine current on its clock: every {@code
   * period} it runs the due timers. Events it publishes reach the listeners as usual. Replaces a
   * running ticker; {@link #close()} stops it.
   *
   * @param period how often to tick, from 1 ms to 60 s
   * @throws InvalidArgumentException if {@code period} is out of range
   */
  public void startTicker(Duration period) {
    long periodMs = Arguments.millis(period, "period");
    run(h -> PresenceNative.pe_engine_start_ticker(h, periodMs));
  }

  /**
   * Stops the ticker, if one runs, and waits for its thread to end.
   *
   * @throws EngineClosedException if the engine is closed (which stopped the ticker)
   */
  public void stopTicker() {
    ensureOpen();
    run(PresenceNative::pe_engine_stop_ticker);
  }

  // --- Reads: who's online ----------------------------------------------------------------

  /**
   * Live counts now; see {@link Counts}.
   *
   * @return the counts
   */
  public Counts counts() {
    return countsAt(NOW);
  }

  /**
   * Live counts at {@code now}: sessions and users by state, and concurrency. Always equal to a
   * recount of the sessions.
   *
   * @param now the time to read at
   * @return the counts
   */
  public Counts counts(Instant now) {
    return countsAt(at(now));
  }

  private Counts countsAt(long nowMs) {
    try (pe_counts c = new pe_counts()) {
      PresenceNative.pe_counts_init(c);
      run(h -> PresenceNative.pe_engine_counts(h, nowMs, c));
      return Counts.from(c);
    }
  }

  /**
   * Totals, now; see {@link #countSeen(Duration, Instant)}.
   *
   * @param window how far back to look
   * @return the number of distinct users seen within the window
   */
  public long countSeen(Duration window) {
    return countSeenAt(window, NOW);
  }

  /**
   * Totals, kept apart from concurrency: distinct users seen (any signal) within {@code window}
   * before {@code now}, online or not. Offline users count while their last-seen is remembered.
   *
   * @param window how far back to look; not negative
   * @param now the time to read at
   * @return the number of distinct users seen within the window
   */
  public long countSeen(Duration window, Instant now) {
    return countSeenAt(window, at(now));
  }

  private long countSeenAt(Duration window, long nowMs) {
    long windowMs = Arguments.millis(window, "window");
    return callForLong((h, out) -> PresenceNative.pe_engine_count_seen(h, windowMs, nowMs, out));
  }

  /**
   * The first page of users at least {@code minState}, now; see {@link #listUsers(State, int,
   * String, Instant)}.
   *
   * @param minState the lowest state to include
   * @param limit the page size, 1 to 10000
   * @return the page
   */
  public UserPage listUsers(State minState, int limit) {
    return listUsers(minState, limit, "");
  }

  /**
   * A page of users at least {@code minState}, now; see {@link #listUsers(State, int, String,
   * Instant)}.
   *
   * @param minState the lowest state to include
   * @param limit the page size, 1 to 10000
   * @param cursor {@link UserPage#nextCursor()} of the previous page, or "" for the first
   * @return the page
   */
  public UserPage listUsers(State minState, int limit, String cursor) {
    return listUsersAt(minState, limit, cursor, NOW);
  }

  /**
   * A page of users at least {@code minState}, ordered by user id, with state, last seen, session
   * count, confidence and since. The order is stable while users come and go, so paging with the
   * cursor visits every user that stays.
   *
   * @param minState the lowest state to include; {@link State#OFFLINE} includes remembered offline
   *     users
   * @param limit the page size, 1 to 10000
   * @param cursor {@link UserPage#nextCursor()} of the previous page, or "" for the first
   * @param now the time to read at
   * @return the page
   * @throws InvalidArgumentException if {@code limit} is out of range or the cursor is bad
   */
  public UserPage listUsers(State minState, int limit, String cursor, Instant now) {
    return listUsersAt(minState, limit, cursor, at(now));
  }

  private UserPage listUsersAt(State minState, int limit, String cursor, long nowMs) {
    int state = Arguments.notNull(minState, "minState").code();
    long size = Arguments.nonNegative(limit, "limit");
    byte[] after = Arguments.utf8(cursor, "cursor");
    return readResult(
        (h, out) -> PresenceNative.pe_engine_list_users(h, state, after, size, nowMs, out),
        r -> new UserPage(r.users(), r.cursor(), r.seq()));
  }

  /**
   * One user now; see {@link #user(String, Instant)}.
   *
   * @param userId the user
   * @return the user and its live sessions; empty if the engine does not know the user
   */
  public Optional<UserDetail> user(String userId) {
    return userAt(userId, NOW);
  }

  /**
   * One user (live, or offline but remembered) with its live sessions.
   *
   * @param userId the user
   * @param now the time to read at
   * @return the user and its live sessions; empty if the engine does not know the user
   */
  public Optional<UserDetail> user(String userId, Instant now) {
    return userAt(userId, at(now));
  }

  private Optional<UserDetail> userAt(String userId, long nowMs) {
    byte[] id = Arguments.utf8(userId, "userId");
    return readOptional(
        (h, out) -> PresenceNative.pe_engine_get_user(h, id, nowMs, out),
        r -> new UserDetail(r.users().get(0), r.sessions()));
  }

  /**
   * One live session now.
   *
   * @param sessionId the session
   * @return the session; empty if no live session has that id
   */
  public Optional<Session> session(String sessionId) {
    return sessionAt(sessionId, NOW);
  }

  /**
   * One live session.
   *
   * @param sessionId the session
   * @param now the time to read at
   * @return the session; empty if no live session has that id
   */
  public Optional<Session> session(String sessionId, Instant now) {
    return sessionAt(sessionId, at(now));
  }

  private Optional<Session> sessionAt(String sessionId, long nowMs) {
    byte[] id = Arguments.utf8(sessionId, "sessionId");
    return readOptional(
        (h, out) -> PresenceNative.pe_engine_get_session(h, id, nowMs, out),
        r -> r.sessions().get(0));
  }

  /**
   * The published view now; see {@link #snapshot(Instant)}.
   *
   * @return the snapshot
   */
  public Snapshot snapshot() {
    return snapshotAt(NOW);
  }

  /**
   * The published view: every session and user whose published state is not offline, and the
   * sequence number it reflects. Continue from {@link Snapshot#seq()} with {@link
   * #eventsSince(long)} or {@link #addListener(long, EventListener)}.
   *
   * @param now the time to read at
   * @return the snapshot
   */
  public Snapshot snapshot(Instant now) {
    return snapshotAt(at(now));
  }

  private Snapshot snapshotAt(long nowMs) {
    return readResult(
        (h, out) -> PresenceNative.pe_engine_snapshot(h, nowMs, out),
        r -> new Snapshot(r.seq(), r.users(), r.sessions()));
  }

  /**
   * Engine statistics for monitoring. Does not advance time.
   *
   * @return the statistics
   */
  public Stats stats() {
    try (pe_stats s = new pe_stats()) {
      PresenceNative.pe_stats_init(s);
      run(h -> PresenceNative.pe_engine_stats(h, s));
      return new Stats(
          s.getSession_records(),
          s.getUser_records(),
          s.getSignals(),
          s.getTransitions(),
          s.getEvents_published(),
          s.getLast_seq(),
          s.getOldest_seq(),
          s.getPending_timers(),
          s.getLimit_rejections());
    }
  }

  /**
   * The engine's configuration, read back from the native engine: every option, defaults included,
   * as {@link EngineBuilder#config(EngineConfig)} accepts it.
   *
   * @return the configuration
   */
  public EngineConfig config() {
    try (pe_config c = new pe_config()) {
      PresenceNative.pe_config_init(c);
      run(h -> PresenceNative.pe_engine_get_config(h, c));
      return EngineConfig.from(c);
    }
  }

  // --- Coordination: rooms ----------------------------------------------------------------

  /**
   * A session joins a room, now; see {@link #joinRoom(String, String, Instant)}.
   *
   * @param sessionId the session
   * @param roomId the room, created on first use
   * @throws NotFoundException if no live session has that id
   * @throws LimitExceededException if the session is in the most rooms allowed, or the engine holds
   *     the most rooms allowed
   */
  public void joinRoom(String sessionId, String roomId) {
    roomSignal(sessionId, roomId, NOW, PresenceNative::pe_room_join);
  }

  /**
   * A session joins a room, which is created on first use. Joining a room the session is in changes
   * nothing. The session's user (or the guest session itself) becomes a member, announced by a
   * {@link MemberEvent} once it held for the debounce; one person with several sessions in the room
   * is one member. A session that ends leaves its rooms; a disconnect inside the reconnect grace
   * window keeps its memberships.
   *
   * @param sessionId the session
   * @param roomId the room, created on first use
   * @param now the server time of the signal
   * @throws NotFoundException if no live session has that id
   * @throws LimitExceededException if the session is in the most rooms allowed ({@link
   *     EngineBuilder#maxRoomsPerSession}), or the engine holds the most rooms allowed ({@link
   *     EngineBuilder#maxRooms})
   */
  public void joinRoom(String sessionId, String roomId, Instant now) {
    roomSignal(sessionId, roomId, at(now), PresenceNative::pe_room_join);
  }

  /**
   * A session leaves a room, now; see {@link #leaveRoom(String, String, Instant)}.
   *
   * @param sessionId the session
   * @param roomId the room
   * @throws NotFoundException if no live session has that id, or it is not in that room
   */
  public void leaveRoom(String sessionId, String roomId) {
    roomSignal(sessionId, roomId, NOW, PresenceNative::pe_room_leave);
  }

  /**
   * A session leaves a room. Its member leaves when its last session in the room does (a {@link
   * MemberEvent}, once it held for the debounce). The room stays, empty, until the engine closes.
   *
   * @param sessionId the session
   * @param roomId the room
   * @param now the server time of the signal
   * @throws NotFoundException if no live session has that id, or it is not in that room
   */
  public void leaveRoom(String sessionId, String roomId, Instant now) {
    roomSignal(sessionId, roomId, at(now), PresenceNative::pe_room_leave);
  }

  @FunctionalInterface
  private interface RoomSignal {
    void apply(SWIGTYPE_p_pe_engine handle, byte[] sessionId, byte[] roomId, long nowMs);
  }

  private void roomSignal(String sessionId, String roomId, long nowMs, RoomSignal signal) {
    byte[] room = Arguments.utf8(roomId, "roomId");
    idSignal(sessionId, "sessionId", nowMs, (h, id, t) -> signal.apply(h, id, room, t));
  }

  /**
   * Watches a room in count-only mode, now; see {@link #setCountOnly(String, Duration, Instant)}.
   *
   * @param roomId the room, created if needed
   * @param occupancyInterval how often the occupancy is published at most, from 1 ms to one day
   * @throws InvalidArgumentException if the interval is out of range
   */
  public void setCountOnly(String roomId, Duration occupancyInterval) {
    countOnlyAt(roomId, true, Arguments.millis(occupancyInterval, "occupancyInterval"), NOW);
  }

  /**
   * Watches a room (created if needed) in count-only mode: for a room too large for per-member
   * events, it publishes no {@link MemberEvent}s (and subscribers of the room hear no user events
   * of its members); instead an {@link OccupancyEvent} (members and sessions by state) at once,
   * then at most once per {@code occupancyInterval} while its counts change, gathering the changes
   * of each interval. Calling it again changes the interval.
   *
   * @param roomId the room, created if needed
   * @param occupancyInterval how often the occupancy is published at most, from 1 ms to one day
   * @param now the server time of the change
   * @throws InvalidArgumentException if the interval is out of range
   * @throws LimitExceededException if the room is new and the engine holds the most rooms allowed
   */
  public void setCountOnly(String roomId, Duration occupancyInterval, Instant now) {
    long intervalMs = Arguments.millis(occupancyInterval, "occupancyInterval");
    countOnlyAt(roomId, true, intervalMs, at(now));
  }

  /**
   * Ends count-only mode, now; see {@link #clearCountOnly(String, Instant)}.
   *
   * @param roomId the room, created if needed
   */
  public void clearCountOnly(String roomId) {
    countOnlyAt(roomId, false, 0, NOW);
  }

  /**
   * Ends count-only mode: the room (created if needed) publishes per-member events again.
   *
   * @param roomId the room, created if needed
   * @param now the server time of the change
   * @throws LimitExceededException if the room is new and the engine holds the most rooms allowed
   */
  public void clearCountOnly(String roomId, Instant now) {
    countOnlyAt(roomId, false, 0, at(now));
  }

  private void countOnlyAt(String roomId, boolean countOnly, long intervalMs, long nowMs) {
    int flag = countOnly ? 1 : 0;
    idSignal(
        roomId,
        "roomId",
        nowMs,
        (h, id, t) -> PresenceNative.pe_room_set_count_only(h, id, flag, intervalMs, t));
  }

  /**
   * One room now; see {@link #room(String, Instant)}.
   *
   * @param roomId the room
   * @return the room; empty if the engine has no room with that id
   */
  public Optional<Room> room(String roomId) {
    return roomAt(roomId, NOW);
  }

  /**
   * One room: its occupancy, arrivals, density, momentum and readiness. Costs the same whatever the
   * room's size.
   *
   * @param roomId the room
   * @param now the time to read at
   * @return the room; empty if the engine has no room with that id
   */
  public Optional<Room> room(String roomId, Instant now) {
    return roomAt(roomId, at(now));
  }

  private Optional<Room> roomAt(String roomId, long nowMs) {
    byte[] id = Arguments.utf8(roomId, "roomId");
    return readOptional(
        (h, out) -> PresenceNative.pe_engine_get_room(h, id, nowMs, out), r -> r.rooms().get(0));
  }

  /**
   * The first page of rooms, now; see {@link #listRooms(int, String, Instant)}.
   *
   * @param limit the page size, 1 to 10000
   * @return the page
   */
  public RoomPage listRooms(int limit) {
    return listRooms(limit, "");
  }

  /**
   * A page of rooms, now; see {@link #listRooms(int, String, Instant)}.
   *
   * @param limit the page size, 1 to 10000
   * @param cursor {@link RoomPage#nextCursor()} of the previous page, or "" for the first
   * @return the page
   */
  public RoomPage listRooms(int limit, String cursor) {
    return listRoomsAt(limit, cursor, NOW);
  }

  /**
   * A page of rooms ordered by room id, with the same stable cursor as {@link #listUsers}.
   *
   * @param limit the page size, 1 to 10000
   * @param cursor {@link RoomPage#nextCursor()} of the previous page, or "" for the first
   * @param now the time to read at
   * @return the page
   * @throws InvalidArgumentException if {@code limit} is out of range or the cursor is bad
   */
  public RoomPage listRooms(int limit, String cursor, Instant now) {
    return listRoomsAt(limit, cursor, at(now));
  }

  private RoomPage listRoomsAt(int limit, String cursor, long nowMs) {
    long size = Arguments.nonNegative(limit, "limit");
    byte[] after = Arguments.utf8(cursor, "cursor");
    return readResult(
        (h, out) -> PresenceNative.pe_engine_list_rooms(h, after, size, nowMs, out),
        r -> new RoomPage(r.rooms(), r.cursor(), r.seq()));
  }

  /**
   * The first page of a room's members, now; see {@link #listMembers(String, State, int, String,
   * Instant)}.
   *
   * @param roomId the room
   * @param minState the lowest state to include
   * @param limit the page size, 1 to 10000
   * @return the page
   * @throws NotFoundException if the engine has no room with that id
   */
  public MemberPage listMembers(String roomId, State minState, int limit) {
    return listMembers(roomId, minState, limit, "");
  }

  /**
   * A page of a room's members, now; see {@link #listMembers(String, State, int, String, Instant)}.
   *
   * @param roomId the room
   * @param minState the lowest state to include
   * @param limit the page size, 1 to 10000
   * @param cursor {@link MemberPage#nextCursor()} of the previous page, or "" for the first
   * @return the page
   * @throws NotFoundException if the engine has no room with that id
   */
  public MemberPage listMembers(String roomId, State minState, int limit, String cursor) {
    return listMembersAt(roomId, minState, limit, cursor, NOW);
  }

  /**
   * A page of a room's members at least {@code minState}, ordered by id, with the same fields and
   * stable cursor as {@link #listUsers}. Invisible users are not listed.
   *
   * @param roomId the room
   * @param minState the lowest state to include ({@link State#OFFLINE} and {@link State#STALE} both
   *     include every member present)
   * @param limit the page size, 1 to 10000
   * @param cursor {@link MemberPage#nextCursor()} of the previous page, or "" for the first
   * @param now the time to read at
   * @return the page
   * @throws NotFoundException if the engine has no room with that id
   * @throws InvalidArgumentException if {@code limit} is out of range or the cursor is not one this
   *     call returned
   */
  public MemberPage listMembers(
      String roomId, State minState, int limit, String cursor, Instant now) {
    return listMembersAt(roomId, minState, limit, cursor, at(now));
  }

  private MemberPage listMembersAt(
      String roomId, State minState, int limit, String cursor, long nowMs) {
    byte[] room = Arguments.utf8(roomId, "roomId");
    int state = Arguments.notNull(minState, "minState").code();
    long size = Arguments.nonNegative(limit, "limit");
    byte[] after = Arguments.utf8(cursor, "cursor");
    return readResult(
        (h, out) -> PresenceNative.pe_room_list_members(h, room, state, after, size, nowMs, out),
        r -> new MemberPage(r.members(), r.cursor(), r.seq()));
  }

  /**
   * The rooms a user is in, now; see {@link #roomsOf(String, Instant)}.
   *
   * @param userId the user
   * @return its rooms, ordered by id
   * @throws NotFoundException if the engine does not know the user
   */
  public List<Room> roomsOf(String userId) {
    return roomsOfAt(userId, NOW);
  }

  /**
   * The rooms a user is in through any of its sessions, ordered by room id.
   *
   * @param userId the user
   * @param now the time to read at
   * @return its rooms, ordered by id; none for a user in no room
   * @throws NotFoundException if the engine does not know the user
   */
  public List<Room> roomsOf(String userId, Instant now) {
    return roomsOfAt(userId, at(now));
  }

  private List<Room> roomsOfAt(String userId, long nowMs) {
    byte[] id = Arguments.utf8(userId, "userId");
    return readResult(
        (h, out) -> PresenceNative.pe_user_list_rooms(h, id, nowMs, out), NativeResult::rooms);
  }

  /**
   * A room's coordination metrics, now; see {@link #roomMetrics(String, Instant)}.
   *
   * @param roomId the room
   * @return its metrics; empty if the engine has no room with that id
   */
  public Optional<RoomMetrics> roomMetrics(String roomId) {
    return roomMetricsAt(roomId, NOW);
  }

  /**
   * A room's coordination metrics for dashboards: joins, leaves and drop-offs, peak concurrency,
   * dwell times, attention decay and the readiness curve.
   *
   * @param roomId the room
   * @param now the time to read at
   * @return its metrics; empty if the engine has no room with that id
   */
  public Optional<RoomMetrics> roomMetrics(String roomId, Instant now) {
    return roomMetricsAt(roomId, at(now));
  }

  private Optional<RoomMetrics> roomMetricsAt(String roomId, long nowMs) {
    byte[] id = Arguments.utf8(roomId, "roomId");
    return readOptional(
        (h, out) -> PresenceNative.pe_room_get_metrics(h, id, nowMs, out),
        NativeResult::roomMetrics);
  }

  // --- Coordination: availability and readiness -------------------------------------------

  /**
   * Declares a user's availability, now; see {@link #setAvailability(String, Availability,
   * Instant)}.
   *
   * @param userId the user, created if unknown
   * @param availability the availability
   */
  public void setAvailability(String userId, Availability availability) {
    availabilityAt(userId, availability, NOW);
  }

  /**
   * Declares a user's availability, which overlays the state derived from its sessions and feeds
   * its readiness. The user is created if unknown, so availability can be set before its first
   * session. Changes publish an {@link AvailabilityEvent}, except that invisibility is never
   * announced: readers see the user go offline (and come back) instead.
   *
   * @param userId the user, created if unknown
   * @param availability the availability
   * @param now the server time of the change
   */
  public void setAvailability(String userId, Availability availability, Instant now) {
    availabilityAt(userId, availability, at(now));
  }

  private void availabilityAt(String userId, Availability availability, long nowMs) {
    int code = Arguments.notNull(availability, "availability").code();
    idSignal(
        userId,
        "userId",
        nowMs,
        (h, id, t) -> PresenceNative.pe_user_set_availability(h, id, code, t));
  }

  /**
   * The call gate, now; see {@link #readiness(Target, Instant)}.
   *
   * @param target the user or room
   * @return its readiness and the gate's answer
   */
  public Readiness readiness(Target target) {
    return readinessAt(target, NOW);
  }

  /**
   * The call gate: can the target be called now? If not, why, and how ready is it? An unknown user
   * or room is an answer ({@link GateReason#UNKNOWN}), not an error.
   *
   * @param target the user or room
   * @param now the time to read at
   * @return its readiness and the gate's answer
   */
  public Readiness readiness(Target target, Instant now) {
    return readinessAt(target, at(now));
  }

  private Readiness readinessAt(Target target, long nowMs) {
    Arguments.notNull(target, "target");
    int kind = target.kind().code();
    byte[] id = Arguments.utf8(target.id(), "target id");
    try (pe_readiness r = new pe_readiness()) {
      PresenceNative.pe_readiness_init(r);
      run(h -> PresenceNative.pe_engine_readiness(h, kind, id, nowMs, r));
      return new Readiness(
          r.getScore(),
          r.getReady() != 0,
          r.getCan_call() != 0,
          GateReason.fromCode(r.getReason()),
          State.fromCode(r.getState()),
          Availability.fromCode(r.getAvailability()));
    }
  }

  // --- Coordination: intents --------------------------------------------------------------

  /**
   * Records an intent now; see {@link #openIntent(String, Target, String, Duration, Instant)}.
   *
   * @param from the caller
   * @param target the user or room to connect to
   * @param kind the application's kind of intent, for example {@code "call"}
   * @param ttl how long to wait for the target at most
   * @return the new intent
   */
  public Intent openIntent(String from, Target target, String kind, Duration ttl) {
    return openIntentAt(from, target, kind, ttl, NOW);
  }

  /**
   * Records an intent to connect to a user or a room, instead of ringing blindly. The engine
   * publishes an {@link IntentEvent} when the target's readiness becomes ready ({@link
   * IntentState#READY}: place the call), or when the time to live passes ({@link
   * IntentState#EXPIRED}); then the intent is gone. If the target is ready already, the intent is
   * ready at once: the returned intent says so, and the event is published too.
   *
   * @param from the caller (any id: a user, a session, a service)
   * @param target the user or room to connect to (it need not exist yet)
   * @param kind the application's kind of intent, for example {@code "call"}
   * @param ttl how long to wait for the target at most, from 1 ms to {@link
   *     EngineBuilder#maxIntentTtl}
   * @param now the server time of the intent
   * @return the new intent, with its id for {@link #cancelIntent}
   * @throws InvalidArgumentException if an id or the kind is bad, or {@code ttl} is out of range
   * @throws LimitExceededException if the caller holds the most pending intents allowed ({@link
   *     EngineBuilder#maxIntentsPerCaller})
   */
  public Intent openIntent(String from, Target target, String kind, Duration ttl, Instant now) {
    return openIntentAt(from, target, kind, ttl, at(now));
  }

  private Intent openIntentAt(String from, Target target, String kind, Duration ttl, long nowMs) {
    byte[] caller = Arguments.utf8(from, "from");
    Arguments.notNull(target, "target");
    int targetKind = target.kind().code();
    byte[] targetId = Arguments.utf8(target.id(), "target id");
    byte[] intentKind = Arguments.utf8(kind, "kind");
    long ttlMs = Arguments.millis(ttl, "ttl");
    return readResult(
        (h, out) ->
            PresenceNative.pe_intent_open(
                h, caller, targetKind, targetId, intentKind, ttlMs, nowMs, out),
        r -> r.intents().get(0));
  }

  /**
   * Cancels a pending intent now; see {@link #cancelIntent(String, Instant)}.
   *
   * @param intentId the intent's id
   * @throws NotFoundException if no pending intent has that id
   */
  public void cancelIntent(String intentId) {
    idSignal(intentId, "intentId", NOW, PresenceNative::pe_intent_cancel);
  }

  /**
   * Cancels a pending intent: it is published {@link IntentState#CANCELLED} and gone.
   *
   * @param intentId the intent's id
   * @param now the server time of the cancellation
   * @throws NotFoundException if no pending intent has that id (unknown, or it ended already: it
   *     became ready or expired)
   */
  public void cancelIntent(String intentId, Instant now) {
    idSignal(intentId, "intentId", at(now), PresenceNative::pe_intent_cancel);
  }

  /**
   * The pending intents to a target, now; see {@link #intentsTo(Target, Instant)}.
   *
   * @param target the user or room
   * @return its pending intents, oldest first
   */
  public List<Intent> intentsTo(Target target) {
    return intentsToAt(target, NOW);
  }

  /**
   * The pending intents to a user or room, oldest first.
   *
   * @param target the user or room
   * @param now the time to read at
   * @return its pending intents, oldest first; none for an unknown target
   */
  public List<Intent> intentsTo(Target target, Instant now) {
    return intentsToAt(target, at(now));
  }

  private List<Intent> intentsToAt(Target target, long nowMs) {
    Arguments.notNull(target, "target");
    int kind = target.kind().code();
    byte[] id = Arguments.utf8(target.id(), "target id");
    return readResult(
        (h, out) -> PresenceNative.pe_intent_list(h, 0, kind, id, nowMs, out),
        NativeResult::intents);
  }

  /**
   * The pending intents of a caller, now; see {@link #intentsFrom(String, Instant)}.
   *
   * @param caller the caller
   * @return its pending intents, oldest first
   */
  public List<Intent> intentsFrom(String caller) {
    return intentsFromAt(caller, NOW);
  }

  /**
   * The pending intents of a caller, oldest first.
   *
   * @param caller the caller, as given to {@link #openIntent}
   * @param now the time to read at
   * @return its pending intents, oldest first; none for an unknown caller
   */
  public List<Intent> intentsFrom(String caller, Instant now) {
    return intentsFromAt(caller, at(now));
  }

  private List<Intent> intentsFromAt(String caller, long nowMs) {
    byte[] id = Arguments.utf8(caller, "caller");
    // By caller, the target kind is not used; any valid value will do.
    int unused = TargetKind.USER.code();
    return readResult(
        (h, out) -> PresenceNative.pe_intent_list(h, 1, unused, id, nowMs, out),
        NativeResult::intents);
  }

  // --- Coordination: interest-based fan-out -----------------------------------------------

  /**
   * Subscribes a subscriber to a user or a room, for {@link #fanout}. Idempotent. A user
   * subscription hears the user's session, user, availability, readiness, member and intent events;
   * a room subscription hears the room's member, readiness, occupancy and intent events, and its
   * members' user and availability events (unless the room is count-only).
   *
   * @param subscriber the application's id of the subscriber (a socket, a session, any consumer)
   * @param target the user or room it cares about (it need not exist yet)
   */
  public void subscribe(String subscriber, Target target) {
    subscription(subscriber, target, PresenceNative::pe_subscriber_subscribe);
  }

  /**
   * Ends one subscription. Idempotent.
   *
   * @param subscriber the subscriber
   * @param target the user or room
   */
  public void unsubscribe(String subscriber, Target target) {
    subscription(subscriber, target, PresenceNative::pe_subscriber_unsubscribe);
  }

  @FunctionalInterface
  private interface SubscriptionCall {
    void apply(SWIGTYPE_p_pe_engine handle, byte[] subscriber, int kind, byte[] target);
  }

  private void subscription(String subscriber, Target target, SubscriptionCall call) {
    byte[] who = Arguments.utf8(subscriber, "subscriber");
    Arguments.notNull(target, "target");
    int kind = target.kind().code();
    byte[] id = Arguments.utf8(target.id(), "target id");
    run(h -> call.apply(h, who, kind, id));
  }

  /**
   * Ends every subscription of a subscriber, for example when its socket closed. Idempotent.
   *
   * @param subscriber the subscriber
   */
  public void unsubscribeAll(String subscriber) {
    byte[] who = Arguments.utf8(subscriber, "subscriber");
    run(h -> PresenceNative.pe_subscriber_unsubscribe_all(h, who));
  }

  /**
   * Every buffered event after {@code afterSeq} with its deliveries; see {@link #fanout(long,
   * int)}.
   *
   * @param afterSeq the consumer's cursor: 0, a {@link Snapshot#seq()}, or a {@link Fanout#seq()}
   * @return the events and who must hear which
   */
  public Fanout fanout(long afterSeq) {
    return fanout(afterSeq, 0);
  }

  /**
   * The events after {@code afterSeq} (as {@link #eventsSince(long, int)}) and, per subscriber, the
   * events it must hear, so that a server sends each socket only what it subscribed to. Does not
   * advance time.
   *
   * @param afterSeq the consumer's cursor: 0, a {@link Snapshot#seq()}, or a {@link Fanout#seq()}
   * @param maxEvents at most this many events; 0 for all available
   * @return the events and who must hear which
   * @throws TooFarBehindException if events after {@code afterSeq} were dropped: take a snapshot
   * @throws InvalidArgumentException if {@code afterSeq} is negative or beyond the last event
   */
  public Fanout fanout(long afterSeq, int maxEvents) {
    long after = Arguments.nonNegative(afterSeq, "afterSeq");
    long max = Arguments.nonNegative(maxEvents, "maxEvents");
    return readResult(
        (h, out) -> PresenceNative.pe_engine_fanout(h, after, max, out),
        r -> {
          List<Event> events = r.events();
          return new Fanout(r.seq(), events, r.deliveries(events));
        });
  }

  // --- Metrics ----------------------------------------------------------------------------

  /**
   * The Prometheus text exposition of the engine and every room, now; see {@link
   * #prometheusText(String, Instant)}.
   *
   * @return the text, ready to serve at {@code /metrics}
   */
  public String prometheusText() {
    return prometheusAt(null, NOW);
  }

  /**
   * The Prometheus text exposition of the engine and every room.
   *
   * @param now the time to read at
   * @return the text, ready to serve at {@code /metrics}
   */
  public String prometheusText(Instant now) {
    return prometheusAt(null, at(now));
  }

  /**
   * The Prometheus text exposition of the engine and one room, now.
   *
   * @param roomId the room
   * @return the text
   * @throws NotFoundException if the engine has no room with that id
   */
  public String prometheusText(String roomId) {
    return prometheusAt(oneRoom(roomId, "prometheusText()"), NOW);
  }

  /**
   * The Prometheus text exposition (format 0.0.4) of the engine (sessions and users by state,
   * rooms) and of one room (members and sessions by state, readiness, joins, dwell and attention
   * histograms): what a {@code /metrics} endpoint serves, with content type {@code text/plain;
   * version=0.0.4}.
   *
   * @param roomId the room
   * @param now the time to read at
   * @return the text
   * @throws NotFoundException if the engine has no room with that id
   * @throws InvalidArgumentException if {@code roomId} is empty (or otherwise not an id)
   */
  public String prometheusText(String roomId, Instant now) {
    byte[] room = oneRoom(roomId, "prometheusText()");
    return prometheusAt(room, at(now));
  }

  /**
   * The C calls read an empty room id as "every room" (or "the whole engine"); here, as every id,
   * it is refused, and {@code everything} names the call that covers every room.
   */
  private static byte[] oneRoom(String roomId, String everything) {
    byte[] room = Arguments.utf8(roomId, "roomId");
    if (room.length == 0) {
      throw new InvalidArgumentException("roomId is empty (" + everything + " covers every room)");
    }
    return room;
  }

  /** {@code room} null: every room. */
  private String prometheusAt(byte[] room, long nowMs) {
    return readResult(
        (h, out) -> PresenceNative.pe_engine_prometheus(h, room, nowMs, out), NativeResult::text);
  }

  // --- Cluster mode: replication ------------------------------------------------------------

  /**
   * Takes the replication records of this node's sessions changed since the last call, oldest
   * first: what a cluster transport sends to the other nodes. Only an engine with a {@linkplain
   * EngineBuilder#nodeId node id} produces records. Does not advance time.
   *
   * @param maxRecords at most this many; 0 for all
   * @return the records
   * @throws TooFarBehindException if the outbox overflowed ({@link
   *     EngineBuilder#replicationBuffer}) and was emptied: send every record again from {@link
   *     #exportReplicas(long, int)}
   */
  public List<Replica> takeReplicas(int maxRecords) {
    long max = Arguments.nonNegative(maxRecords, "maxRecords");
    return readResult(
        (h, out) -> PresenceNative.pe_engine_take_replicas(h, max, out), NativeResult::replicas);
  }

  /**
   * A page of records of every live session this node owns, now; see {@link #exportReplicas(long,
   * int, Instant)}.
   *
   * @param cursor 0 for the first page, then {@link ReplicaPage#nextCursor()}
   * @param limit the page size, 1 to 100000
   * @return the page
   */
  public ReplicaPage exportReplicas(long cursor, int limit) {
    return exportReplicasAt(cursor, limit, NOW);
  }

  /**
   * A page of records of every live session this node owns: to mirror the whole table, for example
   * after the transport lost records or when another node joins.
   *
   * @param cursor 0 for the first page, then {@link ReplicaPage#nextCursor()}
   * @param limit the page size, 1 to 100000
   * @param now the time to read at
   * @return the page
   * @throws InvalidArgumentException if {@code limit} is out of range
   */
  public ReplicaPage exportReplicas(long cursor, int limit, Instant now) {
    return exportReplicasAt(cursor, limit, at(now));
  }

  private ReplicaPage exportReplicasAt(long cursor, int limit, long nowMs) {
    long from = Arguments.nonNegative(cursor, "cursor");
    long size = Arguments.nonNegative(limit, "limit");
    return readResult(
        (h, out) -> PresenceNative.pe_engine_export_replicas(h, from, size, nowMs, out),
        r -> new ReplicaPage(r.replicas(), r.seq()));
  }

  /**
   * Applies other nodes' records now; see {@link #applyReplicas(List, Instant)}.
   *
   * @param records the records, as another node took or exported them
   * @return each record's status, in order
   */
  public List<Status> applyReplicas(List<Replica> records) {
    return applyReplicasAt(records, NOW);
  }

  /**
   * Applies other nodes' records: their sessions appear here as remote sessions whose state is
   * their owner's, in every read and event. Records of this node are ignored; each record is
   * independent, as the items of a {@linkplain #heartbeatBatch heartbeat batch}.
   *
   * @param records the records, as another node took or exported them
   * @param now the time of arrival
   * @return each record's status, in order ({@link Status#OK} for an applied or ignored one)
   * @throws InvalidArgumentException if {@code records} or one of them is null, or text in one is
   *     not valid Unicode
   */
  public List<Status> applyReplicas(List<Replica> records, Instant now) {
    return applyReplicasAt(records, at(now));
  }

  private List<Status> applyReplicasAt(List<Replica> records, long nowMs) {
    byte[] packed = ReplicaPacker.pack(Arguments.notNull(records, "records"));
    int[] statuses = new int[records.size()];
    run(h -> PresenceNative.pj_engine_apply_replicas(h, packed, nowMs, statuses, null));
    return java.util.Arrays.stream(statuses).mapToObj(Status::fromCode).toList();
  }

  /**
   * Another node renewed its liveness (for example, its liveness key was found in Redis): its
   * sessions stay as replicated until {@linkplain EngineBuilder#nodeTimeout the node timeout} after
   * the last renewal, then age through stale to offline as silent sessions do.
   *
   * @param nodeId the other node
   * @param seenAt when it was seen
   * @throws InvalidArgumentException if {@code nodeId} is not a valid id
   */
  public void nodeSeen(String nodeId, Instant seenAt) {
    byte[] node = Arguments.utf8(nodeId, "nodeId");
    long seenMs = Arguments.epochMillis(seenAt, "seenAt");
    run(h -> PresenceNative.pe_engine_node_seen(h, node, seenMs));
  }

  // --- Scoped readers ---------------------------------------------------------------------

  /**
   * A reader of the whole engine: every read of users, counts, snapshots and events, redacted so
   * that it can be shown to clients; see {@link Reader}.
   *
   * @return the reader; close it when done (it keeps this engine reachable until then)
   * @throws EngineClosedException if the engine is closed
   */
  public EngineReader reader() {
    return new EngineReader(this);
  }

  /**
   * A reader of one room: its visible members and their sessions in it, redacted; see {@link
   * Reader}. The room need not exist yet.
   *
   * @param roomId the room
   * @return the reader; close it when done (it keeps this engine reachable until then)
   * @throws InvalidArgumentException if {@code roomId} is null, empty or not a valid id
   * @throws EngineClosedException if the engine is closed
   */
  public RoomReader reader(String roomId) {
    return new RoomReader(this, roomId, oneRoom(roomId, "reader()"));
  }

  /**
   * pe_reader_create() for {@link Reader}'s constructor: {@code room} null for the whole engine.
   */
  void createReader(byte[] room, long[] out) {
    run(h -> PresenceNative.pe_reader_create(h, room, out));
  }

  // --- Events -----------------------------------------------------------------------------

  /**
   * Every buffered event after {@code afterSeq}; see {@link #eventsSince(long, int)}.
   *
   * @param afterSeq the consumer's cursor: 0, a {@link Snapshot#seq()}, or an {@link
   *     EventBatch#seq()}
   * @return the events and the cursor to continue from
   */
  public EventBatch eventsSince(long afterSeq) {
    return eventsSince(afterSeq, 0);
  }

  /**
   * Published events with a seq greater than {@code afterSeq}, oldest first. Events are kept, not
   * consumed, so each consumer keeps its own cursor. Does not advance time.
   *
   * @param afterSeq the consumer's cursor: 0, a {@link Snapshot#seq()}, or an {@link
   *     EventBatch#seq()}
   * @param maxEvents at most this many events; 0 for all available
   * @return the events and the cursor to continue from
   * @throws TooFarBehindException if events after {@code afterSeq} were dropped: take a snapshot
   * @throws InvalidArgumentException if {@code afterSeq} is negative or beyond the last event
   */
  public EventBatch eventsSince(long afterSeq, int maxEvents) {
    long after = Arguments.nonNegative(afterSeq, "afterSeq");
    long max = Arguments.nonNegative(maxEvents, "maxEvents");
    return readResult(
        (h, out) -> PresenceNative.pe_engine_poll_events(h, after, max, out),
        r -> new EventBatch(r.seq(), r.events()));
  }

  /**
   * Like {@link #eventsSince(long, int)}, but waits up to {@code timeout} for an event when none is
   * available yet: a pull consumer's loop without busy polling. Waiting needs the engine's
   * dispatcher thread, which this starts if no listener did; so do not call it from a listener,
   * whose thread is the one that would wake it (it would only return at the timeout).
   *
   * @param afterSeq the consumer's cursor
   * @param maxEvents at most this many events; 0 for all available
   * @param timeout how long to wait at most
   * @return the events (none if the timeout passed) and the cursor to continue from
   * @throws InterruptedException if the thread was interrupted while waiting
   * @throws TooFarBehindException if events after {@code afterSeq} were dropped: take a snapshot
   * @throws EngineClosedException if the engine is or gets closed
   */
  public EventBatch awaitEvents(long afterSeq, int maxEvents, Duration timeout)
      throws InterruptedException {
    long timeoutMs = Arguments.nonNegative(Arguments.millis(timeout, "timeout"), "timeout");
    long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    long deadline = System.nanoTime() + timeoutNanos;
    EventDispatcher events = dispatcher();
    while (true) {
      long wakeup = events.wakeupCount();
      EventBatch batch = eventsSince(afterSeq, maxEvents);
      long remaining = deadline - System.nanoTime();
      if (!batch.events().isEmpty() || remaining <= 0) {
        return batch;
      }
      events.awaitWakeup(wakeup, remaining);
    }
  }

  /**
   * Registers a listener for the events published from now on.
   *
   * @param listener the listener
   * @return the registration; close it to remove the listener
   */
  public Subscription addListener(EventListener listener) {
    Arguments.notNull(listener, "listener");
    return addListenerAfter(stats().lastSeq(), listener);
  }

  /**
   * Registers a listener for the events after {@code afterSeq}, typically a {@link Snapshot#seq()}:
   * a view built from the snapshot then stays current without a gap. Events are delivered on the
   * engine's dispatcher thread; see {@link EventListener}.
   *
   * @param afterSeq where the listener's cursor starts
   * @param listener the listener
   * @return the registration; close it to remove the listener
   * @throws TooFarBehindException if events after {@code afterSeq} were already dropped
   * @throws InvalidArgumentException if {@code afterSeq} is negative or beyond the last event
   */
  public Subscription addListener(long afterSeq, EventListener listener) {
    Arguments.notNull(listener, "listener");
    return addListenerAfter(afterSeq, listener);
  }

  private Subscription addListenerAfter(long afterSeq, EventListener listener) {
    eventsSince(afterSeq, 1); // the cursor must be readable: fail here, not on the dispatcher
    synchronized (lifecycle) { // not closed between the check and the registration
      return dispatcher().add(listener, afterSeq);
    }
  }

  /** The dispatcher thread, started on first use. */
  private EventDispatcher dispatcher() {
    synchronized (lifecycle) {
      ensureOpen();
      if (dispatcher == null) {
        SWIGTYPE_p_pj_event_signal signal = releaser.signal;
        if (signal == null) {
          signal = PresenceNative.pj_event_signal_create();
          if (signal == null) {
            throw new OutOfMemoryException("out of memory for the event signal");
          }
          releaser.signal = signal; // freed with the native engine, never before
        }
        // Attached before the thread starts: a wake-up it has not seen yet is not lost, and if
        // either step fails, a later attempt starts over with the same signal.
        SWIGTYPE_p_pj_event_signal attached = signal;
        run(h -> PresenceNative.pj_event_signal_attach(attached, h));
        dispatcher = EventDispatcher.start(this, signal);
      }
      return dispatcher;
    }
  }

  // --- Lifetime ---------------------------------------------------------------------------

  /**
   * Whether {@link #close()} was called.
   *
   * @return true once the engine is closed or closing
   */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Closes the engine: stops its ticker and its event deliveries, waits for the call running inside
   * the engine (if any) and frees the engine's state; calls that start afterwards throw {@link
   * EngineClosedException}. Idempotent, and safe from any thread, a listener included. A listener
   * call already running on the dispatcher thread may still finish after this returns.
   */
  @Override
  public void close() {
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      if (dispatcher != null) {
        dispatcher.stop();
      }
      // Stops the ticker, waits for the call holding the engine's lock and for any event callback,
      // and frees the state. Calls waiting for the lock, and later ones, return PE_CLOSED; the
      // handle itself lives until the cleaner runs, so none of them can touch freed memory.
      PresenceNative.pe_engine_close(handle);
      releaser.closed = true;
    }
  }

  // --- Native calls ----------------------------------------------------------------------

  @FunctionalInterface
  private interface IdSignal {
    void apply(SWIGTYPE_p_pe_engine handle, byte[] id, long nowMs);
  }

  private void idSignal(String id, String name, long nowMs, IdSignal signal) {
    byte[] bytes = Arguments.utf8(id, name);
    run(h -> signal.apply(h, bytes, nowMs));
  }

  private void run(Consumer<SWIGTYPE_p_pe_engine> call) {
    try {
      call.accept(handle);
    } finally {
      Reference.reachabilityFence(this); // the cleaner cannot free the handle during the call
    }
  }

  /** For the few calls that do not reach a native function that would report PE_CLOSED. */
  private void ensureOpen() {
    if (closed) {
      throw new EngineClosedException("the engine is closed");
    }
  }

  private long callForLong(BiConsumer<SWIGTYPE_p_pe_engine, long[]> call) {
    long[] out = new long[1];
    run(h -> call.accept(h, out));
    return out[0];
  }

  private <T> T readResult(
      BiConsumer<SWIGTYPE_p_pe_engine, long[]> call, Function<NativeResult, T> convert) {
    return NativeResult.read(out -> run(h -> call.accept(h, out)), convert);
  }

  private <T> Optional<T> readOptional(
      BiConsumer<SWIGTYPE_p_pe_engine, long[]> call, Function<NativeResult, T> convert) {
    return NativeResult.readOptional(out -> run(h -> call.accept(h, out)), convert);
  }

  /** Milliseconds since the epoch of an explicit time argument. */
  private static long at(Instant now) {
    return Arguments.epochMillis(now, "now");
  }

  /**
   * Frees the native engine and the dispatcher's event signal, run by the cleaner once the engine
   * became unreachable: then no method of it runs, and no dispatcher thread (which holds the
   * engine) waits on the signal. Holds no reference to the engine itself.
   */
  private static final class Releaser implements Runnable {
    private final SWIGTYPE_p_pe_engine handle;
    private volatile SWIGTYPE_p_pj_event_signal signal;
    private volatile boolean closed;

    Releaser(SWIGTYPE_p_pe_engine handle) {
      this.handle = handle;
    }

    @Override
    public void run() {
      if (!closed) {
        LOG.log(
            System.Logger.Level.WARNING,
            "an Engine was never closed; its native memory was freed when it became unreachable");
      }
      // First the engine (which closes it if needed: no event callback runs afterwards), then the
      // signal its callback used.
      PresenceNative.pe_engine_destroy(handle);
      if (signal != null) {
        PresenceNative.pj_event_signal_destroy(signal);
      }
    }
  }
}
