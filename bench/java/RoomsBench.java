import dev.presence.Engine;
import dev.presence.MemberPage;
import dev.presence.OpenOptions;
import dev.presence.Room;
import dev.presence.State;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;

/**
 * Rooms through the Java binding (not a unit test): the workload of bench/core/rooms_bench.cpp, so
 * the two are read side by side. SESSIONS sessions (a quarter as many users), each in 1 to 3 of
 * ROOMS rooms, plus one large room of LARGE members. Measures join and join/leave throughput, a
 * room's counts at a typical and at the large room (the same cost: O(1)), and the first page of 50
 * members of each. Run with bench/java/run.sh, or: RoomsBench [sessions] [rooms] [large].
 */
public final class RoomsBench {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final Instant START = Instant.ofEpochMilli(1_700_000_000_000L);

  private RoomsBench() {}

  public static void main(String[] args) throws IOException {
    int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rooms = args.length > 1 ? Integer.parseInt(args[1]) : sessions / 10;
    int large = args.length > 2 ? Integer.parseInt(args[2]) : sessions / 20;
    int users = sessions / 4;
    System.out.printf(
        "presence-engine java rooms bench: %,d sessions, %,d users, %,d rooms, large room %,d%n",
        sessions, users, rooms, large);
    String[] sessionIds = ids("tab", sessions);
    String[] userIds = ids("user", users);
    String[] roomIds = ids("room", rooms);
    String largeRoom = "the-large-room";
    // Each session's rooms (1 to 3), drawn up front so they are not measured.
    Random random = new Random(7);
    int[] memberSession = new int[sessions * 3 + large];
    String[] memberRoom = new String[memberSession.length];
    int memberships = 0;
    for (int s = 0; s < sessions; s++) {
      for (int k = 1 + random.nextInt(3); k > 0; k--) {
        memberSession[memberships] = s;
        memberRoom[memberships++] = roomIds[random.nextInt(rooms)];
      }
    }
    for (int s = 0; s < Math.min(large, sessions); s++) {
      memberSession[memberships] = s;
      memberRoom[memberships++] = largeRoom;
    }
    int count = memberships;

    try (Engine engine = Engine.create()) {
      for (int s = 0; s < sessions; s++) {
        engine.open(sessionIds[s], OpenOptions.user(userIds[s % users]), START);
      }
      Instant now = START.plusSeconds(5);
      engine.advance(now);
      System.out.printf("%-46s %14s %14s %16s%n", "measure", "wall", "per call", "per CPU-second");
      time(
          "join, first time (creates rooms and members)",
          count,
          () -> {
            for (int i = 0; i < count; i++) {
              engine.joinRoom(sessionIds[memberSession[i]], memberRoom[i], now);
            }
          });
      // Steady state: the joins were announced and stopped being "arriving".
      Instant later = now.plusSeconds(61);
      engine.advance(later);
      time(
          "join/leave, steady state",
          2L * count,
          () -> {
            for (int i = 0; i < count; i++) {
              engine.leaveRoom(sessionIds[memberSession[i]], memberRoom[i], later);
              engine.joinRoom(sessionIds[memberSession[i]], memberRoom[i], later);
            }
          });
      // Reads: warmed up first, so the JIT has compiled them before either room is timed.
      String[] measured = {roomIds[0], largeRoom};
      for (String room : measured) {
        for (int i = 0; i < 20_000; i++) {
          engine.room(room, later);
          engine.listMembers(room, State.STALE, 50, "", later);
        }
      }
      long reads = 200_000;
      for (String room : measured) {
        time(
            "room counts (room()), " + label(room, largeRoom),
            reads,
            () -> {
              for (long i = 0; i < reads; i++) {
                Room read = engine.room(room, later).orElseThrow();
                if (read.occupancy().members() < 0) {
                  throw new IllegalStateException();
                }
              }
            });
      }
      long pages = 20_000;
      for (String room : measured) {
        time(
            "first page (50) of members, " + label(room, largeRoom),
            pages,
            () -> {
              for (long i = 0; i < pages; i++) {
                MemberPage page = engine.listMembers(room, State.STALE, 50, "", later);
                if (page.members().isEmpty()) {
                  throw new IllegalStateException("no members in " + room);
                }
              }
            });
      }
      System.out.printf(
          "  memberships %,d; rooms %,d; large room members %,d; rss %s%n",
          count,
          engine.counts(later).rooms(),
          engine.room(largeRoom, later).orElseThrow().occupancy().members(),
          rss());
    }
  }

  private static String label(String room, String largeRoom) {
    return room.equals(largeRoom) ? "large room" : "typical room";
  }

  /** Ids of 24 to 28 bytes, as in the C benchmark. */
  private static String[] ids(String prefix, int count) {
    String[] ids = new String[count];
    for (int i = 0; i < count; i++) {
      ids[i] = String.format("%s-%012d-a1b2c3d", prefix, i);
    }
    return ids;
  }

  /** Runs {@code body} once on this thread and prints its rate by wall and by CPU time. */
  private static void time(String name, long calls, Runnable body) {
    long cpu = THREADS.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    body.run();
    long wall = System.nanoTime() - start;
    cpu = THREADS.getCurrentThreadCpuTime() - cpu;
    System.out.printf(
        "%-46s %,12.0f/s %11.0f ns %,16.0f%n",
        name, calls / (wall / 1e9), wall / (double) calls, calls / (cpu / 1e9));
  }

  private static String rss() throws IOException {
    return Files.readAllLines(Path.of("/proc/self/status")).stream()
        .filter(line -> line.startsWith("VmRSS:"))
        .map(line -> line.substring(6).trim())
        .findFirst()
        .orElse("?");
  }
}
