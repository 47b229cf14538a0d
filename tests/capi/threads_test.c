/* Many threads on one engine, with the ticker and the event callback
 * running, then a close racing with them. Run under ThreadSanitizer too. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

#include "check.h"

enum { kThreads = 4, kSessionsPerThread = 200, kRounds = 30 };

static pe_engine* g_engine = NULL;
static atomic_int g_callbacks = 0;
static atomic_int g_bad_status = 0;
static atomic_int g_stop = 0;

static void on_events(void* payload, uint64_t last_seq) {
  (void)payload;
  (void)last_seq;
  atomic_fetch_add(&g_callbacks, 1);
}

static void expect(pe_status status, pe_status allowed) {
  if (status != PE_OK && status != allowed) {
    fprintf(stderr, "unexpected status %s: %s\n", pe_status_name(status), pe_last_error_message());
    atomic_fetch_add(&g_bad_status, 1);
  }
}

static void* worker(void* arg) {
  const int thread = (int)(intptr_t)arg;
  char id[32];
  char user[32];
  for (int round = 0; round < kRounds; ++round) {
    for (int i = 0; i < kSessionsPerThread; ++i) {
      pe_open_params params;
      snprintf(id, sizeof id, "t%d-s%d", thread, i);
      snprintf(user, sizeof user, "u%d", i % 50);
      pe_open_params_init(&params);
      params.user_id = user;
      params.user_id_len = strlen(user);
      expect(pe_session_open(g_engine, id, strlen(id), &params, PE_NOW, NULL), PE_OK);
      expect(pe_session_heartbeat(g_engine, id, strlen(id), PE_ACTIVITY_ACTIVE,
                                  i % 3 == 0 ? PE_VISIBILITY_HIDDEN : PE_VISIBILITY_VISIBLE, PE_NOW,
                                  NULL),
             PE_NOT_FOUND);
      if (i % 7 == 0) expect(pe_session_disconnect(g_engine, id, strlen(id), PE_NOW), PE_NOT_FOUND);
      if (i % 11 == 0) expect(pe_session_leave(g_engine, id, strlen(id), PE_NOW), PE_NOT_FOUND);
    }
    {
      pe_counts counts;
      pe_result* result = NULL;
      pe_counts_init(&counts);
      expect(pe_engine_counts(g_engine, PE_NOW, &counts), PE_OK);
      expect(pe_engine_list_users(g_engine, PE_STATE_STALE, NULL, 0, 50, PE_NOW, &result), PE_OK);
      pe_result_destroy(result);
      result = NULL;
      expect(pe_engine_poll_events(g_engine, 0, 100, &result), PE_TOO_FAR_BEHIND);
      pe_result_destroy(result);
    }
  }
  return NULL;
}

/* Calls until stopped, accepting PE_CLOSED once the engine is closed. */
static void* racer(void* arg) {
  (void)arg;
  while (!atomic_load(&g_stop)) {
    pe_result* result = NULL;
    expect(pe_session_open(g_engine, S("racer"), NULL, PE_NOW, NULL), PE_CLOSED);
    expect(pe_session_heartbeat(g_engine, S("racer"), PE_ACTIVITY_ACTIVE, PE_VISIBILITY_UNKNOWN,
                                PE_NOW, NULL),
           PE_CLOSED);
    pe_status status = pe_engine_snapshot(g_engine, PE_NOW, &result);
    expect(status, PE_CLOSED);
    pe_result_destroy(result);
  }
  return NULL;
}

int main(void) {
  pthread_t threads[kThreads];
  pe_config config;
  pe_config_init(&config);
  config.debounce_active_ms = 0;
  CHECK_OK(pe_engine_create(&config, &g_engine));
  CHECK_OK(pe_engine_set_event_callback(g_engine, on_events, NULL));
  CHECK_OK(pe_engine_start_ticker(g_engine, 1));

  for (int t = 0; t < kThreads; ++t) {
    CHECK(pthread_create(&threads[t], NULL, worker, (void*)(intptr_t)t) == 0);
  }
  for (int t = 0; t < kThreads; ++t) pthread_join(threads[t], NULL);
  CHECK(atomic_load(&g_bad_status) == 0);
  CHECK(atomic_load(&g_callbacks) > 0);

  {
    /* Every session the workers left open is alive, and counts agree. */
    pe_counts counts;
    pe_counts_init(&counts);
    CHECK_OK(pe_engine_counts(g_engine, PE_NOW, &counts));
    CHECK(counts.sessions_alive == (uint64_t)kThreads * (kSessionsPerThread - 19));
    CHECK(counts.users_alive == 50);
  }

  /* Close while racers are calling: every call returns OK or CLOSED. */
  for (int t = 0; t < kThreads; ++t) CHECK(pthread_create(&threads[t], NULL, racer, NULL) == 0);
  {
    struct timespec pause = {0, 20 * 1000 * 1000};
    nanosleep(&pause, NULL);
  }
  CHECK_OK(pe_engine_close(g_engine));
  {
    struct timespec pause = {0, 20 * 1000 * 1000};
    nanosleep(&pause, NULL);
  }
  atomic_store(&g_stop, 1);
  for (int t = 0; t < kThreads; ++t) pthread_join(threads[t], NULL);
  CHECK(atomic_load(&g_bad_status) == 0);
  pe_engine_destroy(g_engine);
  return finish("threads_test");
}
