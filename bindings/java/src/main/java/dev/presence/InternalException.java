package dev.presence;

/**
 * An unexpected failure inside the engine or this binding; please report it.
 *
 * <p>Reports {@link Status#INTERNAL}.
 */
public final class InternalException extends PresenceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   */
  public InternalException(String message) {
    super(Status.INTERNAL, message);
  }
}
