/* Cluster mode through the C ABI: two engines exchange replication records. */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"

static const int64_t T0 = 1700000000000;

static pe_engine* make_node(const char* node_id) {
  pe_config config;
  pe_engine* engine = NULL;
  pe_config_init(&config);
  config.node_id = node_id;
  config.node_id_len = strlen(node_id);
  config.debounce_active_ms = 0;
  config.debounce_offline_ms = 0;
  CHECK_OK(pe_engine_create(&config, &engine));
  return engine;
}

/* Takes every pending record from `from` and applies them to `to`. */
static size_t carry(pe_engine* from, pe_engine* to, int64_t now) {
  pe_result* result = NULL;
  size_t count;
  size_t i;
  pe_replica* records;
  size_t failed = 99;
  CHECK_OK(pe_engine_take_replicas(from, 0, &result));
  count = pe_result_replica_count(result);
  records = calloc(count + 1, sizeof(pe_replica));
  for (i = 0; i < count; ++i) {
    pe_replica_init(&records[i]);
    CHECK_OK(pe_result_replica(result, i, &records[i]));
  }
  CHECK_OK(pe_engine_apply_replicas(to, records, count, now, NULL, &failed));
  CHECK(failed == 0);
  free(records);
  pe_result_destroy(result);
  return count;
}

static void test_two_nodes(void) {
  pe_engine* a = make_node("node-a");
  pe_engine* b = make_node("node-b");
  pe_open_params params;
  pe_result* result = NULL;
  pe_session_info session;
  pe_counts counts;
  pe_config config;
  pe_open_params_init(&params);
  params.user_id = "ann";
  params.user_id_len = 3;
  CHECK_OK(pe_session_open(a, S("tab"), &params, T0, NULL));
  CHECK_OK(pe_room_join(a, S("tab"), S("lobby"), T0));
  /* The open and the join, coalesced into the latest record of the session. */
  CHECK(carry(a, b, T0 + 1) == 1);

  CHECK_OK(pe_engine_get_session(b, S("tab"), T0 + 1, &result));
  pe_session_info_init(&session);
  CHECK_OK(pe_result_session(result, 0, &session));
  CHECK(session.node_id_len == 6 && memcmp(session.node_id, "node-a", 6) == 0);
  CHECK(session.state == PE_STATE_ACTIVE);
  pe_result_destroy(result);
  pe_counts_init(&counts);
  CHECK_OK(pe_engine_counts(b, T0 + 1, &counts));
  CHECK(counts.users_alive == 1);

  /* Remote sessions refuse signals on this node; open moves them here. */
  CHECK_STATUS(
      pe_session_heartbeat(b, S("tab"), PE_ACTIVITY_ACTIVE, PE_VISIBILITY_UNKNOWN, T0 + 2, NULL),
      PE_NOT_FOUND);
  CHECK_OK(pe_engine_node_seen(b, S("node-a"), T0 + 2));

  CHECK_OK(pe_engine_export_replicas(a, 0, 10, T0 + 3, &result));
  CHECK(pe_result_replica_count(result) == 1);
  CHECK(pe_result_seq(result) == 0); /* one page */
  {
    pe_replica record;
    pe_replica_init(&record);
    CHECK_OK(pe_result_replica(result, 0, &record));
    CHECK(record.room_count == 1);
    CHECK(record.room_id_lens[0] == 5 && memcmp(record.room_ids[0], "lobby", 5) == 0);
    CHECK(record.version >= 1);
    CHECK(record.ended == 0);
  }
  pe_result_destroy(result);

  pe_config_init(&config);
  CHECK_OK(pe_engine_get_config(a, &config));
  CHECK(config.node_timeout_ms == 10000);
  pe_engine_destroy(a);
  pe_engine_destroy(b);
}

static void test_bad_input(void) {
  pe_engine* b = make_node("node-b");
  pe_replica record;
  pe_status statuses[2];
  size_t failed = 0;
  pe_result* result = NULL;
  const char* rooms[1] = {NULL};
  size_t room_lens[1] = {3};
  pe_config config;
  pe_engine* other = NULL;
  pe_replica_init(&record);
  record.session_id = "tab";
  record.session_id_len = 3;
  record.node_id = "node-a";
  record.node_id_len = 6;
  record.version = 1;
  record.state = (pe_state)42;
  CHECK_OK(pe_engine_apply_replicas(b, &record, 1, T0, statuses, &failed));
  CHECK(failed == 1 && statuses[0] == PE_INVALID_ARGUMENT);
  record.state = PE_STATE_ACTIVE;
  record.room_ids = rooms;
  record.room_id_lens = room_lens;
  record.room_count = 1;
  CHECK_OK(pe_engine_apply_replicas(b, &record, 1, T0, statuses, &failed));
  CHECK(failed == 1 && statuses[0] == PE_INVALID_ARGUMENT);
  record.room_count = 0;
  record.struct_size = 4;
  CHECK_OK(pe_engine_apply_replicas(b, &record, 1, T0, statuses, &failed));
  CHECK(failed == 1);
  CHECK_STATUS(pe_engine_apply_replicas(b, NULL, 1, T0, NULL, NULL), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_node_seen(b, NULL, 2, T0), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_node_seen(b, "", 0, T0), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_export_replicas(b, 0, 0, T0, &result), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_take_replicas(b, 0, NULL), PE_INVALID_ARGUMENT);
  pe_config_init(&config);
  config.node_id = NULL;
  config.node_id_len = 5;
  CHECK_STATUS(pe_engine_create(&config, &other), PE_INVALID_ARGUMENT);
  config.node_id = "\xff";
  config.node_id_len = 1;
  CHECK_STATUS(pe_engine_create(&config, &other), PE_INVALID_ARGUMENT);
  CHECK_OK(pe_engine_close(b));
  CHECK_STATUS(pe_engine_take_replicas(b, 0, &result), PE_CLOSED);
  CHECK_STATUS(pe_engine_export_replicas(b, 0, 10, T0, &result), PE_CLOSED);
  CHECK_STATUS(pe_engine_apply_replicas(b, NULL, 0, T0, NULL, NULL), PE_CLOSED);
  CHECK_STATUS(pe_engine_node_seen(b, S("node-a"), T0), PE_CLOSED);
  pe_engine_destroy(b);
}

int main(void) {
  test_two_nodes();
  test_bad_input();
  return finish("replication_test");
}
