package dev.presence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Loads the JNI library once, when the generated JNI class is initialised (see presence.i).
 *
 * <p>By default the library comes from this jar, under {@code native/<os>-<arch>/}: it is copied to
 * a new private temporary directory and loaded from there (a library cannot be loaded from inside a
 * jar). The system property {@value #PATH_PROPERTY} names a library file to load instead. Either
 * way the library's ABI version must be the one this binding was generated for.
 */
final class NativeLoader {
  /** System property naming a JNI library file to load instead of the jar's. */
  static final String PATH_PROPERTY = "presence.library.path";

  private static final String LIBRARY = "presence_jni";

  private NativeLoader() {}

  static void load() {
    String override = System.getProperty(PATH_PROPERTY, "");
    if (override.isEmpty()) {
      loadFromJar(
          resourceName(platform(System.getProperty("os.name"), System.getProperty("os.arch"))));
    } else {
      loadFile(Path.of(override).toAbsolutePath());
    }
    checkAbi(pj_abi.PJ_ABI_VERSION, PresenceNativeJNI.pe_abi_version());
  }

  /** The folder name of a platform: {@code linux-x86_64}, {@code macos-aarch64}, ... */
  static String platform(String osName, String osArch) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("linux")) {
      os = "linux";
    } else if (os.startsWith("mac") || os.startsWith("darwin")) {
      os = "macos";
    } else if (os.startsWith("windows")) {
      os = "windows";
    }
    String arch =
        switch (osArch.toLowerCase(Locale.ROOT)) {
          case "amd64", "x86_64", "x64" -> "x86_64";
          case "aarch64", "arm64" -> "aarch64";
          default -> osArch.toLowerCase(Locale.ROOT);
        };
    return os.replaceAll("[^a-z0-9]", "") + "-" + arch.replaceAll("[^a-z0-9_]", "");
  }

  static String resourceName(String platform) {
    return "/native/" + platform + "/" + System.mapLibraryName(LIBRARY);
  }

  static void checkAbi(long expected, long loaded) {
    if (expected != loaded) {
      throw new UnsatisfiedLinkError(
          "the Presence Engine library has ABI version "
              + loaded
              + ", but this binding was built for ABI version "
              + expected
              + (System.getProperty(PATH_PROPERTY, "").isEmpty()
                  ? ""
                  : " (check -D" + PATH_PROPERTY + ")"));
    }
  }

  private static void loadFile(Path library) {
    if (!Files.isRegularFile(library)) {
      throw new UnsatisfiedLinkError(PATH_PROPERTY + " names " + library + ", which is not a file");
    }
    System.load(library.toString());
  }

  private static void loadFromJar(String resource) {
    try (InputStream in = NativeLoader.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new UnsatisfiedLinkError(
            "this jar has no Presence Engine library for this platform (no "
                + resource
                + "); build the jar on this platform, or set -D"
                + PATH_PROPERTY
                + " to a library");
      }
      // createTempDirectory makes the folder private to this user (0700 on POSIX).
      Path directory = Files.createTempDirectory("presence-jni-");
      Path library = directory.resolve(System.mapLibraryName(LIBRARY));
      Files.copy(in, library);
      try {
        System.load(library.toString());
      } finally {
        removeExtracted(library, directory);
      }
    } catch (IOException e) {
      UnsatisfiedLinkError error =
          new UnsatisfiedLinkError("cannot extract the Presence Engine library: " + e);
      error.initCause(e);
      throw error;
    }
  }

  /**
   * A loaded library stays mapped once its file is gone (POSIX), so nothing is left behind even if
   * the JVM dies; where the file is locked while loaded (Windows), it goes on exit.
   */
  private static void removeExtracted(Path library, Path directory) {
    try {
      Files.deleteIfExists(library);
      Files.deleteIfExists(directory);
    } catch (IOException lockedWhileLoaded) {
      directory.toFile().deleteOnExit();
      library.toFile().deleteOnExit();
    }
  }
}
