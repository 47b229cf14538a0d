import dev.presence.Availability;
import dev.presence.AvailabilityEvent;
import dev.presence.Delivery;
import dev.presence.Engine;
import dev.presence.Event;
import dev.presence.Fanout;
import dev.presence.Intent;
import dev.presence.IntentEvent;
import dev.presence.IntentState;
import dev.presence.Member;
import dev.presence.MemberEvent;
import dev.presence.OpenOptions;
import dev.presence.ReadinessEvent;
import dev.presence.Room;
import dev.presence.State;
import dev.presence.Target;
import dev.presence.UserEvent;
import java.time.Duration;
import java.time.Instant;

/**
 * The coordination example of bindings/java/README.md: a room, the call gate, an intent instead of
 * a blind ring, and fan-out per socket. Times are explicit, so the output is the same every run;
 * ci.sh runs it against the packaged jar.
 */
public final class Coordination {
  private Coordination() {}

  public static void main(String[] args) {
    Instant nine = Instant.parse("2025-03-03T09:00:00Z");
    try (Engine engine = Engine.create()) {
      // carl wants the standup to start as soon as people are there: an intent, not a ring.
      engine.open("carl-laptop", OpenOptions.user("carl"), nine);
      Intent intent =
          engine.openIntent("carl", Target.room("standup"), "call", Duration.ofMinutes(15), nine);
      System.out.println(intent.intentId() + " is " + intent.state());
      System.out.println("call gate: " + engine.readiness(Target.room("standup"), nine).reason());

      // carl's socket hears what happens in the room, and nothing else.
      engine.subscribe("carl-socket", Target.room("standup"));
      long seen = engine.stats().lastSeq();

      // ann and bob arrive and join; joins are published once they held for the debounce.
      engine.open("ann-tab", OpenOptions.user("ann"), nine.plusSeconds(10));
      engine.joinRoom("ann-tab", "standup", nine.plusSeconds(10));
      engine.open("bob-phone", OpenOptions.user("bob"), nine.plusSeconds(20));
      engine.joinRoom("bob-phone", "standup", nine.plusSeconds(20));
      engine.setAvailability("bob", Availability.DO_NOT_DISTURB, nine.plusSeconds(25));
      Instant now = nine.plusSeconds(30);
      engine.advance(now);

      Room room = engine.room("standup", now).orElseThrow();
      System.out.printf(
          "standup: %d members, %d arriving, readiness %.2f, ready %s%n",
          room.occupancy().members(), room.arriving(), room.readiness(), room.ready());
      for (Member member : engine.listMembers("standup", State.STALE, 50, "", now).members()) {
        System.out.println(
            "  " + member.memberId() + " " + member.state() + " " + member.availability());
      }
      System.out.println("call bob? " + engine.readiness(Target.user("bob"), now).reason());

      // What carl's socket must be sent: the room's changes, batched per subscriber.
      Fanout fanout = engine.fanout(seen);
      for (Delivery delivery : fanout.deliveries()) {
        System.out.println("to " + delivery.subscriber() + ":");
        delivery.events().forEach(event -> System.out.println("  " + describe(event)));
      }
    }
  }

  private static String describe(Event event) {
    if (event instanceof MemberEvent member) {
      return member.memberId() + (member.joined() ? " joined " : " left ") + member.roomId();
    } else if (event instanceof ReadinessEvent readiness) {
      return readiness.target().id() + (readiness.ready() ? " is ready" : " is not ready");
    } else if (event instanceof IntentEvent intent) {
      String ready = intent.state() == IntentState.READY ? ": call now" : "";
      return intent.intentId() + " from " + intent.from() + " is " + intent.state() + ready;
    } else if (event instanceof UserEvent user) {
      return user.userId() + " is " + user.newState();
    } else if (event instanceof AvailabilityEvent availability) {
      return availability.userId() + " is " + availability.availability();
    }
    return event.kind() + " #" + event.seq();
  }
}
