package dev.presence;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A distribution of durations in fixed buckets, from a room's {@link RoomMetrics}. Buckets are
 * consecutive: each starts where the previous one ends, and the last is open-ended.
 *
 * @param buckets the buckets, shortest durations first
 */
public record Histogram(List<Histogram.Bucket> buckets) {

  /**
   * Checks the histogram and keeps an unmodifiable copy of its buckets.
   *
   * @param buckets the buckets, shortest durations first
   * @throws InvalidArgumentException if {@code buckets} is or holds null
   */
  public Histogram {
    Arguments.notNull(buckets, "buckets");
    for (Bucket bucket : buckets) {
      Arguments.notNull(bucket, "bucket");
    }
    buckets = List.copyOf(buckets);
  }

  /**
   * How many durations were counted in all buckets.
   *
   * @return the sum of the buckets' counts
   */
  public long total() {
    return buckets.stream().mapToLong(Bucket::count).sum();
  }

  /**
   * One bucket: the durations from {@code lowerBound} (inclusive) up to {@code upperBound}
   * (exclusive).
   *
   * @param lowerBound where the bucket starts: the previous bucket's upper bound, zero for the
   *     first
   * @param upperBound where it ends; empty for the last, open-ended bucket
   * @param count how many durations fell into it
   */
  public record Bucket(Duration lowerBound, Optional<Duration> upperBound, long count) {}
}
