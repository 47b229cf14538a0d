/* Scoped readers through the C ABI: redaction of the truth, invisible users
 * kept out, a room's view limited to its visible members — and bad input. */
#include <stdint.h>
#include <stdlib.h>

#include "fixtures.h"

/* ann and bob in "standup", cid elsewhere; bob goes invisible. */
static pe_engine* make_office(void) {
  pe_engine* engine = make_engine();
  open_user_session(engine, "ann-1", "ann");
  open_user_session(engine, "ann-2", "ann");
  open_user_session(engine, "bob-1", "bob");
  open_user_session(engine, "cid-1", "cid");
  CHECK_OK(pe_room_join(engine, S("ann-1"), S("standup"), T0 + 1));
  CHECK_OK(pe_room_join(engine, S("bob-1"), S("standup"), T0 + 1));
  CHECK_OK(pe_room_join(engine, S("cid-1"), S("lunch"), T0 + 1));
  CHECK_OK(pe_user_set_availability(engine, S("bob"), PE_AVAILABILITY_INVISIBLE, T0 + 2));
  return engine;
}

static int has_user(const pe_result* result, const char* id) {
  size_t i;
  pe_user_info user;
  for (i = 0; i < pe_result_user_count(result); ++i) {
    pe_user_info_init(&user);
    CHECK_OK(pe_result_user(result, i, &user));
    if (user.user_id_len == strlen(id) && memcmp(user.user_id, id, user.user_id_len) == 0) {
      return user.state != PE_STATE_OFFLINE;
    }
  }
  return 0;
}

static void test_engine_reader_redacts(void) {
  pe_engine* engine = make_office();
  pe_reader* reader = NULL;
  pe_result* result = NULL;
  pe_user_info user;
  pe_counts counts;
  CHECK_OK(pe_reader_create(engine, NULL, 0, &reader));

  /* The server sees the truth behind bob's offline; the reader does not. */
  CHECK_OK(pe_engine_get_user(engine, S("bob"), T0 + 3, &result));
  pe_user_info_init(&user);
  CHECK_OK(pe_result_user(result, 0, &user));
  CHECK(user.state == PE_STATE_OFFLINE && user.true_state == PE_STATE_ACTIVE);
  CHECK(user.true_availability == PE_AVAILABILITY_INVISIBLE);
  pe_result_destroy(result);

  CHECK_OK(pe_reader_get_user(reader, S("bob"), T0 + 3, &result));
  pe_user_info_init(&user);
  CHECK_OK(pe_result_user(result, 0, &user));
  CHECK(user.state == PE_STATE_OFFLINE && user.true_state == PE_STATE_OFFLINE);
  CHECK(user.true_availability == PE_AVAILABILITY_AVAILABLE);
  CHECK(pe_result_session_count(result) == 0 || user.session_count == 0);
  pe_result_destroy(result);

  CHECK_OK(pe_reader_list_users(reader, PE_STATE_STALE, NULL, 0, 10, T0 + 3, &result));
  CHECK(has_user(result, "ann") && has_user(result, "cid") && !has_user(result, "bob"));
  pe_result_destroy(result);

  CHECK_OK(pe_reader_snapshot(reader, T0 + 3, &result));
  CHECK(!has_user(result, "bob") && has_user(result, "ann"));
  pe_result_destroy(result);

  pe_counts_init(&counts);
  CHECK_OK(pe_reader_counts(reader, T0 + 3, &counts));
  CHECK(counts.users_alive == 2);
  CHECK(counts.users_invisible == 0 && counts.sessions_invisible == 0);

  pe_reader_destroy(reader);
  pe_engine_destroy(engine);
}

static void test_room_reader_sees_its_room(void) {
  pe_engine* engine = make_office();
  pe_reader* reader = NULL;
  pe_result* result = NULL;
  pe_counts counts;
  pe_member_info member;
  pe_session_info session;
  pe_event event;
  uint64_t seq;
  size_t i;
  CHECK_OK(pe_reader_create(engine, S("standup"), &reader));

  pe_counts_init(&counts);
  CHECK_OK(pe_reader_counts(reader, T0 + 3, &counts));
  CHECK(counts.users_active == 1);    /* ann; bob is invisible */
  CHECK(counts.sessions_active == 1); /* ann-1; ann-2 is not in the room */
  CHECK(counts.rooms == 1);

  CHECK_OK(pe_reader_list_users(reader, PE_STATE_STALE, NULL, 0, 10, T0 + 3, &result));
  CHECK(pe_result_member_count(result) == 1);
  pe_member_info_init(&member);
  CHECK_OK(pe_result_member(result, 0, &member));
  CHECK(member.member_id_len == 3 && memcmp(member.member_id, "ann", 3) == 0);
  pe_result_destroy(result);

  /* ann's sessions in the room only; users outside it are not found. */
  CHECK_OK(pe_reader_get_user(reader, S("ann"), T0 + 3, &result));
  CHECK(pe_result_session_count(result) == 1);
  pe_session_info_init(&session);
  CHECK_OK(pe_result_session(result, 0, &session));
  CHECK(session.session_id_len == 5 && memcmp(session.session_id, "ann-1", 5) == 0);
  pe_result_destroy(result);
  CHECK_STATUS(pe_reader_get_user(reader, S("cid"), T0 + 3, &result), PE_NOT_FOUND);
  CHECK(result == NULL);
  CHECK_STATUS(pe_reader_get_user(reader, S("bob"), T0 + 3, &result), PE_NOT_FOUND);

  CHECK_OK(pe_reader_snapshot(reader, T0 + 3, &result));
  CHECK(has_user(result, "ann") && !has_user(result, "cid") && !has_user(result, "bob"));
  CHECK(pe_result_session_count(result) == 1);
  pe_result_destroy(result);

  /* Events: only about the room and its visible members; the result's seq
   * lets the consumer continue past events it was not shown. */
  CHECK_OK(pe_reader_poll_events(reader, 0, 0, &result));
  for (i = 0; i < pe_result_event_count(result); ++i) {
    pe_event_init(&event);
    CHECK_OK(pe_result_event(result, i, &event));
    if (event.kind == PE_EVENT_MEMBER) {
      CHECK(event.room_id_len == 7 && memcmp(event.room_id, "standup", 7) == 0);
    }
    if (event.kind == PE_EVENT_USER) CHECK(event.id_len == 3 && memcmp(event.id, "ann", 3) == 0);
    if (event.kind == PE_EVENT_SESSION) {
      CHECK(event.user_id_len == 3 && memcmp(event.user_id, "ann", 3) == 0);
    }
  }
  seq = pe_result_seq(result);
  pe_result_destroy(result);
  CHECK_OK(pe_engine_poll_events(engine, 0, 0, &result));
  CHECK(seq == pe_result_seq(result));
  pe_result_destroy(result);

  CHECK_OK(pe_session_open(engine, S("cid-2"), NULL, T0 + 4, NULL));
  CHECK_OK(pe_reader_poll_events(reader, seq, 0, &result));
  CHECK(pe_result_event_count(result) == 0);
  CHECK(pe_result_seq(result) > seq);
  pe_result_destroy(result);

  pe_reader_destroy(reader);
  pe_engine_destroy(engine);
}

static void test_bad_input(void) {
  pe_engine* engine = make_engine();
  pe_reader* reader = NULL;
  pe_result* result = NULL;
  pe_counts counts;
  char oversized[1025];
  memset(oversized, 'r', sizeof oversized);

  CHECK_STATUS(pe_reader_create(NULL, NULL, 0, &reader), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_reader_create(engine, NULL, 0, NULL), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_reader_create(engine, NULL, 3, &reader), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_reader_create(engine, "\xff\xfe", 2, &reader), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_reader_create(engine, oversized, sizeof oversized, &reader), PE_INVALID_ARGUMENT);
  CHECK(reader == NULL);

  /* A room that does not exist yet: the reader is made, reads say NOT_FOUND. */
  CHECK_OK(pe_reader_create(engine, S("later"), &reader));
  pe_counts_init(&counts);
  CHECK_STATUS(pe_reader_counts(reader, T0, &counts), PE_NOT_FOUND);
  CHECK_STATUS(pe_reader_snapshot(reader, T0, &result), PE_NOT_FOUND);
  CHECK_STATUS(pe_reader_list_users(reader, (pe_state)42, NULL, 0, 10, T0, &result),
               PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_reader_get_user(reader, NULL, 4, T0, &result), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_reader_get_user(reader, S(""), T0, &result), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_reader_poll_events(reader, 0, 0, NULL), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_reader_counts(reader, T0, NULL), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_reader_counts(NULL, T0, &counts), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_reader_snapshot(NULL, T0, &result), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_reader_poll_events(NULL, 0, 0, &result), PE_INVALID_ARGUMENT);
  CHECK(result == NULL);

  /* Time never runs backwards, through a reader either. */
  pe_reader_destroy(reader);
  CHECK_OK(pe_reader_create(engine, NULL, 0, &reader));
  CHECK_STATUS(pe_reader_counts(reader, -5, &counts), PE_INVALID_ARGUMENT);

  /* Use after close: every read says PE_CLOSED; destroying still frees it. */
  CHECK_OK(pe_engine_close(engine));
  CHECK_STATUS(pe_reader_counts(reader, T0, &counts), PE_CLOSED);
  CHECK_STATUS(pe_reader_snapshot(reader, T0, &result), PE_CLOSED);
  pe_reader_destroy(reader);
  CHECK_STATUS(pe_reader_create(engine, NULL, 0, &reader), PE_CLOSED);
  CHECK(reader == NULL);
  pe_reader_destroy(NULL);
  pe_engine_destroy(engine);
}

int main(void) {
  test_engine_reader_redacts();
  test_room_reader_sees_its_room();
  test_bad_input();
  return finish("reader_test");
}
