package dev.presence;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Replication records packed for one JNI call, as pj_engine_apply_replicas() reads them: per
 * record, in native byte order, five longs (version, since, last signal, last activity, heartbeat
 * interval, times in ms), five ints (state, reconnecting, visible, connected, ended), then the
 * session id, user id, node id and metadata as an int length (-1 for none) and UTF-8 bytes, then an
 * int room count and each room id the same way. One copy crosses JNI, however many records.
 */
final class ReplicaPacker {
  private static final int FIXED_BYTES = 5 * Long.BYTES + 5 * Integer.BYTES;

  private ReplicaPacker() {}

  static byte[] pack(List<Replica> records) {
    List<byte[][]> texts = new ArrayList<>(records.size());
    long size = 0;
    for (int i = 0; i < records.size(); i++) {
      Replica r = Arguments.notNull(records.get(i), "records[" + i + "]");
      byte[][] text = new byte[4 + r.rooms().size()][];
      text[0] = Arguments.utf8(r.sessionId(), "sessionId");
      text[1] = Arguments.optionalUtf8(r.userId().orElse(null), "userId");
      text[2] = Arguments.utf8(r.nodeId(), "nodeId");
      text[3] = Arguments.optionalUtf8(r.meta().orElse(null), "meta");
      for (int k = 0; k < r.rooms().size(); k++) {
        text[4 + k] = Arguments.utf8(r.rooms().get(k), "rooms[" + k + "]");
      }
      size += FIXED_BYTES + Integer.BYTES * (text.length + 1L);
      for (byte[] t : text) {
        size += t == null ? 0 : t.length;
      }
      texts.add(text);
    }
    if (size > Integer.MAX_VALUE - 8) {
      throw new InvalidArgumentException("replica batch too large: " + size + " bytes");
    }
    ByteBuffer buffer = ByteBuffer.allocate((int) size).order(ByteOrder.nativeOrder());
    for (int i = 0; i < records.size(); i++) {
      Replica r = records.get(i);
      buffer.putLong(r.version());
      buffer.putLong(Arguments.epochMillis(r.since(), "since"));
      buffer.putLong(Arguments.epochMillis(r.lastSignalAt(), "lastSignalAt"));
      buffer.putLong(Arguments.epochMillis(r.lastActivityAt(), "lastActivityAt"));
      buffer.putLong(Arguments.millis(r.heartbeatInterval(), "heartbeatInterval"));
      buffer.putInt(r.state().code());
      buffer.putInt(r.reconnecting() ? 1 : 0);
      buffer.putInt(r.visible() ? 1 : 0);
      buffer.putInt(r.connected() ? 1 : 0);
      buffer.putInt(r.ended() ? 1 : 0);
      byte[][] text = texts.get(i);
      for (int k = 0; k < 4; k++) {
        putText(buffer, text[k]);
      }
      buffer.putInt(text.length - 4);
      for (int k = 4; k < text.length; k++) {
        putText(buffer, text[k]);
      }
    }
    return buffer.array();
  }

  private static void putText(ByteBuffer buffer, byte[] text) {
    if (text == null) {
      buffer.putInt(-1);
    } else {
      buffer.putInt(text.length);
      buffer.put(text);
    }
  }
}
