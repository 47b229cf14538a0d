package dev.presence;

/**
 * The outcome of a call as the engine's C ABI reports it. Every status but {@link #OK} reaches Java
 * as the {@link PresenceException} subclass named in its description; {@link #OK} and the others
 * also describe the items of a {@linkplain Engine#heartbeatBatch batch}.
 */
public enum Status implements CodedEnum {
  /** Success. */
  OK(pe_status.PE_OK),
  /** {@link InvalidArgumentException}: bad id, text, enum, time or configuration. */
  INVALID_ARGUMENT(pe_status.PE_INVALID_ARGUMENT),
  /** {@link NotFoundException}: no live session, user or transport with that id. */
  NOT_FOUND(pe_status.PE_NOT_FOUND),
  /** {@link ConflictException}: the request contradicts the engine's state. */
  CONFLICT(pe_status.PE_CONFLICT),
  /** {@link LimitExceededException}: a configured limit would be exceeded. */
  LIMIT_EXCEEDED(pe_status.PE_LIMIT_EXCEEDED),
  /** {@link TooFarBehindException}: the requested events were dropped; snapshot again. */
  TOO_FAR_BEHIND(pe_status.PE_TOO_FAR_BEHIND),
  /** {@link EngineClosedException}: the engine was closed. */
  CLOSED(pe_status.PE_CLOSED),
  /** {@link OutOfMemoryException}: native memory could not be allocated. */
  OUT_OF_MEMORY(pe_status.PE_OUT_OF_MEMORY),
  /** {@link UnsupportedException}: not available on this platform or build. */
  UNSUPPORTED(pe_status.PE_UNSUPPORTED),
  /** {@link InternalException}: an unexpected failure inside the engine. */
  INTERNAL(pe_status.PE_INTERNAL),
  /** {@link DeniedException}: not permitted, e.g. resuming a session without its resume token. */
  DENIED(pe_status.PE_DENIED),
  /**
   * {@link IoErrorException}: a file could not be read or written, e.g. a snapshot saved into a
   * directory that does not exist.
   */
  IO_ERROR(pe_status.PE_IO_ERROR),
  /**
   * {@link CorruptSnapshotException}: a snapshot file is foreign, truncated, damaged or
   * inconsistent; nothing was loaded.
   */
  CORRUPT(pe_status.PE_CORRUPT);

  private static final Status[] VALUES = values();
  private final int code;

  Status(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }

  static Status fromCode(int code) {
    return Codes.fromCode(VALUES, code);
  }

  /** The one table from status to exception class. */
  PresenceException toException(String message) {
    return switch (this) {
      case OK -> new InternalException("a successful call was reported as a failure: " + message);
      case INVALID_ARGUMENT -> new InvalidArgumentException(message);
      case NOT_FOUND -> new NotFoundException(message);
      case CONFLICT -> new ConflictException(message);
      case LIMIT_EXCEEDED -> new LimitExceededException(message);
      case TOO_FAR_BEHIND -> new TooFarBehindException(message);
      case CLOSED -> new EngineClosedException(message);
      case OUT_OF_MEMORY -> new OutOfMemoryException(message);
      case UNSUPPORTED -> new UnsupportedException(message);
      case INTERNAL -> new InternalException(message);
      case DENIED -> new DeniedException(message);
      case IO_ERROR -> new IoErrorException(message);
      case CORRUPT -> new CorruptSnapshotException(message);
    };
  }
}
