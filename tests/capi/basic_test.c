/* The C ABI used as a C program would: lifecycle, reads, events, records. */
#define _POSIX_C_SOURCE 200809L /* nanosleep */
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "fixtures.h"

static void test_versions(void) {
  CHECK(pe_abi_version() == PE_ABI_VERSION);
  CHECK(pe_version_number() == PE_VERSION_NUMBER);
  CHECK(strcmp(pe_version_string(), PE_VERSION_STRING) == 0);
  CHECK(strcmp(pe_status_name(PE_NOT_FOUND), "NOT_FOUND") == 0);
  CHECK(strcmp(pe_status_name((pe_status)999), "UNKNOWN") == 0);
  CHECK(strcmp(pe_state_name(PE_STATE_AWAY), "away") == 0);
  CHECK(strcmp(pe_state_name((pe_state)-3), "unknown") == 0);
}

static void test_defaults(void) {
  pe_config config;
  pe_config_init(&config);
  CHECK(config.struct_size == sizeof(pe_config));
  CHECK(config.idle_after_ms == 60000);
  CHECK(config.away_after_ms == 300000);
  CHECK(config.blur_tolerance_ms == 10000);
  CHECK(config.heartbeat_active_ms == 15000);
  CHECK(config.heartbeat_hidden_ms == 60000);
  CHECK(config.session_ttl_ms == 120000);
  CHECK(config.debounce_active_ms == 500);
  CHECK(config.debounce_offline_ms == 2000);
}

static void test_session_and_user(void) {
  pe_engine* engine = make_engine();
  pe_open_params params;
  pe_open_info info;
  pe_result* result = NULL;
  pe_session_info session;
  pe_user_info user;
  int64_t interval = 0;

  pe_open_params_init(&params);
  params.user_id = "ann";
  params.user_id_len = 3;
  params.meta = "{\"device\":\"phone\"}";
  params.meta_len = strlen(params.meta);
  params.transport_id = "sock-1";
  params.transport_id_len = 6;
  pe_open_info_init(&info);
  CHECK_OK(pe_session_open(engine, S("tab-1"), &params, T0, &info));
  CHECK(info.continued == 0);
  CHECK(info.state == PE_STATE_ACTIVE);
  CHECK(info.heartbeat_interval_ms == 15000);

  CHECK_OK(pe_session_heartbeat(engine, S("tab-1"), PE_ACTIVITY_IDLE, PE_VISIBILITY_HIDDEN,
                                T0 + 5000, &interval));
  CHECK(interval == 60000);

  CHECK_OK(pe_engine_get_session(engine, S("tab-1"), T0 + 20000, &result));
  CHECK(pe_result_session_count(result) == 1);
  pe_session_info_init(&session);
  CHECK_OK(pe_result_session(result, 0, &session));
  CHECK(session.session_id_len == 5 && memcmp(session.session_id, "tab-1", 5) == 0);
  CHECK(session.user_id_len == 3 && memcmp(session.user_id, "ann", 3) == 0);
  CHECK(session.state == PE_STATE_AWAY);
  CHECK(session.visible == 0);
  CHECK(session.connected == 1);
  CHECK(session.meta_len == strlen("{\"device\":\"phone\"}"));
  CHECK(session.transport_id_len == 6);
  CHECK(session.heartbeat_interval_ms == 60000);
  CHECK(session.last_signal_at_ms == T0 + 5000);
  pe_result_destroy(result);

  CHECK_OK(pe_engine_get_user(engine, S("ann"), T0 + 20000, &result));
  CHECK(pe_result_user_count(result) == 1);
  CHECK(pe_result_session_count(result) == 1);
  pe_user_info_init(&user);
  CHECK_OK(pe_result_user(result, 0, &user));
  CHECK(user.state == PE_STATE_AWAY);
  CHECK(user.session_count == 1);
  CHECK(user.last_seen_at_ms == T0 + 5000);
  CHECK(user.last_evidence == PE_EVIDENCE_HEARTBEAT);
  CHECK(user.confidence_bucket == PE_CONFIDENCE_HIGH);
  pe_result_destroy(result);

  CHECK_OK(pe_transport_disconnect(engine, S("sock-1"), T0 + 21000));
  CHECK_OK(pe_engine_get_session(engine, S("tab-1"), T0 + 22000, &result));
  CHECK_OK(pe_result_session(result, 0, &session));
  CHECK(session.reconnecting == 1);
  CHECK(session.connected == 0);
  pe_result_destroy(result);

  CHECK_OK(pe_session_leave(engine, S("tab-1"), T0 + 23000));
  CHECK_STATUS(pe_engine_get_session(engine, S("tab-1"), T0 + 23000, &result), PE_NOT_FOUND);
  CHECK(result == NULL);
  pe_engine_destroy(engine);
}

static void test_counts_and_lists(void) {
  pe_engine* engine = make_engine();
  pe_counts counts;
  pe_result* page = NULL;
  const char* cursor = NULL;
  size_t cursor_len = 0;
  uint64_t seen = 0;
  char id[16];
  int i;
  for (i = 0; i < 5; ++i) {
    pe_open_params params;
    pe_open_params_init(&params);
    snprintf(id, sizeof id, "user-%d", i);
    params.user_id = id;
    params.user_id_len = strlen(id);
    CHECK_OK(pe_session_open(engine, id, strlen(id), &params, T0, NULL));
  }
  CHECK_OK(pe_session_open(engine, S("guest-tab"), NULL, T0, NULL));

  pe_counts_init(&counts);
  CHECK_OK(pe_engine_counts(engine, T0 + 1, &counts));
  CHECK(counts.sessions_active == 6);
  CHECK(counts.sessions_alive == 6);
  CHECK(counts.guest_sessions == 1);
  CHECK(counts.users_active == 5);
  CHECK(counts.users_alive == 5);

  CHECK_OK(pe_engine_count_seen(engine, 3600000, T0 + 1, &seen));
  CHECK(seen == 5);

  CHECK_OK(pe_engine_list_users(engine, PE_STATE_ACTIVE, NULL, 0, 3, T0 + 1, &page));
  CHECK(pe_result_user_count(page) == 3);
  CHECK_OK(pe_result_cursor(page, &cursor, &cursor_len));
  CHECK(cursor_len == 6 && memcmp(cursor, "user-2", 6) == 0);
  {
    pe_result* next = NULL;
    pe_user_info user;
    CHECK_OK(pe_engine_list_users(engine, PE_STATE_ACTIVE, cursor, cursor_len, 3, T0 + 1, &next));
    CHECK(pe_result_user_count(next) == 2);
    pe_user_info_init(&user);
    CHECK_OK(pe_result_user(next, 0, &user));
    CHECK(user.user_id_len == 6 && memcmp(user.user_id, "user-3", 6) == 0);
    CHECK_OK(pe_result_cursor(next, &cursor, &cursor_len));
    CHECK(cursor_len == 0);
    pe_result_destroy(next);
  }
  pe_result_destroy(page);
  pe_engine_destroy(engine);
}

static void test_events_snapshot_and_diff(void) {
  pe_engine* engine = make_engine();
  pe_result* snapshot = NULL;
  pe_result* events = NULL;
  pe_event event;
  CHECK_OK(pe_session_open(engine, S("a"), NULL, T0, NULL));
  CHECK_OK(pe_engine_snapshot(engine, T0, &snapshot));
  CHECK(pe_result_seq(snapshot) == 1);
  CHECK(pe_result_session_count(snapshot) == 1);
  CHECK_OK(pe_session_leave(engine, S("a"), T0 + 1000));
  CHECK_OK(pe_engine_poll_events(engine, pe_result_seq(snapshot), 0, &events));
  CHECK(pe_result_event_count(events) == 1);
  CHECK(pe_result_seq(events) == 2);
  pe_event_init(&event);
  CHECK_OK(pe_result_event(events, 0, &event));
  CHECK(event.seq == 2);
  CHECK(event.kind == PE_EVENT_SESSION);
  CHECK(event.old_state == PE_STATE_ACTIVE);
  CHECK(event.new_state == PE_STATE_OFFLINE);
  CHECK(event.at_ms == T0 + 1000);
  CHECK(event.user_id == NULL);
  CHECK_STATUS(pe_result_event(events, 1, &event), PE_INVALID_ARGUMENT);
  pe_result_destroy(events);
  pe_result_destroy(snapshot);
  pe_engine_destroy(engine);
}

static void test_time(void) {
  pe_engine* engine = make_engine();
  int64_t deadline = 0;
  int64_t now = 0;
  int more = 7;
  CHECK_OK(pe_engine_next_deadline(engine, &deadline));
  CHECK(deadline == INT64_MAX);
  CHECK_OK(pe_session_open(engine, S("a"), NULL, T0, NULL));
  CHECK_OK(pe_engine_next_deadline(engine, &deadline));
  CHECK(deadline == T0 + 25000);
  CHECK_OK(pe_engine_advance(engine, T0 + 30000, 0, &more));
  CHECK(more == 0);
  CHECK_OK(pe_engine_now(engine, &now));
  CHECK(now == T0 + 30000);
  /* An older time is treated as the latest seen. */
  CHECK_OK(pe_engine_advance(engine, T0, 0, NULL));
  CHECK_OK(pe_engine_now(engine, &now));
  CHECK(now == T0 + 30000);
  /* PE_NOW is the system clock: far later than T0. */
  CHECK_OK(pe_engine_advance(engine, PE_NOW, 0, NULL));
  CHECK_OK(pe_engine_now(engine, &now));
  CHECK(now > T0 + 30000);
  pe_engine_destroy(engine);
}

static int g_callback_calls = 0;
static uint64_t g_callback_seq = 0;

static void on_events(void* payload, uint64_t last_seq) {
  ++*(int*)payload;
  g_callback_seq = last_seq;
}

static void test_wakeups(void) {
  pe_engine* engine = make_engine();
  int fd = -1;
  CHECK_OK(pe_engine_set_event_callback(engine, on_events, &g_callback_calls));
  CHECK_OK(pe_engine_event_fd(engine, &fd));
  CHECK(fd >= 0);
  CHECK_OK(pe_session_open(engine, S("a"), NULL, T0, NULL));
  CHECK(g_callback_calls == 1);
  CHECK(g_callback_seq == 1);
  CHECK_OK(pe_session_heartbeat(engine, S("a"), PE_ACTIVITY_ACTIVE, PE_VISIBILITY_UNKNOWN, T0 + 1,
                                NULL));
  CHECK(g_callback_calls == 1); /* heartbeats publish nothing */
  CHECK_OK(pe_engine_set_event_callback(engine, NULL, NULL));
  CHECK_OK(pe_session_leave(engine, S("a"), T0 + 2));
  CHECK(g_callback_calls == 1);
  pe_engine_destroy(engine);
}

static void test_batch(void) {
  pe_engine* engine = make_engine();
  pe_heartbeat items[4];
  pe_status statuses[4];
  int64_t intervals[4];
  size_t failed = 99;
  CHECK_OK(pe_session_open(engine, S("a"), NULL, T0, NULL));
  CHECK_OK(pe_session_open(engine, S("b"), NULL, T0, NULL));
  items[0].session_id = "a";
  items[0].session_id_len = 1;
  items[0].activity = PE_ACTIVITY_ACTIVE;
  items[0].visibility = PE_VISIBILITY_UNKNOWN;
  items[1] = items[0];
  items[1].session_id = "nobody";
  items[1].session_id_len = 6;
  items[2] = items[0];
  items[2].activity = (pe_activity)42;
  items[3] = items[0];
  items[3].session_id = "b";
  items[3].visibility = PE_VISIBILITY_HIDDEN;
  CHECK_OK(pe_session_heartbeat_batch(engine, items, 4, T0 + 1000, statuses, intervals, &failed));
  CHECK(failed == 2);
  CHECK(statuses[0] == PE_OK && intervals[0] == 15000);
  CHECK(statuses[1] == PE_NOT_FOUND && intervals[1] == 0);
  CHECK(statuses[2] == PE_INVALID_ARGUMENT);
  CHECK(statuses[3] == PE_OK && intervals[3] == 60000);
  CHECK(pe_last_error_message()[0] != '\0');
  CHECK_OK(pe_session_heartbeat_batch(engine, NULL, 0, T0 + 1000, NULL, NULL, NULL));
  pe_engine_destroy(engine);
}

static void test_resume_tokens(void) {
  pe_config config;
  pe_engine* engine = NULL;
  pe_open_params params;
  pe_open_info info;
  char token[PE_RESUME_TOKEN_SIZE];
  pe_config_init(&config);
  config.require_resume_token = 1;
  CHECK_OK(pe_engine_create(&config, &engine));
  pe_open_params_init(&params);
  params.transport_id = "socket-1";
  params.transport_id_len = 8;
  pe_open_info_init(&info);
  CHECK_OK(pe_session_open(engine, S("tab-1"), &params, T0, &info));
  CHECK(strlen(info.resume_token) == 32);
  memcpy(token, info.resume_token, sizeof token);
  params.transport_id = "socket-2";
  CHECK_STATUS(pe_session_open(engine, S("tab-1"), &params, T0 + 1, &info), PE_DENIED);
  CHECK(strcmp(pe_status_name(PE_DENIED), "DENIED") == 0);
  params.resume_token = token;
  params.resume_token_len = strlen(token);
  CHECK_OK(pe_session_open(engine, S("tab-1"), &params, T0 + 2, &info));
  CHECK(info.continued == 1);
  CHECK(strcmp(info.resume_token, token) == 0);
  params.resume_token = NULL;
  params.resume_token_len = 3;
  CHECK_STATUS(pe_session_open(engine, S("tab-1"), &params, T0 + 3, &info), PE_INVALID_ARGUMENT);
  pe_engine_destroy(engine);
}

static void test_ticker(void) {
  pe_engine* engine = make_engine();
  int64_t before = 0;
  int64_t after = 0;
  CHECK_OK(pe_engine_now(engine, &before));
  CHECK_OK(pe_engine_start_ticker(engine, 5));
  /* The ticker moves the engine to the system clock on its own. */
  for (int spins = 0; spins < 400 && after <= before; ++spins) {
    struct timespec pause = {0, 5 * 1000 * 1000};
    nanosleep(&pause, NULL);
    CHECK_OK(pe_engine_now(engine, &after));
  }
  CHECK(after > before);
  CHECK_OK(pe_engine_stop_ticker(engine));
  CHECK_OK(pe_engine_stop_ticker(engine));
  CHECK_STATUS(pe_engine_start_ticker(engine, 0), PE_INVALID_ARGUMENT);
  CHECK_OK(pe_engine_start_ticker(engine, 1000));
  pe_engine_destroy(engine); /* stops the ticker */
}

int main(void) {
  test_versions();
  test_defaults();
  test_session_and_user();
  test_counts_and_lists();
  test_events_snapshot_and_diff();
  test_time();
  test_wakeups();
  test_batch();
  test_resume_tokens();
  test_ticker();
  return finish("basic_test");
}
