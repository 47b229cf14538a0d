package dev.presence;

import java.util.List;

/**
 * One page of {@link Engine#exportReplicas}: records of live sessions this node owns.
 *
 * @param replicas the records of this page
 * @param nextCursor pass to {@link Engine#exportReplicas(long, int)} for the next page; 0 after the
 *     last page
 */
public record ReplicaPage(List<Replica> replicas, long nextCursor) {

  /**
   * Whether another page follows.
   *
   * @return {@code nextCursor() != 0}
   */
  public boolean hasMore() {
    return nextCursor != 0;
  }
}
