package dev.presence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link NativeLoaderTest}: loads the library the way the JVM options say,
 * and prints its version and the library files mapped into the process.
 */
public final class LoaderProbe {
  private LoaderProbe() {}

  /**
   * Prints "version X" and one "mapped PATH" line per mapped file of the JNI library.
   *
   * @param args ignored
   * @throws IOException if the process map cannot be read
   */
  public static void main(String[] args) throws IOException {
    System.out.println("version " + Presence.version());
    Files.readAllLines(Path.of("/proc/self/maps")).stream()
        .filter(line -> line.contains("presence_jni"))
        .map(line -> line.substring(line.indexOf('/')))
        .distinct()
        .forEach(path -> System.out.println("mapped " + path));
  }
}
