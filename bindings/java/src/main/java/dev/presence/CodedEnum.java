package dev.presence;

/**
 * An enum whose constants stand for values of a C enum of the engine's ABI.
 *
 * <p>Every public enum of this package implements it, with the codes taken from the constants that
 * SWIG generates from the C header, so the header stays the one source of every value.
 */
interface CodedEnum {
  /**
   * The value of this constant in the engine's C ABI.
   *
   * @return the C value
   */
  int code();

  /**
   * Finds the constant of {@code values} whose code is {@code code}.
   *
   * @throws InternalException if the native library reported a value that this binding does not
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
