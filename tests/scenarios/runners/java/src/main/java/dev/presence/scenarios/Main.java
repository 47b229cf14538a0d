package dev.presence.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import dev.presence.Engine;
import dev.presence.PresenceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Plays the cross-runtime scenarios through the Java package (tests/scenarios/README.md).
 *
 * <p>Usage: {@code [--expect-failures LIST] [PATH...]}. A PATH is a scenario file or a folder
 * (every {@code *.scenario.json} below it, sorted); without one the whole {@code tests/scenarios}
 * folder runs. Exit status 0 when nothing failed, 1 otherwise, 2 for bad usage.
 */
public final class Main {
  private static final long DEFAULT_T0 = 1_700_000_000_000L;

  /**
   * What this runtime cannot send: Java strings cannot hold invalid UTF-8, and Java enums cannot
   * hold a value the C enum does not define. Files that need either are skipped, as the format
   * allows.
   */
  private static final Set<String> SUPPORTED = Set.of();

  private final ScenarioFile loader;
  private int passed;
  private int failed;
  private int known;
  private int skipped;

  private Main(Path scenarios) {
    this.loader = new ScenarioFile(scenarios);
  }

  /**
   * Runs the scenarios the command line names and exits with the run's status.
   *
   * @param args {@code [--expect-failures LIST] [PATH...]}
   * @throws IOException if a scenario file cannot be read
   */
  public static void main(String[] args) throws IOException {
    System.exit(run(args));
  }

  static int run(String[] args) throws IOException {
    // Files are named relative to the current directory, as the user would type them.
    Path here = Path.of("").toAbsolutePath();
    Path scenarios =
        here.relativize(
            Path.of(System.getProperty("presence.scenarios", "tests/scenarios"))
                .toAbsolutePath()
                .normalize());
    if (!Files.isDirectory(scenarios.resolve("schema"))) {
      return usage("no scenarios folder at " + scenarios + " (set -Dpresence.scenarios)");
    }
    Main main = new Main(scenarios);
    List<Path> paths = new ArrayList<>();
    Path expectFailures = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--expect-failures") && i + 1 < args.length) {
        expectFailures = Path.of(args[++i]);
      } else if (args[i].startsWith("-")) {
        return usage("unknown option " + args[i]);
      } else {
        paths.add(Path.of(args[i]));
      }
    }
    if (expectFailures != null) {
      if (!Files.isRegularFile(expectFailures)) {
        return usage("no such file " + expectFailures);
      }
      main.expectFailures(expectFailures);
    } else if (paths.isEmpty()) {
      paths.add(scenarios);
    }
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isRegularFile(path)) {
        files.add(path);
      } else if (Files.isDirectory(path)) {
        try (Stream<Path> found = Files.walk(path)) {
          List<Path> inside =
              found.filter(p -> p.toString().endsWith(".scenario.json")).sorted().toList();
          if (inside.isEmpty()) {
            return usage("no scenarios in " + path);
          }
          files.addAll(inside);
        }
      } else {
        return usage("no such file or folder " + path);
      }
    }
    for (Path file : files) {
      main.runFile(file);
    }
    return main.close();
  }

  private static int usage(String problem) {
    System.err.println("run-scenarios: " + problem);
    return 2;
  }

  private int close() {
    if (known > 0) {
      System.out.println("known failures: " + known);
    }
    if (skipped > 0) {
      System.out.println("skipped: " + skipped);
    }
    System.out.println("scenarios: " + passed + " passed, " + failed + " failed");
    return failed > 0 ? 1 : 0;
  }

  /** Validates, runs and judges one scenario file. */
  private void runFile(Path path) throws IOException {
    String file = path.toString();
    JsonNode doc;
    try {
      doc = loader.load(path);
    } catch (InvalidScenarioException refused) {
      failed++;
      System.out.println("FAIL " + file + "\n  " + refused.getMessage());
      return;
    }
    Set<String> missing = new HashSet<>();
    doc.path("requires").forEach(r -> missing.add(r.asText()));
    missing.removeAll(SUPPORTED);
    if (!missing.isEmpty()) {
      skipped++;
      System.out.println("SKIP " + file + " (needs " + String.join(", ", missing) + ")");
      return;
    }
    String failure = verdict(file, doc);
    if (failure.isEmpty()) {
      passed++;
      System.out.println("PASS " + file);
    } else if (doc.has("known_failure") && !failure.contains("$.known_failure")) {
      known++;
      System.out.print("KNOWN FAILURE " + failure);
    } else {
      failed++;
      System.out.print("FAIL " + failure);
    }
  }

  /**
   * The report of a scenario that does not hold (a known failure's with its reason, or the mark of
   * a known failure that passes), or "" if it holds.
   */
  private static String verdict(String file, JsonNode doc) {
    String failure = firstFailure(file, doc);
    if (!doc.has("known_failure")) {
      return failure;
    }
    String why = doc.get("known_failure").asText();
    return failure.isEmpty()
        ? file + "\n  $.known_failure: the scenario passes, so the mark must go (" + why + ")\n"
        : failure + "  known failure: " + why + "\n";
  }

  /** The report of the first place that differs, or "" if the scenario holds. */
  private static String firstFailure(String file, JsonNode doc) {
    Outcome created;
    Engine engine = null;
    try {
      engine = Engine.builder().config(Configs.of(doc.path("config"))).build();
      created = Outcome.ok(null);
    } catch (PresenceException e) {
      created = Outcome.failed(e.status().name(), e.getMessage());
    }
    List<Judge.Mismatch> mismatches = Judge.judge(doc, "create_fails", created, "$");
    if (!mismatches.isEmpty()) {
      if (engine != null) {
        engine.close();
      }
      return Judge.report(file, doc, "creating the engine", mismatches);
    }
    if (engine == null) {
      return ""; // refused, as the file expects
    }
    try (Engine running = engine) {
      Driver driver = new Driver(running, doc.path("t0").asLong(DEFAULT_T0));
      JsonNode steps = doc.get("steps");
      for (int i = 0; i < steps.size(); i++) {
        JsonNode step = steps.get(i);
        mismatches = Judge.judge(step, "fails", driver.run(step), "$.steps[" + i + "]");
        if (!mismatches.isEmpty()) {
          return Judge.report(file, doc, "step " + i + ": " + Judge.describe(step), mismatches);
        }
      }
    }
    return "";
  }

  /**
   * Every file of the list must be refused (stage "load") or fail (stage "run") with a message
   * naming the list's place and texts; the list must name every {@code *.json} file beside it.
   */
  private void expectFailures(Path list) throws IOException {
    JsonNode listing;
    try {
      listing = ScenarioFile.parse(Files.readString(list));
    } catch (InvalidScenarioException refused) {
      failed++;
      System.out.println("FAIL " + list + "\n  " + refused.getMessage());
      return;
    }
    Path folder = list.toAbsolutePath().getParent();
    Set<String> named = new HashSet<>();
    listing.get("failures").forEach(entry -> named.add(entry.get("file").asText()));
    try (Stream<Path> beside = Files.list(folder)) {
      List<String> unlisted =
          beside
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".json") && !n.equals(list.getFileName().toString()))
              .filter(n -> !named.contains(n))
              .sorted()
              .toList();
      if (!unlisted.isEmpty()) {
        failed++;
        System.out.println("FAIL " + list + "\n  does not name " + String.join(", ", unlisted));
      }
    }
    for (JsonNode entry : listing.get("failures")) {
      Path path = list.resolveSibling(entry.get("file").asText());
      String stage = "run";
      String message;
      try {
        JsonNode doc = loader.load(path);
        message = verdict(path.toString(), doc);
      } catch (InvalidScenarioException refused) {
        stage = "load";
        message = refused.getMessage();
      }
      List<String> wanted = new ArrayList<>();
      wanted.add(entry.get("place").asText());
      entry.get("mentions").forEach(m -> wanted.add(m.asText()));
      String got = message;
      if (stage.equals(entry.get("stage").asText())
          && !message.isEmpty()
          && wanted.stream().allMatch(got::contains)) {
        passed++;
        System.out.println("PASS " + path + " (" + stage + ": " + wanted.get(0) + ")");
      } else {
        failed++;
        System.out.println(
            "FAIL "
                + path
                + "\n  expected a "
                + entry.get("stage").asText()
                + " failure naming "
                + wanted
                + "\n  got "
                + stage
                + ": "
                + (message.isEmpty() ? "no failure" : message));
      }
    }
  }
}
