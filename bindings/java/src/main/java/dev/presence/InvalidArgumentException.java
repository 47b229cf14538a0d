package dev.presence;

/**
 * An argument was rejected: null, an empty or oversized id, text that is not valid Unicode (a lone
 * surrogate), an unknown enum value, a negative or out-of-range time or duration, or an
 * inconsistent engine configuration. Nothing was changed.
 *
 * <p>Reports {@link Status#INVALID_ARGUMENT}.
 */
public final class InvalidArgumentException extends PresenceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   */
  public InvalidArgumentException(String message) {
    super(Status.INVALID_ARGUMENT, message);
  }
}
