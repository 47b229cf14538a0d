package dev.presence;

import java.time.Instant;

/**
 * A user (through any of its sessions) or a guest session joined or left a room. A join goes from
 * {@link State#OFFLINE}, a leave to it. A disconnect inside the reconnect grace window is neither,
 * and one person with several sessions in the room joins once. Count-only rooms publish {@link
 * OccupancyEvent}s instead.
 *
 * @param seq the sequence number
 * @param at when the member joined or left
 * @param publishedAt when it was published
 * @param roomId the room
 * @param memberId the user id, or the session id of a guest
 * @param guest whether the member is a guest session
 * @param oldState {@link State#OFFLINE} for a join; the member's last state for a leave
 * @param newState the member's state for a join; {@link State#OFFLINE} for a leave
 * @param availability the user's declared availability, as shown ({@link Availability#AVAILABLE}
 *     for a guest)
 */
public record MemberEvent(
    long seq,
    Instant at,
    Instant publishedAt,
    String roomId,
    String memberId,
    boolean guest,
    State oldState,
    State newState,
    Availability availability)
    implements Event {

  /**
   * Always {@link EventKind#MEMBER}.
   *
   * @return the kind
   */
  @Override
  public EventKind kind() {
    return EventKind.MEMBER;
  }

  /**
   * Whether the member joined the room.
   *
   * @return {@code oldState() == State.OFFLINE}
   */
  public boolean joined() {
    return oldState == State.OFFLINE;
  }

  /**
   * Whether the member left the room (explicitly, or because its sessions ended).
   *
   * @return {@code newState() == State.OFFLINE}
   */
  public boolean left() {
    return newState == State.OFFLINE;
  }
}
