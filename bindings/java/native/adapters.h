/*
 * C functions that reshape the few calls of presence.h whose C signature has
 * no direct Java counterpart: records that hold borrowed pointers to the
 * caller's text (pe_open_params), arrays of such records (pe_heartbeat), and
 * text handed back as pointer + length. SWIG wraps these like any other
 * function; each is a thin, behaviour-free adapter over one pe_ call.
 */
#ifndef PRESENCE_JAVA_ADAPTERS_H
#define PRESENCE_JAVA_ADAPTERS_H

#include <stddef.h>
#include <stdint.h>

#include "presence/presence.h"

/* Borrowed text: data == NULL means "none" (not the empty string). */
typedef struct pj_bytes {
  const char* data;
  size_t len;
} pj_bytes;

/* Borrowed arrays of a record, copied into a new Java array (see presence.i). */
typedef struct pj_int64s {
  const int64_t* data;
  size_t len;
} pj_int64s;

typedef struct pj_uint32s {
  const uint32_t* data;
  size_t len;
} pj_uint32s;

typedef struct pj_doubles {
  const double* data;
  size_t len;
} pj_doubles;

/*
 * pe_session_open() with the fields of pe_open_params as arguments. Text
 * given as NULL (a null Java byte[]) is "not given".
 */
pe_status pj_session_open(pe_engine* engine, const char* session_id, size_t session_id_len,
                          const char* user_id, size_t user_id_len, const char* meta,
                          size_t meta_len, const char* transport_id, size_t transport_id_len,
                          pe_visibility visibility, int64_t now_ms, pe_open_info* out);

/*
 * pe_session_heartbeat_batch() over items packed by the Java side into one
 * buffer, so that a batch crosses JNI in one copy. Each item is three int32_t
 * in native byte order (activity, visibility, id length) followed by the id's
 * bytes. `statuses` and `intervals_ms` receive one value per item, so their
 * lengths give the item count; a buffer that does not hold exactly that many
 * items is PE_INVALID_ARGUMENT and nothing is applied.
 */
pe_status pj_session_heartbeat_batch(pe_engine* engine, const char* packed, size_t packed_len,
                                     int64_t now_ms, int32_t* statuses, size_t statuses_len,
                                     int64_t* intervals_ms, size_t intervals_len,
                                     size_t* out_failed);

/* A status with a value: what a call with one scalar result returns. */
typedef struct pj_status_and_value {
  pe_status status;
  int64_t value;
} pj_status_and_value;

/*
 * pe_session_heartbeat() returning the next interval instead of writing it
 * through a pointer: on the hottest path Java then allocates no array for it.
 */
pj_status_and_value pj_session_heartbeat(pe_engine* engine, const char* session_id,
                                         size_t session_id_len, pe_activity activity,
                                         pe_visibility visibility, int64_t now_ms);

/* The cursor of a page (users, rooms, members); empty (not NULL) on the last page. */
pj_bytes pj_result_cursor(const pe_result* result);

/* The text of a pe_engine_prometheus() result; empty for other results. */
pj_bytes pj_result_text(const pe_result* result);

/* The points the readiness curve of `metrics` holds, at most PE_METRICS_CURVE. */
size_t pj_curve_points(const pe_room_metrics* metrics);

#endif /* PRESENCE_JAVA_ADAPTERS_H */
