package dev.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Owns one pe_result and copies its records into this package's records. A pe_result is immutable
 * and independent of its engine, so it is read without the engine's call gate.
 */
final class NativeResult implements AutoCloseable {
  private final SWIGTYPE_p_pe_result result;

  /** Takes ownership of the result at {@code pointer}. */
  NativeResult(long pointer) {
    this.result = new SWIGTYPE_p_pe_result(pointer, false);
  }

  long seq() {
    return PresenceNative.pe_result_seq(result);
  }

  /** The cursor of the next page; empty on the last page. */
  Optional<String> cursor() {
    byte[] cursor = PresenceNative.pj_result_cursor(result);
    return cursor == null || cursor.length == 0
        ? Optional.empty()
        : Optional.of(Arguments.text(cursor));
  }

  List<User> users() {
    return read(
        PresenceNative.pe_result_user_count(result),
        pe_user_info::new,
        PresenceNative::pe_user_info_init,
        PresenceNative::pe_result_user,
        NativeResult::user);
  }

  List<Session> sessions() {
    return read(
        PresenceNative.pe_result_session_count(result),
        pe_session_info::new,
        PresenceNative::pe_session_info_init,
        PresenceNative::pe_result_session,
        NativeResult::session);
  }

  List<Event> events() {
    return read(
        PresenceNative.pe_result_event_count(result),
        pe_event::new,
        PresenceNative::pe_event_init,
        PresenceNative::pe_result_event,
        NativeResult::event);
  }

  @Override
  public void close() {
    PresenceNative.pe_result_destroy(result);
  }

  @FunctionalInterface
  private interface Fill<R> {
    void fill(SWIGTYPE_p_pe_result result, long index, R record);
  }

  /** Reads {@code count} records through one reused C record into an unmodifiable list. */
  private <R extends NativeRecord, T> List<T> read(
      long count, Supplier<R> allocate, Consumer<R> init, Fill<R> fill, Function<R, T> convert) {
    List<T> out = new ArrayList<>(Math.toIntExact(count));
    try (R record = allocate.get()) {
      init.accept(record);
      for (long i = 0; i < count; i++) {
        fill.fill(result, i, record);
        out.add(convert.apply(record));
      }
    }
    return Collections.unmodifiableList(out);
  }

  private static Optional<String> optionalText(byte[] utf8) {
    return utf8 == null ? Optional.empty() : Optional.of(Arguments.text(utf8));
  }

  private static User user(pe_user_info u) {
    return new User(
        Arguments.text(u.user_id_bytes()),
        State.fromCode(u.getState()),
        Instant.ofEpochMilli(u.getSince_ms()),
        Instant.ofEpochMilli(u.getLast_seen_at_ms()),
        Evidence.fromCode(u.getLast_evidence()),
        Math.toIntExact(u.getSession_count()),
        u.getConfidence(),
        ConfidenceBucket.fromCode(u.getConfidence_bucket()));
  }

  private static Session session(pe_session_info s) {
    return new Session(
        Arguments.text(s.session_id_bytes()),
        optionalText(s.user_id_bytes()),
        State.fromCode(s.getState()),
        s.getReconnecting() != 0,
        s.getVisible() != 0,
        s.getConnected() != 0,
        s.getConfidence(),
        ConfidenceBucket.fromCode(s.getConfidence_bucket()),
        Instant.ofEpochMilli(s.getOpened_at_ms()),
        Instant.ofEpochMilli(s.getLast_signal_at_ms()),
        Instant.ofEpochMilli(s.getLast_activity_at_ms()),
        Instant.ofEpochMilli(s.getSince_ms()),
        Duration.ofMillis(s.getHeartbeat_interval_ms()),
        optionalText(s.meta_bytes()),
        optionalText(s.transport_id_bytes()),
        s.getOrigin_node(),
        s.getVersion());
  }

  private static Event event(pe_event e) {
    return new Event(
        e.getSeq(),
        EventKind.fromCode(e.getKind()),
        Instant.ofEpochMilli(e.getAt_ms()),
        Instant.ofEpochMilli(e.getPublished_at_ms()),
        Arguments.text(e.id_bytes()),
        optionalText(e.user_id_bytes()),
        State.fromCode(e.getOld_state()),
        State.fromCode(e.getNew_state()),
        Math.toIntExact(e.getSession_count()),
        e.getConfidence(),
        ConfidenceBucket.fromCode(e.getConfidence_bucket()),
        Instant.ofEpochMilli(e.getLast_seen_at_ms()));
  }
}
