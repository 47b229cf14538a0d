package dev.presence.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.presence.Activity;
import dev.presence.Counts;
import dev.presence.Event;
import dev.presence.Session;
import dev.presence.SessionEvent;
import dev.presence.State;
import dev.presence.User;
import dev.presence.UserEvent;
import dev.presence.Visibility;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The JSON shapes of the service: request fields in, engine records out. Names follow the reference
 * wire contract of the presence model (camelCase, {@code status} for a state, times in milliseconds
 * since the epoch), the same as the Python service's.
 */
final class Wire {
  static final ObjectMapper MAPPER = new ObjectMapper();

  // The wire spellings of the hints a client may send; the engine takes enums.
  static final Map<String, Activity> ACTIVITIES =
      Map.of("active", Activity.ACTIVE, "idle", Activity.IDLE);
  static final Map<String, Visibility> VISIBILITIES =
      Map.of("visible", Visibility.VISIBLE, "hidden", Visibility.HIDDEN);
  static final Map<String, State> STATES =
      Arrays.stream(State.values()).collect(Collectors.toMap(State::label, s -> s));

  private Wire() {}

  /** A request the service refuses before it reaches the engine (answered with 400). */
  static final class BadRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequestException(String message) {
      super(message);
    }
  }

  /** A JSON object body; an empty body is {@code {}} where the fields are optional. */
  static ObjectNode object(byte[] body, boolean required) {
    String text = new String(body, StandardCharsets.UTF_8);
    if (text.isBlank()) {
      if (required) {
        throw new BadRequestException("a JSON object body is required");
      }
      return MAPPER.createObjectNode();
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new BadRequestException("malformed JSON: " + e.getOriginalMessage());
    }
    if (!(node instanceof ObjectNode object)) {
      throw new BadRequestException("the body must be a JSON object");
    }
    return object;
  }

  /** A string field; its content (length, encoding) is the engine's to judge. */
  static String string(ObjectNode body, String name, boolean required) {
    JsonNode value = body.get(name);
    if (value == null || value.isNull()) {
      if (required) {
        throw new BadRequestException(name + " is required");
      }
      return null;
    }
    if (!value.isTextual()) {
      throw new BadRequestException(name + " must be a string");
    }
    return value.textValue();
  }

  /** An optional enumerated string (absent or null gives {@code fallback}). */
  static <T> T choice(String value, String name, Map<String, T> choices, T fallback) {
    if (value == null) {
      return fallback;
    }
    T chosen = choices.get(value);
    if (chosen == null) {
      throw new BadRequestException(
          name + " must be one of " + String.join(", ", new TreeMap<>(choices).keySet()));
    }
    return chosen;
  }

  /** The same for a JSON field, which must then be a string. */
  static <T> T choice(ObjectNode body, String name, Map<String, T> choices, T fallback) {
    JsonNode value = body.get(name);
    if (value == null || value.isNull()) {
      return fallback;
    }
    return choice(value.isTextual() ? value.textValue() : value.toString(), name, choices, null);
  }

  /** Session metadata travels as a JSON object and is stored as its compact text. */
  static String meta(ObjectNode body) {
    JsonNode meta = body.get("meta");
    if (meta == null || meta.isNull()) {
      return null;
    }
    if (!meta.isObject()) {
      throw new BadRequestException("meta must be a JSON object");
    }
    return meta.toString();
  }

  static ObjectNode session(Session s) {
    ObjectNode out = MAPPER.createObjectNode();
    out.put("sessionId", s.sessionId());
    out.put("userId", s.userId().orElse(null));
    out.put("status", s.state().label());
    out.put("reconnecting", s.reconnecting());
    out.put("visible", s.visible());
    out.put("connected", s.connected());
    out.put("confidence", s.confidence());
    out.put("confidenceBucket", lower(s.confidenceBucket()));
    out.put("lastHeartbeatAt", s.lastSignalAt().toEpochMilli());
    out.put("lastActivityAt", s.lastActivityAt().toEpochMilli());
    out.put("since", s.since().toEpochMilli());
    out.put("heartbeatIntervalMs", s.heartbeatInterval().toMillis());
    out.set("meta", s.meta().map(Wire::parseStoredMeta).orElse(null));
    return out;
  }

  static ObjectNode user(User u) {
    ObjectNode out = MAPPER.createObjectNode();
    out.put("userId", u.userId());
    out.put("status", u.state().label());
    out.put("confidence", u.confidence());
    out.put("confidenceBucket", lower(u.confidenceBucket()));
    out.put("sessionCount", u.sessionCount());
    out.put("lastSeenAt", u.lastSeenAt().toEpochMilli());
    out.put("since", u.since().toEpochMilli());
    return out;
  }

  static ObjectNode counts(Counts c) {
    ObjectNode out = MAPPER.createObjectNode();
    ObjectNode sessions = out.putObject("sessions");
    sessions.put("active", c.sessionsActive());
    sessions.put("idle", c.sessionsIdle());
    sessions.put("away", c.sessionsAway());
    sessions.put("stale", c.sessionsStale());
    sessions.put("reconnecting", c.sessionsReconnecting());
    sessions.put("guests", c.guestSessions());
    sessions.put("alive", c.sessionsAlive());
    ObjectNode users = out.putObject("users");
    users.put("active", c.usersActive());
    users.put("idle", c.usersIdle());
    users.put("away", c.usersAway());
    users.put("stale", c.usersStale());
    users.put("offline", c.usersOffline());
    users.put("alive", c.usersAlive());
    return out;
  }

  /**
   * A session or user change; empty for the coordination kinds (readiness, ...), which the service
   * does not forward: it opens no rooms and records no intents.
   */
  static Optional<ObjectNode> event(Event e) {
    ObjectNode out = MAPPER.createObjectNode();
    out.put("seq", e.seq());
    out.put("kind", lower(e.kind()));
    out.put("at", e.at().toEpochMilli());
    out.put("publishedAt", e.publishedAt().toEpochMilli());
    if (e instanceof SessionEvent s) {
      out.put("id", s.sessionId());
      out.put("userId", s.userId().orElse(null));
      out.put("oldStatus", s.oldState().label());
      out.put("newStatus", s.newState().label());
      out.put("confidence", s.confidence());
      out.put("confidenceBucket", lower(s.confidenceBucket()));
      out.put("lastSeenAt", s.lastSeenAt().toEpochMilli());
    } else if (e instanceof UserEvent u) {
      out.put("id", u.userId());
      out.putNull("userId");
      out.put("oldStatus", u.oldState().label());
      out.put("newStatus", u.newState().label());
      out.put("confidence", u.confidence());
      out.put("confidenceBucket", lower(u.confidenceBucket()));
      out.put("lastSeenAt", u.lastSeenAt().toEpochMilli());
      out.put("sessionCount", u.sessionCount());
    } else {
      return Optional.empty();
    }
    return Optional.of(out);
  }

  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  /** Only this service writes metadata, always as the text of a JSON object. */
  private static JsonNode parseStoredMeta(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored metadata is not JSON: " + text, e);
    }
  }
}
