package dev.presence;

import java.time.Instant;

/**
 * A {@link Reader} of one room, from {@link Engine#reader(String)}: the room's visible members and
 * their sessions in it, redacted. The room need not exist when the reader is made; until it does,
 * reads under it throw {@link NotFoundException}.
 */
public final class RoomReader extends Reader {
  private final String roomId;

  RoomReader(Engine engine, String roomId, byte[] room) {
    super(engine, room);
    this.roomId = roomId;
  }

  /**
   * The room this reader sees.
   *
   * @return the room id
   */
  public String roomId() {
    return roomId;
  }

  /**
   * The first page of members at least {@code minState}, now; see {@link #listMembers(State, int,
   * String, Instant)}.
   *
   * @param minState the lowest state to include
   * @param limit the page size, 1 to 10000
   * @return the page
   */
  public MemberPage listMembers(State minState, int limit) {
    return listMembers(minState, limit, "");
  }

  /**
   * A page of members at least {@code minState}, now; see {@link #listMembers(State, int, String,
   * Instant)}.
   *
   * @param minState the lowest state to include
   * @param limit the page size, 1 to 10000
   * @param cursor {@link MemberPage#nextCursor()} of the previous page, or "" for the first
   * @return the page
   */
  public MemberPage listMembers(State minState, int limit, String cursor) {
    return listMembersAt(minState, limit, cursor, Engine.NOW);
  }

  /**
   * A page of the room's visible members, as {@link Engine#listMembers(String, State, int, String,
   * Instant)} (same order, same stable cursor) but redacted.
   *
   * @param minState the lowest state to include
   * @param limit the page size, 1 to 10000
   * @param cursor {@link MemberPage#nextCursor()} of the previous page, or "" for the first
   * @param now the time to read at
   * @return the page
   * @throws NotFoundException if the room does not exist (yet)
   * @throws InvalidArgumentException if {@code limit} is out of range or the cursor is bad
   */
  public MemberPage listMembers(State minState, int limit, String cursor, Instant now) {
    return listMembersAt(minState, limit, cursor, Arguments.epochMillis(now, "now"));
  }

  private MemberPage listMembersAt(State minState, int limit, String cursor, long nowMs) {
    return page(
        minState, limit, cursor, nowMs, r -> new MemberPage(r.members(), r.cursor(), r.seq()));
  }
}
