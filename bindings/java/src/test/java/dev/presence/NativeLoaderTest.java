package dev.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding, extracting, loading and checking the native library. */
class NativeLoaderTest {
  @TempDir Path temp;

  private static Path classesDir() throws Exception {
    return Path.of(NativeLoader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static String thisPlatform() {
    return NativeLoader.platform(System.getProperty("os.name"), System.getProperty("os.arch"));
  }

  @Test
  void platformsAreNamedAsTheJarLaysThemOut() {
    assertEquals("linux-x86_64", NativeLoader.platform("Linux", "amd64"));
    assertEquals("linux-aarch64", NativeLoader.platform("Linux", "aarch64"));
    assertEquals("macos-aarch64", NativeLoader.platform("Mac OS X", "aarch64"));
    assertEquals("macos-x86_64", NativeLoader.platform("Mac OS X", "x86_64"));
    assertEquals("windows-x86_64", NativeLoader.platform("Windows 11", "amd64"));
    assertEquals("freebsd-riscv64", NativeLoader.platform("FreeBSD", "riscv64"));
    assertEquals(
        "/native/linux-x86_64/libpresence_jni.so",
        NativeLoader.resourceName("linux-x86_64").replace(".dylib", ".so"));
  }

  @Test
  void theLibraryForThisPlatformIsPackaged() {
    assertNotNull(NativeLoader.class.getResource(NativeLoader.resourceName(thisPlatform())));
    assertEquals("0.1.0", Presence.version());
    assertEquals(100, Presence.versionNumber());
    assertEquals(pj_abi.PJ_ABI_VERSION, Presence.abiVersion());
  }

  @Test
  void anAbiMismatchIsAClearError() {
    UnsatisfiedLinkError error =
        assertThrows(UnsatisfiedLinkError.class, () -> NativeLoader.checkAbi(1, 2));
    assertTrue(error.getMessage().contains("ABI version 2"), error.getMessage());
    NativeLoader.checkAbi(3, 3);
  }

  /** A jar like the packaged one, loaded by its own class loader, extracts and loads its copy. */
  @Test
  void aJarLoadsItsOwnLibraryInAFreshClassLoader() throws Exception {
    Path jar = temp.resolve("presence.jar");
    Path classes = classesDir();
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
    }
    long extractedBefore = extractedDirectories();
    WeakReference<ClassLoader> unloadable = useInFreshLoader(jar);
    // Nothing native pins the loader (the JNI library holds the classes it needs weakly), so
    // the classes and the library can be unloaded once the application drops them.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (unloadable.get() != null && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(20);
    }
    assertNull(unloadable.get(), "the class loader was collected");
    assertEquals(extractedBefore, extractedDirectories(), "the extracted copy was removed");
  }

  private static WeakReference<ClassLoader> useInFreshLoader(Path jar) throws Exception {
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      Class<?> presence = loader.loadClass("dev.presence.Presence");
      assertNotEquals(Presence.class, presence);
      assertEquals("0.1.0", presence.getMethod("version").invoke(null));
      Class<?> engineClass = loader.loadClass("dev.presence.Engine");
      try (AutoCloseable engine = (AutoCloseable) engineClass.getMethod("create").invoke(null)) {
        assertEquals(engineClass, engine.getClass());
        Method open = engineClass.getMethod("open", String.class);
        Throwable thrown = Samples.thrownBy(open, engine, new Object[] {""});
        assertEquals("dev.presence.InvalidArgumentException", thrown.getClass().getName());
      }
      return new WeakReference<>(loader);
    }
  }

  private static long extractedDirectories() throws IOException {
    try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return entries.filter(p -> p.getFileName().toString().startsWith("presence-jni-")).count();
    }
  }

  @Test
  void theLibraryPathPropertyOverridesTheJar() throws Exception {
    assumeTrue(Files.exists(Path.of("/proc/self/maps")), "needs /proc to see mapped files");
    Path library = temp.resolve("custom").resolve(System.mapLibraryName("presence_jni"));
    Files.createDirectories(library.getParent());
    Files.copy(
        classesDir().resolve(NativeLoader.resourceName(thisPlatform()).substring(1)),
        library,
        StandardCopyOption.REPLACE_EXISTING);
    Result result = runProbe("-D" + NativeLoader.PATH_PROPERTY + "=" + library);
    assertEquals(0, result.exitCode, result.output);
    assertTrue(result.output.contains("version 0.1.0"), result.output);
    assertTrue(result.output.contains("mapped " + library), result.output);
  }

  @Test
  void aBadLibraryPathIsAClearError() throws Exception {
    Path missing = temp.resolve("missing.so");
    Result result = runProbe("-D" + NativeLoader.PATH_PROPERTY + "=" + missing);
    assertNotEquals(0, result.exitCode);
    assertTrue(result.output.contains("UnsatisfiedLinkError"), result.output);
    assertTrue(result.output.contains(missing + ", which is not a file"), result.output);
  }

  private record Result(int exitCode, String output) {}

  private static Result runProbe(String property) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(property);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(LoaderProbe.class.getName());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close(); // no input
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    return new Result(process.exitValue(), output);
  }
}
