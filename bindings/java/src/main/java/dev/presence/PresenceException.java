package dev.presence;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A call into the engine failed. Each {@link Status} has its own final subclass, so callers can
 * catch exactly the failures they handle ({@code catch (NotFoundException e)}), or this class for
 * all of them. The message is the engine's own description of the failure.
 *
 * <p>Unchecked: most failures are programming errors (bad arguments, use after close) or states a
 * caller handles where it wants to ({@link NotFoundException} on a heartbeat means "open the
 * session again").
 */
public abstract sealed class PresenceException extends RuntimeException
    permits InvalidArgumentException,
        NotFoundException,
        ConflictException,
        LimitExceededException,
        TooFarBehindException,
        EngineClosedException,
        OutOfMemoryException,
        UnsupportedException,
        InternalException,
        DeniedException,
        IoErrorException,
        CorruptSnapshotException {
  private static final long serialVersionUID = 1L;

  /** The status this exception reports. */
  private final Status status;

  PresenceException(Status status, String message) {
    super(message);
    this.status = status;
  }

  /**
   * The C ABI status this exception stands for.
   *
   * @return the status, never {@link Status#OK}
   */
  public Status status() {
    return status;
  }

  /**
   * Called by the JNI layer (jni_support.c) to build the exception of a failed call.
   *
   * @param code the pe_status value
   * @param message the engine's message, in UTF-8
   * @return the exception to throw
   */
  static PresenceException fromNative(int code, byte[] message) {
    PresenceException error =
        Status.fromCode(code).toException(new String(message, StandardCharsets.UTF_8));
    // The trace starts at the native method that failed, not in this factory.
    StackTraceElement[] trace = error.getStackTrace();
    int first = 0;
    while (first < trace.length && isFactoryFrame(trace[first])) {
      first++;
    }
    error.setStackTrace(Arrays.copyOfRange(trace, first, trace.length));
    return error;
  }

  private static boolean isFactoryFrame(StackTraceElement frame) {
    return frame.getClassName().equals(Status.class.getName())
        || frame.getClassName().equals(PresenceException.class.getName());
  }
}
