#include "event_signal.h"

#include <pthread.h>
#include <stdlib.h>

struct pj_event_signal {
  pthread_mutex_t mutex;
  pthread_cond_t changed;
  int64_t wakeups; /* never 0 after the first wake-up, never negative */
  int stopped;
};

pj_event_signal* pj_event_signal_create(void) {
  pj_event_signal* signal = calloc(1, sizeof *signal);
  if (signal == NULL) return NULL;
  if (pthread_mutex_init(&signal->mutex, NULL) != 0) {
    free(signal);
    return NULL;
  }
  if (pthread_cond_init(&signal->changed, NULL) != 0) {
    pthread_mutex_destroy(&signal->mutex);
    free(signal);
    return NULL;
  }
  return signal;
}

void pj_event_signal_destroy(pj_event_signal* signal) {
  if (signal == NULL) return;
  pthread_cond_destroy(&signal->changed);
  pthread_mutex_destroy(&signal->mutex);
  free(signal);
}

static void bump(pj_event_signal* signal) {
  pthread_mutex_lock(&signal->mutex);
  /* Wraps to 1, not to 0 or a negative value, which mean "start" and "stopped". */
  signal->wakeups = signal->wakeups == INT64_MAX ? 1 : signal->wakeups + 1;
  pthread_cond_broadcast(&signal->changed);
  pthread_mutex_unlock(&signal->mutex);
}

static void on_events(void* payload, uint64_t last_seq) {
  (void)last_seq; /* the dispatcher reads from each listener's own cursor */
  bump((pj_event_signal*)payload);
}

pe_status pj_event_signal_attach(pj_event_signal* signal, pe_engine* engine) {
  return pe_engine_set_event_callback(engine, on_events, signal);
}

void pj_event_signal_notify(pj_event_signal* signal) {
  bump(signal);
}

int64_t pj_event_signal_wait(pj_event_signal* signal, int64_t seen) {
  pthread_mutex_lock(&signal->mutex);
  while (!signal->stopped && signal->wakeups == seen) {
    pthread_cond_wait(&signal->changed, &signal->mutex);
  }
  const int64_t result = signal->stopped ? -1 : signal->wakeups;
  pthread_mutex_unlock(&signal->mutex);
  return result;
}

void pj_event_signal_stop(pj_event_signal* signal) {
  pthread_mutex_lock(&signal->mutex);
  signal->stopped = 1;
  pthread_cond_broadcast(&signal->changed);
  pthread_mutex_unlock(&signal->mutex);
}
