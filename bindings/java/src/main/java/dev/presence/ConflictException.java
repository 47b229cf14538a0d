package dev.presence;

/**
 * The request contradicts the engine's state, for example a session id that belongs to another
 * user. Nothing was changed.
 *
 * <p>Reports {@link Status#CONFLICT}.
 */
public final class ConflictException extends PresenceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   */
  public ConflictException(String message) {
    super(Status.CONFLICT, message);
  }
}
