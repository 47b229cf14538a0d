package dev.presence.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.presence.Engine;
import dev.presence.OpenOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** GET /api/stream (Server-Sent Events), time-driven changes, and the service's shutdown. */
@Timeout(30)
class StreamTest {
  @Test
  void streamDeliversChangesAsTheyHappen() throws Exception {
    try (ServiceHarness http = new ServiceHarness();
        ServiceHarness.Stream stream = http.stream("/api/stream")) {
      assertEquals(200, stream.status);
      assertEquals("text/event-stream", stream.contentType);
      http.open("a-1", "ann");
      Map<String, String> first = stream.next();
      assertEquals("session", first.get("event"));
      JsonNode data = Wire.MAPPER.readTree(first.get("data"));
      assertEquals("a-1", data.get("id").textValue());
      assertEquals("offline", data.get("oldStatus").textValue());
      assertEquals("active", data.get("newStatus").textValue());
      assertEquals(String.valueOf(data.get("seq").longValue()), first.get("id"));
      Map<String, String> second = stream.next();
      assertEquals("user", second.get("event"));
      assertEquals(1, Wire.MAPPER.readTree(second.get("data")).get("sessionCount").intValue());
    }
  }

  @Test
  void streamResumesAfterLastEventId() throws Exception {
    try (ServiceHarness http = new ServiceHarness()) {
      http.open("a-1", "ann");
      http.open("b-1", "bob");
      JsonNode events = http.get("/api/events?after=0").json().get("events");
      assertEquals(4, events.size());
      String afterAnn = String.valueOf(events.get(1).get("seq").longValue());
      try (ServiceHarness.Stream stream =
          http.stream("/api/stream", Map.of("Last-Event-ID", afterAnn))) {
        assertEquals("b-1", stream.nextData().get("id").textValue());
        assertEquals("bob", stream.nextData().get("id").textValue());
      }
      // An EventSource that saw no id yet sends an empty one: the query decides.
      try (ServiceHarness.Stream stream =
          http.stream("/api/stream?after=0", Map.of("Last-Event-ID", ""))) {
        assertEquals("a-1", stream.nextData().get("id").textValue());
      }
    }
  }

  @Test
  void streamRefusesABadOrLostStart() throws Exception {
    try (ServiceHarness http = new ServiceHarness(b -> b.eventBufferCapacity(2))) {
      ServiceHarness.Reply reply = http.get("/api/stream?after=soon");
      assertEquals(400, reply.status());
      assertEquals("invalid_argument", reply.json().get("code").textValue());
      assertEquals(400, http.get("/api/stream?after=50").status());
      http.open("s-0", "u-0");
      http.open("s-1", "u-1");
      reply = http.get("/api/stream?after=0");
      assertEquals(410, reply.status());
      assertEquals("too_far_behind", reply.json().get("code").textValue());
    }
  }

  @Test
  void fallingBehindEndsWithResync() throws Exception {
    try (ServiceHarness http = new ServiceHarness(b -> b.eventBufferCapacity(2))) {
      Engine engine = http.service.engine();
      try (ServiceHarness.Stream stream = http.stream("/api/stream")) {
        // The stream's listener runs on the engine's dispatcher thread and keeps up with HTTP
        // calls; a burst made inside another listener's callback, on that same thread, cannot
        // be kept up with.
        AtomicBoolean burst = new AtomicBoolean();
        // Registered until the engine closes with the service.
        engine.addListener(
            e -> {
              if (burst.compareAndSet(false, true)) {
                for (int i = 0; i < 8; i++) {
                  engine.open("burst-" + i, OpenOptions.user("u-" + i));
                }
              }
            });
        http.open("s-0", "u-0");
        Map<String, String> event;
        do {
          event = stream.next();
        } while (event != null && !"resync".equals(event.get("event")));
        assertTrue(event != null, "no resync event");
        JsonNode data = Wire.MAPPER.readTree(event.get("data"));
        assertTrue(data.get("error").textValue().contains("take a snapshot"));
        assertEquals("", stream.rest()); // and the stream ends
      }
    }
  }

  @Test
  void theTickerTurnsSilenceIntoIdleAndStreamsIt() throws Exception {
    try (ServiceHarness http =
            new ServiceHarness(
                b -> b.idleAfter(Duration.ofMillis(200)).awayAfter(Duration.ofMinutes(1)));
        ServiceHarness.Stream stream = http.stream("/api/stream")) {
      http.open("a-1", "ann");
      List<String> changes = new ArrayList<>();
      while (!changes.contains("ann idle")) {
        JsonNode data = stream.nextData();
        changes.add(data.get("id").textValue() + " " + data.get("newStatus").textValue());
      }
      assertEquals(List.of("a-1 active", "ann active", "a-1 idle", "ann idle"), changes);
      JsonNode body = http.get("/api/whos-online").json();
      assertEquals("idle", body.get("users").get("ann").get("status").textValue());
      assertEquals(1, body.get("counts").get("sessions").get("idle").intValue());
    }
  }

  @Test
  void closeEndsStreamsAndClosesTheEngine() throws Exception {
    ServiceHarness http = new ServiceHarness();
    try (ServiceHarness.Stream stream = http.stream("/api/stream")) {
      assertEquals(200, stream.status);
      http.close();
      assertTrue(http.service.engine().isClosed());
      http.close(); // idempotent
      // The stream ended rather than hanging on the closed engine.
      assertEquals(": connected\n\n", stream.rest());
    }
  }
}
