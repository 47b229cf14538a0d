import dev.presence.Activity;
import dev.presence.BatchResult;
import dev.presence.Engine;
import dev.presence.Heartbeat;
import dev.presence.OpenOptions;
import dev.presence.Visibility;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Heartbeat throughput of the Java binding with many live sessions (not a unit test).
 *
 * <p>Opens SESSIONS sessions (ids of 24 bytes) spread over USERS users, then measures rounds of one
 * heartbeat per session through each way the API offers, all in one run so that their ratios hold
 * on a noisy machine. Run with bench/java/run.sh [sessions] [users] [rounds].
 */
public final class HeartbeatBench {
  private HeartbeatBench() {}

  public static void main(String[] args) throws Exception {
    int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int users = args.length > 1 ? Integer.parseInt(args[1]) : 250_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    String[] ids = new String[sessions];
    for (int i = 0; i < sessions; i++) {
      ids[i] = String.format("session-%016d", i); // 24 bytes
    }
    String[] userIds = new String[users];
    for (int i = 0; i < users; i++) {
      userIds[i] = String.format("user-%019d", i); // 24 bytes
    }
    System.out.printf(
        "presence-engine java bench: %,d sessions, %,d users, %d rounds, %d cores, %s%n",
        sessions,
        users,
        rounds,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.version"));

    try (Engine engine = Engine.builder().build()) {
      long start = System.nanoTime();
      long now = System.currentTimeMillis();
      for (int i = 0; i < sessions; i++) {
        engine.open(ids[i], OpenOptions.user(userIds[i % users]), Instant.ofEpochMilli(now));
      }
      report("open (Instant API)", sessions, System.nanoTime() - start);
      System.out.printf(
          "  live sessions %,d, users %,d, rss %s%n",
          engine.counts().sessionsAlive(), engine.counts().usersAlive(), rss());

      List<List<Heartbeat>> batches = batches(ids, 1024);
      int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
      Variant[] variants = {
        new Variant(
            "heartbeatMillis, explicit time",
            () -> {
              long t = System.currentTimeMillis();
              for (String id : ids) {
                engine.heartbeatMillis(id, Activity.UNKNOWN, Visibility.UNKNOWN, t);
              }
            }),
        new Variant(
            "heartbeatMillis, engine clock",
            () -> {
              for (String id : ids) {
                engine.heartbeatMillis(id, Activity.ACTIVE, Visibility.VISIBLE, Engine.NOW);
              }
            }),
        new Variant(
            "heartbeat (Instant in, Duration out)",
            () -> {
              Instant t = Instant.now();
              for (String id : ids) {
                engine.heartbeat(id, Activity.ACTIVE, Visibility.VISIBLE, t);
              }
            }),
        new Variant(
            "heartbeatBatch of 1024",
            () -> {
              Instant t = Instant.now();
              for (List<Heartbeat> batch : batches) {
                BatchResult result = engine.heartbeatBatch(batch, t);
                if (result.failed() != 0) {
                  throw new IllegalStateException(result.failed() + " heartbeats failed");
                }
              }
            }),
        new Variant(
            "heartbeatMillis, " + threads + " threads", () -> parallel(engine, ids, threads)),
      };
      measure(variants, rounds, sessions);
      System.out.printf(
          "  after: live sessions %,d, rss %s%n", engine.counts().sessionsAlive(), rss());
    }
  }

  private static void parallel(Engine engine, String[] ids, int threads) {
    CountDownLatch done = new CountDownLatch(threads);
    long t = System.currentTimeMillis();
    for (int n = 0; n < threads; n++) {
      int first = n;
      new Thread(
              () -> {
                for (int i = first; i < ids.length; i += threads) {
                  engine.heartbeatMillis(ids[i], Activity.UNKNOWN, Visibility.UNKNOWN, t);
                }
                done.countDown();
              })
          .start();
    }
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<List<Heartbeat>> batches(String[] ids, int size) {
    List<List<Heartbeat>> batches = new ArrayList<>();
    for (int from = 0; from < ids.length; from += size) {
      List<Heartbeat> batch = new ArrayList<>();
      for (String id : Arrays.copyOfRange(ids, from, Math.min(ids.length, from + size))) {
        batch.add(new Heartbeat(id, Activity.ACTIVE, Visibility.VISIBLE));
      }
      batches.add(batch);
    }
    return batches;
  }

  private record Variant(String name, Runnable round) {}

  /**
   * One warm-up round of each variant, then `rounds` rounds that each run every variant once, so
   * that the machine's noise falls on all of them alike; prints each one's median and best.
   */
  private static void measure(Variant[] variants, int rounds, int calls) {
    long[][] nanos = new long[variants.length][rounds];
    for (Variant variant : variants) {
      variant.round().run();
    }
    for (int r = 0; r < rounds; r++) {
      for (int v = 0; v < variants.length; v++) {
        long start = System.nanoTime();
        variants[v].round().run();
        nanos[v][r] = System.nanoTime() - start;
      }
    }
    for (int v = 0; v < variants.length; v++) {
      long[] sorted = nanos[v].clone();
      Arrays.sort(sorted);
      System.out.printf(
          "%-40s median %,12.0f/s   best %,12.0f/s   (%,.0f ns/call)%n",
          variants[v].name(),
          calls / (sorted[rounds / 2] / 1e9),
          calls / (sorted[0] / 1e9),
          sorted[rounds / 2] / (double) calls);
    }
  }

  private static void report(String name, int calls, long nanos) {
    System.out.printf(
        "%-40s %,12.0f/s   (%,.0f ns/call)%n", name, calls / (nanos / 1e9), nanos / (double) calls);
  }

  private static String rss() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return line.substring(6).trim();
      }
    }
    return "n/a";
  }
}
