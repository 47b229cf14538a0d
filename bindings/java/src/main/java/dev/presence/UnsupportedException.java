package dev.presence;

/**
 * The operation is not available on this platform or build.
 *
 * <p>Reports {@link Status#UNSUPPORTED}.
 */
public final class UnsupportedException extends PresenceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   */
  public UnsupportedException(String message) {
    super(Status.UNSUPPORTED, message);
  }
}
