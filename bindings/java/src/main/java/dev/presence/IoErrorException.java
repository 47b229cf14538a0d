package dev.presence;

/**
 * A file could not be read or written: {@link Engine#save(java.nio.file.Path)} into a directory
 * that does not exist or is not writable, a full disk, or a snapshot that {@link
 * EngineBuilder#restore(java.nio.file.Path)} cannot read. The message names the file, the step that
 * failed and the system's reason. A failed save leaves no temporary file behind and the previous
 * snapshot, if any, in place.
 *
 * <p>Reports {@link Status#IO_ERROR}.
 */
public final class IoErrorException extends PresenceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   */
  public IoErrorException(String message) {
    super(Status.IO_ERROR, message);
  }
}
