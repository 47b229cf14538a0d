package dev.presence;

/** The call gate's answer ({@link Readiness#reason()}): why a call can or cannot be placed now. */
public enum GateReason implements CodedEnum {
  /** Go ahead: the target is ready. */
  READY(pe_gate_reason.PE_GATE_READY),
  /** The engine knows no such user or room. */
  UNKNOWN(pe_gate_reason.PE_GATE_UNKNOWN),
  /** The user is offline (or invisible, which readers cannot tell apart). */
  OFFLINE(pe_gate_reason.PE_GATE_OFFLINE),
  /** The user declared {@link Availability#DO_NOT_DISTURB}. */
  DO_NOT_DISTURB(pe_gate_reason.PE_GATE_DO_NOT_DISTURB),
  /** Present, but readiness is below the threshold (idle, away, busy, a sparse room, ...). */
  NOT_READY(pe_gate_reason.PE_GATE_NOT_READY),
  /** A room with nobody in it. */
  EMPTY(pe_gate_reason.PE_GATE_EMPTY);

  private static final GateReason[] VALUES = values();
  private final int code;

  GateReason(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }

  static GateReason fromCode(int code) {
    return Codes.fromCode(VALUES, code);
  }
}
