package dev.presence.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who's online, one user, events, metrics, health, and the routes that do not exist. */
class ReadsTest extends ServiceTest {
  private static List<String> names(JsonNode object) {
    List<String> out = new ArrayList<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void whosOnlineListsUsersSessionsAndCounts() throws Exception {
    http.open("a-1", "ann");
    http.open("a-2", "ann");
    http.open("b-1", "bob");
    http.open("guest-1", null);
    ServiceHarness.Reply reply = http.get("/api/whos-online");
    assertEquals(200, reply.status());
    JsonNode body = reply.json();
    assertTrue(body.get("ok").booleanValue());
    assertTrue(body.get("nextCursor").isNull());
    assertTrue(body.get("generatedAt").longValue() > 0);
    assertEquals(List.of("ann", "bob"), names(body.get("users")));
    JsonNode ann = body.get("users").get("ann");
    assertEquals("active", ann.get("status").textValue());
    assertEquals(2, ann.get("sessionCount").intValue());
    assertEquals("high", ann.get("confidenceBucket").textValue());
    assertEquals(1.0, ann.get("confidence").doubleValue());
    assertTrue(ann.get("lastSeenAt").longValue() >= ann.get("since").longValue());
    // Sessions of the listed users; the guest belongs to none of them.
    assertEquals(
        List.of("a-1", "a-2", "b-1"), names(body.get("sessions")).stream().sorted().toList());
    assertEquals(
        Wire.MAPPER.readTree(
            "{\"sessions\": {\"active\": 4, \"idle\": 0, \"away\": 0, \"stale\": 0,"
                + " \"reconnecting\": 0, \"guests\": 1, \"alive\": 4},"
                + " \"users\": {\"active\": 2, \"idle\": 0, \"away\": 0, \"stale\": 0,"
                + " \"offline\": 0, \"alive\": 2}}"),
        body.get("counts"));
  }

  @Test
  void minStateOfflineIncludesUsersWhoLeft() throws Exception {
    http.open("a-1", "ann");
    http.open("b-1", "bob");
    http.delete("/sessions/b-1");
    assertEquals(List.of("ann"), names(http.get("/api/whos-online").json().get("users")));
    JsonNode body = http.get("/api/whos-online?min_state=offline").json();
    assertEquals(List.of("ann", "bob"), names(body.get("users")));
    assertEquals("offline", body.get("users").get("bob").get("status").textValue());
    assertTrue(body.get("users").get("bob").get("lastSeenAt").longValue() > 0);
    body = http.get("/api/whos-online?min_state=active").json();
    assertEquals(List.of("ann"), names(body.get("users")));
  }

  @Test
  void whosOnlinePagesWithACursor() throws Exception {
    for (String name : List.of("ann", "bob", "cat", "dan", "eve")) {
      http.open(name + "-tab", name);
    }
    List<String> seen = new ArrayList<>();
    String url = "/api/whos-online?limit=2";
    int pages = 0;
    while (true) {
      JsonNode body = http.get(url).json();
      pages++;
      List<String> users = names(body.get("users"));
      assertTrue(users.size() <= 2);
      seen.addAll(users);
      assertEquals(
          users.stream().map(u -> u + "-tab").toList(),
          names(body.get("sessions")).stream().sorted().toList());
      if (body.get("nextCursor").isNull()) {
        break;
      }
      url = "/api/whos-online?limit=2&cursor=" + body.get("nextCursor").textValue();
    }
    assertEquals(3, pages);
    assertEquals(List.of("ann", "bob", "cat", "dan", "eve"), seen);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/api/whos-online?min_state=asleep| min_state must be one of active, away, idle, ",
        "/api/whos-online?limit=ten| limit must be an integer",
        "/api/whos-online?limit=0| limit must be between 1 and 10000",
        "/api/events?after=x| after must be an integer",
        "/api/events?after=-1| afterSeq must not be negative, got -1",
        "/api/events?after=99| after_seq 99 is ahead of the newest event",
        "/api/events?after=0&limit=many| limit must be an integer",
        "/api/events?after=0&limit=0| limit must be at least 1, got 0",
      })
  void readsRefuseBadQueries(String url, String message) throws Exception {
    ServiceHarness.Reply reply = http.get(url.strip());
    assertEquals(400, reply.status());
    JsonNode body = reply.json();
    assertFalse(body.get("ok").booleanValue());
    assertEquals("invalid_argument", body.get("code").textValue());
    assertTrue(body.get("error").textValue().startsWith(message.strip()), body.toString());
  }

  @Test
  void userDetailAndUnknownUser() throws Exception {
    http.open("a-1", "ann");
    JsonNode body = http.get("/api/users/ann").json();
    assertEquals("ann", body.get("user").get("userId").textValue());
    assertEquals("active", body.get("user").get("status").textValue());
    assertEquals(List.of("a-1"), names(body.get("sessions")));
    assertEquals(15000, body.get("sessions").get("a-1").get("heartbeatIntervalMs").intValue());
    ServiceHarness.Reply reply = http.get("/api/users/nobody");
    assertEquals(404, reply.status());
    assertEquals(
        Wire.MAPPER.readTree(
            "{\"ok\": false, \"error\": \"no user 'nobody'\", \"code\": \"not_found\"}"),
        reply.json());
  }

  private static List<String> changes(JsonNode events) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : events) {
      out.add(
          e.get("kind").textValue()
              + " "
              + e.get("id").textValue()
              + " "
              + e.get("oldStatus").textValue()
              + ">"
              + e.get("newStatus").textValue());
    }
    return out;
  }

  @Test
  void eventsSinceASeq() throws Exception {
    http.open("a-1", "ann");
    JsonNode body = http.get("/api/events?after=0").json();
    assertEquals(
        List.of("session a-1 offline>active", "user ann offline>active"),
        changes(body.get("events")));
    assertEquals(1, body.get("events").get(1).get("sessionCount").intValue());
    assertFalse(body.get("events").get(0).has("sessionCount"));
    // The batch's seq is where to continue; it may pass events of other kinds (readiness) that
    // the service does not forward.
    long after = body.get("seq").longValue();
    assertTrue(after >= body.get("events").get(1).get("seq").longValue());
    http.delete("/sessions/a-1");
    body = http.get("/api/events?after=" + after).json();
    assertEquals(
        List.of("session a-1 active>offline", "user ann active>offline"),
        changes(body.get("events")));
    for (JsonNode e : body.get("events")) {
      assertTrue(e.get("seq").longValue() > after);
    }
    body = http.get("/api/events?after=" + body.get("seq").longValue()).json();
    assertEquals(0, body.get("events").size());
  }

  @Test
  void eventsLimitBoundsABatch() throws Exception {
    http.open("a-1", "ann");
    JsonNode body = http.get("/api/events?after=0&limit=1").json();
    assertEquals(List.of("session a-1 offline>active"), changes(body.get("events")));
    assertEquals(body.get("events").get(0).get("seq").longValue(), body.get("seq").longValue());
  }

  @Test
  void eventsTooFarBehindIs410() throws Exception {
    try (ServiceHarness small = new ServiceHarness(b -> b.eventBufferCapacity(4))) {
      for (int i = 0; i < 4; i++) {
        small.open("s-" + i, "u-" + i);
      }
      ServiceHarness.Reply reply = small.get("/api/events?after=0");
      assertEquals(410, reply.status());
      assertEquals("too_far_behind", reply.json().get("code").textValue());
      assertTrue(reply.json().get("error").textValue().contains("take a snapshot"));
      // The way back: the seq of a who's-online read, then events after it.
      long seq = small.get("/api/whos-online").json().get("seq").longValue();
      assertEquals(200, small.get("/api/events?after=" + seq).status());
    }
  }

  @Test
  void metricsIsTheEnginesPrometheusText() throws Exception {
    http.open("a-1", "ann");
    http.open("guest-1", null);
    ServiceHarness.Reply reply = http.get("/metrics");
    assertEquals(200, reply.status());
    assertTrue(reply.contentType().startsWith("text/plain"));
    List<String> lines = reply.text().lines().toList();
    assertTrue(lines.contains("presence_sessions{state=\"active\"} 2"), reply.text());
    assertTrue(lines.contains("presence_users{state=\"active\"} 1"));
    assertTrue(lines.contains("# TYPE presence_signals_total counter"));
    assertTrue(lines.contains("presence_signals_total 2"));
  }

  @Test
  void healthz() throws Exception {
    ServiceHarness.Reply reply = http.get("/healthz");
    assertEquals(200, reply.status());
    JsonNode body = reply.json();
    assertTrue(body.get("ok").booleanValue());
    assertTrue(body.get("now").longValue() > 1_700_000_000_000L); // the engine's clock, in ms
    assertEquals(0, body.get("sessionsAlive").intValue());
    http.open("a-1", "ann");
    assertEquals(1, http.get("/healthz").json().get("sessionsAlive").intValue());
  }

  @Test
  void unknownRoutesAndMethodsAnswerJson() throws Exception {
    ServiceHarness.Reply reply = http.get("/api/nothing");
    assertEquals(404, reply.status());
    assertEquals("not_found", reply.json().get("code").textValue());
    reply = http.get("/sessions");
    assertEquals(405, reply.status());
    assertEquals("method_not_allowed", reply.json().get("code").textValue());
  }

  @Test
  void aClosedServiceAnswers503() throws Exception {
    http.service.engine().close();
    ServiceHarness.Reply reply = http.get("/healthz");
    assertEquals(503, reply.status());
    assertEquals("closed", reply.json().get("code").textValue());
  }
}
