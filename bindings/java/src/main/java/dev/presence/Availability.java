package dev.presence;

/**
 * The availability a user declares ({@link Engine#setAvailability}). It overlays the state derived
 * from the user's sessions: it lowers the user's readiness and can close the call gate, but never
 * changes the lifecycle state, except {@link #INVISIBLE}, which shows the user offline to every
 * reader while the engine keeps tracking the truth ({@link User#trueState()}, {@link
 * User#trueAvailability()}).
 */
public enum Availability implements CodedEnum {
  /** Reachable: readiness follows presence alone. The default. */
  AVAILABLE(pe_availability.PE_AVAILABILITY_AVAILABLE),
  /** Present but busy: readiness is scaled down ({@link EngineBuilder#readinessBusyFactor}). */
  BUSY(pe_availability.PE_AVAILABILITY_BUSY),
  /** Do not disturb: readiness is 0 and the call gate says {@link GateReason#DO_NOT_DISTURB}. */
  DO_NOT_DISTURB(pe_availability.PE_AVAILABILITY_DO_NOT_DISTURB),
  /**
   * Present to the engine but shown offline to every reader: reads, counts, member lists and events
   * treat the user as gone, and never say why. Only the {@code true...} fields of reads tell.
   */
  INVISIBLE(pe_availability.PE_AVAILABILITY_INVISIBLE);

  private static final Availability[] VALUES = values();
  private final int code;

  Availability(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }

  static Availability fromCode(int code) {
    return Codes.fromCode(VALUES, code);
  }
}
