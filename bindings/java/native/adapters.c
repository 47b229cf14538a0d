#include "adapters.h"

#include <stdlib.h>
#include <string.h>

#include "jni_support.h"

pe_status pj_session_open(pe_engine* engine, const char* session_id, size_t session_id_len,
                          const char* user_id, size_t user_id_len, const char* meta,
                          size_t meta_len, const char* transport_id, size_t transport_id_len,
                          pe_visibility visibility, int64_t now_ms, pe_open_info* out) {
  pe_open_params params;
  pe_open_params_init(&params);
  params.user_id = user_id;
  params.user_id_len = user_id_len;
  params.meta = meta;
  params.meta_len = meta_len;
  params.transport_id = transport_id;
  params.transport_id_len = transport_id_len;
  params.visibility = visibility;
  return pe_session_open(engine, session_id, session_id_len, &params, now_ms, out);
}

pj_status_and_value pj_session_heartbeat(pe_engine* engine, const char* session_id,
                                         size_t session_id_len, pe_activity activity,
                                         pe_visibility visibility, int64_t now_ms) {
  pj_status_and_value out = {PE_OK, 0};
  out.status = pe_session_heartbeat(engine, session_id, session_id_len, activity, visibility,
                                    now_ms, &out.value);
  return out;
}

enum { kItemHeaderBytes = 3 * sizeof(int32_t) };

/* Fills `items` from `packed`; returns 0 if the buffer is not exactly `count` items. */
static int unpack_heartbeats(const char* packed, size_t packed_len, pe_heartbeat* items,
                             size_t count) {
  size_t offset = 0;
  for (size_t i = 0; i < count; ++i) {
    if (packed_len - offset < kItemHeaderBytes) return 0;
    int32_t header[3];
    memcpy(header, packed + offset, sizeof header);
    offset += kItemHeaderBytes;
    if (header[2] < 0 || packed_len - offset < (size_t)header[2]) return 0;
    items[i].activity = (pe_activity)header[0];
    items[i].visibility = (pe_visibility)header[1];
    items[i].session_id = packed + offset;
    items[i].session_id_len = (size_t)header[2];
    offset += (size_t)header[2];
  }
  return offset == packed_len;
}

pe_status pj_session_heartbeat_batch(pe_engine* engine, const char* packed, size_t packed_len,
                                     int64_t now_ms, int32_t* statuses, size_t statuses_len,
                                     int64_t* intervals_ms, size_t intervals_len,
                                     size_t* out_failed) {
  /* Checked here rather than trusted: a malformed call must fail, not crash. */
  if ((packed == NULL && packed_len != 0) || statuses == NULL || intervals_ms == NULL ||
      statuses_len != intervals_len) {
    return pj_fail(PE_INVALID_ARGUMENT, "heartbeat batch: inconsistent result arrays");
  }
  const size_t count = statuses_len;
  if (count == 0) {
    return pe_session_heartbeat_batch(engine, NULL, 0, now_ms, NULL, NULL, out_failed);
  }
  pe_heartbeat* items = calloc(count, sizeof *items);
  pe_status* item_statuses = calloc(count, sizeof *item_statuses);
  pe_status status = PE_OK;
  if (items == NULL || item_statuses == NULL) {
    status = pj_fail(PE_OUT_OF_MEMORY, "out of memory");
  } else if (!unpack_heartbeats(packed, packed_len, items, count)) {
    status = pj_fail(PE_INVALID_ARGUMENT, "heartbeat batch: malformed item buffer");
  } else {
    status = pe_session_heartbeat_batch(engine, items, count, now_ms, item_statuses, intervals_ms,
                                        out_failed);
    for (size_t i = 0; i < count; ++i) statuses[i] = (int32_t)item_statuses[i];
  }
  free(items);
  free(item_statuses);
  return status;
}

pj_bytes pj_result_cursor(const pe_result* result) {
  pj_bytes out = {NULL, 0};
  if (pe_result_cursor(result, &out.data, &out.len) != PE_OK) out.data = NULL;
  return out;
}

pj_bytes pj_result_text(const pe_result* result) {
  pj_bytes out = {NULL, 0};
  if (pe_result_text(result, &out.data, &out.len) != PE_OK) out.data = NULL;
  return out;
}

size_t pj_curve_points(const pe_room_metrics* metrics) {
  return metrics->curve_points < PE_METRICS_CURVE ? metrics->curve_points : PE_METRICS_CURVE;
}
