package dev.presence;

/**
 * The events after the requested sequence number were dropped from the engine's event buffer. Take
 * a {@linkplain Engine#snapshot() snapshot} and continue from its {@link Snapshot#seq()}.
 *
 * <p>Reports {@link Status#TOO_FAR_BEHIND}.
 */
public final class TooFarBehindException extends PresenceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   */
  public TooFarBehindException(String message) {
    super(Status.TOO_FAR_BEHIND, message);
  }
}
