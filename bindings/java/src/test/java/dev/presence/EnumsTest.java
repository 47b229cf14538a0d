package dev.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Java enums and exceptions agree with the native library. */
class EnumsTest {
  @Test
  void statesAreOrderedByPrecedence() {
    List<State> sorted = Arrays.stream(State.values()).sorted().toList();
    assertEquals(List.of(State.OFFLINE, State.STALE, State.AWAY, State.IDLE, State.ACTIVE), sorted);
    assertTrue(State.ACTIVE.isAtLeast(State.IDLE));
    assertTrue(State.IDLE.isAtLeast(State.IDLE));
    assertFalse(State.AWAY.isAtLeast(State.IDLE));
    assertTrue(State.STALE.isAlive());
    assertFalse(State.OFFLINE.isAlive());
  }

  @Test
  void stateLabelsAreTheNativeNames() {
    for (State state : State.values()) {
      assertEquals(PresenceNative.pe_state_name(state.code()), state.label());
      assertEquals(state, State.fromCode(state.code()));
    }
    assertEquals("unknown", PresenceNative.pe_state_name(State.values().length));
  }

  @Test
  void everyStatusHasTheNativeNameAndItsOwnException() {
    for (Status status : Status.values()) {
      assertEquals(PresenceNative.pe_status_name(status.code()), status.name());
      assertEquals(status, Status.fromCode(status.code()));
      if (status != Status.OK) {
        PresenceException error = status.toException("message");
        assertEquals(status, error.status());
        assertEquals("message", error.getMessage());
        assertTrue(error.getClass().getSimpleName().endsWith("Exception"));
      }
    }
    assertEquals("UNKNOWN", PresenceNative.pe_status_name(Status.values().length));
    assertEquals(
        Status.values().length - 1,
        Arrays.stream(Status.values())
            .skip(1)
            .map(s -> s.toException("").getClass())
            .distinct()
            .count(),
        "one class per status");
  }

  @Test
  void theNativeFactoryBuildsTheExceptionOfAStatus() {
    PresenceException error =
        PresenceException.fromNative(
            Status.NOT_FOUND.code(), "no live session 'é'".getBytes(StandardCharsets.UTF_8));
    assertTrue(error instanceof NotFoundException);
    assertEquals("no live session 'é'", error.getMessage());
    assertFalse(error.getStackTrace()[0].getClassName().equals(Status.class.getName()));
  }

  @Test
  void countsReadByState() {
    Counts counts = new Counts(1, 2, 3, 4, 0, 10, 0, 5, 6, 7, 8, 9, 26, 0, 0, 0);
    State[] states = {State.ACTIVE, State.IDLE, State.AWAY, State.STALE, State.OFFLINE};
    long[] sessions = {1, 2, 3, 4, 0};
    long[] users = {5, 6, 7, 8, 9};
    for (int i = 0; i < states.length; i++) {
      assertEquals(sessions[i], counts.sessions(states[i]), states[i].name());
      assertEquals(users[i], counts.users(states[i]), states[i].name());
    }
  }
}
