package dev.presence;

import java.time.Instant;

/**
 * A caller's recorded wish to connect to a user or a room ({@link Engine#openIntent}). Instead of
 * ringing blindly, the caller waits for an {@link IntentEvent}: {@link IntentState#READY} when the
 * target's readiness crosses its threshold, {@link IntentState#EXPIRED} at the time to live.
 *
 * @param intentId the engine's id of the intent, for {@link Engine#cancelIntent}
 * @param from the caller (any id: a user, a session, a service)
 * @param target the user or room to connect to
 * @param kind the application's kind of intent, for example {@code "call"}
 * @param createdAt when it was recorded
 * @param expiresAt when it expires unless answered or cancelled
 * @param state where it stands; {@link IntentState#READY} at once if the target was ready already
 */
public record Intent(
    String intentId,
    String from,
    Target target,
    String kind,
    Instant createdAt,
    Instant expiresAt,
    IntentState state) {}
