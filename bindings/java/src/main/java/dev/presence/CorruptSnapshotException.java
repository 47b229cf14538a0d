package dev.presence;

/**
 * A snapshot file is not one this library can load: foreign (not a presence snapshot), truncated,
 * damaged (its checksum fails) or inconsistent. The message says what is wrong. The whole file is
 * checked before an engine is returned, so nothing was loaded: no engine exists. A snapshot written
 * by a newer library in a format this one does not read is {@link UnsupportedException} instead.
 *
 * <p>Reports {@link Status#CORRUPT}.
 */
public final class CorruptSnapshotException extends PresenceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong with the file
   */
  public CorruptSnapshotException(String message) {
    super(Status.CORRUPT, message);
  }
}
