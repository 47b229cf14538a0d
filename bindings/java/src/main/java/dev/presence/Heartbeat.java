package dev.presence;

/**
 * One item of {@link Engine#heartbeatBatch}: a heartbeat of one session with the client's optional
 * view of activity and visibility.
 *
 * @param sessionId the session
 * @param activity the client's activity hint
 * @param visibility the client's visibility hint
 */
public record Heartbeat(String sessionId, Activity activity, Visibility visibility) {
  /**
   * Checks the item.
   *
   * @param sessionId the session
   * @param activity the client's activity hint
   * @param visibility the client's visibility hint
   * @throws InvalidArgumentException if any component is null
   */
  public Heartbeat {
    Arguments.notNull(sessionId, "sessionId");
    Arguments.notNull(activity, "activity");
    Arguments.notNull(visibility, "visibility");
  }

  /**
   * A heartbeat without hints.
   *
   * @param sessionId the session
   * @return the item
   * @throws InvalidArgumentException if {@code sessionId} is null
   */
  public static Heartbeat of(String sessionId) {
    return new Heartbeat(sessionId, Activity.UNKNOWN, Visibility.UNKNOWN);
  }
}
