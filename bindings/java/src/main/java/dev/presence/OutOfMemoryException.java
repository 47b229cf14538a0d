package dev.presence;

/**
 * The engine could not allocate native memory. The engine remains usable.
 *
 * <p>Reports {@link Status#OUT_OF_MEMORY}.
 */
public final class OutOfMemoryException extends PresenceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   */
  public OutOfMemoryException(String message) {
    super(Status.OUT_OF_MEMORY, message);
  }
}
