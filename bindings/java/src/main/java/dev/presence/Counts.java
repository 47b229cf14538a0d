package dev.presence;

/**
 * Who's online now: sessions and users by state, concurrency (alive sessions and users), and the
 * number of rooms. Maintained incrementally by the engine and always equal to a recount of the
 * sessions. "Alive" means not offline (stale included). The counts are what readers may see: an
 * invisible user counts as offline and its sessions not at all; {@link #usersInvisible()} and
 * {@link #sessionsInvisible()} tell the server how many are hidden so.
 *
 * @param sessionsActive active sessions
 * @param sessionsIdle idle sessions
 * @param sessionsAway away sessions
 * @param sessionsStale stale sessions
 * @param sessionsReconnecting sessions inside their reconnect grace window (any state)
 * @param sessionsAlive concurrency: alive sessions, users' and guests'
 * @param guestSessions alive sessions that belong to no user yet
 * @param usersActive active users
 * @param usersIdle idle users
 * @param usersAway away users
 * @param usersStale stale users
 * @param usersOffline offline users whose last-seen is still remembered
 * @param usersAlive concurrency: users with at least one alive session
 * @param usersInvisible alive but invisible users (counted in {@code usersOffline}); for the
 *     server's own use, never for other readers
 * @param sessionsInvisible alive sessions of invisible users (in none of the session counts above);
 *     for the server's own use
 * @param rooms rooms in the engine
 */
public record Counts(
    long sessionsActive,
    long sessionsIdle,
    long sessionsAway,
    long sessionsStale,
    long sessionsReconnecting,
    long sessionsAlive,
    long guestSessions,
    long usersActive,
    long usersIdle,
    long usersAway,
    long usersStale,
    long usersOffline,
    long usersAlive,
    long usersInvisible,
    long sessionsInvisible,
    long rooms) {

  /**
   * Sessions in {@code state}. Offline sessions are not kept, so {@link State#OFFLINE} gives 0.
   *
   * @param state the state
   * @return how many sessions are in it
   * @throws InvalidArgumentException if {@code state} is null
   */
  public long sessions(State state) {
    return Arguments.notNull(state, "state")
        .pick(sessionsActive, sessionsIdle, sessionsAway, sessionsStale, 0);
  }

  /**
   * Users in {@code state}; {@link State#OFFLINE} counts remembered offline users.
   *
   * @param state the state
   * @return how many users are in it
   * @throws InvalidArgumentException if {@code state} is null
   */
  public long users(State state) {
    return Arguments.notNull(state, "state")
        .pick(usersActive, usersIdle, usersAway, usersStale, usersOffline);
  }
}
