package dev.presence;

/**
 * Engine statistics for monitoring.
 *
 * @param sessionRecords session records held: alive, plus those awaiting their offline publication
 * @param userRecords user records held: alive, plus remembered offline users
 * @param signals signals applied since the engine was created
 * @param transitions state transitions of sessions and users
 * @param eventsPublished events published
 * @param lastSeq seq of the newest event; 0 before the first
 * @param oldestSeq seq of the oldest event still buffered; 0 when the buffer is empty
 * @param pendingTimers timers waiting to run
 * @param limitRejections calls refused by a configured limit
 */
public record Stats(
    long sessionRecords,
    long userRecords,
    long signals,
    long transitions,
    long eventsPublished,
    long lastSeq,
    long oldestSeq,
    long pendingTimers,
    long limitRejections) {}
