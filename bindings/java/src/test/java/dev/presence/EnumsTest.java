package dev.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The Java enums and exceptions agree with the native library. */
class EnumsTest {
  /**
   * Each Java enum against the class of int constants SWIG generated from its C enum: the same
   * values under the same names, so a value added to the header without a Java constant fails here.
   */
  @Test
  void everyValueOfEveryCEnumHasAJavaConstant() throws IllegalAccessException {
    Map<Class<?>, Class<? extends Enum<?>>> enums =
        Map.ofEntries(
            Map.entry(pe_status.class, Status.class),
            Map.entry(pe_state.class, State.class),
            Map.entry(pe_confidence.class, ConfidenceBucket.class),
            Map.entry(pe_activity.class, Activity.class),
            Map.entry(pe_visibility.class, Visibility.class),
            Map.entry(pe_evidence.class, Evidence.class),
            Map.entry(pe_event_kind.class, EventKind.class),
            Map.entry(pe_availability.class, Availability.class),
            Map.entry(pe_target_kind.class, TargetKind.class),
            Map.entry(pe_intent_state.class, IntentState.class),
            Map.entry(pe_gate_reason.class, GateReason.class));
    for (Map.Entry<Class<?>, Class<? extends Enum<?>>> pair : enums.entrySet()) {
      Field[] fields = pair.getKey().getDeclaredFields();
      String prefix = commonPrefix(fields); // PE_STATE_, PE_TARGET_, ..., PE_ for pe_status
      Map<String, Integer> native_ = new TreeMap<>();
      for (Field field : fields) {
        native_.put(field.getName().substring(prefix.length()), field.getInt(null));
      }
      Map<String, Integer> java = new TreeMap<>();
      for (Enum<?> constant : pair.getValue().getEnumConstants()) {
        java.put(constant.name(), ((CodedEnum) constant).code());
      }
      assertEquals(native_, java, pair.getValue().getSimpleName());
    }
  }

  /** The longest prefix, up to an underscore, that the names of all fields share. */
  private static String commonPrefix(Field[] fields) {
    String prefix = fields[0].getName();
    for (Field field : fields) {
      while (!field.getName().startsWith(prefix)) {
        prefix = prefix.substring(0, prefix.length() - 1);
      }
    }
    return prefix.substring(0, prefix.lastIndexOf('_') + 1);
  }

  @Test
  void eachEventKindIsOneRecordClass() {
    Class<?>[] records = Event.class.getPermittedSubclasses();
    assertEquals(EventKind.values().length, records.length);
    for (EventKind kind : EventKind.values()) {
      String name = kind.name().charAt(0) + kind.name().substring(1).toLowerCase(Locale.ROOT);
      assertTrue(
          Arrays.stream(records).anyMatch(c -> c.getSimpleName().equals(name + "Event")),
          kind + " has no record " + name + "Event");
    }
    for (Class<?> record : records) {
      assertTrue(record.isRecord(), record.getName());
    }
  }

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
