package dev.presence;

/**
 * The engine refused the call: continuing a session from another transport (or after its transport
 * dropped) without the session's resume token, when the engine {@linkplain
 * EngineBuilder#requireResumeToken requires it}. Nothing was changed; open the session again with
 * {@link OpenOptions#withResumeToken}.
 *
 * <p>Reports {@link Status#DENIED}.
 */
public final class DeniedException extends PresenceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   */
  public DeniedException(String message) {
    super(Status.DENIED, message);
  }
}
