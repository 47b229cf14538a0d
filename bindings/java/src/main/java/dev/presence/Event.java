package dev.presence;

import java.time.Instant;

/**
 * A published change: one of seven event records, one per {@link EventKind}. Events are state
 * changes, never heartbeats, and debounced: a change is published once it held for the debounce
 * window, and a change that reverted inside the window publishes nothing.
 *
 * <p>The hierarchy is sealed, so a consumer can tell the kinds apart with {@code instanceof} (or an
 * exhaustive {@code switch} on {@link #kind()}), and each record carries only the fields that mean
 * something for its kind:
 *
 * <pre>{@code
 * engine.addListener(event -> {
 *   if (event instanceof UserEvent user) {
 *     System.out.println(user.userId() + " is " + user.newState());
 *   } else if (event instanceof MemberEvent member && member.joined()) {
 *     System.out.println(member.memberId() + " joined " + member.roomId());
 *   } else if (event instanceof IntentEvent intent && intent.state() == IntentState.READY) {
 *     System.out.println("call " + intent.target().id() + " now");
 *   }
 * });
 * }</pre>
 */
public sealed interface Event
    permits SessionEvent,
        UserEvent,
        MemberEvent,
        ReadinessEvent,
        IntentEvent,
        OccupancyEvent,
        AvailabilityEvent {
  /**
   * The sequence number: one more than the previous event's, across all kinds.
   *
   * @return the sequence number
   */
  long seq();

  /**
   * What the event is about; each kind is one record class.
   *
   * @return the kind
   */
  EventKind kind();

  /**
   * When the change happened; the debounce delays only its publication.
   *
   * @return the time of the change
   */
  Instant at();

  /**
   * When the change was published.
   *
   * @return the time of publication
   */
  Instant publishedAt();
}
