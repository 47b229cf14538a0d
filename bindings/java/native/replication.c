#include "replication.h"

#include <stdlib.h>
#include <string.h>

#include "jni_support.h"

pe_status pj_engine_create(const pe_config* config, const char* node_id, size_t node_id_len,
                           pe_engine** out) {
  if (config == NULL) return pj_fail(PE_INVALID_ARGUMENT, "config must not be NULL");
  pe_config copy = *config; /* the caller's record keeps no pointer to Java's bytes */
  copy.node_id = node_id;
  copy.node_id_len = node_id_len;
  return pe_engine_create(&copy, out);
}

pe_status pj_engine_create_from_file(const pe_config* config, const char* node_id,
                                     size_t node_id_len, const char* path, size_t path_len,
                                     int64_t now_ms, pe_engine** out) {
  if (config == NULL) return pj_fail(PE_INVALID_ARGUMENT, "config must not be NULL");
  pe_config copy = *config;
  copy.node_id = node_id;
  copy.node_id_len = node_id_len;
  return pe_engine_create_from_file(&copy, path, path_len, now_ms, out);
}

pj_bytes pj_replica_room(const pe_replica* record, size_t index) {
  pj_bytes out = {NULL, 0};
  if (record != NULL && index < record->room_count) {
    out.data = record->room_ids[index];
    out.len = record->room_id_lens[index];
  }
  return out;
}

/* A cursor over the packed buffer; `ok` turns 0 at the first read past its end. */
typedef struct reader {
  const char* data;
  size_t len;
  size_t offset;
  int ok;
} reader;

static void take(reader* r, void* out, size_t size) {
  if (!r->ok || r->len - r->offset < size) {
    r->ok = 0;
    memset(out, 0, size);
    return;
  }
  memcpy(out, r->data + r->offset, size);
  r->offset += size;
}

static int64_t take_i64(reader* r) {
  int64_t value;
  take(r, &value, sizeof value);
  return value;
}

static int32_t take_i32(reader* r) {
  int32_t value;
  take(r, &value, sizeof value);
  return value;
}

/* Text: its length, then its bytes; a length of -1 is NULL ("none"). */
static const char* take_text(reader* r, size_t* len) {
  const int32_t n = take_i32(r);
  *len = 0;
  if (!r->ok || n == -1) return NULL;
  if (n < 0 || r->len - r->offset < (size_t)n) {
    r->ok = 0;
    return NULL;
  }
  const char* text = r->data + r->offset;
  r->offset += (size_t)n;
  *len = (size_t)n;
  return text;
}

/*
 * Reads `count` records. With `records` NULL it only validates the buffer
 * and counts the room ids into *rooms_total; otherwise it fills `records`,
 * whose room ids go to consecutive slots of `room_ids` and `room_lens`.
 * Returns 0 if the buffer is not exactly `count` records.
 */
static int unpack_replicas(const char* packed, size_t packed_len, size_t count, pe_replica* records,
                           const char** room_ids, size_t* room_lens, size_t* rooms_total) {
  reader r = {packed, packed_len, 0, 1};
  size_t rooms = 0;
  for (size_t i = 0; i < count && r.ok; ++i) {
    pe_replica record;
    pe_replica_init(&record);
    record.version = (uint64_t)take_i64(&r);
    record.since_ms = take_i64(&r);
    record.last_signal_at_ms = take_i64(&r);
    record.last_activity_at_ms = take_i64(&r);
    record.heartbeat_interval_ms = take_i64(&r);
    record.state = (pe_state)take_i32(&r);
    record.reconnecting = take_i32(&r);
    record.visible = take_i32(&r);
    record.connected = take_i32(&r);
    record.ended = take_i32(&r);
    record.session_id = take_text(&r, &record.session_id_len);
    record.user_id = take_text(&r, &record.user_id_len);
    record.node_id = take_text(&r, &record.node_id_len);
    record.meta = take_text(&r, &record.meta_len);
    const int32_t room_count = take_i32(&r);
    if (room_count < 0) r.ok = 0;
    if (records != NULL) {
      record.room_ids = room_ids + rooms;
      record.room_id_lens = room_lens + rooms;
      record.room_count = (size_t)room_count;
    }
    for (int32_t k = 0; k < room_count && r.ok; ++k, ++rooms) {
      size_t len = 0;
      const char* room = take_text(&r, &len);
      if (records != NULL) {
        room_ids[rooms] = room;
        room_lens[rooms] = len;
      }
    }
    if (records != NULL) records[i] = record;
  }
  *rooms_total = rooms;
  return r.ok && r.offset == packed_len;
}

pe_status pj_engine_apply_replicas(pe_engine* engine, const char* packed, size_t packed_len,
                                   int64_t now_ms, int32_t* statuses, size_t statuses_len,
                                   size_t* out_failed) {
  /* Checked here rather than trusted: a malformed call must fail, not crash. */
  if ((packed == NULL && packed_len != 0) || statuses == NULL) {
    return pj_fail(PE_INVALID_ARGUMENT, "replica batch: no status array");
  }
  const size_t count = statuses_len;
  size_t rooms = 0;
  if (!unpack_replicas(packed, packed_len, count, NULL, NULL, NULL, &rooms)) {
    return pj_fail(PE_INVALID_ARGUMENT, "replica batch: malformed record buffer");
  }
  if (count == 0) return pe_engine_apply_replicas(engine, NULL, 0, now_ms, NULL, out_failed);
  pe_replica* records = calloc(count, sizeof *records);
  pe_status* record_statuses = calloc(count, sizeof *record_statuses);
  const char** room_ids = calloc(rooms + 1, sizeof *room_ids);
  size_t* room_lens = calloc(rooms + 1, sizeof *room_lens);
  pe_status status = PE_OK;
  if (records == NULL || record_statuses == NULL || room_ids == NULL || room_lens == NULL) {
    status = pj_fail(PE_OUT_OF_MEMORY, "out of memory");
  } else {
    unpack_replicas(packed, packed_len, count, records, room_ids, room_lens, &rooms);
    status = pe_engine_apply_replicas(engine, records, count, now_ms, record_statuses, out_failed);
    for (size_t i = 0; i < count; ++i) statuses[i] = (int32_t)record_statuses[i];
  }
  free(records);
  free(record_statuses);
  free(room_ids);
  free(room_lens);
  return status;
}
