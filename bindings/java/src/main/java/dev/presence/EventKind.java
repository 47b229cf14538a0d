package dev.presence;

/**
 * What an {@link Event} is about: each kind has its own event record, named in the constant's
 * description, so {@code switch (event.kind())} and {@code instanceof} agree.
 */
public enum EventKind implements CodedEnum {
  /** A session's published state changed: {@link SessionEvent}. */
  SESSION(pe_event_kind.PE_EVENT_SESSION),
  /** A user's published state changed: {@link UserEvent}. */
  USER(pe_event_kind.PE_EVENT_USER),
  /** A user or guest joined or left a room: {@link MemberEvent}. */
  MEMBER(pe_event_kind.PE_EVENT_MEMBER),
  /** A user or room became ready, or stopped being ready: {@link ReadinessEvent}. */
  READINESS(pe_event_kind.PE_EVENT_READINESS),
  /** An intent became ready, expired or was cancelled: {@link IntentEvent}. */
  INTENT(pe_event_kind.PE_EVENT_INTENT),
  /** A count-only room's occupancy, at most once per interval: {@link OccupancyEvent}. */
  OCCUPANCY(pe_event_kind.PE_EVENT_OCCUPANCY),
  /** A user's declared availability changed: {@link AvailabilityEvent}. */
  AVAILABILITY(pe_event_kind.PE_EVENT_AVAILABILITY);

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
