package dev.presence;

/** What an {@link Event} is about. */
public enum EventKind implements CodedEnum {
  /** A session's published state changed; {@link Event#id()} is the session id. */
  SESSION(pe_event_kind.PE_EVENT_SESSION),
  /** A user's published state changed; {@link Event#id()} is the user id. */
  USER(pe_event_kind.PE_EVENT_USER);

  private static final EventKind[] VALUES = values();
  private final int code;

  EventKind(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }

  static EventKind fromCode(int code) {
    return Codes.fromCode(VALUES, code);
  }
}
