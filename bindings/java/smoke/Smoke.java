import dev.presence.Activity;
import dev.presence.Engine;
import dev.presence.EngineClosedException;
import dev.presence.Event;
import dev.presence.GateReason;
import dev.presence.InvalidArgumentException;
import dev.presence.OpenOptions;
import dev.presence.Presence;
import dev.presence.SessionEvent;
import dev.presence.Snapshot;
import dev.presence.State;
import dev.presence.Target;
import dev.presence.Visibility;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A separate, dependency-free program that uses only the packaged jar, as an application would:
 * compiled with plain javac against the jar and run in a fresh folder by ci.sh. Exits non-zero if
 * any check fails.
 */
public final class Smoke {
  private static int passed;
  private static int failed;

  private Smoke() {}

  public static void main(String[] args) throws Exception {
    check("library version", "0.1.0".equals(Presence.version()));
    check("library loaded from the jar", loadedFromJar());
    Engine engine = Engine.builder().debounce(Duration.ZERO).build();
    try {
      BlockingQueue<Event> events = new LinkedBlockingQueue<>();
      engine.addListener(events::add);
      check("open", engine.open("tab-😀", OpenOptions.user("ann")).state() == State.ACTIVE);
      check(
          "heartbeat interval",
          engine
              .heartbeat("tab-😀", Activity.ACTIVE, Visibility.HIDDEN)
              .equals(Duration.ofMinutes(1)));
      Event event = events.poll(10, TimeUnit.SECONDS);
      check(
          "listener event",
          event instanceof SessionEvent session
              && session.sessionId().equals("tab-😀")
              && session.seq() == 1);
      Snapshot snapshot = engine.snapshot();
      check("snapshot", snapshot.users().size() == 1 && snapshot.sessions().size() == 1);
      engine.subscribe("socket-1", Target.room("lobby"));
      engine.joinRoom("tab-😀", "lobby");
      check(
          "room", engine.room("lobby").map(room -> room.occupancy().members() == 1).orElse(false));
      check("call gate", engine.readiness(Target.user("ann")).reason() == GateReason.READY);
      check(
          "fan-out",
          engine.fanout(snapshot.seq()).deliveries().stream()
              .anyMatch(d -> d.subscriber().equals("socket-1")));
      check(
          "prometheus text",
          engine
              .prometheusText()
              .contains("presence_room_members{room=\"lobby\",state=\"active\"} 1"));
      check(
          "lone surrogate rejected",
          throwsA(InvalidArgumentException.class, () -> engine.open("bad\ud800")));
    } finally {
      engine.close();
    }
    check("use after close", throwsA(EngineClosedException.class, engine::counts));
    System.out.println("smoke: " + passed + " passed, " + failed + " failed");
    System.exit(failed == 0 ? 0 : 1);
  }

  /** The JNI library mapped into this process came from a temporary copy of the jar's. */
  private static boolean loadedFromJar() throws Exception {
    return Files.readAllLines(Path.of("/proc/self/maps")).stream()
        .anyMatch(line -> line.contains("/presence-jni-") && line.contains("libpresence_jni"));
  }

  private static boolean throwsA(Class<? extends RuntimeException> type, Runnable call) {
    try {
      call.run();
      return false;
    } catch (RuntimeException e) {
      return type.isInstance(e);
    }
  }

  private static void check(String name, boolean ok) {
    if (ok) {
      passed++;
    } else {
      failed++;
      System.out.println("smoke: FAILED " + name);
    }
  }
}
