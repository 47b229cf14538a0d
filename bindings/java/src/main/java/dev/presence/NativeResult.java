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
 * and independent of its engine, so it may be read after the engine was closed.
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

  /** The text of a Prometheus result. */
  String text() {
    byte[] text = PresenceNative.pj_result_text(result);
    return text == null ? "" : Arguments.text(text);
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

  List<Room> rooms() {
    return read(
        PresenceNative.pe_result_room_count(result),
        pe_room_info::new,
        PresenceNative::pe_room_info_init,
        PresenceNative::pe_result_room,
        NativeResult::room);
  }

  List<Member> members() {
    return read(
        PresenceNative.pe_result_member_count(result),
        pe_member_info::new,
        PresenceNative::pe_member_info_init,
        PresenceNative::pe_result_member,
        NativeResult::member);
  }

  List<Intent> intents() {
    return read(
        PresenceNative.pe_result_intent_count(result),
        pe_intent_info::new,
        PresenceNative::pe_intent_info_init,
        PresenceNative::pe_result_intent,
        NativeResult::intent);
  }

  /** The deliveries of a fan-out result, each resolved to {@code events} (this result's events). */
  List<Delivery> deliveries(List<Event> events) {
    return read(
        PresenceNative.pe_result_delivery_count(result),
        pe_delivery::new,
        PresenceNative::pe_delivery_init,
        PresenceNative::pe_result_delivery,
        d -> delivery(d, events));
  }

  RoomMetrics roomMetrics() {
    try (pe_room_metrics m = new pe_room_metrics()) {
      PresenceNative.pe_room_metrics_init(m);
      PresenceNative.pe_result_room_metrics(result, m);
      long[] bounds = m.bucket_upper_ms_array();
      long[] curveAt = m.curve_at_ms_array();
      double[] curveScore = m.curve_score_array();
      List<ReadinessPoint> curve = new ArrayList<>(curveAt.length);
      for (int i = 0; i < curveAt.length; i++) {
        curve.add(new ReadinessPoint(Instant.ofEpochMilli(curveAt[i]), curveScore[i]));
      }
      return new RoomMetrics(
          m.getJoins(),
          m.getLeaves(),
          m.getDrop_offs(),
          m.getPeak_members(),
          m.getPeak_sessions(),
          histogram(bounds, m.dwell_array()),
          histogram(bounds, m.attention_array()),
          Collections.unmodifiableList(curve));
    }
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

  private static Instant time(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis);
  }

  private static User user(pe_user_info u) {
    return new User(
        Arguments.text(u.user_id_bytes()),
        State.fromCode(u.getState()),
        time(u.getSince_ms()),
        time(u.getLast_seen_at_ms()),
        Evidence.fromCode(u.getLast_evidence()),
        Math.toIntExact(u.getSession_count()),
        u.getConfidence(),
        ConfidenceBucket.fromCode(u.getConfidence_bucket()),
        Availability.fromCode(u.getAvailability()),
        State.fromCode(u.getTrue_state()),
        Availability.fromCode(u.getTrue_availability()),
        u.getReadiness(),
        u.getReady() != 0);
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
        time(s.getLast_signal_at_ms()),
        time(s.getLast_activity_at_ms()),
        time(s.getSince_ms()),
        Duration.ofMillis(s.getHeartbeat_interval_ms()),
        optionalText(s.meta_bytes()),
        optionalText(s.transport_id_bytes()),
        s.getOrigin_node(),
        s.getVersion(),
        State.fromCode(s.getTrue_state()));
  }

  /** One event record; only the fields its kind uses are read (each read is a JNI call). */
  private static Event event(pe_event e) {
    long seq = e.getSeq();
    Instant at = time(e.getAt_ms());
    Instant publishedAt = time(e.getPublished_at_ms());
    return switch (EventKind.fromCode(e.getKind())) {
      case SESSION ->
          new SessionEvent(
              seq,
              at,
              publishedAt,
              Arguments.text(e.id_bytes()),
              optionalText(e.user_id_bytes()),
              State.fromCode(e.getOld_state()),
              State.fromCode(e.getNew_state()),
              e.getConfidence(),
              ConfidenceBucket.fromCode(e.getConfidence_bucket()),
              time(e.getLast_seen_at_ms()));
      case USER ->
          new UserEvent(
              seq,
              at,
              publishedAt,
              Arguments.text(e.id_bytes()),
              State.fromCode(e.getOld_state()),
              State.fromCode(e.getNew_state()),
              Math.toIntExact(e.getSession_count()),
              e.getConfidence(),
              ConfidenceBucket.fromCode(e.getConfidence_bucket()),
              time(e.getLast_seen_at_ms()),
              Availability.fromCode(e.getAvailability()));
      case MEMBER ->
          new MemberEvent(
              seq,
              at,
              publishedAt,
              Arguments.text(e.room_id_bytes()),
              Arguments.text(e.id_bytes()),
              e.getGuest() != 0,
              State.fromCode(e.getOld_state()),
              State.fromCode(e.getNew_state()),
              Availability.fromCode(e.getAvailability()));
      case READINESS ->
          new ReadinessEvent(
              seq,
              at,
              publishedAt,
              new Target(TargetKind.fromCode(e.getTarget_kind()), Arguments.text(e.id_bytes())),
              e.getReady() != 0,
              e.getReadiness());
      case INTENT ->
          new IntentEvent(
              seq,
              at,
              publishedAt,
              Arguments.text(e.intent_id_bytes()),
              Arguments.text(e.intent_kind_bytes()),
              Arguments.text(e.from_id_bytes()),
              new Target(
                  TargetKind.fromCode(e.getTarget_kind()), Arguments.text(e.target_id_bytes())),
              IntentState.fromCode(e.getIntent_state()));
      case OCCUPANCY ->
          new OccupancyEvent(
              seq,
              at,
              publishedAt,
              Arguments.text(e.room_id_bytes()),
              new Occupancy(
                  e.getRoom_members_active(),
                  e.getRoom_members_idle(),
                  e.getRoom_members_away(),
                  e.getRoom_members_stale(),
                  e.getRoom_sessions_active(),
                  e.getRoom_sessions_idle(),
                  e.getRoom_sessions_away(),
                  e.getRoom_sessions_stale()),
              e.getReadiness(),
              e.getReady() != 0);
      case AVAILABILITY ->
          new AvailabilityEvent(
              seq,
              at,
              publishedAt,
              Arguments.text(e.id_bytes()),
              Availability.fromCode(e.getAvailability()),
              State.fromCode(e.getNew_state()));
    };
  }

  private static Room room(pe_room_info r) {
    return new Room(
        Arguments.text(r.room_id_bytes()),
        time(r.getCreated_at_ms()),
        new Occupancy(
            r.getMembers_active(),
            r.getMembers_idle(),
            r.getMembers_away(),
            r.getMembers_stale(),
            r.getSessions_active(),
            r.getSessions_idle(),
            r.getSessions_away(),
            r.getSessions_stale()),
        r.getGuests(),
        r.getArriving(),
        r.getDensity(),
        r.getArrivals_per_minute(),
        r.getDepartures_per_minute(),
        r.getReadiness(),
        r.getReady() != 0,
        r.getCount_only() != 0
            ? Optional.of(Duration.ofMillis(r.getOccupancy_interval_ms()))
            : Optional.empty());
  }

  private static Member member(pe_member_info m) {
    return new Member(
        Arguments.text(m.member_id_bytes()),
        m.getGuest() != 0,
        State.fromCode(m.getState()),
        time(m.getJoined_at_ms()),
        m.getArriving() != 0,
        Math.toIntExact(m.getSession_count()),
        time(m.getLast_seen_at_ms()),
        m.getConfidence(),
        ConfidenceBucket.fromCode(m.getConfidence_bucket()),
        Availability.fromCode(m.getAvailability()));
  }

  private static Intent intent(pe_intent_info i) {
    return new Intent(
        Arguments.text(i.intent_id_bytes()),
        Arguments.text(i.from_id_bytes()),
        new Target(TargetKind.fromCode(i.getTarget_kind()), Arguments.text(i.target_id_bytes())),
        Arguments.text(i.kind_bytes()),
        time(i.getCreated_at_ms()),
        time(i.getExpires_at_ms()),
        IntentState.fromCode(i.getState()));
  }

  private static Delivery delivery(pe_delivery d, List<Event> events) {
    long[] indexes = d.event_indexes_array();
    List<Event> heard = new ArrayList<>(indexes.length);
    for (long index : indexes) {
      heard.add(events.get(Math.toIntExact(index)));
    }
    return new Delivery(Arguments.text(d.subscriber_bytes()), Collections.unmodifiableList(heard));
  }

  /** A histogram from the buckets' upper bounds (one fewer than counts: the last is open). */
  private static Histogram histogram(long[] upperBoundsMs, long[] counts) {
    List<Histogram.Bucket> buckets = new ArrayList<>(counts.length);
    Duration lower = Duration.ZERO;
    for (int i = 0; i < counts.length; i++) {
      Optional<Duration> upper =
          i < upperBoundsMs.length
              ? Optional.of(Duration.ofMillis(upperBoundsMs[i]))
              : Optional.empty();
      buckets.add(new Histogram.Bucket(lower, upper, counts[i]));
      lower = upper.orElse(lower);
    }
    return new Histogram(buckets);
  }
}
