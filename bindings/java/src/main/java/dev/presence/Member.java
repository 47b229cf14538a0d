package dev.presence;

import java.time.Instant;

/**
 * A member of a room as read at one point in time ({@link Engine#listMembers}): a user, through any
 * of its sessions in the room, or a guest session. Its state is the best state of its sessions in
 * the room.
 *
 * @param memberId the user id, or the session id of a guest
 * @param guest whether the member is a guest session
 * @param state the best state among its sessions in the room
 * @param joinedAt when its stay in the room began (a reconnect inside the grace window continues
 *     it)
 * @param arriving whether it joined within {@link EngineBuilder#roomArriving}
 * @param sessionCount its sessions in the room
 * @param lastSeenAt its latest signal
 * @param confidence how sure the engine is that someone is there, in [0, 1]
 * @param confidenceBucket the bucket of {@code confidence}
 * @param availability the user's declared availability, as shown ({@link Availability#AVAILABLE}
 *     for a guest)
 */
public record Member(
    String memberId,
    boolean guest,
    State state,
    Instant joinedAt,
    boolean arriving,
    int sessionCount,
    Instant lastSeenAt,
    double confidence,
    ConfidenceBucket confidenceBucket,
    Availability availability) {}
