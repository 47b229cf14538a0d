package dev.presence;

import java.util.List;

/**
 * The result of {@link Engine#heartbeatBatch}: one outcome per item, in the order of the items.
 * Items are independent: a bad item fails alone.
 *
 * @param outcomes one outcome per item
 * @param failed how many items failed
 */
public record BatchResult(List<HeartbeatOutcome> outcomes, int failed) {}
