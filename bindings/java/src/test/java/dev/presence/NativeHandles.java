package dev.presence;

/** Native engines made through the generated layer, for tests of that layer itself. */
final class NativeHandles {
  private NativeHandles() {}

  /** A default engine; free it with PresenceNative.pe_engine_destroy(). */
  static SWIGTYPE_p_pe_engine engine() {
    long[] created = new long[1];
    PresenceNative.pe_engine_create(null, created);
    return new SWIGTYPE_p_pe_engine(created[0], false);
  }
}
