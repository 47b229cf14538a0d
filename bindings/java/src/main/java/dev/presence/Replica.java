package dev.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A replication record: one session as the node that owns it sees it. In cluster mode each node's
 * engine produces one for every change of its own sessions (opens, transitions, ends, room joins
 * and leaves, identification, a dropped transport; never heartbeats); a transport carries them to
 * the other nodes, which {@linkplain Engine#applyReplicas apply} them, so every node answers for
 * the whole cluster. Versions decide between records of one session: an older record is ignored.
 *
 * @param sessionId the session
 * @param userId its user; empty for a guest
 * @param nodeId the node that owns the session; a record taken from a node that names another node
 *     says the session moved there (drop it from this node's mirror: it lives on, owned there)
 * @param version orders the records of one session (at most 2^32 - 1)
 * @param state its state on its owner
 * @param reconnecting whether its transport dropped and it is inside the reconnect grace window
 * @param visible whether its document is visible
 * @param connected whether its transport is up
 * @param ended whether the session ended on its owner and is gone everywhere
 * @param since when it entered its state
 * @param lastSignalAt its latest signal
 * @param lastActivityAt its latest interaction
 * @param heartbeatInterval the interval its client was told
 * @param meta its application metadata; empty for none
 * @param rooms the rooms it is in
 */
public record Replica(
    String sessionId,
    Optional<String> userId,
    String nodeId,
    long version,
    State state,
    boolean reconnecting,
    boolean visible,
    boolean connected,
    boolean ended,
    Instant since,
    Instant lastSignalAt,
    Instant lastActivityAt,
    Duration heartbeatInterval,
    Optional<String> meta,
    List<String> rooms) {

  /**
   * Checks that no component is null; the engine checks the values when the record is applied.
   *
   * @param sessionId the session
   * @param userId its user; empty for a guest
   * @param nodeId the node that owns the session; a record taken from a node that names another
   *     node says the session moved there (drop it from this node's mirror: it lives on, owned
   *     there)
   * @param version orders the records of one session (at most 2^32 - 1)
   * @param state its state on its owner
   * @param reconnecting whether its transport dropped and it is inside the reconnect grace window
   * @param visible whether its document is visible
   * @param connected whether its transport is up
   * @param ended whether the session ended on its owner and is gone everywhere
   * @param since when it entered its state
   * @param lastSignalAt its latest signal
   * @param lastActivityAt its latest interaction
   * @param heartbeatInterval the interval its client was told
   * @param meta its application metadata; empty for none
   * @param rooms the rooms it is in
   * @throws InvalidArgumentException if a component is null
   */
  public Replica {
    Arguments.notNull(sessionId, "sessionId");
    Arguments.notNull(userId, "userId");
    Arguments.notNull(nodeId, "nodeId");
    Arguments.notNull(state, "state");
    Arguments.notNull(since, "since");
    Arguments.notNull(lastSignalAt, "lastSignalAt");
    Arguments.notNull(lastActivityAt, "lastActivityAt");
    Arguments.notNull(heartbeatInterval, "heartbeatInterval");
    Arguments.notNull(meta, "meta");
    rooms = List.copyOf(Arguments.notNull(rooms, "rooms"));
  }

  /** Copies a record read from a result. */
  static Replica from(pe_replica r) {
    List<String> rooms = new java.util.ArrayList<>();
    for (long i = 0; i < r.getRoom_count(); i++) {
      rooms.add(Arguments.text(PresenceNative.pj_replica_room(r, i)));
    }
    return new Replica(
        Arguments.text(r.session_id_bytes()),
        Optional.ofNullable(r.user_id_bytes()).map(Arguments::text),
        Arguments.text(r.node_id_bytes()),
        r.getVersion(),
        State.fromCode(r.getState()),
        r.getReconnecting() != 0,
        r.getVisible() != 0,
        r.getConnected() != 0,
        r.getEnded() != 0,
        Instant.ofEpochMilli(r.getSince_ms()),
        Instant.ofEpochMilli(r.getLast_signal_at_ms()),
        Instant.ofEpochMilli(r.getLast_activity_at_ms()),
        Duration.ofMillis(r.getHeartbeat_interval_ms()),
        Optional.ofNullable(r.meta_bytes()).map(Arguments::text),
        rooms);
  }
}
