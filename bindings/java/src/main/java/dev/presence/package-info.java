/**
 * Presence Engine for Java: who is really there, as a time-varying signal.
 *
 * <p>Start with {@link dev.presence.Engine}: sessions send signals (open, heartbeat, activity,
 * visibility, disconnect, leave, identify); the engine derives each session's {@link
 * dev.presence.State} from elapsed time, derives users from their sessions, and publishes debounced
 * changes as {@link dev.presence.Event}s (a sealed hierarchy of records, one per {@link
 * dev.presence.EventKind}), read with {@link dev.presence.Engine#eventsSince(long)} or delivered to
 * an {@link dev.presence.EventListener}. Reads answer who's online: {@link
 * dev.presence.Engine#counts()}, {@link dev.presence.Engine#listUsers(State, int)}, {@link
 * dev.presence.Engine#user(String)}, {@link dev.presence.Engine#snapshot()}.
 *
 * <p>Coordination builds on presence: sessions join rooms ({@link
 * dev.presence.Engine#joinRoom(String, String)}, {@link dev.presence.Room}, {@link
 * dev.presence.Member}); users declare their {@link dev.presence.Availability}; the call gate
 * ({@link dev.presence.Engine#readiness(Target)}) says when a user or room is ready to be called;
 * {@link dev.presence.Intent}s wait for that moment; {@link dev.presence.Engine#fanout(long)} says
 * which subscriber must hear which event; and {@link dev.presence.Engine#roomMetrics(String)} and
 * {@link dev.presence.Engine#prometheusText()} feed dashboards.
 *
 * <p>The engine is native code (C++ behind a stable C ABI) loaded from this jar; every failure is a
 * {@link dev.presence.PresenceException} subclass, and every class is safe to share between threads
 * unless its documentation says otherwise.
 */
package dev.presence;
