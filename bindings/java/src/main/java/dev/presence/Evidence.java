package dev.presence;

/** The kind of signal that last proved a user was there. */
public enum Evidence implements CodedEnum {
  /** No signal recorded. */
  NONE(pe_evidence.PE_EVIDENCE_NONE),
  /** A session was opened or continued. */
  OPEN(pe_evidence.PE_EVIDENCE_OPEN),
  /** A heartbeat. */
  HEARTBEAT(pe_evidence.PE_EVIDENCE_HEARTBEAT),
  /** A sampled human interaction. */
  ACTIVITY(pe_evidence.PE_EVIDENCE_ACTIVITY),
  /** A visibility change. */
  VISIBILITY(pe_evidence.PE_EVIDENCE_VISIBILITY),
  /** An explicit leave. */
  LEAVE(pe_evidence.PE_EVIDENCE_LEAVE);

  private static final Evidence[] VALUES = values();
  private final int code;

  Evidence(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }

  static Evidence fromCode(int code) {
    return Codes.fromCode(VALUES, code);
  }
}
