package dev.presence;

/** Facts about the native Presence Engine library this binding loaded. */
public final class Presence {
  private Presence() {}

  /**
   * The version of the native library, for example {@code "0.1.0"}.
   *
   * @return the library's version string
   */
  public static String version() {
    return PresenceNative.pe_version_string();
  }

  /**
   * The version of the native library as one number: major * 10000 + minor * 100 + patch.
   *
   * @return the library's version number
   */
  public static int versionNumber() {
    return Math.toIntExact(PresenceNative.pe_version_number());
  }

  /**
   * The ABI version of the native library; the binding checked on loading that it is the one it was
   * built for.
   *
   * @return the library's ABI version
   */
  public static int abiVersion() {
    return Math.toIntExact(PresenceNative.pe_abi_version());
  }
}
