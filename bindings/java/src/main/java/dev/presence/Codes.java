package dev.presence;

/** Maps the numbers that the native library returns back to this package's enums. */
final class Codes {
  private Codes() {}

  /**
   * Finds the constant of {@code values} whose code is {@code code}.
   *
   * @throws InternalException if the native library returned a value that this binding does not
   *     know (it would have to be newer than the binding, which the ABI check rules out)
   */
  static <E extends Enum<E> & CodedEnum> E fromCode(E[] values, int code) {
    for (E value : values) {
      if (value.code() == code) {
        return value;
      }
    }
    throw new InternalException(
        "the native library returned "
            + code
            + ", which is not a "
            + values.getClass().getComponentType().getSimpleName()
            + " this binding knows");
  }
}
