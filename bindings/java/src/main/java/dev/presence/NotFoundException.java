package dev.presence;

/**
 * No live session, user or transport has the given id. For a heartbeat this means the session
 * expired or left: open it again.
 *
 * <p>Reports {@link Status#NOT_FOUND}.
 */
public final class NotFoundException extends PresenceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   */
  public NotFoundException(String message) {
    super(Status.NOT_FOUND, message);
  }
}
