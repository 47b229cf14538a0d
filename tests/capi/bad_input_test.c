/* Every kind of bad input through the C ABI: a status and a message, never a
 * crash, and nothing changed. */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"

static const int64_t T0 = 1700000000000;

static pe_engine* make_engine(void) {
  pe_engine* engine = NULL;
  CHECK_OK(pe_engine_create(NULL, &engine));
  CHECK_OK(pe_session_open(engine, S("tab-1"), NULL, T0, NULL));
  return engine;
}

static uint64_t alive_sessions(pe_engine* engine) {
  pe_counts counts;
  pe_counts_init(&counts);
  CHECK_OK(pe_engine_counts(engine, T0, &counts));
  return counts.sessions_alive;
}

static void test_null_pointers(void) {
  pe_engine* engine = make_engine();
  pe_result* result = NULL;
  pe_counts counts;
  pe_stats stats;
  int64_t value = 0;
  CHECK_STATUS(pe_engine_create(NULL, NULL), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_session_open(NULL, S("x"), NULL, T0, NULL), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_session_open(engine, NULL, 3, NULL, T0, NULL), PE_INVALID_ARGUMENT);
  CHECK_STATUS(
      pe_session_heartbeat(NULL, S("tab-1"), PE_ACTIVITY_UNKNOWN, PE_VISIBILITY_UNKNOWN, T0, NULL),
      PE_INVALID_ARGUMENT);
  CHECK_STATUS(
      pe_session_heartbeat(engine, NULL, 5, PE_ACTIVITY_UNKNOWN, PE_VISIBILITY_UNKNOWN, T0, NULL),
      PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_session_activity(engine, NULL, 1, T0), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_session_visibility(engine, NULL, 1, PE_VISIBILITY_HIDDEN, T0),
               PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_session_disconnect(engine, NULL, 1, T0), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_transport_disconnect(engine, NULL, 1, T0), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_session_leave(engine, NULL, 1, T0), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_session_identify(engine, S("tab-1"), NULL, 2, T0), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_session_heartbeat_batch(engine, NULL, 2, T0, NULL, NULL, NULL),
               PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_counts(engine, T0, NULL), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_counts(NULL, T0, &counts), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_count_seen(engine, 1000, T0, NULL), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_list_users(engine, PE_STATE_STALE, NULL, 0, 10, T0, NULL),
               PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_list_users(engine, PE_STATE_STALE, NULL, 4, 10, T0, &result),
               PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_get_user(engine, NULL, 1, T0, &result), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_get_session(engine, S("tab-1"), T0, NULL), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_snapshot(engine, T0, NULL), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_poll_events(engine, 0, 0, NULL), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_now(engine, NULL), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_now(NULL, &value), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_next_deadline(engine, NULL), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_event_fd(engine, NULL), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_stats(engine, NULL), PE_INVALID_ARGUMENT);
  pe_stats_init(&stats);
  CHECK_STATUS(pe_engine_stats(NULL, &stats), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_close(NULL), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_start_ticker(NULL, 10), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_stop_ticker(NULL), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_result_cursor(NULL, NULL, NULL), PE_INVALID_ARGUMENT);
  CHECK(pe_result_user_count(NULL) == 0);
  CHECK(pe_result_session_count(NULL) == 0);
  CHECK(pe_result_event_count(NULL) == 0);
  CHECK(pe_result_seq(NULL) == 0);
  {
    pe_user_info user;
    pe_user_info_init(&user);
    CHECK_STATUS(pe_result_user(NULL, 0, &user), PE_INVALID_ARGUMENT);
  }
  /* NULL-safe destructors and initialisers. */
  pe_result_destroy(NULL);
  pe_engine_destroy(NULL);
  pe_config_init(NULL);
  pe_counts_init(NULL);
  CHECK(alive_sessions(engine) == 1);
  pe_engine_destroy(engine);
}

static void test_bad_ids(void) {
  pe_engine* engine = make_engine();
  char too_long[129];
  pe_open_params params;
  memset(too_long, 'x', sizeof too_long);
  CHECK_STATUS(pe_session_open(engine, "", 0, NULL, T0, NULL), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_session_open(engine, NULL, 0, NULL, T0, NULL), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_session_open(engine, too_long, sizeof too_long, NULL, T0, NULL),
               PE_INVALID_ARGUMENT);
  CHECK_OK(pe_session_open(engine, too_long, 128, NULL, T0, NULL)); /* the limit itself is fine */
  CHECK_STATUS(pe_session_open(engine, S("bad\xff"), NULL, T0, NULL), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_session_open(engine, S("\xed\xa0\x80"), NULL, T0, NULL), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_session_open(engine, S("\xc0\x80"), NULL, T0, NULL), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_session_heartbeat(engine, S("\xe2\x82"), PE_ACTIVITY_UNKNOWN,
                                    PE_VISIBILITY_UNKNOWN, T0, NULL),
               PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_session_identify(engine, S("tab-1"), S("bad\x80"), T0), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_session_identify(engine, S("tab-1"), "", 0, T0), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_transport_disconnect(engine, "", 0, T0), PE_INVALID_ARGUMENT);
  pe_open_params_init(&params);
  params.user_id = "\xf8\x88\x80\x80\x80";
  params.user_id_len = 5;
  CHECK_STATUS(pe_session_open(engine, S("tab-2"), &params, T0, NULL), PE_INVALID_ARGUMENT);
  pe_open_params_init(&params);
  params.meta = NULL;
  params.meta_len = 10;
  CHECK_STATUS(pe_session_open(engine, S("tab-2"), &params, T0, NULL), PE_INVALID_ARGUMENT);
  {
    char big_meta[1025];
    memset(big_meta, 'm', sizeof big_meta);
    pe_open_params_init(&params);
    params.meta = big_meta;
    params.meta_len = sizeof big_meta;
    CHECK_STATUS(pe_session_open(engine, S("tab-2"), &params, T0, NULL), PE_INVALID_ARGUMENT);
  }
  /* An id with an embedded NUL is just bytes: valid UTF-8, a distinct id. */
  CHECK_OK(pe_session_open(engine, "nul\0id", 6, NULL, T0, NULL));
  CHECK_STATUS(
      pe_session_heartbeat(engine, "nul", 3, PE_ACTIVITY_UNKNOWN, PE_VISIBILITY_UNKNOWN, T0, NULL),
      PE_NOT_FOUND);
  CHECK(alive_sessions(engine) == 3);
  pe_engine_destroy(engine);
}

static void test_unknown_enums(void) {
  pe_engine* engine = make_engine();
  pe_result* result = NULL;
  pe_open_params params;
  CHECK_STATUS(
      pe_session_heartbeat(engine, S("tab-1"), (pe_activity)3, PE_VISIBILITY_UNKNOWN, T0, NULL),
      PE_INVALID_ARGUMENT);
  CHECK_STATUS(
      pe_session_heartbeat(engine, S("tab-1"), (pe_activity)-1, PE_VISIBILITY_UNKNOWN, T0, NULL),
      PE_INVALID_ARGUMENT);
  CHECK_STATUS(
      pe_session_heartbeat(engine, S("tab-1"), PE_ACTIVITY_UNKNOWN, (pe_visibility)256, T0, NULL),
      PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_session_visibility(engine, S("tab-1"), (pe_visibility)9, T0),
               PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_session_visibility(engine, S("tab-1"), PE_VISIBILITY_UNKNOWN, T0),
               PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_list_users(engine, (pe_state)5, NULL, 0, 10, T0, &result),
               PE_INVALID_ARGUMENT);
  pe_open_params_init(&params);
  params.visibility = (pe_visibility)77;
  CHECK_STATUS(pe_session_open(engine, S("tab-2"), &params, T0, NULL), PE_INVALID_ARGUMENT);
  CHECK(alive_sessions(engine) == 1);
  pe_engine_destroy(engine);
}

static void test_bad_numbers_and_records(void) {
  pe_engine* engine = make_engine();
  pe_config config;
  pe_engine* other = NULL;
  pe_counts counts;
  pe_result* result = NULL;
  uint64_t seen = 0;
  CHECK_STATUS(pe_session_heartbeat(engine, S("tab-1"), PE_ACTIVITY_UNKNOWN, PE_VISIBILITY_UNKNOWN,
                                    -2, NULL),
               PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_session_heartbeat(engine, S("tab-1"), PE_ACTIVITY_UNKNOWN, PE_VISIBILITY_UNKNOWN,
                                    INT64_MAX, NULL),
               PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_advance(engine, INT64_MIN, 0, NULL), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_count_seen(engine, -1, T0, &seen), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_list_users(engine, PE_STATE_STALE, NULL, 0, 0, T0, &result),
               PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_list_users(engine, PE_STATE_STALE, NULL, 0, 10001, T0, &result),
               PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_poll_events(engine, 1000, 0, &result), PE_INVALID_ARGUMENT);

  /* Records whose struct_size was not set are refused. */
  memset(&counts, 0, sizeof counts);
  CHECK_STATUS(pe_engine_counts(engine, T0, &counts), PE_INVALID_ARGUMENT);
  pe_config_init(&config);
  config.struct_size = 4;
  CHECK_STATUS(pe_engine_create(&config, &other), PE_INVALID_ARGUMENT);
  CHECK(other == NULL);
  /* A newer caller's larger record is accepted; what it adds keeps its value. */
  {
    struct {
      pe_counts counts;
      uint64_t from_the_future;
    } bigger;
    pe_counts_init(&bigger.counts);
    bigger.counts.struct_size = sizeof bigger;
    bigger.from_the_future = 12345;
    CHECK_OK(pe_engine_counts(engine, T0, &bigger.counts));
    CHECK(bigger.counts.sessions_alive == 1);
    CHECK(bigger.from_the_future == 12345);
  }
  /* Inconsistent configuration names the field. */
  pe_config_init(&config);
  config.idle_after_ms = config.away_after_ms + 1;
  CHECK_STATUS(pe_engine_create(&config, &other), PE_INVALID_ARGUMENT);
  CHECK(strstr(pe_last_error_message(), "idle_after_ms") != NULL);
  pe_config_init(&config);
  config.max_id_bytes = 0;
  CHECK_STATUS(pe_engine_create(&config, &other), PE_INVALID_ARGUMENT);
  pe_engine_destroy(engine);
}

static void test_time_going_backwards(void) {
  pe_engine* engine = make_engine();
  pe_result* result = NULL;
  pe_session_info session;
  int64_t now = 0;
  CHECK_OK(pe_session_heartbeat(engine, S("tab-1"), PE_ACTIVITY_ACTIVE, PE_VISIBILITY_UNKNOWN,
                                T0 + 10000, NULL));
  CHECK_OK(pe_session_heartbeat(engine, S("tab-1"), PE_ACTIVITY_ACTIVE, PE_VISIBILITY_UNKNOWN,
                                T0 + 5000, NULL));
  CHECK_OK(pe_engine_now(engine, &now));
  CHECK(now == T0 + 10000);
  CHECK_OK(pe_engine_get_session(engine, S("tab-1"), 0, &result));
  pe_session_info_init(&session);
  CHECK_OK(pe_result_session(result, 0, &session));
  CHECK(session.last_signal_at_ms == T0 + 10000);
  CHECK(session.state == PE_STATE_ACTIVE);
  pe_result_destroy(result);
  pe_engine_destroy(engine);
}

static void test_use_after_close(void) {
  pe_engine* engine = make_engine();
  pe_result* result = NULL;
  pe_counts counts;
  pe_stats stats;
  int64_t value = 0;
  int fd = -1;
  uint64_t seen = 0;
  pe_heartbeat item = {"tab-1", 5, PE_ACTIVITY_UNKNOWN, PE_VISIBILITY_UNKNOWN};
  CHECK_OK(pe_engine_start_ticker(engine, 10));
  CHECK_OK(pe_engine_close(engine));
  CHECK_OK(pe_engine_close(engine)); /* idempotent */
  CHECK_STATUS(pe_session_open(engine, S("tab-2"), NULL, T0, NULL), PE_CLOSED);
  CHECK_STATUS(pe_session_heartbeat(engine, S("tab-1"), PE_ACTIVITY_UNKNOWN, PE_VISIBILITY_UNKNOWN,
                                    T0, NULL),
               PE_CLOSED);
  CHECK_STATUS(pe_session_heartbeat_batch(engine, &item, 1, T0, NULL, NULL, NULL), PE_CLOSED);
  CHECK_STATUS(pe_session_activity(engine, S("tab-1"), T0), PE_CLOSED);
  CHECK_STATUS(pe_session_visibility(engine, S("tab-1"), PE_VISIBILITY_HIDDEN, T0), PE_CLOSED);
  CHECK_STATUS(pe_session_disconnect(engine, S("tab-1"), T0), PE_CLOSED);
  CHECK_STATUS(pe_transport_disconnect(engine, S("t"), T0), PE_CLOSED);
  CHECK_STATUS(pe_session_leave(engine, S("tab-1"), T0), PE_CLOSED);
  CHECK_STATUS(pe_session_identify(engine, S("tab-1"), S("u"), T0), PE_CLOSED);
  CHECK_STATUS(pe_engine_advance(engine, T0, 0, NULL), PE_CLOSED);
  CHECK_STATUS(pe_engine_next_deadline(engine, &value), PE_CLOSED);
  CHECK_STATUS(pe_engine_now(engine, &value), PE_CLOSED);
  pe_counts_init(&counts);
  CHECK_STATUS(pe_engine_counts(engine, T0, &counts), PE_CLOSED);
  CHECK_STATUS(pe_engine_count_seen(engine, 10, T0, &seen), PE_CLOSED);
  CHECK_STATUS(pe_engine_list_users(engine, PE_STATE_STALE, NULL, 0, 10, T0, &result), PE_CLOSED);
  CHECK(result == NULL);
  CHECK_STATUS(pe_engine_get_user(engine, S("u"), T0, &result), PE_CLOSED);
  CHECK_STATUS(pe_engine_get_session(engine, S("tab-1"), T0, &result), PE_CLOSED);
  CHECK_STATUS(pe_engine_snapshot(engine, T0, &result), PE_CLOSED);
  CHECK_STATUS(pe_engine_poll_events(engine, 0, 0, &result), PE_CLOSED);
  CHECK_STATUS(pe_engine_set_event_callback(engine, NULL, NULL), PE_CLOSED);
  CHECK_STATUS(pe_engine_event_fd(engine, &fd), PE_CLOSED);
  CHECK_STATUS(pe_engine_start_ticker(engine, 10), PE_CLOSED);
  CHECK_STATUS(pe_engine_stop_ticker(engine), PE_CLOSED);
  CHECK_STATUS(pe_engine_release_event_fd(engine, 3), PE_CLOSED);
  {
    pe_config config;
    pe_config_init(&config);
    CHECK_STATUS(pe_engine_get_config(engine, &config), PE_CLOSED);
  }
  pe_stats_init(&stats);
  CHECK_STATUS(pe_engine_stats(engine, &stats), PE_CLOSED);
  pe_engine_destroy(engine);
}

static void test_errors_are_thread_local_and_kept_until_the_next_failure(void) {
  pe_engine* engine = make_engine();
  CHECK_STATUS(pe_session_activity(engine, S("nobody"), T0), PE_NOT_FOUND);
  CHECK(strstr(pe_last_error_message(), "nobody") != NULL);
  CHECK_OK(pe_session_activity(engine, S("tab-1"), T0));
  CHECK(strstr(pe_last_error_message(), "nobody") != NULL);
  pe_engine_destroy(engine);
}

int main(void) {
  test_null_pointers();
  test_bad_ids();
  test_unknown_enums();
  test_bad_numbers_and_records();
  test_time_going_backwards();
  test_use_after_close();
  test_errors_are_thread_local_and_kept_until_the_next_failure();
  return finish("bad_input_test");
}
