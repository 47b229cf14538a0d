package dev.presence;

/** The client's view of human activity, carried by a heartbeat. */
public enum Activity implements CodedEnum {
  /** No hint: the heartbeat proves liveness only. */
  UNKNOWN(pe_activity.PE_ACTIVITY_UNKNOWN),
  /** The client saw interaction since its last heartbeat: counts as activity. */
  ACTIVE(pe_activity.PE_ACTIVITY_ACTIVE),
  /** The client saw none: the idle timer keeps running. */
  IDLE(pe_activity.PE_ACTIVITY_IDLE);

  private final int code;

  Activity(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }
}
