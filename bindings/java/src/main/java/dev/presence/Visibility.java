package dev.presence;

/** Whether the client's document (tab, window, app) is in the foreground. */
public enum Visibility implements CodedEnum {
  /** No hint: a new session is visible, a continued one keeps its visibility. */
  UNKNOWN(pe_visibility.PE_VISIBILITY_UNKNOWN),
  /** In the foreground. */
  VISIBLE(pe_visibility.PE_VISIBILITY_VISIBLE),
  /** In the background; away once hidden for longer than the blur tolerance. */
  HIDDEN(pe_visibility.PE_VISIBILITY_HIDDEN);

  private final int code;

  Visibility(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }
}
