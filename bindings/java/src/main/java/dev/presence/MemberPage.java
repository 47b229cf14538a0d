package dev.presence;

import java.util.List;
import java.util.Optional;

/**
 * One page of {@link Engine#listMembers}: a room's members ordered by id, and the cursor of the
 * next page.
 *
 * @param members the members of this page
 * @param nextCursor pass to {@link Engine#listMembers(String, State, int, String)} for the next
 *     page; empty on the last page
 * @param seq the event sequence number the page reflects
 */
public record MemberPage(List<Member> members, Optional<String> nextCursor, long seq) {

  /**
   * Whether another page follows.
   *
   * @return {@code nextCursor().isPresent()}
   */
  public boolean hasMore() {
    return nextCursor.isPresent();
  }
}
