/**
 * Presence Engine for Java: who is really there, as a time-varying signal.
 *
 * <p>Start with {@link dev.presence.Engine}: sessions send signals (open, heartbeat, activity,
 * visibility, disconnect, leave, identify); the engine derives each session's {@link
 * dev.presence.State} from elapsed time, derives users from their sessions, and publishes debounced
 * changes as {@link dev.presence.Event}s, read with {@link dev.presence.Engine#eventsSince(long)}
 * or delivered to an {@link dev.presence.EventListener}. Reads answer who's online: {@link
 * dev.presence.Engine#counts()}, {@link dev.presence.Engine#listUsers(State, int)}, {@link
 * dev.presence.Engine#user(String)}, {@link dev.presence.Engine#snapshot()}.
 *
 * <p>The engine is native code (C++ behind a stable C ABI) loaded from this jar; every failure is a
 * {@link dev.presence.PresenceException} subclass, and every class is safe to share between threads
 * unless its documentation says otherwise.
 */
package dev.presence;
