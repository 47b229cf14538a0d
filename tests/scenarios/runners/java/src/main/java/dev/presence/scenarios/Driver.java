package dev.presence.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.presence.Activity;
import dev.presence.Availability;
import dev.presence.BatchResult;
import dev.presence.Delivery;
import dev.presence.Engine;
import dev.presence.Event;
import dev.presence.EventBatch;
import dev.presence.Fanout;
import dev.presence.Heartbeat;
import dev.presence.MemberPage;
import dev.presence.OpenOptions;
import dev.presence.OpenResult;
import dev.presence.PresenceException;
import dev.presence.RoomPage;
import dev.presence.Snapshot;
import dev.presence.State;
import dev.presence.Target;
import dev.presence.TargetKind;
import dev.presence.UserDetail;
import dev.presence.UserPage;
import dev.presence.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Plays the steps of one scenario on one engine: a table from the file's {@code do} values to the
 * Java API's calls (README.md, "Steps"), and nothing else. It holds no presence logic.
 */
final class Driver {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** A read of one thing that the Java API answers with an empty Optional: C's PE_NOT_FOUND. */
  private static final class Missing extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Missing(String what) {
      super("no such " + what);
    }
  }

  private final Engine engine;
  private final long t0;
  private final Vocabulary words;
  private final Map<String, Function<JsonNode, JsonNode>> calls = new HashMap<>();
  private final Map<String, JsonNode> named = new HashMap<>();
  private long checkpoint;

  Driver(Engine engine, long t0) {
    this.engine = engine;
    this.t0 = t0;
    this.words = new Vocabulary(t0);
    calls.put("open", this::open);
    calls.put("heartbeat", this::heartbeat);
    calls.put("heartbeat_batch", this::heartbeatBatch);
    calls.put("activity", s -> none(() -> engine.activity(text(s, "session"), now(s))));
    calls.put(
        "visibility",
        s ->
            none(() -> engine.visibility(text(s, "session"), visibility(s, "visibility"), now(s))));
    calls.put("disconnect", s -> none(() -> engine.disconnect(text(s, "session"), now(s))));
    calls.put(
        "disconnect_transport",
        s -> none(() -> engine.disconnectTransport(text(s, "transport"), now(s))));
    calls.put("leave", s -> none(() -> engine.leave(text(s, "session"), now(s))));
    calls.put(
        "identify", s -> none(() -> engine.identify(text(s, "session"), text(s, "user"), now(s))));
    calls.put("advance", this::advance);
    calls.put("next_deadline", this::nextDeadline);
    calls.put("engine_now", s -> object("now", words.relative(engine.now())));
    calls.put("get_session", this::getSession);
    calls.put("get_user", this::getUser);
    calls.put("counts", s -> Vocabulary.counts(engine.counts(now(s))));
    calls.put("count_seen", this::countSeen);
    calls.put("list_users", this::listUsers);
    calls.put("snapshot", this::snapshot);
    calls.put("poll_events", this::pollEvents);
    calls.put("events", this::events);
    calls.put("stats", s -> Vocabulary.stats(engine.stats()));
    calls.put("close", s -> none(engine::close));
    calls.put(
        "join_room", s -> none(() -> engine.joinRoom(text(s, "session"), text(s, "room"), now(s))));
    calls.put(
        "leave_room",
        s -> none(() -> engine.leaveRoom(text(s, "session"), text(s, "room"), now(s))));
    calls.put("set_count_only", this::setCountOnly);
    calls.put("get_room", this::getRoom);
    calls.put("list_rooms", this::listRooms);
    calls.put("list_members", this::listMembers);
    calls.put("user_rooms", this::userRooms);
    calls.put("room_metrics", this::roomMetrics);
    calls.put(
        "set_availability",
        s ->
            none(
                () ->
                    engine.setAvailability(
                        text(s, "user"), constant(Availability.class, s, "availability"), now(s))));
    calls.put("readiness", s -> Vocabulary.readiness(engine.readiness(target(s), now(s))));
    calls.put("open_intent", this::openIntent);
    calls.put("cancel_intent", this::cancelIntent);
    calls.put("list_intents", this::listIntents);
    calls.put("subscribe", s -> none(() -> engine.subscribe(text(s, "subscriber"), target(s))));
    calls.put("unsubscribe", s -> none(() -> engine.unsubscribe(text(s, "subscriber"), target(s))));
    calls.put("unsubscribe_all", s -> none(() -> engine.unsubscribeAll(text(s, "subscriber"))));
    calls.put("fanout", this::fanout);
    calls.put("prometheus", this::prometheus);
  }

  /** Makes the call of one step; a PresenceException becomes its status. */
  Outcome run(JsonNode step) {
    try {
      JsonNode actual = calls.get(step.get("do").asText()).apply(step);
      if (step.has("as")) {
        named.put(step.get("as").asText(), actual);
      }
      return Outcome.ok(actual);
    } catch (PresenceException e) {
      return Outcome.failed(e.status().name(), e.getMessage());
    } catch (Missing e) {
      return Outcome.failed("NOT_FOUND", e.getMessage());
    }
  }

  // --- arguments -------------------------------------------------------------------------

  /**
   * The time of a step: {@code t0 + at}, or its {@code now_ms} as given. PE_NOW (-1), "the engine's
   * clock", is the system clock, read here a moment before the engine would read it.
   */
  private Instant now(JsonNode step) {
    if (step.has("at")) {
      return Instant.ofEpochMilli(t0 + step.get("at").asLong());
    }
    long given = step.get("now_ms").asLong();
    return given == -1 ? Instant.now() : Instant.ofEpochMilli(given);
  }

  /** A text argument: a string, or {@code {"repeat": s, "count": n}}. */
  private static String text(JsonNode step, String field) {
    JsonNode value = step.get(field);
    if (value.isTextual()) {
      return value.asText();
    }
    return value.get("repeat").asText().repeat(value.get("count").asInt());
  }

  private static String optionalText(JsonNode step, String field) {
    return step.has(field) ? text(step, field) : null;
  }

  private static <E extends Enum<E>> E constant(Class<E> type, JsonNode step, String field) {
    return Vocabulary.constant(type, step.get(field).asText());
  }

  private static Visibility visibility(JsonNode step, String field) {
    return step.has(field) ? constant(Visibility.class, step, field) : Visibility.UNKNOWN;
  }

  private static Activity activity(JsonNode step) {
    return step.has("activity") ? constant(Activity.class, step, "activity") : Activity.UNKNOWN;
  }

  private static Target target(JsonNode step) {
    return new Target(constant(TargetKind.class, step, "target_kind"), text(step, "target"));
  }

  /** A page size: the engine refuses what is out of its range, so larger ones stay large. */
  private static int limit(JsonNode step) {
    long limit = step.get("limit").asLong();
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, limit));
  }

  private static int maxEvents(JsonNode step) {
    return step.path("max_events").asInt(0);
  }

  private String cursor(JsonNode step) {
    if (step.has("cursor_from")) {
      return named.get(step.get("cursor_from").asText()).get("cursor").asText();
    }
    return step.has("cursor") ? text(step, "cursor") : "";
  }

  private long afterSeq(JsonNode step) {
    if (step.has("after_seq_from")) {
      return named.get(step.get("after_seq_from").asText()).get("seq").asLong();
    }
    return step.get("after_seq").asLong();
  }

  // --- results ---------------------------------------------------------------------------

  private static JsonNode none(Runnable call) {
    call.run();
    return null;
  }

  private static ObjectNode object(String field, long value) {
    ObjectNode out = Vocabulary.object();
    out.put(field, value);
    return out;
  }

  private ArrayNode events(List<Event> events, JsonNode step) {
    Set<String> kinds = new java.util.HashSet<>();
    step.path("kinds").forEach(k -> kinds.add(k.asText()));
    List<Event> kept =
        events.stream()
            .filter(e -> kinds.isEmpty() || kinds.contains(Vocabulary.name(e.kind())))
            .toList();
    return Vocabulary.array(kept, words::event);
  }

  /** A page's results: its items, whether another page follows, and its cursor for later steps. */
  private static ObjectNode page(String field, ArrayNode items, Optional<String> next) {
    ObjectNode out = Vocabulary.object();
    out.set(field, items);
    out.put("more", next.isPresent());
    out.put("cursor", next.orElse(""));
    return out;
  }

  // --- signals ---------------------------------------------------------------------------

  private JsonNode open(JsonNode step) {
    OpenOptions options =
        OpenOptions.guest()
            .withUserId(optionalText(step, "user"))
            .withMeta(optionalText(step, "meta"))
            .withTransportId(optionalText(step, "transport"))
            .withVisibility(visibility(step, "visibility"));
    OpenResult result = engine.open(text(step, "session"), options, now(step));
    ObjectNode out = Vocabulary.object();
    out.put("continued", result.continued());
    out.put("heartbeat_interval_ms", result.heartbeatInterval().toMillis());
    out.put("state", Vocabulary.name(result.state()));
    return out;
  }

  private JsonNode heartbeat(JsonNode step) {
    Duration next =
        engine.heartbeat(
            text(step, "session"), activity(step), visibility(step, "visibility"), now(step));
    return object("heartbeat_interval_ms", next.toMillis());
  }

  private JsonNode heartbeatBatch(JsonNode step) {
    List<Heartbeat> items = new ArrayList<>();
    step.get("items")
        .forEach(
            item ->
                items.add(
                    new Heartbeat(
                        text(item, "session"), activity(item), visibility(item, "visibility"))));
    BatchResult result = engine.heartbeatBatch(items, now(step));
    ObjectNode out = Vocabulary.object();
    out.set(
        "statuses", Vocabulary.array(result.outcomes(), o -> NODES.textNode(o.status().name())));
    out.set(
        "heartbeat_intervals_ms",
        Vocabulary.array(result.outcomes(), o -> NODES.numberNode(o.interval().toMillis())));
    out.put("failed", result.failed());
    return out;
  }

  private JsonNode advance(JsonNode step) {
    ObjectNode out = Vocabulary.object();
    out.put("more", engine.advance(now(step), step.path("max_steps").asInt(0)));
    return out;
  }

  private JsonNode nextDeadline(JsonNode step) {
    ObjectNode out = Vocabulary.object();
    Optional<Instant> deadline = engine.nextDeadline();
    if (deadline.isPresent()) {
      out.put("deadline", words.relative(deadline.get()));
    } else {
      out.putNull("deadline");
    }
    return out;
  }

  // --- reads -----------------------------------------------------------------------------

  private JsonNode getSession(JsonNode step) {
    return words.session(
        engine.session(text(step, "session"), now(step)).orElseThrow(() -> new Missing("session")));
  }

  private JsonNode getUser(JsonNode step) {
    UserDetail detail =
        engine.user(text(step, "user"), now(step)).orElseThrow(() -> new Missing("user"));
    ObjectNode out = Vocabulary.object();
    out.set("user", words.user(detail.user()));
    out.set("sessions", Vocabulary.array(detail.sessions(), words::session));
    return out;
  }

  private JsonNode countSeen(JsonNode step) {
    Duration window = Duration.ofMillis(step.get("window_ms").asLong());
    return object("users", engine.countSeen(window, now(step)));
  }

  private JsonNode listUsers(JsonNode step) {
    UserPage page =
        engine.listUsers(
            constant(State.class, step, "min_state"), limit(step), cursor(step), now(step));
    return page("users", Vocabulary.array(page.users(), words::user), page.nextCursor());
  }

  private JsonNode snapshot(JsonNode step) {
    Snapshot snapshot = engine.snapshot(now(step));
    ObjectNode out = Vocabulary.object();
    out.put("seq", snapshot.seq());
    out.set("users", Vocabulary.array(snapshot.users(), words::user));
    out.set("sessions", Vocabulary.array(snapshot.sessions(), words::session));
    return out;
  }

  private JsonNode pollEvents(JsonNode step) {
    EventBatch batch = engine.eventsSince(afterSeq(step), maxEvents(step));
    ObjectNode out = Vocabulary.object();
    out.put("seq", batch.seq());
    out.set("events", events(batch.events(), step));
    return out;
  }

  /** The checkpoint: every event since the previous one, then the cursor moves past them. */
  private JsonNode events(JsonNode step) {
    EventBatch batch = engine.eventsSince(checkpoint);
    checkpoint = batch.seq();
    return events(batch.events(), step);
  }

  // --- coordination ----------------------------------------------------------------------

  private JsonNode setCountOnly(JsonNode step) {
    String room = text(step, "room");
    if (step.get("count_only").asBoolean()) {
      engine.setCountOnly(room, Duration.ofMillis(step.path("interval_ms").asLong(0)), now(step));
    } else {
      engine.clearCountOnly(room, now(step));
    }
    return null;
  }

  private JsonNode getRoom(JsonNode step) {
    return words.room(
        engine.room(text(step, "room"), now(step)).orElseThrow(() -> new Missing("room")));
  }

  private JsonNode listRooms(JsonNode step) {
    RoomPage page = engine.listRooms(limit(step), cursor(step), now(step));
    return page("rooms", Vocabulary.array(page.rooms(), words::room), page.nextCursor());
  }

  private JsonNode listMembers(JsonNode step) {
    MemberPage page =
        engine.listMembers(
            text(step, "room"),
            constant(State.class, step, "min_state"),
            limit(step),
            cursor(step),
            now(step));
    return page("members", Vocabulary.array(page.members(), words::member), page.nextCursor());
  }

  private JsonNode userRooms(JsonNode step) {
    ObjectNode out = Vocabulary.object();
    out.set("rooms", Vocabulary.array(engine.roomsOf(text(step, "user"), now(step)), words::room));
    return out;
  }

  private JsonNode roomMetrics(JsonNode step) {
    return words.metrics(
        engine.roomMetrics(text(step, "room"), now(step)).orElseThrow(() -> new Missing("room")));
  }

  private JsonNode openIntent(JsonNode step) {
    return words.intent(
        engine.openIntent(
            text(step, "from"),
            target(step),
            text(step, "kind"),
            Duration.ofMillis(step.get("ttl_ms").asLong()),
            now(step)));
  }

  private JsonNode cancelIntent(JsonNode step) {
    String id =
        step.has("intent_from")
            ? named.get(step.get("intent_from").asText()).get("id").asText()
            : text(step, "intent");
    engine.cancelIntent(id, now(step));
    return null;
  }

  private JsonNode listIntents(JsonNode step) {
    ObjectNode out = Vocabulary.object();
    out.set(
        "intents",
        Vocabulary.array(
            step.has("caller")
                ? engine.intentsFrom(text(step, "caller"), now(step))
                : engine.intentsTo(target(step), now(step)),
            words::intent));
    return out;
  }

  private JsonNode fanout(JsonNode step) {
    Fanout fanout = engine.fanout(afterSeq(step), maxEvents(step));
    ObjectNode out = Vocabulary.object();
    out.put("seq", fanout.seq());
    out.set("events", Vocabulary.array(fanout.events(), words::event));
    out.set("deliveries", Vocabulary.array(fanout.deliveries(), Driver::delivery));
    return out;
  }

  private static JsonNode delivery(Delivery delivery) {
    ObjectNode out = Vocabulary.object();
    out.put("subscriber", delivery.subscriber());
    out.set("seqs", Vocabulary.array(delivery.events(), e -> NODES.numberNode(e.seq())));
    return out;
  }

  private JsonNode prometheus(JsonNode step) {
    String text =
        step.has("room")
            ? engine.prometheusText(text(step, "room"), now(step))
            : engine.prometheusText(now(step));
    ArrayNode lines = NODES.arrayNode();
    text.lines().forEach(lines::add);
    ObjectNode out = Vocabulary.object();
    out.set("lines", lines);
    return out;
  }
}
