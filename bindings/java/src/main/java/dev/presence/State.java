package dev.presence;

import java.util.Locale;

/**
 * The lifecycle state of a session, or of a user derived from its sessions.
 *
 * <p>Constants are declared in order of precedence, lowest first, so {@link #compareTo} orders them
 * as the engine does: {@code ACTIVE > IDLE > AWAY > STALE > OFFLINE}. A user's state is the
 * greatest state among its sessions, and "at least idle" is {@code state.isAtLeast(State.IDLE)}.
 */
public enum State implements CodedEnum {
  /** Expired (no signal for the session TTL) or left explicitly. */
  OFFLINE(pe_state.PE_STATE_OFFLINE),
  /** Heartbeats missed, or disconnected past the reconnect grace window; not yet expired. */
  STALE(pe_state.PE_STATE_STALE),
  /** Alive, but hidden past the blur tolerance, or without interaction for {@code awayAfter}. */
  AWAY(pe_state.PE_STATE_AWAY),
  /** Alive, but without interaction for {@code idleAfter}. */
  IDLE(pe_state.PE_STATE_IDLE),
  /** Recent interaction, in the foreground. */
  ACTIVE(pe_state.PE_STATE_ACTIVE);

  private static final State[] VALUES = values();
  private final int code;

  State(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }

  /**
   * The lower-case name used on the wire and in the other runtimes ({@code "active"}, ...).
   *
   * @return the lower-case name of this state
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether this state has at least the precedence of {@code other}.
   *
   * @param other the state to compare with
   * @return {@code true} if this state is {@code other} or ranks above it
   * @throws InvalidArgumentException if {@code other} is null
   */
  public boolean isAtLeast(State other) {
    return compareTo(Arguments.notNull(other, "other")) >= 0;
  }

  /**
   * Whether a session or user in this state is alive (any state but {@link #OFFLINE}).
   *
   * @return {@code true} unless this is {@link #OFFLINE}
   */
  public boolean isAlive() {
    return this != OFFLINE;
  }

  /** The one of five values that belongs to this state, for records that count by state. */
  long pick(long active, long idle, long away, long stale, long offline) {
    return switch (this) {
      case ACTIVE -> active;
      case IDLE -> idle;
      case AWAY -> away;
      case STALE -> stale;
      case OFFLINE -> offline;
    };
  }

  static State fromCode(int code) {
    return Codes.fromCode(VALUES, code);
  }
}
