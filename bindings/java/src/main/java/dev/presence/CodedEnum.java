package dev.presence;

/**
 * An enum whose constants have stable numbers: the values of the matching enum of the engine's C
 * ABI, which never change between releases, so they may be stored or sent over the wire.
 *
 * <p>Every enum of this package implements it. The numbers are taken from the constants that SWIG
 * generates from the C header, so the header stays the one source of every value.
 */
public interface CodedEnum {
  /**
   * The value of this constant in the engine's C ABI.
   *
   * @return the stable number of this constant
   */
  int code();
}
