package dev.presence.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** POST /sessions and the per-session signals, with every way to get them wrong. */
class SignalsTest extends ServiceTest {
  private JsonNode sessionOf(String user, String session) throws Exception {
    ServiceHarness.Reply reply = http.get("/api/users/" + user);
    assertEquals(200, reply.status());
    return reply.json().get("sessions").get(session);
  }

  @Test
  void openCreatesThenContinues() throws Exception {
    ServiceHarness.Reply reply =
        http.post(
            "/sessions",
            "{\"sessionId\": \"tab-1\", \"userId\": \"ann\", \"meta\": {\"device\": \"laptop\"}}");
    assertEquals(201, reply.status());
    assertTrue(reply.contentType().startsWith("application/json"));
    assertEquals(
        Wire.MAPPER.readTree(
            "{\"ok\": true, \"sessionId\": \"tab-1\", \"continued\": false,"
                + " \"status\": \"active\", \"heartbeatIntervalMs\": 15000}"),
        reply.json());
    reply = http.post("/sessions", "{\"sessionId\": \"tab-1\", \"userId\": \"ann\"}");
    assertEquals(200, reply.status());
    assertTrue(reply.json().get("continued").booleanValue());
    JsonNode session = sessionOf("ann", "tab-1");
    assertEquals("laptop", session.get("meta").get("device").textValue());
    assertEquals("ann", session.get("userId").textValue());
  }

  @Test
  void aGuestCountsAsAGuestSession() throws Exception {
    http.open("guest-tab", null);
    JsonNode online = http.get("/api/whos-online").json();
    assertEquals(1, online.get("counts").get("sessions").get("guests").intValue());
    assertEquals(1, online.get("counts").get("sessions").get("alive").intValue());
    assertEquals(0, online.get("counts").get("users").get("alive").intValue());
    assertEquals(0, online.get("users").size());
  }

  @Test
  void openHiddenIsToldTheHiddenInterval() throws Exception {
    ServiceHarness.Reply reply =
        http.post(
            "/sessions",
            "{\"sessionId\": \"bg\", \"userId\": \"ann\", \"visibility\": \"hidden\"}");
    assertEquals(60000, reply.json().get("heartbeatIntervalMs").intValue());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''| a JSON object body is required",
        "{not json| malformed JSON",
        "[1, 2]| the body must be a JSON object",
        "{\"userId\": \"ann\"}| sessionId is required",
        "{\"sessionId\": 7}| sessionId must be a string",
        "{\"sessionId\": \"s\", \"userId\": [\"ann\"]}| userId must be a string",
        "{\"sessionId\": \"s\", \"meta\": \"laptop\"}| meta must be a JSON object",
        "{\"sessionId\": \"s\", \"visibility\": \"blurred\"}| visibility must be one of",
        // What the engine refuses, in its own words:
        "{\"sessionId\": \"\"}| session id is empty",
      })
  void openRefusesBadRequests(String body, String message) throws Exception {
    ServiceHarness.Reply reply = http.post("/sessions", body);
    assertEquals(400, reply.status());
    JsonNode json = reply.json();
    assertFalse(json.get("ok").booleanValue());
    assertEquals("invalid_argument", json.get("code").textValue());
    assertTrue(json.get("error").textValue().contains(message.strip()), json.toString());
  }

  @Test
  void oversizedIdsAndMetadataAreTheEnginesRefusal() throws Exception {
    ServiceHarness.Reply reply =
        http.post("/sessions", "{\"sessionId\": \"" + "x".repeat(200) + "\"}");
    assertEquals(400, reply.status());
    assertEquals(
        "session id is 200 bytes; the limit is 128", reply.json().get("error").textValue());
    String meta = "{\"blob\": \"" + "x".repeat(2000) + "\"}";
    reply = http.post("/sessions", "{\"sessionId\": \"s\", \"meta\": " + meta + "}");
    assertEquals(400, reply.status());
    assertTrue(reply.json().get("error").textValue().endsWith("the limit is 1024"));
  }

  @Test
  void openingAnotherUsersLiveSessionConflicts() throws Exception {
    http.open("tab-1", "ann");
    ServiceHarness.Reply reply =
        http.post("/sessions", "{\"sessionId\": \"tab-1\", \"userId\": \"bob\"}");
    assertEquals(409, reply.status());
    assertEquals(
        Wire.MAPPER.readTree(
            "{\"ok\": false, \"error\": \"session 'tab-1' belongs to another user\","
                + " \"code\": \"conflict\"}"),
        reply.json());
  }

  @Test
  void openingBeyondTheUsersSessionLimitIs429() throws Exception {
    try (ServiceHarness limited = new ServiceHarness(b -> b.maxSessionsPerUser(1))) {
      limited.open("tab-1", "ann");
      ServiceHarness.Reply reply =
          limited.post("/sessions", "{\"sessionId\": \"tab-2\", \"userId\": \"ann\"}");
      assertEquals(429, reply.status());
      assertEquals("limit_exceeded", reply.json().get("code").textValue());
    }
  }

  @Test
  void heartbeatReturnsTheIntervalForTheHints() throws Exception {
    http.open("tab-1", "ann");
    ServiceHarness.Reply reply =
        http.post("/sessions/tab-1/heartbeat", "{\"activity\": \"active\"}");
    assertEquals(200, reply.status());
    assertEquals(
        Wire.MAPPER.readTree("{\"ok\": true, \"heartbeatIntervalMs\": 15000}"), reply.json());
    reply = http.post("/sessions/tab-1/heartbeat", "{\"visibility\": \"hidden\"}");
    assertEquals(60000, reply.json().get("heartbeatIntervalMs").intValue());
    // No body at all is a plain liveness signal.
    assertEquals(200, http.post("/sessions/tab-1/heartbeat", null).status());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"activity\": \"busy\"}| activity must be one of active, idle",
        "{\"visibility\": true}| visibility must be one of hidden, visible",
        "nope| malformed JSON",
      })
  void heartbeatRefusesBadHints(String body, String message) throws Exception {
    http.open("tab-1", "ann");
    ServiceHarness.Reply reply = http.post("/sessions/tab-1/heartbeat", body);
    assertEquals(400, reply.status());
    assertTrue(reply.json().get("error").textValue().startsWith(message.strip()));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "POST| /sessions/ghost/heartbeat|",
        "POST| /sessions/ghost/activity|",
        "POST| /sessions/ghost/visibility| {\"visibility\": \"hidden\"}",
        "POST| /sessions/ghost/identify| {\"userId\": \"ann\"}",
        "POST| /sessions/ghost/disconnect|",
        "DELETE| /sessions/ghost|",
      })
  void signalsToAnUnknownSessionAre404(String method, String path, String body) throws Exception {
    ServiceHarness.Reply reply = http.send(method.strip(), path.strip(), body);
    assertEquals(404, reply.status());
    assertEquals(
        Wire.MAPPER.readTree(
            "{\"ok\": false, \"error\": \"no live session 'ghost'\", \"code\": \"not_found\"}"),
        reply.json());
  }

  @Test
  void activityIsAccepted() throws Exception {
    http.open("tab-1", "ann");
    long before = sessionOf("ann", "tab-1").get("lastActivityAt").longValue();
    ServiceHarness.Reply reply = http.post("/sessions/tab-1/activity", null);
    assertEquals(200, reply.status());
    assertEquals(Wire.MAPPER.readTree("{\"ok\": true}"), reply.json());
    assertTrue(sessionOf("ann", "tab-1").get("lastActivityAt").longValue() >= before);
  }

  @Test
  void visibilityHiddenThenVisible() throws Exception {
    http.open("tab-1", "ann");
    assertEquals(
        200, http.post("/sessions/tab-1/visibility", "{\"visibility\": \"hidden\"}").status());
    JsonNode session = sessionOf("ann", "tab-1");
    assertFalse(session.get("visible").booleanValue());
    // Inside the blur tolerance a hidden tab keeps its state.
    assertEquals("active", session.get("status").textValue());
    http.post("/sessions/tab-1/visibility", "{\"visibility\": \"visible\"}");
    assertTrue(sessionOf("ann", "tab-1").get("visible").booleanValue());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{}| visibility is required",
        "{\"visibility\": \"gone\"}| visibility must be one of hidden, visible",
      })
  void visibilityRefusesBadValues(String body, String message) throws Exception {
    http.open("tab-1", "ann");
    ServiceHarness.Reply reply = http.post("/sessions/tab-1/visibility", body);
    assertEquals(400, reply.status());
    assertEquals(message.strip(), reply.json().get("error").textValue());
  }

  @Test
  void identifyTurnsAGuestIntoAUser() throws Exception {
    http.open("guest-tab", null);
    assertEquals(200, http.post("/sessions/guest-tab/identify", "{\"userId\": \"ann\"}").status());
    assertEquals("ann", sessionOf("ann", "guest-tab").get("userId").textValue());
    // Once it is ann's, nobody else can claim it.
    assertEquals(409, http.post("/sessions/guest-tab/identify", "{\"userId\": \"bob\"}").status());
    ServiceHarness.Reply reply = http.post("/sessions/guest-tab/identify", "{}");
    assertEquals(400, reply.status());
    assertEquals("userId is required", reply.json().get("error").textValue());
  }

  @Test
  void disconnectHoldsTheStateAndMarksReconnecting() throws Exception {
    http.open("tab-1", "ann");
    assertEquals(200, http.post("/sessions/tab-1/disconnect", null).status());
    JsonNode session = sessionOf("ann", "tab-1");
    assertEquals("active", session.get("status").textValue());
    assertTrue(session.get("reconnecting").booleanValue());
    assertFalse(session.get("connected").booleanValue());
    JsonNode online = http.get("/api/whos-online").json();
    assertEquals("active", online.get("users").get("ann").get("status").textValue());
    assertEquals(1, online.get("counts").get("sessions").get("reconnecting").intValue());
    // Opening the same id again inside the grace window continues the session.
    ServiceHarness.Reply reply =
        http.post("/sessions", "{\"sessionId\": \"tab-1\", \"userId\": \"ann\"}");
    assertEquals(200, reply.status());
    assertTrue(reply.json().get("continued").booleanValue());
    assertFalse(sessionOf("ann", "tab-1").get("reconnecting").booleanValue());
  }

  @Test
  void leaveIsOfflineNow() throws Exception {
    http.open("tab-1", "ann");
    http.open("tab-2", "ann");
    ServiceHarness.Reply reply = http.delete("/sessions/tab-1");
    assertEquals(200, reply.status());
    assertEquals(Wire.MAPPER.readTree("{\"ok\": true}"), reply.json());
    JsonNode user = http.get("/api/users/ann").json();
    // Closing one tab of two does not change the user.
    assertEquals("active", user.get("user").get("status").textValue());
    assertEquals(1, user.get("user").get("sessionCount").intValue());
    assertTrue(user.get("sessions").has("tab-2"));
    assertEquals(1, user.get("sessions").size());
    http.delete("/sessions/tab-2");
    user = http.get("/api/users/ann").json();
    assertEquals("offline", user.get("user").get("status").textValue());
    assertEquals(0, user.get("user").get("sessionCount").intValue());
    assertEquals(404, http.delete("/sessions/tab-2").status());
  }

  @Test
  void anEncodedSlashStaysInsideAnId() throws Exception {
    http.open("a/b", "ann");
    assertEquals(200, http.post("/sessions/a%2Fb/activity", null).status());
    assertTrue(http.get("/api/users/ann").json().get("sessions").has("a/b"));
  }

  @Test
  void aBodyOverAMebibyteIs413() throws Exception {
    ServiceHarness.Reply reply = http.post("/sessions", " ".repeat(1024 * 1024 + 1));
    assertEquals(413, reply.status());
    assertEquals("request_entity_too_large", reply.json().get("code").textValue());
  }
}
