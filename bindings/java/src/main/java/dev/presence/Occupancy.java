package dev.presence;

/**
 * Who is in a room, counted by state: its members (users, and guest sessions) and its sessions.
 * Only what readers may see is counted: invisible users and their sessions are not.
 *
 * @param membersActive active members
 * @param membersIdle idle members
 * @param membersAway away members
 * @param membersStale stale members
 * @param sessionsActive active sessions in the room
 * @param sessionsIdle idle sessions in the room
 * @param sessionsAway away sessions in the room
 * @param sessionsStale stale sessions in the room
 */
public record Occupancy(
    long membersActive,
    long membersIdle,
    long membersAway,
    long membersStale,
    long sessionsActive,
    long sessionsIdle,
    long sessionsAway,
    long sessionsStale) {

  /**
   * Members in {@code state}. Offline members are not kept, so {@link State#OFFLINE} gives 0.
   *
   * @param state the state
   * @return how many members are in it
   * @throws InvalidArgumentException if {@code state} is null
   */
  public long members(State state) {
    return Arguments.notNull(state, "state")
        .pick(membersActive, membersIdle, membersAway, membersStale, 0);
  }

  /**
   * Sessions in the room in {@code state}; {@link State#OFFLINE} gives 0.
   *
   * @param state the state
   * @return how many of the room's sessions are in it
   * @throws InvalidArgumentException if {@code state} is null
   */
  public long sessions(State state) {
    return Arguments.notNull(state, "state")
        .pick(sessionsActive, sessionsIdle, sessionsAway, sessionsStale, 0);
  }

  /**
   * All members present, in any state.
   *
   * @return the number of members
   */
  public long members() {
    return membersActive + membersIdle + membersAway + membersStale;
  }

  /**
   * All sessions in the room, in any state.
   *
   * @return the number of sessions
   */
  public long sessions() {
    return sessionsActive + sessionsIdle + sessionsAway + sessionsStale;
  }
}
