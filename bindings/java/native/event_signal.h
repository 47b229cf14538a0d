/*
 * The bridge from the engine's event callback to the Java dispatcher thread.
 *
 * pe_engine_set_event_callback() calls back on whichever thread published the
 * events: an application thread inside a Java call, or the engine's native
 * ticker thread, which the JVM does not know. Calling into Java from there
 * would mean attaching threads and racing with class unloading, so the
 * callback does not touch the JVM at all: it bumps a counter under a mutex
 * and signals a condition variable. One Java thread (the dispatcher) waits
 * on it inside pj_event_signal_wait(), then pulls the events with
 * pe_engine_poll_events().
 *
 * Lifetime: the signal must outlive every callback. The engine may call it
 * until pe_engine_destroy() (or until pe_engine_close() has returned and no
 * other call on the engine is running), so it is destroyed only after that.
 */
#ifndef PRESENCE_JAVA_EVENT_SIGNAL_H
#define PRESENCE_JAVA_EVENT_SIGNAL_H

#include <stdint.h>

#include "presence/presence.h"

typedef struct pj_event_signal pj_event_signal;

/* A new signal, not yet attached; NULL when out of memory. */
pj_event_signal* pj_event_signal_create(void);

/* Frees the signal. Accepts NULL. See the lifetime rule above. */
void pj_event_signal_destroy(pj_event_signal* signal);

/* Registers the signal as the engine's event callback. */
pe_status pj_event_signal_attach(pj_event_signal* signal, pe_engine* engine);

/* Wakes the waiter without an event (e.g. a listener was added). */
void pj_event_signal_notify(pj_event_signal* signal);

/*
 * Blocks until the wake-up count differs from `seen`, and returns it; returns
 * -1 once the signal is stopped. Start with seen = 0.
 */
int64_t pj_event_signal_wait(pj_event_signal* signal, int64_t seen);

/* Makes every current and later pj_event_signal_wait() return -1. */
void pj_event_signal_stop(pj_event_signal* signal);

#endif /* PRESENCE_JAVA_EVENT_SIGNAL_H */
