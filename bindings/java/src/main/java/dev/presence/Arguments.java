package dev.presence;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Checks and converts arguments before they reach native code, so that every bad argument is an
 * {@link InvalidArgumentException} with a message naming it. Range checks that the engine makes
 * itself (id lengths, time bounds, configuration) are left to it: one rule, one place.
 */
final class Arguments {
  /** The engine's "use my clock" time (PE_NOW). */
  static final long NOW = -1L;

  private Arguments() {}

  static <T> T notNull(T value, String name) {
    if (value == null) {
      throw new InvalidArgumentException(name + " must not be null");
    }
    return value;
  }

  /**
   * Standard UTF-8 of {@code text}. JNI's own string conversion yields modified UTF-8 and would let
   * a lone surrogate through, so text crosses as bytes encoded here. {@code getBytes} is exact for
   * any string without surrogates (and fast); a string with surrogates goes through an encoder that
   * reports a lone one instead of replacing it with '?'.
   */
  static byte[] utf8(String text, String name) {
    notNull(text, name);
    for (int i = 0; i < text.length(); i++) {
      if (Character.isSurrogate(text.charAt(i))) {
        return strictUtf8(text, name);
      }
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** As {@link #utf8}, with null meaning "not given". */
  static byte[] optionalUtf8(String text, String name) {
    return text == null ? null : utf8(text, name);
  }

  private static byte[] strictUtf8(String text, String name) {
    CharsetEncoder encoder =
        StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      ByteBuffer encoded = encoder.encode(CharBuffer.wrap(text));
      byte[] bytes = new byte[encoded.remaining()];
      encoded.get(bytes);
      return bytes;
    } catch (CharacterCodingException e) {
      throw new InvalidArgumentException(
          name + " is not valid Unicode: lone surrogate at index " + loneSurrogate(text));
    }
  }

  /** The index of the first surrogate that is not half of a pair, for the error message. */
  private static int loneSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  static String text(byte[] utf8) {
    return new String(utf8, StandardCharsets.UTF_8);
  }

  /**
   * Milliseconds since the epoch of {@code time}. Times before the epoch are rejected here: one
   * millisecond before it is -1, which the engine would read as "use my clock".
   */
  static long epochMillis(Instant time, String name) {
    notNull(time, name);
    if (time.isBefore(Instant.EPOCH)) {
      throw new InvalidArgumentException(name + " is before 1970-01-01T00:00:00Z: " + time);
    }
    try {
      return time.toEpochMilli();
    } catch (ArithmeticException e) {
      throw new InvalidArgumentException(name + " is too far in the future: " + time);
    }
  }

  /**
   * UTF-8 of the absolute form of {@code path}, for the native library, which resolves a relative
   * path against the process's directory rather than Java's {@code user.dir}. Only paths of the
   * default file system name a file the library can open.
   */
  static byte[] path(Path path, String name) {
    notNull(path, name);
    if (path.getFileSystem() != FileSystems.getDefault()) {
      throw new InvalidArgumentException(
          name + " is not on the default file system: " + path.toUri());
    }
    return utf8(path.toAbsolutePath().toString(), name);
  }

  /** Whole milliseconds of {@code duration} (finer parts are dropped). */
  static long millis(Duration duration, String name) {
    notNull(duration, name);
    try {
      return duration.toMillis();
    } catch (ArithmeticException e) {
      throw new InvalidArgumentException(name + " is too long: " + duration);
    }
  }

  static long nonNegative(long value, String name) {
    if (value < 0) {
      throw new InvalidArgumentException(name + " must not be negative, got " + value);
    }
    return value;
  }
}
