package dev.presence;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A heartbeat batch packed for one JNI call: per item, three native-order ints (activity,
 * visibility, id length) and the id's UTF-8 bytes, as pj_session_heartbeat_batch() reads them
 * (adapters.h). Elements that cannot be sent (not a {@link Heartbeat}, or an id that is not valid
 * Unicode) are left out and reported as {@link Status#INVALID_ARGUMENT}, so they fail alone as the
 * engine's bad items do.
 */
final class HeartbeatBatch {
  private static final int HEADER_BYTES = 3 * Integer.BYTES;

  /** Per element: its UTF-8 id, or null if it is not sent. */
  private final byte[][] ids;

  private final byte[] packed;
  private final int size;

  private HeartbeatBatch(byte[][] ids, byte[] packed, int size) {
    this.ids = ids;
    this.packed = packed;
    this.size = size;
  }

  static HeartbeatBatch pack(Object[] elements) {
    byte[][] ids = new byte[elements.length][];
    long bytes = 0;
    int size = 0;
    for (int i = 0; i < elements.length; i++) {
      if (elements[i] instanceof Heartbeat heartbeat) {
        try {
          ids[i] = Arguments.utf8(heartbeat.sessionId(), "sessionId");
        } catch (InvalidArgumentException notUnicode) {
          continue;
        }
        bytes += HEADER_BYTES + ids[i].length;
        size++;
      }
    }
    if (bytes > Integer.MAX_VALUE) {
      throw new InvalidArgumentException("the batch is too large: " + bytes + " bytes");
    }
    ByteBuffer buffer = ByteBuffer.allocate((int) bytes).order(ByteOrder.nativeOrder());
    for (int i = 0; i < elements.length; i++) {
      if (ids[i] != null) {
        Heartbeat heartbeat = (Heartbeat) elements[i];
        buffer
            .putInt(heartbeat.activity().code())
            .putInt(heartbeat.visibility().code())
            .putInt(ids[i].length)
            .put(ids[i]);
      }
    }
    return new HeartbeatBatch(ids, buffer.array(), size);
  }

  byte[] packed() {
    return packed;
  }

  /** How many items are sent to the engine. */
  int size() {
    return size;
  }

  /** Merges the engine's per-item results with the elements rejected here. */
  BatchResult results(int[] statuses, long[] intervalsMs) {
    List<HeartbeatOutcome> outcomes = new ArrayList<>(ids.length);
    int failed = 0;
    int sent = 0;
    for (byte[] id : ids) {
      HeartbeatOutcome outcome =
          id == null
              ? new HeartbeatOutcome(Status.INVALID_ARGUMENT, Duration.ZERO)
              : new HeartbeatOutcome(
                  Status.fromCode(statuses[sent]), Duration.ofMillis(intervalsMs[sent++]));
      if (!outcome.ok()) {
        failed++;
      }
      outcomes.add(outcome);
    }
    return new BatchResult(Collections.unmodifiableList(outcomes), failed);
  }
}
