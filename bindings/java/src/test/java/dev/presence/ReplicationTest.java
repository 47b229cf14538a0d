package dev.presence;

import static dev.presence.TestTimes.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cluster replication: records taken on one node, applied on another, node liveness. */
class ReplicationTest {
  private final Engine a = node("node-a");
  private final Engine b = node("node-b");

  private static Engine node(String id) {
    return Engine.builder()
        .debounce(Duration.ZERO)
        .nodeId(id)
        .nodeTimeout(Duration.ofSeconds(10))
        .build();
  }

  @AfterEach
  void close() {
    a.close();
    b.close();
  }

  @Test
  void aSessionOpenedOnOneNodeIsSeenOnTheOther() {
    a.open("tab", OpenOptions.user("ann").withMeta("{\"device\":\"phone\"}"), t(0));
    a.joinRoom("tab", "standup", t(0));
    List<Replica> records = a.takeReplicas(0);
    assertFalse(records.isEmpty());
    Replica last = records.get(records.size() - 1);
    assertEquals("tab", last.sessionId());
    assertEquals(Optional.of("ann"), last.userId());
    assertEquals("node-a", last.nodeId());
    assertEquals(State.ACTIVE, last.state());
    assertEquals(List.of("standup"), last.rooms());
    assertEquals(Optional.of("{\"device\":\"phone\"}"), last.meta());
    assertTrue(last.connected());
    assertFalse(last.ended());
    assertEquals(t(0), last.lastSignalAt());
    assertEquals(List.of(), a.takeReplicas(0), "taken once");

    List<Status> statuses = b.applyReplicas(records, t(1));
    assertEquals(records.size(), statuses.size());
    assertTrue(statuses.stream().allMatch(s -> s == Status.OK), statuses.toString());
    assertEquals(State.ACTIVE, b.user("ann", t(1)).orElseThrow().user().state());
    assertEquals(
        List.of("ann"),
        b.listMembers("standup", State.STALE, 10, "", t(1)).members().stream()
            .map(Member::memberId)
            .toList());
    assertEquals(1, b.counts(t(1)).sessionsAlive());
    assertEquals(List.of(), b.takeReplicas(0), "a remote session is not b's to replicate");
  }

  @Test
  void aNodeThatIsNoLongerSeenLetsItsSessionsAge() {
    a.open("tab", OpenOptions.user("ann"), t(0));
    b.applyReplicas(a.takeReplicas(0), t(0));
    b.nodeSeen("node-a", t(100));
    assertTrue(b.session("tab", t(100)).isPresent(), "renewed: still as replicated");
    assertTrue(b.session("tab", t(400)).isEmpty(), "silent since its node was last seen");
  }

  @Test
  void exportPagesEveryLiveSessionOfTheNode() {
    for (int i = 0; i < 5; i++) {
      a.open("s" + i, OpenOptions.user("u" + i), t(0));
    }
    List<String> exported = new ArrayList<>();
    long cursor = 0;
    int pages = 0;
    do {
      ReplicaPage page = a.exportReplicas(cursor, 2, t(1));
      page.replicas().forEach(r -> exported.add(r.sessionId()));
      cursor = page.nextCursor();
      pages++;
    } while (cursor != 0);
    assertEquals(3, pages);
    assertEquals(List.of("s0", "s1", "s2", "s3", "s4"), exported.stream().sorted().toList());
  }

  private static Replica withSessionId(Replica r, String sessionId) {
    return new Replica(
        sessionId,
        r.userId(),
        r.nodeId(),
        r.version(),
        r.state(),
        r.reconnecting(),
        r.visible(),
        r.connected(),
        r.ended(),
        r.since(),
        r.lastSignalAt(),
        r.lastActivityAt(),
        r.heartbeatInterval(),
        r.meta(),
        r.rooms());
  }

  @Test
  void badRecordsAndArgumentsAreRefused() {
    a.open("tab", OpenOptions.user("ann"), t(0));
    Replica good = a.takeReplicas(0).get(0);
    assertThrows(InvalidArgumentException.class, () -> b.applyReplicas(null));
    List<Replica> withNull = new ArrayList<>();
    withNull.add(null);
    assertThrows(InvalidArgumentException.class, () -> b.applyReplicas(withNull));
    assertThrows(
        InvalidArgumentException.class,
        () ->
            new Replica(
                null,
                Optional.empty(),
                "n",
                1,
                State.ACTIVE,
                false,
                true,
                true,
                false,
                t(0),
                t(0),
                t(0),
                Duration.ZERO,
                Optional.empty(),
                List.of()));
    Replica lone = withSessionId(good, "\uD800");
    assertThrows(InvalidArgumentException.class, () -> b.applyReplicas(List.of(lone)));
    Replica empty = withSessionId(good, "");
    List<Status> statuses = b.applyReplicas(List.of(empty, good), t(1));
    assertEquals(List.of(Status.INVALID_ARGUMENT, Status.OK), statuses, "each record alone");
    assertThrows(InvalidArgumentException.class, () -> a.takeReplicas(-1));
    assertThrows(InvalidArgumentException.class, () -> a.exportReplicas(0, 0));
    assertThrows(InvalidArgumentException.class, () -> a.exportReplicas(-1, 10));
    assertThrows(InvalidArgumentException.class, () -> b.nodeSeen("", t(0)));
    assertThrows(
        InvalidArgumentException.class, () -> b.nodeSeen("a", Instant.EPOCH.minusMillis(2)));
    assertThrows(InvalidArgumentException.class, () -> Engine.builder().nodeId(""));
    assertThrows(InvalidArgumentException.class, () -> Engine.builder().nodeId("\uDC00"));
    assertThrows(InvalidArgumentException.class, () -> Engine.builder().nodeId(null));
  }

  /** A buffer that is not exactly its records can only come through the generated layer. */
  @Test
  void aMalformedRecordBufferIsRefusedByTheNativeLayer() {
    a.open("tab", OpenOptions.user("ann"), t(0));
    byte[] packed = ReplicaPacker.pack(a.takeReplicas(0));
    SWIGTYPE_p_pe_engine handle = NativeHandles.engine();
    try {
      byte[][] malformed = {
        java.util.Arrays.copyOf(packed, packed.length - 1), // truncated
        java.util.Arrays.copyOf(packed, packed.length + 1), // a byte too many
        new byte[3],
      };
      for (byte[] buffer : malformed) {
        InvalidArgumentException refused =
            assertThrows(
                InvalidArgumentException.class,
                () ->
                    PresenceNative.pj_engine_apply_replicas(
                        handle, buffer, 1000, new int[1], null));
        assertTrue(refused.getMessage().contains("malformed"), refused.getMessage());
      }
      int[] statuses = new int[2];
      assertThrows(
          InvalidArgumentException.class,
          () -> PresenceNative.pj_engine_apply_replicas(handle, packed, 1000, statuses, null),
          "one record where two are announced");
    } finally {
      PresenceNative.pe_engine_destroy(handle);
    }
  }
}
