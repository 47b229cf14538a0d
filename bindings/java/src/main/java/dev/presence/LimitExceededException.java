package dev.presence;

/**
 * A configured limit (sessions per user, total sessions) would be exceeded. Nothing was changed;
 * the rejection is counted in {@link Stats#limitRejections()}.
 *
 * <p>Reports {@link Status#LIMIT_EXCEEDED}.
 */
public final class LimitExceededException extends PresenceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   */
  public LimitExceededException(String message) {
    super(Status.LIMIT_EXCEEDED, message);
  }
}
