/* Snapshots through the C ABI: save, restore, what a restore keeps and how
 * every bad file or argument is refused with nothing loaded. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"

static const int64_t T0 = 1700000000000;

static char g_dir[64];
static char g_path[128];

static pe_engine* make_engine(int require_resume_token) {
  pe_config config;
  pe_engine* engine = NULL;
  pe_config_init(&config);
  config.require_resume_token = require_resume_token;
  CHECK_OK(pe_engine_create(&config, &engine));
  return engine;
}

static size_t files_in_dir(void) {
  size_t count = 0;
  DIR* dir = opendir(g_dir);
  struct dirent* entry;
  if (dir == NULL) return 0;
  while ((entry = readdir(dir)) != NULL) {
    if (entry->d_name[0] != '.') ++count;
  }
  closedir(dir);
  return count;
}

static void write_bytes(const char* path, const char* bytes, size_t size) {
  FILE* file = fopen(path, "wb");
  CHECK(file != NULL);
  if (file == NULL) return;
  CHECK(fwrite(bytes, 1, size, file) == size);
  fclose(file);
}

/* The whole file at g_path; *size receives its length. Free with free(). */
static char* read_snapshot(size_t* size) {
  FILE* file = fopen(g_path, "rb");
  char* bytes;
  long length;
  CHECK(file != NULL);
  if (file == NULL) return NULL;
  fseek(file, 0, SEEK_END);
  length = ftell(file);
  fseek(file, 0, SEEK_SET);
  bytes = (char*)malloc((size_t)length);
  CHECK(bytes != NULL && fread(bytes, 1, (size_t)length, file) == (size_t)length);
  fclose(file);
  *size = (size_t)length;
  return bytes;
}

static void test_round_trip(void) {
  pe_engine* engine = make_engine(1);
  pe_engine* restored = NULL;
  pe_open_params params;
  pe_open_info info;
  pe_counts before;
  pe_counts after;
  char token[PE_RESUME_TOKEN_SIZE];
  uint64_t last_seq;
  pe_stats stats;
  pe_result* events = NULL;
  pe_config config;

  pe_open_params_init(&params);
  params.user_id = "ann";
  params.user_id_len = 3;
  pe_open_info_init(&info);
  CHECK_OK(pe_session_open(engine, S("ann-tab"), &params, T0, &info));
  memcpy(token, info.resume_token, sizeof token);
  params.user_id = "bob";
  CHECK_OK(pe_session_open(engine, S("bob-tab"), &params, T0, &info));
  CHECK_OK(pe_room_join(engine, S("ann-tab"), S("standup"), T0 + 1));
  CHECK_OK(pe_engine_advance(engine, T0 + 5000, 0, NULL));
  pe_counts_init(&before);
  CHECK_OK(pe_engine_counts(engine, T0 + 5000, &before));
  pe_stats_init(&stats);
  CHECK_OK(pe_engine_stats(engine, &stats));
  last_seq = stats.last_seq;
  CHECK(last_seq > 0);

  CHECK_OK(pe_engine_save(engine, g_path, strlen(g_path), T0 + 5000));
  CHECK(files_in_dir() == 1); /* no temporary file left behind */
  CHECK_OK(pe_engine_save(engine, g_path, strlen(g_path), T0 + 5000)); /* replaces it */
  CHECK(files_in_dir() == 1);
  pe_engine_destroy(engine);

  pe_config_init(&config);
  config.require_resume_token = 1;
  CHECK_OK(pe_engine_create_from_file(&config, g_path, strlen(g_path), T0 + 6000, &restored));
  CHECK(restored != NULL);
  if (restored == NULL) return;
  pe_counts_init(&after);
  CHECK_OK(pe_engine_counts(restored, T0 + 6000, &after));
  CHECK(after.sessions_alive == before.sessions_alive);
  CHECK(after.users_active == before.users_active);
  CHECK(after.rooms == 1);
  CHECK(after.sessions_reconnecting == 2); /* both transports were lost in the restart */
  CHECK_OK(pe_engine_stats(restored, &stats));
  CHECK(stats.last_seq == last_seq);
  CHECK_STATUS(pe_engine_poll_events(restored, last_seq - 1, 0, &events), PE_TOO_FAR_BEHIND);
  CHECK_OK(pe_engine_poll_events(restored, last_seq, 0, &events));
  CHECK(pe_result_event_count(events) == 0);
  pe_result_destroy(events);

  /* The token given before the restart still continues the session. */
  params.user_id = "ann";
  params.transport_id = "socket-9";
  params.transport_id_len = 8;
  params.resume_token = token;
  params.resume_token_len = strlen(token);
  CHECK_OK(pe_session_open(restored, S("ann-tab"), &params, T0 + 7000, &info));
  CHECK(info.continued == 1);
  CHECK(info.state == PE_STATE_ACTIVE);
  pe_engine_destroy(restored);
}

/* A restore soon after the snapshot keeps everyone online (reconnecting);
 * one long after finds the sessions aged from their last signal to offline. */
static void test_restore_long_after(void) {
  pe_engine* engine = make_engine(0);
  pe_engine* restored = NULL;
  pe_counts counts;
  pe_open_params params;
  pe_result* session = NULL;
  pe_open_info info;

  pe_open_info_init(&info);
  pe_open_params_init(&params);
  params.user_id = "ann";
  params.user_id_len = 3;
  CHECK_OK(pe_session_open(engine, S("ann-tab"), &params, T0, &info));
  CHECK_OK(pe_engine_save(engine, g_path, strlen(g_path), T0 + 1000));
  pe_engine_destroy(engine);

  CHECK_OK(pe_engine_create_from_file(NULL, g_path, strlen(g_path), T0 + 2000, &restored));
  if (restored == NULL) return;
  pe_counts_init(&counts);
  CHECK_OK(pe_engine_counts(restored, T0 + 2000, &counts));
  CHECK(counts.sessions_alive == 1 && counts.users_active == 1);
  CHECK(counts.sessions_reconnecting == 1);
  pe_engine_destroy(restored);

  CHECK_OK(pe_engine_create_from_file(NULL, g_path, strlen(g_path), T0 + 86400000, &restored));
  if (restored == NULL) return;
  CHECK_OK(pe_engine_counts(restored, T0 + 86400000, &counts));
  CHECK(counts.sessions_alive == 0 && counts.users_active == 0 && counts.users_stale == 0);
  CHECK_STATUS(pe_engine_get_session(restored, S("ann-tab"), T0 + 86400000, &session),
               PE_NOT_FOUND);
  CHECK(session == NULL);
  pe_engine_destroy(restored);
}

/* A cluster node's sessions live on its peers too: it is neither saved nor
 * restored, and says so. */
static void test_cluster_nodes_are_refused(void) {
  pe_config config;
  pe_engine* engine = NULL;
  pe_engine* out = (pe_engine*)&out;
  pe_config_init(&config);
  config.node_id = "node-a";
  config.node_id_len = 6;
  CHECK_OK(pe_engine_create(&config, &engine));
  if (engine == NULL) return;
  CHECK_STATUS(pe_engine_save(engine, g_path, strlen(g_path), T0), PE_UNSUPPORTED);
  CHECK(strstr(pe_last_error_message(), "cluster node") != NULL);
  pe_engine_destroy(engine);

  engine = make_engine(0);
  CHECK_OK(pe_engine_save(engine, g_path, strlen(g_path), T0));
  pe_engine_destroy(engine);
  CHECK_STATUS(pe_engine_create_from_file(&config, g_path, strlen(g_path), T0, &out),
               PE_UNSUPPORTED);
  CHECK(out == NULL);
  CHECK(strstr(pe_last_error_message(), "cluster node") != NULL);
}

static void test_refusals(void) {
  pe_engine* engine = make_engine(0);
  pe_engine* out = (pe_engine*)&out; /* must come back NULL */
  char missing[160];
  char nowhere[160];
  char* bytes;
  size_t size = 0;

  snprintf(missing, sizeof missing, "%s/missing.snap", g_dir);
  CHECK_STATUS(pe_engine_create_from_file(NULL, missing, strlen(missing), PE_NOW, &out),
               PE_NOT_FOUND);
  CHECK(out == NULL);
  CHECK(strstr(pe_last_error_message(), missing) != NULL);

  CHECK_OK(pe_engine_save(engine, g_path, strlen(g_path), T0));
  bytes = read_snapshot(&size);
  if (bytes == NULL) return;
  write_bytes(g_path, bytes, size / 2);
  out = (pe_engine*)&out;
  CHECK_STATUS(pe_engine_create_from_file(NULL, g_path, strlen(g_path), PE_NOW, &out), PE_CORRUPT);
  CHECK(out == NULL);
  CHECK(strstr(pe_last_error_message(), "truncated") != NULL);
  CHECK(strstr(pe_last_error_message(), g_path) != NULL);
  CHECK(strcmp(pe_status_name(PE_CORRUPT), "CORRUPT") == 0);

  write_bytes(g_path, "hello, world", 12);
  CHECK_STATUS(pe_engine_create_from_file(NULL, g_path, strlen(g_path), PE_NOW, &out), PE_CORRUPT);
  CHECK(strstr(pe_last_error_message(), "not a presence snapshot") != NULL);

  bytes[8] = (char)(bytes[8] + 1); /* the format version */
  write_bytes(g_path, bytes, size);
  CHECK_STATUS(pe_engine_create_from_file(NULL, g_path, strlen(g_path), PE_NOW, &out),
               PE_UNSUPPORTED);
  free(bytes);

  snprintf(nowhere, sizeof nowhere, "%s/no-such-dir/engine.snap", g_dir);
  CHECK_STATUS(pe_engine_save(engine, nowhere, strlen(nowhere), T0), PE_IO_ERROR);
  CHECK(strstr(pe_last_error_message(), nowhere) != NULL);
  CHECK(strcmp(pe_status_name(PE_IO_ERROR), "IO_ERROR") == 0);

  CHECK_STATUS(pe_engine_save(engine, NULL, 3, T0), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_save(engine, g_path, 0, T0), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_save(engine, "a\0b", 3, T0), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_save(engine, "\xff", 1, T0), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_save(engine, g_path, strlen(g_path), -7), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_save(NULL, g_path, strlen(g_path), T0), PE_INVALID_ARGUMENT);
  CHECK_STATUS(pe_engine_create_from_file(NULL, g_path, strlen(g_path), T0, NULL),
               PE_INVALID_ARGUMENT);
  CHECK_OK(pe_engine_save(engine, g_path, strlen(g_path), T0));
  CHECK_STATUS(pe_engine_create_from_file(NULL, g_path, strlen(g_path), -7, &out),
               PE_INVALID_ARGUMENT);
  CHECK(out == NULL);
  CHECK_OK(pe_engine_close(engine));
  CHECK_STATUS(pe_engine_save(engine, g_path, strlen(g_path), T0), PE_CLOSED);
  pe_engine_destroy(engine);
}

int main(void) {
  strcpy(g_dir, "/tmp/pe-persist-XXXXXX");
  if (mkdtemp(g_dir) == NULL) {
    perror("mkdtemp");
    return 1;
  }
  snprintf(g_path, sizeof g_path, "%s/engine.snap", g_dir);
  test_round_trip();
  test_restore_long_after();
  test_cluster_nodes_are_refused();
  test_refusals();
  unlink(g_path);
  rmdir(g_dir);
  return finish("persist_test");
}
