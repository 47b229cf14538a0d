package dev.presence;

import static dev.presence.TestTimes.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Resume tokens: what open returns, and a hijack refused when the engine requires them. */
class ResumeTokenTest {
  private final Engine engine =
      Engine.builder().debounce(Duration.ZERO).requireResumeToken(true).build();

  @AfterEach
  void close() {
    engine.close();
  }

  private String openOnSocket(String sessionId, String socket) {
    OpenOptions options = OpenOptions.user("ann").withTransportId(socket);
    return engine.open(sessionId, options, t(0)).resumeToken();
  }

  @Test
  void openReturnsTheSameUnguessableTokenForEveryOpenOfAnId() {
    String token = openOnSocket("tab", "socket-1");
    assertTrue(token.matches("[0-9a-f]{32}"), token);
    OpenResult again =
        engine.open("tab", OpenOptions.user("ann").withTransportId("socket-1"), t(1));
    assertTrue(again.continued());
    assertEquals(token, again.resumeToken());
    assertNotEquals(token, openOnSocket("other-tab", "socket-2"));
    try (Engine another = Engine.create()) {
      assertNotEquals(
          token, another.open("tab", OpenOptions.user("ann"), t(0)).resumeToken(), "per engine");
    }
  }

  @Test
  void aHijackFromAnotherTransportWithoutTheTokenIsDeniedAndChangesNothing() {
    String token = openOnSocket("tab", "socket-1");
    engine.joinRoom("tab", "r", t(0));
    OpenOptions attacker = OpenOptions.user("ann").withTransportId("attacker-socket");
    DeniedException denied =
        assertThrows(DeniedException.class, () -> engine.open("tab", attacker, t(1)));
    assertEquals(Status.DENIED, denied.status());
    assertTrue(denied.getMessage().contains("resume token"), denied.getMessage());
    String guessed = "0".repeat(32);
    assertThrows(
        DeniedException.class,
        () -> engine.open("tab", attacker.withResumeToken(guessed), t(1)),
        "a wrong token is no token");
    assertThrows(
        DeniedException.class,
        () -> engine.open("tab", attacker.withResumeToken(token.toUpperCase()), t(1)));
    assertThrows(
        DeniedException.class,
        () -> engine.open("tab", attacker.withResumeToken(token.substring(1)), t(1)));
    Session tab = engine.session("tab", t(1)).orElseThrow();
    assertEquals("socket-1", tab.transportId().orElseThrow(), "the session stays where it was");

    OpenResult resumed = engine.open("tab", attacker.withResumeToken(token), t(2));
    assertTrue(resumed.continued());
    assertEquals(
        "attacker-socket", engine.session("tab", t(2)).orElseThrow().transportId().orElseThrow());
  }

  @Test
  void afterItsTransportDroppedASessionResumesOnlyWithItsToken() {
    String token = openOnSocket("tab", "socket-1");
    engine.disconnect("tab", t(1));
    assertThrows(
        DeniedException.class,
        () -> engine.heartbeat("tab", Activity.ACTIVE, Visibility.VISIBLE, t(2)));
    assertThrows(
        DeniedException.class,
        () -> engine.open("tab", OpenOptions.user("ann").withTransportId("socket-1"), t(2)));
    OpenResult resumed =
        engine.open(
            "tab",
            OpenOptions.user("ann").withTransportId("socket-9").withResumeToken(token),
            t(3));
    assertTrue(resumed.continued());
    assertFalse(engine.session("tab", t(3)).orElseThrow().reconnecting());
    engine.heartbeat("tab", Activity.ACTIVE, Visibility.VISIBLE, t(4));
  }

  @Test
  void withoutTheOptionTokensAreNotNeededAndAWrongOneIsIgnored() {
    try (Engine lenient = TestTimes.undebounced()) {
      lenient.open("tab", OpenOptions.user("ann").withTransportId("socket-1"), t(0));
      OpenOptions other = OpenOptions.user("ann").withTransportId("socket-2");
      assertTrue(lenient.open("tab", other, t(1)).continued());
      assertTrue(lenient.open("tab", other.withResumeToken("f".repeat(32)), t(2)).continued());
    }
  }

  @Test
  void badTokensAreInvalidArguments() {
    openOnSocket("tab", "socket-1");
    OpenOptions options = OpenOptions.user("ann").withTransportId("socket-2");
    assertThrows(
        InvalidArgumentException.class,
        () -> engine.open("tab", options.withResumeToken("\uD800"), t(1)));
    assertThrows(
        InvalidArgumentException.class,
        () -> engine.open("tab", options.withResumeToken("x".repeat(65)), t(1)));
  }

  @Test
  void optionsMadeWithoutATokenHaveNone() {
    OpenOptions options = new OpenOptions("ann", null, "socket-1", Visibility.VISIBLE);
    assertEquals(null, options.resumeToken());
    assertEquals(
        options,
        OpenOptions.user("ann").withTransportId("socket-1").withVisibility(Visibility.VISIBLE));
  }
}
