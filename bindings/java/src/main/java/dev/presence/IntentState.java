package dev.presence;

/** Where an {@link Intent} stands. Every intent ends in exactly one of the three final states. */
public enum IntentState implements CodedEnum {
  /** Waiting for its target to become ready, until it expires. */
  PENDING(pe_intent_state.PE_INTENT_PENDING),
  /** The target became ready (or already was): place the call now. Final. */
  READY(pe_intent_state.PE_INTENT_READY),
  /** The time to live passed before the target became ready. Final. */
  EXPIRED(pe_intent_state.PE_INTENT_EXPIRED),
  /** Cancelled by {@link Engine#cancelIntent}. Final. */
  CANCELLED(pe_intent_state.PE_INTENT_CANCELLED);

  private static final IntentState[] VALUES = values();
  private final int code;

  IntentState(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }

  /**
   * Whether the intent has ended (ready, expired or cancelled) and is no longer held.
   *
   * @return {@code true} unless this is {@link #PENDING}
   */
  public boolean isFinal() {
    return this != PENDING;
  }

  static IntentState fromCode(int code) {
    return Codes.fromCode(VALUES, code);
  }
}
