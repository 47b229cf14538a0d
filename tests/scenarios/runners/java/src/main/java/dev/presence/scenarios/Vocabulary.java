package dev.presence.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.presence.AvailabilityEvent;
import dev.presence.Counts;
import dev.presence.Event;
import dev.presence.Histogram;
import dev.presence.Intent;
import dev.presence.IntentEvent;
import dev.presence.Member;
import dev.presence.MemberEvent;
import dev.presence.Occupancy;
import dev.presence.OccupancyEvent;
import dev.presence.Readiness;
import dev.presence.ReadinessEvent;
import dev.presence.ReadinessPoint;
import dev.presence.Room;
import dev.presence.RoomMetrics;
import dev.presence.Session;
import dev.presence.SessionEvent;
import dev.presence.Stats;
import dev.presence.Target;
import dev.presence.TargetKind;
import dev.presence.User;
import dev.presence.UserEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The package's records in the file's vocabulary (README.md, "Records read back"): C field names,
 * lower-case enum names, times relative to {@code t0}, null for absent text. Every field the README
 * lists is reported, from the Java records themselves.
 */
final class Vocabulary {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final long t0;

  Vocabulary(long t0) {
    this.t0 = t0;
  }

  /** The file's name of an enum constant: its Java name, lower-cased. */
  static String name(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  /** An enum constant by the file's name. */
  static <E extends Enum<E>> E constant(Class<E> type, String name) {
    return Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
  }

  long relative(Instant time) {
    return time.toEpochMilli() - t0;
  }

  static ObjectNode object() {
    return NODES.objectNode();
  }

  static <T> ArrayNode array(List<T> items, Function<T, JsonNode> convert) {
    ArrayNode out = NODES.arrayNode();
    items.forEach(item -> out.add(convert.apply(item)));
    return out;
  }

  private static JsonNode text(Optional<String> value) {
    return value.<JsonNode>map(NODES::textNode).orElse(NODES.nullNode());
  }

  ObjectNode session(Session s) {
    ObjectNode out = object();
    out.put("id", s.sessionId());
    out.set("user", text(s.userId()));
    out.put("state", name(s.state()));
    out.put("reconnecting", s.reconnecting());
    out.put("visible", s.visible());
    out.put("connected", s.connected());
    out.put("confidence", s.confidence());
    out.put("confidence_bucket", name(s.confidenceBucket()));
    out.put("last_signal_at", relative(s.lastSignalAt()));
    out.put("last_activity_at", relative(s.lastActivityAt()));
    out.put("since", relative(s.since()));
    out.put("heartbeat_interval_ms", s.heartbeatInterval().toMillis());
    out.set("meta", text(s.meta()));
    out.set("transport", text(s.transportId()));
    out.put("true_state", name(s.trueState()));
    return out;
  }

  ObjectNode user(User u) {
    ObjectNode out = object();
    out.put("id", u.userId());
    out.put("state", name(u.state()));
    out.put("since", relative(u.since()));
    out.put("last_seen_at", relative(u.lastSeenAt()));
    out.put("evidence", name(u.lastEvidence()));
    out.put("session_count", u.sessionCount());
    out.put("confidence", u.confidence());
    out.put("confidence_bucket", name(u.confidenceBucket()));
    out.put("availability", name(u.availability()));
    out.put("true_state", name(u.trueState()));
    out.put("true_availability", name(u.trueAvailability()));
    out.put("readiness", u.readiness());
    out.put("ready", u.ready());
    return out;
  }

  static ObjectNode counts(Counts c) {
    ObjectNode out = object();
    out.put("sessions_active", c.sessionsActive());
    out.put("sessions_idle", c.sessionsIdle());
    out.put("sessions_away", c.sessionsAway());
    out.put("sessions_stale", c.sessionsStale());
    out.put("sessions_reconnecting", c.sessionsReconnecting());
    out.put("sessions_alive", c.sessionsAlive());
    out.put("guest_sessions", c.guestSessions());
    out.put("users_active", c.usersActive());
    out.put("users_idle", c.usersIdle());
    out.put("users_away", c.usersAway());
    out.put("users_stale", c.usersStale());
    out.put("users_offline", c.usersOffline());
    out.put("users_alive", c.usersAlive());
    out.put("users_invisible", c.usersInvisible());
    out.put("sessions_invisible", c.sessionsInvisible());
    out.put("rooms", c.rooms());
    return out;
  }

  static ObjectNode stats(Stats s) {
    ObjectNode out = object();
    out.put("session_records", s.sessionRecords());
    out.put("user_records", s.userRecords());
    out.put("signals", s.signals());
    out.put("transitions", s.transitions());
    out.put("events_published", s.eventsPublished());
    out.put("last_seq", s.lastSeq());
    out.put("oldest_seq", s.oldestSeq());
    out.put("pending_timers", s.pendingTimers());
    out.put("limit_rejections", s.limitRejections());
    return out;
  }

  /** Members and sessions by state, as the file's {@code {active, idle, away, stale}}. */
  private static ObjectNode byState(long active, long idle, long away, long stale) {
    ObjectNode out = object();
    out.put("active", active);
    out.put("idle", idle);
    out.put("away", away);
    out.put("stale", stale);
    return out;
  }

  private static ObjectNode members(Occupancy o) {
    return byState(o.membersActive(), o.membersIdle(), o.membersAway(), o.membersStale());
  }

  private static ObjectNode sessions(Occupancy o) {
    return byState(o.sessionsActive(), o.sessionsIdle(), o.sessionsAway(), o.sessionsStale());
  }

  ObjectNode room(Room r) {
    ObjectNode out = object();
    out.put("id", r.roomId());
    out.put("created_at", relative(r.createdAt()));
    out.set("sessions", sessions(r.occupancy()));
    out.set("members", members(r.occupancy()));
    out.put("guests", r.guests());
    out.put("arriving", r.arriving());
    out.put("density", r.density());
    out.put("arrivals_per_minute", r.arrivalsPerMinute());
    out.put("departures_per_minute", r.departuresPerMinute());
    out.put("readiness", r.readiness());
    out.put("ready", r.ready());
    out.put("count_only", r.isCountOnly());
    out.put("occupancy_interval_ms", r.occupancyInterval().map(Duration::toMillis).orElse(0L));
    return out;
  }

  ObjectNode member(Member m) {
    ObjectNode out = object();
    out.put("id", m.memberId());
    out.put("guest", m.guest());
    out.put("state", name(m.state()));
    out.put("joined_at", relative(m.joinedAt()));
    out.put("arriving", m.arriving());
    out.put("session_count", m.sessionCount());
    out.put("last_seen_at", relative(m.lastSeenAt()));
    out.put("confidence", m.confidence());
    out.put("confidence_bucket", name(m.confidenceBucket()));
    out.put("availability", name(m.availability()));
    return out;
  }

  ObjectNode intent(Intent i) {
    ObjectNode out = object();
    out.put("id", i.intentId());
    out.put("from", i.from());
    out.put("target_kind", name(i.target().kind()));
    out.put("target", i.target().id());
    out.put("kind", i.kind());
    out.put("created_at", relative(i.createdAt()));
    out.put("expires_at", relative(i.expiresAt()));
    out.put("state", name(i.state()));
    return out;
  }

  static ObjectNode readiness(Readiness r) {
    ObjectNode out = object();
    out.put("score", r.score());
    out.put("ready", r.ready());
    out.put("can_call", r.canCall());
    out.put("reason", name(r.reason()));
    out.put("state", name(r.state()));
    out.put("availability", name(r.availability()));
    return out;
  }

  ObjectNode metrics(RoomMetrics m) {
    ObjectNode out = object();
    out.put("joins", m.joins());
    out.put("leaves", m.leaves());
    out.put("drop_offs", m.dropOffs());
    out.put("peak_members", m.peakMembers());
    out.put("peak_sessions", m.peakSessions());
    List<Histogram.Bucket> bounded =
        m.dwell().buckets().stream().filter(b -> b.upperBound().isPresent()).toList();
    out.set(
        "bucket_upper_ms", array(bounded, b -> NODES.numberNode(b.upperBound().get().toMillis())));
    out.set("dwell", array(m.dwell().buckets(), b -> NODES.numberNode(b.count())));
    out.set("attention", array(m.attention().buckets(), b -> NODES.numberNode(b.count())));
    out.set("curve", array(m.readinessCurve(), this::point));
    return out;
  }

  private JsonNode point(ReadinessPoint p) {
    ObjectNode out = object();
    out.put("at", relative(p.at()));
    out.put("score", p.score());
    return out;
  }

  /** The room of a target, null for a user (the C event's room_id). */
  private static JsonNode roomOf(Target target) {
    return target.kind() == TargetKind.ROOM ? NODES.textNode(target.id()) : NODES.nullNode();
  }

  /**
   * An event: {@code seq}, {@code kind}, {@code id}, the fields of its kind, then {@code at} and
   * {@code published_at}; the fields of other kinds are absent.
   */
  ObjectNode event(Event e) {
    ObjectNode out = object();
    out.put("seq", e.seq());
    out.put("kind", name(e.kind()));
    if (e instanceof SessionEvent s) {
      out.put("id", s.sessionId());
      out.set("user", text(s.userId()));
      presenceFields(out, s.oldState(), s.newState(), 0, s.confidence(), s.confidenceBucket());
      out.put("last_seen_at", relative(s.lastSeenAt()));
    } else if (e instanceof UserEvent u) {
      out.put("id", u.userId());
      out.putNull("user");
      presenceFields(
          out, u.oldState(), u.newState(), u.sessionCount(), u.confidence(), u.confidenceBucket());
      out.put("last_seen_at", relative(u.lastSeenAt()));
      out.put("availability", name(u.availability()));
    } else if (e instanceof MemberEvent m) {
      out.put("id", m.memberId());
      out.put("room", m.roomId());
      out.put("guest", m.guest());
      out.put("old", name(m.oldState()));
      out.put("new", name(m.newState()));
      out.put("availability", name(m.availability()));
    } else if (e instanceof ReadinessEvent r) {
      out.put("id", r.target().id());
      out.put("target_kind", name(r.target().kind()));
      out.set("room", roomOf(r.target()));
      out.put("ready", r.ready());
      out.put("readiness", r.score());
    } else if (e instanceof IntentEvent i) {
      out.put("id", i.intentId());
      out.put("intent_kind", i.intentKind());
      out.put("from", i.from());
      out.put("target_kind", name(i.target().kind()));
      out.put("target", i.target().id());
      out.set("room", roomOf(i.target()));
      out.put("intent_state", name(i.state()));
    } else if (e instanceof OccupancyEvent o) {
      out.put("id", o.roomId());
      out.put("room", o.roomId());
      out.set("members", members(o.occupancy()));
      out.set("sessions", sessions(o.occupancy()));
      out.put("readiness", o.readiness());
    } else if (e instanceof AvailabilityEvent a) {
      out.put("id", a.userId());
      out.put("availability", name(a.availability()));
    }
    out.put("at", relative(e.at()));
    out.put("published_at", relative(e.publishedAt()));
    return out;
  }

  private static void presenceFields(
      ObjectNode out,
      Enum<?> oldState,
      Enum<?> newState,
      int sessionCount,
      double confidence,
      Enum<?> bucket) {
    out.put("old", name(oldState));
    out.put("new", name(newState));
    out.put("session_count", sessionCount);
    out.put("confidence", confidence);
    out.put("confidence_bucket", name(bucket));
  }
}
