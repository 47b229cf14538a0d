import dev.presence.Activity;
import dev.presence.Engine;
import dev.presence.Event;
import dev.presence.OpenOptions;
import dev.presence.OpenResult;
import dev.presence.ReadinessEvent;
import dev.presence.SessionEvent;
import dev.presence.UserDetail;
import dev.presence.UserEvent;
import dev.presence.Visibility;
import java.time.Duration;

/** The quickstart of bindings/java/README.md; ci.sh runs it against the packaged jar. */
public final class Quickstart {
  private Quickstart() {}

  public static void main(String[] args) throws InterruptedException {
    // A ticker thread keeps time moving: idle, away, stale and offline happen by themselves.
    try (Engine engine = Engine.builder().ticker(Duration.ofMillis(100)).build()) {
      // Published changes (debounced, never heartbeats) arrive on one dispatcher thread.
      engine.addListener(
          event -> System.out.println("event #" + event.seq() + " " + describe(event)));

      // A browser tab connects with the application's stable id, its user and its socket.
      OpenResult opened =
          engine.open("tab-7f3a", OpenOptions.user("ann").withTransportId("socket-1"));
      System.out.println("new session, heartbeat every " + opened.heartbeatInterval());

      // Heartbeats carry the client's view; the answer is the next interval (adaptive).
      Duration next = engine.heartbeat("tab-7f3a", Activity.ACTIVE, Visibility.HIDDEN);
      System.out.println("hidden tab, heartbeat every " + next);

      // Changes are published once they held for the debounce (500 ms to active).
      Thread.sleep(1_000);

      // Who's online.
      UserDetail ann = engine.user("ann").orElseThrow();
      System.out.println("ann is " + ann.user().state() + " on " + ann.sessions().size() + " tab");
      System.out.println("alive sessions: " + engine.counts().sessionsAlive());

      // The socket drops: not an exit; the session is held while it may reconnect.
      engine.disconnectTransport("socket-1");
      System.out.println(
          "reconnecting: " + engine.session("tab-7f3a").orElseThrow().reconnecting());

      // An explicit exit is offline at once (published after the 2 s offline debounce).
      engine.leave("tab-7f3a");
      Thread.sleep(2_500);
    }
  }

  /** Each kind of event is its own record: sessions' and users' changes, readiness, rooms, ... */
  private static String describe(Event event) {
    if (event instanceof SessionEvent e) {
      return "session %s: %s -> %s".formatted(e.sessionId(), e.oldState(), e.newState());
    } else if (event instanceof UserEvent e) {
      return "user %s: %s -> %s".formatted(e.userId(), e.oldState(), e.newState());
    } else if (event instanceof ReadinessEvent e) {
      return e.target().id() + (e.ready() ? " is ready" : " is not ready");
    }
    return event.kind().toString();
  }
}
