package dev.presence;

import java.time.Instant;

/**
 * An intent ended: its target became ready ({@link IntentState#READY}: place the call now), its
 * time to live passed ({@link IntentState#EXPIRED}), or it was cancelled ({@link
 * IntentState#CANCELLED}). The intent is gone afterwards.
 *
 * @param seq the sequence number
 * @param at when the intent ended
 * @param publishedAt when it was published
 * @param intentId the intent, as returned by {@link Engine#openIntent}
 * @param intentKind the application's kind of intent, for example {@code "call"}
 * @param from the caller
 * @param target the user or room called
 * @param state how it ended: {@link IntentState#READY}, {@link IntentState#EXPIRED} or {@link
 *     IntentState#CANCELLED}
 */
public record IntentEvent(
    long seq,
    Instant at,
    Instant publishedAt,
    String intentId,
    String intentKind,
    String from,
    Target target,
    IntentState state)
    implements Event {

  /**
   * Always {@link EventKind#INTENT}.
   *
   * @return the kind
   */
  @Override
  public EventKind kind() {
    return EventKind.INTENT;
  }
}
