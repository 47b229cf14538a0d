/*
 * The same heartbeat workload as HeartbeatBench.java, straight on the C ABI:
 * the floor the Java binding is measured against (not a unit test).
 *
 *   native_baseline [sessions] [users] [rounds]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "presence/presence.h"

enum { kIdBytes = 24 };

static double seconds(clockid_t clock) {
  struct timespec ts;
  clock_gettime(clock, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int compare(const void* a, const void* b) {
  const double x = *(const double*)a;
  const double y = *(const double*)b;
  return (x > y) - (x < y);
}

int main(int argc, char** argv) {
  const int sessions = argc > 1 ? atoi(argv[1]) : 1000000;
  const int users = argc > 2 ? atoi(argv[2]) : 250000;
  const int rounds = argc > 3 ? atoi(argv[3]) : 5;
  if (sessions < 1 || users < 1 || rounds < 1) {
    fprintf(stderr, "usage: native_baseline [sessions] [users] [rounds]\n");
    return 2;
  }
  char* ids = malloc((size_t)sessions * (kIdBytes + 1));
  double* times = malloc((size_t)rounds * sizeof *times);
  double* cpu = malloc((size_t)rounds * sizeof *cpu);
  pe_engine* engine = NULL;
  if (ids == NULL || times == NULL || cpu == NULL || pe_engine_create(NULL, &engine) != PE_OK) {
    fprintf(stderr, "native_baseline: setup failed\n");
    return 1;
  }
  const int64_t now = (int64_t)(seconds(CLOCK_REALTIME) * 1000);
  for (int i = 0; i < sessions; ++i) {
    char user[kIdBytes + 1];
    snprintf(ids + (size_t)i * (kIdBytes + 1), kIdBytes + 1, "session-%016d", i);
    snprintf(user, sizeof user, "user-%019d", i % users);
    pe_open_params params;
    pe_open_params_init(&params);
    params.user_id = user;
    params.user_id_len = kIdBytes;
    if (pe_session_open(engine, ids + (size_t)i * (kIdBytes + 1), kIdBytes, &params, now, NULL) !=
        PE_OK) {
      fprintf(stderr, "native_baseline: open failed: %s\n", pe_last_error_message());
      return 1;
    }
  }
  for (int r = -1; r < rounds; ++r) { /* round -1 warms up */
    const int64_t at = (int64_t)(seconds(CLOCK_REALTIME) * 1000);
    const double start = seconds(CLOCK_MONOTONIC);
    const double start_cpu = seconds(CLOCK_THREAD_CPUTIME_ID);
    for (int i = 0; i < sessions; ++i) {
      int64_t interval = 0;
      pe_session_heartbeat(engine, ids + (size_t)i * (kIdBytes + 1), kIdBytes, PE_ACTIVITY_UNKNOWN,
                           PE_VISIBILITY_UNKNOWN, at, &interval);
    }
    if (r >= 0) {
      times[r] = seconds(CLOCK_MONOTONIC) - start;
      cpu[r] = seconds(CLOCK_THREAD_CPUTIME_ID) - start_cpu;
    }
  }
  qsort(times, (size_t)rounds, sizeof *times, compare);
  qsort(cpu, (size_t)rounds, sizeof *cpu, compare);
  printf("%-40s median %12.0f/s   best %12.0f/s   (%.0f ns/call)   per CPU-second %12.0f\n",
         "C ABI pe_session_heartbeat", sessions / times[rounds / 2], sessions / times[0],
         times[rounds / 2] * 1e9 / sessions, sessions / cpu[rounds / 2]);
  pe_engine_destroy(engine);
  free(cpu);
  free(times);
  free(ids);
  return 0;
}
