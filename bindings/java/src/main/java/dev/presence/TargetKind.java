package dev.presence;

/** What a {@link Target} names: a user or a room. */
public enum TargetKind implements CodedEnum {
  /** A user, by user id. */
  USER(pe_target_kind.PE_TARGET_USER),
  /** A room, by room id. */
  ROOM(pe_target_kind.PE_TARGET_ROOM);

  private static final TargetKind[] VALUES = values();
  private final int code;

  TargetKind(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }

  static TargetKind fromCode(int code) {
    return Codes.fromCode(VALUES, code);
  }
}
