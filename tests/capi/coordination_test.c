/* Coordination through the C ABI: rooms, members, availability, readiness,
 * intents, fan-out, metrics — and every kind of bad input to them. */
#include <stdint.h>
#include <stdlib.h>

#include "fixtures.h"

static void test_defaults(void) {
  pe_config config;
  pe_config_init(&config);
  CHECK(config.room_arriving_ms == 60000);
  CHECK(config.max_rooms_per_session == 32);
  CHECK(config.readiness_ready_threshold == 0.7);
  CHECK(config.readiness_unready_threshold == 0.5);
  CHECK(config.readiness_room_quorum == 2);
  CHECK(config.max_intents_per_caller == 32);
}

static void test_rooms(void) {
  pe_engine* engine = make_engine();
  pe_result* result = NULL;
  pe_room_info room;
  pe_member_info member;
  const char* cursor = NULL;
  size_t cursor_len = 0;
  open_user_session(engine, "ann-1", "ann");
  open_user_session(engine, "ann-2", "ann");
  open_user_session(engine, "bob-1", "bob");
  CHECK_OK(pe_room_join(engine, S("ann-1"), S("standup"), T0 + 1));
  CHECK_OK(pe_room_join(engine, S("ann-2"), S("standup"), T0 + 1));
  CHECK_OK(pe_room_join(engine, S("bob-1"), S("standup"), T0 + 1));
  CHECK_OK(pe_room_join(engine, S("bob-1"), S("standup"), T0 + 1)); /* no-op */

  CHECK_OK(pe_engine_get_room(engine, S("standup"), T0 + 2, &result));
  CHECK(pe_result_room_count(result) == 1);
  pe_room_info_init(&room);
  CHECK_OK(pe_result_room(result, 0, &room));
  CHECK(room.room_id_len == 7 && memcmp(room.room_id, "standup", 7) == 0);
  CHECK(room.members_active == 2);
  CHECK(room.sessions_active == 3);
  CHECK(room.density == 2);
  CHECK(room.arriving == 2);
  CHECK(room.ready == 1);
  CHECK(room.arrivals_per_minute > 0.0);
  pe_result_destroy(result);

  CHECK_OK(pe_room_list_members(engine, S("standup"), PE_STATE_STALE, NULL, 0, 1, T0 + 2, &result));
  CHECK(pe_result_member_count(result) == 1);
  pe_member_info_init(&member);
  CHECK_OK(pe_result_member(result, 0, &member));
  CHECK(member.member_id_len == 3 && memcmp(member.member_id, "ann", 3) == 0);
  CHECK(member.session_count == 2);
  CHECK(member.guest == 0);
  CHECK(member.state == PE_STATE_ACTIVE);
  CHECK(member.joined_at_ms == T0 + 1);
  CHECK_OK(pe_result_cursor(result, &cursor, &cursor_len));
  CHECK(cursor_len > 0);
  {
    pe_result* next = NULL;
    CHECK_OK(pe_room_list_members(engine, S("standup"), PE_STATE_STALE, cursor, cursor_len, 10,
                                  T0 + 2, &next));
    CHECK(pe_result_member_count(next) == 1);
    CHECK_OK(pe_result_member(next, 0, &member));
    CHECK(member.member_id_len == 3 && memcmp(member.member_id, "bob", 3) == 0);
    pe_result_destroy(next);
  }
  pe_result_destroy(result);

  CHECK_OK(pe_user_list_rooms(engine, S("ann"), T0 + 2, &result));
  CHECK(pe_result_room_count(result) == 1);
  pe_result_destroy(result);
  CHECK_OK(pe_engine_list_rooms(engine, NULL, 0, 10, T0 + 2, &result));
  CHECK(pe_result_room_count(result) == 1);
  pe_result_destroy(result);

  CHECK_OK(pe_room_leave(engine, S("bob-1"), S("standup"), T0 + 3));
  CHECK_STATUS(pe_room_leave(engine, S("bob-1"), S("standup"), T0 + 3), PE_NOT_FOUND);

  CHECK_OK(pe_room_get_metrics(engine, S("standup"), T0 + 4, &result));
  {
    pe_room_metrics metrics;
    pe_room_metrics_init(&metrics);
    CHECK_OK(pe_result_room_metrics(result, &metrics));
    CHECK(metrics.joins == 2);
    CHECK(metrics.leaves == 1);
    CHECK(metrics.peak_members == 2);
    CHECK(metrics.bucket_upper_ms[0] == 4000);
    CHECK(metrics.dwell[0] == 1);
  }
  pe_result_destroy(result);

  CHECK_OK(pe_engine_prometheus(engine, NULL, 0, T0 + 4, &result));
  {
    const char* text = NULL;
    size_t text_len = 0;
    CHECK_OK(pe_result_text(result, &text, &text_len));
    CHECK(text_len > 0 && strlen(text) == text_len);
    CHECK(strstr(text, "presence_room_members{room=\"standup\",state=\"active\"} 1") != NULL);
  }
  pe_result_destroy(result);
  pe_engine_destroy(engine);
}

static void test_readiness_intents_and_fanout(void) {
  pe_engine* engine = make_engine();
  pe_readiness readiness;
  pe_result* result = NULL;
  pe_intent_info intent;
  uint64_t from = 0;
  open_user_session(engine, "carl-1", "carl");

  pe_readiness_init(&readiness);
  CHECK_OK(pe_engine_readiness(engine, PE_TARGET_USER, S("ann"), T0, &readiness));
  CHECK(readiness.reason == PE_GATE_UNKNOWN);
  CHECK(readiness.can_call == 0);

  CHECK_OK(pe_subscriber_subscribe(engine, S("carl-socket"), PE_TARGET_USER, S("ann")));
  CHECK_OK(pe_intent_open(engine, S("carl"), PE_TARGET_USER, S("ann"), S("call"), 60000, T0 + 1,
                          &result));
  pe_intent_info_init(&intent);
  CHECK_OK(pe_result_intent(result, 0, &intent));
  CHECK(intent.state == PE_INTENT_PENDING);
  CHECK(intent.expires_at_ms == T0 + 60001);
  pe_result_destroy(result);
  CHECK_OK(pe_intent_list(engine, 0, PE_TARGET_USER, S("ann"), T0 + 1, &result));
  CHECK(pe_result_intent_count(result) == 1);
  pe_result_destroy(result);
  CHECK_OK(pe_intent_list(engine, 1, (pe_target_kind)0, S("carl"), T0 + 1, &result));
  CHECK(pe_result_intent_count(result) == 1);
  pe_result_destroy(result);

  {
    pe_stats stats;
    pe_stats_init(&stats);
    CHECK_OK(pe_engine_stats(engine, &stats));
    from = stats.last_seq;
  }
  open_user_session(engine, "ann-1", "ann"); /* ann arrives: ready */
  CHECK_OK(pe_engine_readiness(engine, PE_TARGET_USER, S("ann"), T0 + 2, &readiness));
  CHECK(readiness.ready == 1 && readiness.can_call == 1 && readiness.reason == PE_GATE_READY);

  CHECK_OK(pe_engine_fanout(engine, from, 0, &result));
  CHECK(pe_result_delivery_count(result) == 1);
  {
    pe_delivery delivery;
    pe_event event;
    size_t i;
    int intent_ready = 0;
    pe_delivery_init(&delivery);
    CHECK_OK(pe_result_delivery(result, 0, &delivery));
    CHECK(delivery.subscriber_len == 11 && memcmp(delivery.subscriber, "carl-socket", 11) == 0);
    CHECK(delivery.event_count > 0);
    pe_event_init(&event);
    for (i = 0; i < delivery.event_count; ++i) {
      CHECK_OK(pe_result_event(result, delivery.event_indexes[i], &event));
      if (event.kind == PE_EVENT_INTENT) {
        intent_ready = event.intent_state == PE_INTENT_READY && event.from_id_len == 4 &&
                       memcmp(event.from_id, "carl", 4) == 0;
      }
    }
    CHECK(intent_ready);
  }
  pe_result_destroy(result);

  CHECK_OK(pe_user_set_availability(engine, S("ann"), PE_AVAILABILITY_DO_NOT_DISTURB, T0 + 3));
  CHECK_OK(pe_engine_readiness(engine, PE_TARGET_USER, S("ann"), T0 + 3, &readiness));
  CHECK(readiness.reason == PE_GATE_DO_NOT_DISTURB);
  CHECK(readiness.availability == PE_AVAILABILITY_DO_NOT_DISTURB);

  CHECK_OK(pe_user_set_availability(engine, S("ann"), PE_AVAILABILITY_INVISIBLE, T0 + 4));
  CHECK_OK(pe_engine_get_user(engine, S("ann"), T0 + 4, &result));
  {
    pe_user_info user;
    pe_user_info_init(&user);
    CHECK_OK(pe_result_user(result, 0, &user));
    CHECK(user.state == PE_STATE_OFFLINE);
    CHECK(user.true_state == PE_STATE_ACTIVE);
    CHECK(user.true_availability == PE_AVAILABILITY_INVISIBLE);
    CHECK(user.availability == PE_AVAILABILITY_AVAILABLE);
  }
  pe_result_destroy(result);

  CHECK_OK(pe_intent_open(engine, S("carl"), PE_TARGET_ROOM, S("nobody-here"), S("huddle"), 5000,
                          T0 + 5, &result));
  CHECK_OK(pe_result_intent(result, 0, &intent));
  {
    char id[64];
    memcpy(id, intent.intent_id, intent.intent_id_len);
    id[intent.intent_id_len] = '\0';
    pe_result_destroy(result);
    CHECK_OK(pe_intent_cancel(engine, id, strlen(id), T0 + 6));
    CHECK_STATUS(pe_intent_cancel(engine, id, strlen(id), T0 + 6), PE_NOT_FOUND);
  }
  CHECK_OK(pe_subscriber_unsubscribe(engine, S("carl-socket"), PE_TARGET_USER, S("ann")));
  CHECK_OK(pe_subscriber_unsubscribe_all(engine, S("carl-socket")));
  pe_engine_destroy(engine);
}

static void test_count_only(void) {
  pe_engine* engine = make_engine();
  pe_result* result = NULL;
  pe_event event;
  CHECK_OK(pe_room_set_count_only(engine, S("arena"), 1, 1000, T0));
  CHECK_OK(pe_engine_poll_events(engine, 0, 0, &result));
  CHECK(pe_result_event_count(result) == 1);
  pe_event_init(&event);
  CHECK_OK(pe_result_event(result, 0, &event));
  CHECK(event.kind == PE_EVENT_OCCUPANCY);
  CHECK(event.room_id_len == 5 && memcmp(event.room_id, "arena", 5) == 0);
  pe_result_destroy(result);
  CHECK_STATUS(pe_room_set_count_only(engine, S("arena"), 1, 0, T0), PE_INVALID_ARGUMENT);
  CHECK_OK(pe_room_set_count_only(engine, S("arena"), 0, 0, T0));
  pe_engine_destroy(engine);
}

static void test_bad_input(void) {
  pe_engine* engine = make_engine();
  pe_result* result = NULL;
  pe_readiness readiness;
  pe_room_metrics metrics;
  open_user_session(engine, "s", "u");
  CHECK_STATUS(pe_room_join(NULL, S("s"), S("r"), T0), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_room_join(engine, NULL, 1, S("r"), T0), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_room_join(engine, S("s"), "", 0, T0), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_room_join(engine, S("s"), S("\xc0\x80"), T0), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_room_join(engine, S("nobody"), S("r"), T0), PE_NOT_FOUND);
  CHECK_STATUS(pe_room_leave(engine, S("s"), NULL, 2, T0), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_get_room(engine, S("none"), T0, &result), PE_NOT_FOUND);
  CHECK(result == NULL);
  CHECK_STATUS(pe_engine_get_room(engine, S("none"), T0, NULL), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_room_list_members(engine, S("none"), PE_STATE_STALE, NULL, 0, 10, T0, &result),
               PE_NOT_FOUND);
  CHECK_OK(pe_room_join(engine, S("s"), S("r"), T0));
  CHECK_STATUS(pe_room_list_members(engine, S("r"), (pe_state)9, NULL, 0, 10, T0, &result),
               PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_room_list_members(engine, S("r"), PE_STATE_STALE, S("zz"), 10, T0, &result),
               PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_room_list_members(engine, S("r"), PE_STATE_STALE, NULL, 0, 0, T0, &result),
               PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_user_set_availability(engine, S("u"), (pe_availability)4, T0),
               PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_user_set_availability(engine, S("u"), (pe_availability)-1, T0),
               PE_INVALID_ARGUMENT);
  pe_readiness_init(&readiness);
  CHECK_STATUS(pe_engine_readiness(engine, (pe_target_kind)3, S("u"), T0, &readiness),
               PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_readiness(engine, PE_TARGET_USER, S("u"), T0, NULL), PE_INVALID_ARGUMENT);
  readiness.struct_size = 0;
  CHECK_STATUS(pe_engine_readiness(engine, PE_TARGET_USER, S("u"), T0, &readiness),
               PE_INVALID_ARGUMENT);
  CHECK_STATUS(
      pe_intent_open(engine, S("c"), (pe_target_kind)0, S("u"), S("call"), 1000, T0, &result),
      PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_intent_open(engine, S("c"), PE_TARGET_USER, S("u"), S("call"), -1, T0, &result),
               PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_intent_open(engine, S("c"), PE_TARGET_USER, S("u"), "", 0, 1000, T0, &result),
               PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_intent_cancel(engine, S("intent-999"), T0), PE_NOT_FOUND);
  CHECK_STATUS(pe_subscriber_subscribe(engine, S("x"), (pe_target_kind)7, S("u")),
               PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_subscriber_subscribe(engine, "", 0, PE_TARGET_USER, S("u")), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_fanout(engine, 99999, 0, &result), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_prometheus(engine, S("none"), T0, &result), PE_NOT_FOUND);
  pe_room_metrics_init(&metrics);
  CHECK_STATUS(pe_result_room_metrics(NULL, &metrics), PE_INVALID_ARGUMENT);
  CHECK_OK(pe_engine_get_room(engine, S("r"), T0, &result));
  CHECK_STATUS(pe_result_room_metrics(result, &metrics), PE_INVALID_ARGUMENT); /* not metrics */
  CHECK_STATUS(pe_result_member(result, 0, NULL), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_result_intent(result, 0, NULL), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_result_delivery(result, 0, NULL), PE_INVALID_ARGUMENT);
  CHECK(pe_result_member_count(result) == 0);
  pe_result_destroy(result);

  /* After close, every coordination call is refused. */
  CHECK_OK(pe_engine_close(engine));
  CHECK_STATUS(pe_room_join(engine, S("s"), S("r"), T0), PE_CLOSED);
  CHECK_STATUS(pe_room_leave(engine, S("s"), S("r"), T0), PE_CLOSED);
  CHECK_STATUS(pe_room_set_count_only(engine, S("r"), 1, 10, T0), PE_CLOSED);
  CHECK_STATUS(pe_engine_get_room(engine, S("r"), T0, &result), PE_CLOSED);
  CHECK_STATUS(pe_engine_list_rooms(engine, NULL, 0, 10, T0, &result), PE_CLOSED);
  CHECK_STATUS(pe_room_list_members(engine, S("r"), PE_STATE_STALE, NULL, 0, 10, T0, &result),
               PE_CLOSED);
  CHECK_STATUS(pe_user_list_rooms(engine, S("u"), T0, &result), PE_CLOSED);
  CHECK_STATUS(pe_room_get_metrics(engine, S("r"), T0, &result), PE_CLOSED);
  CHECK_STATUS(pe_user_set_availability(engine, S("u"), PE_AVAILABILITY_BUSY, T0), PE_CLOSED);
  pe_readiness_init(&readiness);
  CHECK_STATUS(pe_engine_readiness(engine, PE_TARGET_USER, S("u"), T0, &readiness), PE_CLOSED);
  CHECK_STATUS(pe_intent_open(engine, S("c"), PE_TARGET_USER, S("u"), S("call"), 1000, T0, &result),
               PE_CLOSED);
  CHECK_STATUS(pe_intent_cancel(engine, S("intent-1"), T0), PE_CLOSED);
  CHECK_STATUS(pe_intent_list(engine, 1, PE_TARGET_USER, S("c"), T0, &result), PE_CLOSED);
  CHECK_STATUS(pe_subscriber_subscribe(engine, S("x"), PE_TARGET_USER, S("u")), PE_CLOSED);
  CHECK_STATUS(pe_subscriber_unsubscribe(engine, S("x"), PE_TARGET_USER, S("u")), PE_CLOSED);
  CHECK_STATUS(pe_subscriber_unsubscribe_all(engine, S("x")), PE_CLOSED);
  CHECK_STATUS(pe_engine_fanout(engine, 0, 0, &result), PE_CLOSED);
  CHECK_STATUS(pe_engine_prometheus(engine, NULL, 0, T0, &result), PE_CLOSED);
  CHECK(result == NULL);
  pe_engine_destroy(engine);
}

int main(void) {
  test_defaults();
  test_rooms();
  test_readiness_intents_and_fanout();
  test_count_only();
  test_bad_input();
  return finish("coordination_test");
}
