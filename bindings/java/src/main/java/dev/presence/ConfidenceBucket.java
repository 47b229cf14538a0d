package dev.presence;

/**
 * A coarse reading of a confidence value: {@code HIGH >= 0.75 > MEDIUM >= 0.4 > LOW}. Declared from
 * lowest to highest, so {@link #compareTo} orders buckets by confidence.
 */
public enum ConfidenceBucket implements CodedEnum {
  /** Below 0.4: silence has lasted long, or the session is stale. */
  LOW(pe_confidence.PE_CONFIDENCE_LOW),
  /** From 0.4 to below 0.75: some silence, or reconnecting. */
  MEDIUM(pe_confidence.PE_CONFIDENCE_MEDIUM),
  /** 0.75 or more: the last signal is fresh. */
  HIGH(pe_confidence.PE_CONFIDENCE_HIGH);

  private static final ConfidenceBucket[] VALUES = values();
  private final int code;

  ConfidenceBucket(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }

  static ConfidenceBucket fromCode(int code) {
    return Codes.fromCode(VALUES, code);
  }
}
