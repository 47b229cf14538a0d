package dev.presence;

import java.util.List;
import java.util.Optional;

/**
 * One page of {@link Engine#listRooms}: rooms ordered by id, and the cursor of the next page.
 *
 * @param rooms the rooms of this page
 * @param nextCursor pass to {@link Engine#listRooms(int, String)} for the next page; empty on the
 *     last page
 * @param seq the event sequence number the page reflects
 */
public record RoomPage(List<Room> rooms, Optional<String> nextCursor, long seq) {

  /**
   * Whether another page follows.
   *
   * @return {@code nextCursor().isPresent()}
   */
  public boolean hasMore() {
    return nextCursor.isPresent();
  }
}
