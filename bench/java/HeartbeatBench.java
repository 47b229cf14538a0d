import dev.presence.Activity;
import dev.presence.BatchResult;
import dev.presence.Engine;
import dev.presence.Heartbeat;
import dev.presence.OpenOptions;
import dev.presence.Visibility;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Heartbeat throughput of the Java binding with many live sessions (not a unit test).
 *
 * <p>Opens SESSIONS sessions (ids of 24 bytes) spread over USERS users, then measures rounds of one
 * heartbeat per session through each way the API offers, all in one run so that their ratios hold
 * on a noisy machine. Run with bench/java/run.sh [sessions] [users] [rounds].
 */
public final class HeartbeatBench {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

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
        single(
            "heartbeatMillis, explicit time",
            () -> {
              long t = System.currentTimeMillis();
              for (String id : ids) {
                engine.heartbeatMillis(id, Activity.UNKNOWN, Visibility.UNKNOWN, t);
              }
            }),
        single(
            "heartbeatMillis, engine clock",
            () -> {
              for (String id : ids) {
                engine.heartbeatMillis(id, Activity.ACTIVE, Visibility.VISIBLE, Engine.NOW);
              }
            }),
        single(
            "heartbeat (Instant in, Duration out)",
            () -> {
              Instant t = Instant.now();
              for (String id : ids) {
                engine.heartbeat(id, Activity.ACTIVE, Visibility.VISIBLE, t);
              }
            }),
        single(
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

  /** One heartbeat per session from {@code threads} threads; returns their summed CPU time. */
  private static long parallel(Engine engine, String[] ids, int threads) {
    CountDownLatch done = new CountDownLatch(threads);
    AtomicLong cpu = new AtomicLong();
    long t = System.currentTimeMillis();
    for (int n = 0; n < threads; n++) {
      int first = n;
      new Thread(
              () -> {
                cpu.addAndGet(
                    cpuTimeOf(
                        () -> {
                          for (int i = first; i < ids.length; i += threads) {
                            engine.heartbeatMillis(ids[i], Activity.UNKNOWN, Visibility.UNKNOWN, t);
                          }
                        }));
                done.countDown();
              })
          .start();
    }
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return cpu.get();
  }

  private static Variant single(String name, Runnable body) {
    return new Variant(name, () -> cpuTimeOf(body));
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

  /** A way to send one heartbeat per session; a round returns the CPU time its threads used. */
  private record Variant(String name, LongSupplier round) {}

  /**
   * One warm-up round of each variant, then `rounds` rounds that each run every variant once, so
   * that the machine's noise falls on all of them alike; prints each one's median and best.
   */
  private static void measure(Variant[] variants, int rounds, int calls) {
    long[][] wall = new long[variants.length][rounds];
    long[][] cpu = new long[variants.length][rounds];
    for (Variant variant : variants) {
      variant.round().getAsLong();
    }
    for (int r = 0; r < rounds; r++) {
      for (int v = 0; v < variants.length; v++) {
        long start = System.nanoTime();
        cpu[v][r] = variants[v].round().getAsLong();
        wall[v][r] = System.nanoTime() - start;
      }
    }
    for (int v = 0; v < variants.length; v++) {
      long wallMedian = median(wall[v]);
      System.out.printf(
          "%-40s median %,12.0f/s   best %,12.0f/s   (%,.0f ns/call)   per CPU-second %,12.0f%n",
          variants[v].name(),
          calls / (wallMedian / 1e9),
          calls / (Arrays.stream(wall[v]).min().orElseThrow() / 1e9),
          wallMedian / (double) calls,
          calls / (median(cpu[v]) / 1e9));
    }
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** Runs {@code body} on this thread; returns the CPU time it took. */
  private static long cpuTimeOf(Runnable body) {
    long start = THREADS.getCurrentThreadCpuTime();
    body.run();
    return THREADS.getCurrentThreadCpuTime() - start;
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
