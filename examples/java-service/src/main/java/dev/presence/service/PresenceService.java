package dev.presence.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.presence.Activity;
import dev.presence.Engine;
import dev.presence.EventBatch;
import dev.presence.OpenOptions;
import dev.presence.OpenResult;
import dev.presence.Presence;
import dev.presence.PresenceException;
import dev.presence.State;
import dev.presence.Status;
import dev.presence.UserPage;
import dev.presence.Visibility;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A who's-online HTTP service: presence signals in over HTTP/JSON, reads and events out, on the
 * JDK's {@link HttpServer}.
 *
 * <p>The service owns its engine and closes it in {@link #close()}. The engine keeps the time:
 * every call uses its clock, and its ticker (configured by whoever built it) turns silence into
 * idle, away, stale and offline and publishes the debounced events.
 */
public final class PresenceService implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(PresenceService.class.getName());
  private static final int DEFAULT_PAGE = 50;
  private static final int DEFAULT_EVENT_BATCH = 1000;
  // Larger bodies are refused unread; signals are a few hundred bytes.
  private static final int MAX_BODY_BYTES = 1 << 20;
  // A stream ends as soon as its thread reads the end marker; a blocked write is given this long.
  private static final Duration STREAM_END_TIMEOUT = Duration.ofSeconds(2);

  private final Engine engine;
  private final HttpServer server;
  private final ExecutorService executor;
  private final Duration keepAlive;
  private final Set<SseStream> streams = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();
  // path pattern -> method -> handler
  private final Map<String, Map<String, Handler>> routes = new HashMap<>();

  @FunctionalInterface
  private interface Handler {
    /** The answer, or null when the handler has written the response itself (the stream). */
    Reply handle(Request request) throws IOException;
  }

  private record Request(HttpExchange exchange, String id, Map<String, String> query) {
    byte[] body() throws IOException {
      try (InputStream in = exchange.getRequestBody()) {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
          throw new HttpError(413, "Request Entity Too Large");
        }
        return body;
      }
    }
  }

  private record Reply(int status, String contentType, byte[] body) {
    static Reply json(int status, ObjectNode body) {
      return new Reply(status, "application/json; charset=utf-8", Wire.bytes(body));
    }

    static Reply ok(ObjectNode fields) {
      ObjectNode body = Wire.MAPPER.createObjectNode().put("ok", true);
      body.setAll(fields);
      return json(200, body);
    }
  }

  /** A refusal by route or size, answered with its status and reason. */
  private static final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    HttpError(int status, String reason) {
      super(reason);
      this.status = status;
    }
  }

  private PresenceService(Engine engine, InetSocketAddress address, Duration keepAlive)
      throws IOException {
    this.engine = engine;
    this.keepAlive = keepAlive;
    this.server = HttpServer.create(address, 0);
    // A thread per exchange: each open event stream holds one for its lifetime.
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "presence-http-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    route("POST", "/sessions", this::open);
    route("POST", "/sessions/{id}/heartbeat", this::heartbeat);
    route("POST", "/sessions/{id}/activity", r -> signal(() -> engine.activity(r.id())));
    route("POST", "/sessions/{id}/visibility", this::visibility);
    route("POST", "/sessions/{id}/identify", this::identify);
    route("POST", "/sessions/{id}/disconnect", r -> signal(() -> engine.disconnect(r.id())));
    route("DELETE", "/sessions/{id}", r -> signal(() -> engine.leave(r.id())));
    route("GET", "/api/whos-online", this::whosOnline);
    route("GET", "/api/users/{id}", this::user);
    route("GET", "/api/events", this::events);
    route("GET", "/api/stream", this::stream);
    route("GET", "/metrics", r -> metrics());
    route("GET", "/healthz", r -> healthz());
    server.createContext("/", this::exchange);
    server.setExecutor(executor);
  }

  /**
   * Starts a service on {@code address} (port 0: an ephemeral one) that owns {@code engine}.
   *
   * @param engine the engine, closed with the service
   * @param address where to listen
   * @param keepAlive how often a quiet event stream sends a comment, so proxies keep it open
   * @return the running service
   * @throws IOException if the address cannot be bound
   */
  public static PresenceService start(Engine engine, InetSocketAddress address, Duration keepAlive)
      throws IOException {
    PresenceService service = new PresenceService(engine, address, keepAlive);
    service.server.start();
    return service;
  }

  /** The port the service listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The engine, for the application's own calls (and tests). */
  public Engine engine() {
    return engine;
  }

  /**
   * Stops the service: ends the event streams (each client sees its response complete), stops
   * listening, then closes the engine. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    streams.forEach(SseStream::end);
    try {
      for (SseStream stream : streams) {
        if (!stream.awaitFinished(STREAM_END_TIMEOUT)) {
          LOG.warning("an event stream did not end in time; its connection is cut");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // The wait is done above: on JDK 17, stop(delay) waits the whole delay even with no exchange
    // left (JDK-8304065, fixed in 21).
    server.stop(0);
    executor.shutdownNow();
    engine.close();
  }

  private void route(String method, String pattern, Handler handler) {
    routes.computeIfAbsent(pattern, p -> new HashMap<>()).put(method, handler);
  }

  // --- Dispatch and errors ---------------------------------------------------------------

  private void exchange(HttpExchange exchange) throws IOException {
    try {
      Reply reply;
      try {
        reply = dispatch(exchange);
      } catch (PresenceException e) {
        reply = error(httpStatus(e.status()), e.getMessage(), lower(e.status()));
      } catch (Wire.BadRequestException e) {
        reply = error(400, e.getMessage(), "invalid_argument");
      } catch (HttpError e) {
        reply =
            error(
                e.status,
                e.getMessage(),
                e.getMessage().toLowerCase(Locale.ROOT).replace(' ', '_'));
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "internal error on " + exchange.getRequestURI(), e);
        reply = error(500, "internal error", "internal");
      }
      if (reply != null) {
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.sendResponseHeaders(reply.status(), reply.body().length);
        exchange.getResponseBody().write(reply.body());
      }
    } finally {
      exchange.close();
    }
  }

  private Reply dispatch(HttpExchange exchange) throws IOException {
    List<String> segments = segments(exchange.getRequestURI().getRawPath());
    String id = null;
    String pattern;
    int n = segments.size();
    if (n >= 2 && segments.get(0).equals("sessions") && n <= 3) {
      id = segments.get(1);
      pattern = "/sessions/{id}" + (n == 3 ? "/" + segments.get(2) : "");
    } else if (n == 3 && segments.get(0).equals("api") && segments.get(1).equals("users")) {
      id = segments.get(2);
      pattern = "/api/users/{id}";
    } else {
      pattern = "/" + String.join("/", segments);
    }
    Map<String, Handler> byMethod = routes.get(pattern);
    if (byMethod == null) {
      throw new HttpError(404, "Not Found");
    }
    Handler handler = byMethod.get(exchange.getRequestMethod());
    if (handler == null) {
      throw new HttpError(405, "Method Not Allowed");
    }
    return handler.handle(new Request(exchange, id, query(exchange.getRequestURI().getRawQuery())));
  }

  /** The engine's status, as the HTTP status a client should act on. */
  private static int httpStatus(Status status) {
    return switch (status) {
      case INVALID_ARGUMENT -> 400;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case LIMIT_EXCEEDED -> 429;
      case TOO_FAR_BEHIND -> 410; // gone: take a snapshot again
      case CLOSED -> 503;
      default -> 500;
    };
  }

  private static Reply error(int status, String message, String code) {
    ObjectNode body = Wire.MAPPER.createObjectNode();
    body.put("ok", false).put("error", message).put("code", code);
    return Reply.json(status, body);
  }

  /** Path segments, each percent-decoded on its own so an encoded '/' stays inside an id. */
  private static List<String> segments(String rawPath) {
    List<String> out = new ArrayList<>();
    for (String raw : rawPath.split("/")) {
      if (!raw.isEmpty()) {
        // URLDecoder decodes form encoding, where '+' is a space; in a path it is a '+'.
        out.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> out = new HashMap<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        out.putIfAbsent(
            URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static long longQuery(Request request, String name, long fallback) {
    String raw = request.query().get(name);
    if (raw == null) {
      return fallback;
    }
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw new Wire.BadRequestException(name + " must be an integer");
    }
  }

  /** A page size: beyond an int it is out of every range the engine accepts anyway. */
  private static int limit(Request request, int fallback) {
    long limit = longQuery(request, "limit", fallback);
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, limit));
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  private static ObjectNode fields() {
    return Wire.MAPPER.createObjectNode();
  }

  // --- Signals ----------------------------------------------------------------------------

  private Reply open(Request request) throws IOException {
    ObjectNode body = Wire.object(request.body(), true);
    String sessionId = Wire.string(body, "sessionId", true);
    OpenOptions options =
        new OpenOptions(
            Wire.string(body, "userId", false),
            Wire.meta(body),
            null,
            Wire.choice(body, "visibility", Wire.VISIBILITIES, Visibility.UNKNOWN));
    OpenResult result = engine.open(sessionId, options);
    ObjectNode reply = fields().put("ok", true).put("sessionId", sessionId);
    reply.put("continued", result.continued());
    reply.put("status", result.state().label());
    reply.put("heartbeatIntervalMs", result.heartbeatInterval().toMillis());
    // A continued session is the same resource, not a new one.
    return Reply.json(result.continued() ? 200 : 201, reply);
  }

  private Reply heartbeat(Request request) throws IOException {
    ObjectNode body = Wire.object(request.body(), false);
    Duration interval =
        engine.heartbeat(
            request.id(),
            Wire.choice(body, "activity", Wire.ACTIVITIES, Activity.UNKNOWN),
            Wire.choice(body, "visibility", Wire.VISIBILITIES, Visibility.UNKNOWN));
    return Reply.ok(fields().put("heartbeatIntervalMs", interval.toMillis()));
  }

  private Reply visibility(Request request) throws IOException {
    ObjectNode body = Wire.object(request.body(), true);
    Visibility visibility = Wire.choice(body, "visibility", Wire.VISIBILITIES, null);
    if (visibility == null) {
      throw new Wire.BadRequestException("visibility is required");
    }
    engine.visibility(request.id(), visibility);
    return Reply.ok(fields());
  }

  private Reply identify(Request request) throws IOException {
    ObjectNode body = Wire.object(request.body(), true);
    engine.identify(request.id(), Wire.string(body, "userId", true));
    return Reply.ok(fields());
  }

  private static Reply signal(Runnable call) {
    call.run();
    return Reply.ok(fields());
  }

  // --- Reads ------------------------------------------------------------------------------

  private Reply whosOnline(Request request) {
    State minState =
        Wire.choice(request.query().get("min_state"), "min_state", Wire.STATES, State.STALE);
    int limit = limit(request, DEFAULT_PAGE);
    String cursor = request.query().get("cursor");
    UserPage page =
        cursor == null
            ? engine.listUsers(minState, limit)
            : engine.listUsers(minState, limit, cursor);
    ObjectNode users = fields();
    ObjectNode sessions = fields();
    for (var u : page.users()) {
      users.set(u.userId(), Wire.user(u));
      // Empty if forgotten since the page was read (the ticker runs meanwhile): it has no
      // sessions left to show.
      engine
          .user(u.userId())
          .ifPresent(d -> d.sessions().forEach(s -> sessions.set(s.sessionId(), Wire.session(s))));
    }
    ObjectNode reply = fields();
    reply.put("generatedAt", engine.now().toEpochMilli());
    reply.put("seq", page.seq());
    reply.set("counts", Wire.counts(engine.counts()));
    reply.set("users", users);
    reply.set("sessions", sessions);
    reply.put("nextCursor", page.nextCursor().orElse(null));
    return Reply.ok(reply);
  }

  private Reply user(Request request) {
    return engine
        .user(request.id())
        .map(
            detail -> {
              ObjectNode sessions = fields();
              detail.sessions().forEach(s -> sessions.set(s.sessionId(), Wire.session(s)));
              ObjectNode reply = fields();
              reply.set("user", Wire.user(detail.user()));
              reply.set("sessions", sessions);
              return Reply.ok(reply);
            })
        // The same words as the engine's own refusal (the Python service passes that on).
        .orElseGet(() -> error(404, "no user '" + request.id() + "'", "not_found"));
  }

  private Reply events(Request request) {
    int limit = limit(request, DEFAULT_EVENT_BATCH);
    if (limit < 1) {
      // The binding reads 0 as "all"; the HTTP API keeps a bound on an answer.
      throw new Wire.BadRequestException("limit must be at least 1, got " + limit);
    }
    EventBatch batch = engine.eventsSince(longQuery(request, "after", 0), limit);
    var events = Wire.MAPPER.createArrayNode();
    batch.events().forEach(e -> Wire.event(e).ifPresent(events::add));
    ObjectNode reply = fields().put("seq", batch.seq());
    reply.set("events", events);
    return Reply.ok(reply);
  }

  /**
   * Server-Sent Events: one {@code session} or {@code user} event per change, {@code id} = seq.
   * Starts after {@code Last-Event-ID} (what a reconnecting EventSource sends), else after {@code
   * ?after=}, else at the newest event. If the client fell too far behind, the stream sends a
   * {@code resync} event and ends: read who's online again and reconnect after its {@code seq}.
   */
  private Reply stream(Request request) throws IOException {
    String after = request.exchange().getRequestHeaders().getFirst("Last-Event-ID");
    if (after == null || after.isEmpty()) { // an EventSource that saw no id sends it empty
      after = request.query().get("after");
    }
    Long start;
    try {
      start = after == null ? null : Long.valueOf(after);
    } catch (NumberFormatException e) {
      throw new Wire.BadRequestException("after (or Last-Event-ID) must be an integer");
    }
    // Registering checks the seq, so a bad or lost one is answered with a status before the
    // event stream starts.
    SseStream stream = SseStream.open(engine, start, keepAlive);
    streams.add(stream);
    try {
      stream.run(request.exchange());
    } finally {
      streams.remove(stream);
    }
    return null;
  }

  private Reply metrics() {
    byte[] text = engine.prometheusText().getBytes(StandardCharsets.UTF_8);
    return new Reply(200, "text/plain; version=0.0.4; charset=utf-8", text);
  }

  private Reply healthz() {
    // A read on the engine's clock: proves the engine answers, and moves now() to the clock.
    long alive = engine.counts().sessionsAlive();
    ObjectNode reply = fields().put("engineVersion", Presence.version());
    reply.put("now", engine.now().toEpochMilli());
    reply.put("sessionsAlive", alive);
    return Reply.ok(reply);
  }
}
