package dev.presence;

/**
 * The engine was closed, or the {@link Reader} used was: it cannot be used any more.
 *
 * <p>Reports {@link Status#CLOSED}.
 */
public final class EngineClosedException extends PresenceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   */
  public EngineClosedException(String message) {
    super(Status.CLOSED, message);
  }
}
