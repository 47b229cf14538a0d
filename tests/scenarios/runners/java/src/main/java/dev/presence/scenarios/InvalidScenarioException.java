package dev.presence.scenarios;

/** A file that is not a valid scenario; the message is {@code <place>: <why>}. */
final class InvalidScenarioException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * @param place a JSON path ({@code $.steps[3].activty}) or, for JSON syntax, {@code line L,
   *     column C}
   * @param why what is wrong there
   */
  InvalidScenarioException(String place, String why) {
    super(place + ": " + why);
  }
}
