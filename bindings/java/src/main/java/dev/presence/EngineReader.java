package dev.presence;

import java.time.Instant;

/**
 * A {@link Reader} of the whole engine, from {@link Engine#reader()}: every visible user, redacted.
 */
public final class EngineReader extends Reader {
  EngineReader(Engine engine) {
    super(engine, null);
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
    return listUsersAt(minState, limit, cursor, Engine.NOW);
  }

  /**
   * A page of users, as {@link Engine#listUsers(State, int, String, Instant)} (same order, same
   * stable cursor) but redacted: an invisible user shows as offline.
   *
   * @param minState the lowest state to include
   * @param limit the page size, 1 to 10000
   * @param cursor {@link UserPage#nextCursor()} of the previous page, or "" for the first
   * @param now the time to read at
   * @return the page
   * @throws InvalidArgumentException if {@code limit} is out of range or the cursor is bad
   */
  public UserPage listUsers(State minState, int limit, String cursor, Instant now) {
    return listUsersAt(minState, limit, cursor, Arguments.epochMillis(now, "now"));
  }

  private UserPage listUsersAt(State minState, int limit, String cursor, long nowMs) {
    return page(minState, limit, cursor, nowMs, r -> new UserPage(r.users(), r.cursor(), r.seq()));
  }
}
