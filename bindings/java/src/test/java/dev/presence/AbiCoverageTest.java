package dev.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every function of the C ABI reaches Java: each {@code PE_API} function of presence.h is called by
 * the hand-written code (the facade's Java, or the C adapters beside the SWIG interface), or is in
 * the short list below with the reason it is not. SWIG's generated wrappers do not count: a wrapper
 * nobody calls is a capability the Java API lacks. A new function in the header fails this test
 * until it is wrapped or listed.
 */
class AbiCoverageTest {
  private static final Path BINDING = Path.of("").toAbsolutePath();
  private static final Path HEADER =
      BINDING.resolve("../../capi/include/presence/presence.h").normalize();

  private static final String CLUSTER_RUNTIME =
      "the Redis cluster runtime reached main at the end of this round; Java runs cluster mode"
          + " through the replication calls (takeReplicas, applyReplicas, nodeSeen) until it is"
          + " wrapped";

  /** What the Java package does not call, and why. */
  private static final Map<String, String> NOT_CALLED =
      Map.ofEntries(
          Map.entry(
              "pe_engine_event_fd",
              "wake-ups reach Java through pe_engine_set_event_callback and the dispatcher thread;"
                  + " Java has no public API to poll a descriptor"),
          Map.entry("pe_engine_release_event_fd", "no descriptor is ever opened (above)"),
          Map.entry(
              "pe_status_name",
              "Status carries the names; EnumsTest checks each against this function"),
          Map.entry("pe_state_name", "State.label() carries the names; EnumsTest checks them too"),
          Map.entry("pe_cluster_options_create", CLUSTER_RUNTIME),
          Map.entry("pe_cluster_options_destroy", CLUSTER_RUNTIME),
          Map.entry("pe_cluster_options_set_url", CLUSTER_RUNTIME),
          Map.entry("pe_cluster_options_set_cluster_name", CLUSTER_RUNTIME),
          Map.entry("pe_cluster_options_set_node_ttl_ms", CLUSTER_RUNTIME),
          Map.entry("pe_cluster_options_set_stream_max_len", CLUSTER_RUNTIME),
          Map.entry("pe_cluster_options_set_batch_interval_ms", CLUSTER_RUNTIME),
          Map.entry("pe_cluster_options_set_start_timeout_ms", CLUSTER_RUNTIME),
          Map.entry("pe_cluster_options_set_auth", CLUSTER_RUNTIME),
          Map.entry("pe_cluster_options_set_tls", CLUSTER_RUNTIME),
          Map.entry("pe_cluster_start", CLUSTER_RUNTIME),
          Map.entry("pe_cluster_stop", CLUSTER_RUNTIME),
          Map.entry("pe_cluster_destroy", CLUSTER_RUNTIME),
          Map.entry("pe_cluster_stats_init", CLUSTER_RUNTIME),
          Map.entry("pe_cluster_stats_get", CLUSTER_RUNTIME),
          Map.entry("pe_cluster_last_error", CLUSTER_RUNTIME));

  /** A declaration: PE_API, a return type, the name, its parameter list (over several lines). */
  private static final Pattern DECLARATION =
      Pattern.compile("\\bPE_API\\s+[\\w\\s*]*?\\b(pe_\\w+)\\s*\\(", Pattern.DOTALL);

  static Set<String> abiFunctions() throws IOException {
    Set<String> names = new TreeSet<>();
    Matcher matcher = DECLARATION.matcher(Files.readString(HEADER));
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  private static String handWrittenSources() throws IOException {
    StringBuilder text = new StringBuilder();
    for (Path folder :
        new Path[] {BINDING.resolve("src/main/java/dev/presence"), BINDING.resolve("native")}) {
      try (Stream<Path> files = Files.list(folder)) {
        for (Path file : files.filter(f -> f.toString().matches(".*\\.(java|c)$")).toList()) {
          text.append(Files.readString(file)).append('\n');
        }
      }
    }
    return text.toString();
  }

  @Test
  void everyFunctionOfTheHeaderIsCalledOrListedWithAReason() throws IOException {
    Set<String> functions = abiFunctions();
    assertTrue(functions.size() > 90, "parsed " + functions);
    String sources = handWrittenSources();
    Set<String> missing = new TreeSet<>();
    Set<String> listedButCalled = new TreeSet<>();
    for (String function : functions) {
      boolean called = Pattern.compile("\\b" + function + "\\b").matcher(sources).find();
      if (!called && !NOT_CALLED.containsKey(function)) {
        missing.add(function);
      } else if (called && NOT_CALLED.containsKey(function)) {
        listedButCalled.add(function);
      }
    }
    assertEquals(Set.of(), missing, "C ABI functions the Java package does not use");
    assertEquals(Set.of(), listedButCalled, "listed as not called, but called: take them off");
    Set<String> stale = new TreeSet<>(NOT_CALLED.keySet());
    stale.removeAll(functions);
    assertEquals(Set.of(), stale, "listed, but no longer in the header");
  }

  @Test
  void theParserFindsDeclarationsOverSeveralLines() throws IOException {
    Set<String> functions = abiFunctions();
    assertTrue(functions.contains("pe_session_heartbeat_batch"), "declared over four lines");
    assertTrue(functions.contains("pe_config_init"), "returns void");
    assertTrue(functions.contains("pe_last_error_message"), "returns const char*");
    assertTrue(functions.contains("pe_reader_poll_events"));
  }
}
