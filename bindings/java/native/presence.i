/*
 * SWIG interface: generates the JNI layer of the Java binding from the C
 * header. Everything generated is package-private in dev.presence; the
 * public API is the hand-written facade (dev.presence.Engine and friends).
 *
 * The mapping, and why:
 * - A function returning pe_status throws the PresenceException subclass of
 *   any status but PE_OK (see the `ret` typemap), so the facade never checks
 *   a status by hand and the message is read on the same native frame that
 *   failed (pe_last_error_message() is thread-local).
 * - Text goes in as byte[] holding standard UTF-8, encoded by the facade.
 *   SWIG's String typemaps use GetStringUTFChars, which yields *modified*
 *   UTF-8 (supplementary characters as surrogate pairs, U+0000 as two bytes);
 *   the engine rightly rejects that, and it would hide lone surrogates.
 * - Text comes out as byte[] (pj_bytes) for the same reason, decoded by the
 *   facade; a NULL pointer becomes a null array ("none").
 * - Each enum becomes a class of int constants (enumtypeunsafe) that the
 *   facade's enums are built from, so the C header stays the one source of
 *   every value. The header declares them `typedef enum x PE_ENUM_INT {...}`;
 *   SWIG runs in C mode here (no -c++), where PE_ENUM_INT expands to nothing,
 *   so each is parsed as the plain C enum that the wrapper (compiled as C)
 *   also sees. EnumsTest checks every constant against the native library.
 * - 64-bit unsigned values (sequence numbers, counts) are Java longs: none
 *   can reach 2^63.
 * - Scalar out-parameters become one-element arrays (null when not wanted);
 *   records are SWIG proxies whose C memory the facade frees with close():
 *   finalizers are off.
 * - Arrays inside records (the fixed-size arrays of pe_room_metrics, the
 *   borrowed index array of pe_delivery) are copied out whole into a Java
 *   array by one accessor each, instead of SWIG's opaque pointer types.
 */
%module(jniclassname = "PresenceNativeJNI") PresenceNative

%{
#include "presence/presence.h"

#include "adapters.h"
#include "event_signal.h"
#include "jni_support.h"
#include "replication.h"

/* Stack space for text arguments: any id (max_id_bytes <= 1024) fits. */
#define PJ_STACK_BYTES 1024
%}

%include <stdint.i>
%include <enumtypeunsafe.swg>
%javaconst(1);

/* --- Everything generated stays inside the package ------------------------ */
%pragma(java) jniclassclassmodifiers = "final class"
%pragma(java) moduleclassmodifiers = "final class"
%typemap(javaclassmodifiers) SWIGTYPE, SWIGTYPE *, SWIGTYPE &, SWIGTYPE [] "final class"
%typemap(javaclassmodifiers) enum SWIGTYPE "final class"
%typemap(javafinalize) SWIGTYPE ""
/* Records are AutoCloseable, so the facade frees their C memory with
 * try-with-resources. */
%typemap(javainterfaces) SWIGTYPE "NativeRecord"
%typemap(javacode) SWIGTYPE %{
  @Override
  public void close() {
    delete();
  }
%}

/* The JNI class loads the library (from the jar, or -Dpresence.library.path)
 * before its first native call. */
%pragma(java) jniclasscode = %{
  static {
    NativeLoader.load();
  }
%}

/* --- Unsigned 64-bit values as Java long ---------------------------------- */
%apply int64_t { uint64_t };

/* --- pe_status: throw on failure ------------------------------------------ */
/* The status stays an int in Java (its enum values are the constants that
 * dev.presence.Status is built from), but a wrapper only returns normally
 * with PE_OK: any other status is thrown. `ret` runs after argout and
 * freearg, so borrowed arguments are released before the exception. */
%typemap(ret) pe_status %{
  if ($1 != PE_OK) pj_throw_status(jenv, $1);
%}

/* A status and a value: the value, or the status's exception (raised once the
 * wrapper returns, after freearg has released the arguments). */
%typemap(jni) pj_status_and_value "jlong"
%typemap(jtype) pj_status_and_value "long"
%typemap(jstype) pj_status_and_value "long"
%typemap(javaout) pj_status_and_value { return $jnicall; }
%typemap(out) pj_status_and_value %{
  $result = (jlong)$1.value;
  if ($1.status != PE_OK) pj_throw_status(jenv, $1.status);
%}

/* --- Text in: byte[] of UTF-8 ---------------------------------------------- */
%typemap(jni) (const char* BYTES, size_t LENGTH) "jbyteArray"
%typemap(jtype) (const char* BYTES, size_t LENGTH) "byte[]"
%typemap(jstype) (const char* BYTES, size_t LENGTH) "byte[]"
%typemap(javain) (const char* BYTES, size_t LENGTH) "$javainput"
%typemap(in) (const char* BYTES, size_t LENGTH) (char stack[PJ_STACK_BYTES], jbyte* heap = NULL) %{
  {
    const char* data = NULL;
    pj_borrow_bytes(jenv, $input, stack, sizeof stack, &heap, &data, &$2);
    $1 = ($1_ltype)data;
  }
%}
%typemap(freearg) (const char* BYTES, size_t LENGTH) %{
  pj_return_bytes(jenv, $input, heap$argnum);
%}
%apply (const char* BYTES, size_t LENGTH) {
  (const char* session_id, size_t session_id_len),
  (const char* user_id, size_t user_id_len),
  (const char* meta, size_t meta_len),
  (const char* transport_id, size_t transport_id_len),
  (const char* cursor, size_t cursor_len),
  (const char* packed, size_t packed_len),
  (const char* room_id, size_t room_id_len),
  (const char* id, size_t id_len),
  (const char* from, size_t from_len),
  (const char* target, size_t target_len),
  (const char* kind, size_t kind_len),
  (const char* intent_id, size_t intent_id_len),
  (const char* subscriber, size_t subscriber_len),
  (const char* resume_token, size_t resume_token_len),
  (const char* node_id, size_t node_id_len),
  (const char* path, size_t path_len)
};

/* --- Text out: byte[] of UTF-8, null for "none" ---------------------------- */
%typemap(jni) pj_bytes "jbyteArray"
%typemap(jtype) pj_bytes "byte[]"
%typemap(jstype) pj_bytes "byte[]"
%typemap(javaout) pj_bytes { return $jnicall; }
%typemap(out) pj_bytes %{
  $result = NULL;
  if ($1.data != NULL) {
    $result = (*jenv)->NewByteArray(jenv, (jsize)$1.len);
    if ($result != NULL) {
      (*jenv)->SetByteArrayRegion(jenv, $result, 0, (jsize)$1.len, (const jbyte*)$1.data);
    }
  }
%}

/* --- Arrays out: a new Java array holding a copy ----------------------------- */
%typemap(jni) pj_int64s "jlongArray"
%typemap(jtype) pj_int64s "long[]"
%typemap(jstype) pj_int64s "long[]"
%typemap(javaout) pj_int64s { return $jnicall; }
%typemap(out) pj_int64s %{ $result = pj_new_long_array(jenv, $1.data, $1.len); %}
%typemap(jni) pj_uint32s "jlongArray"
%typemap(jtype) pj_uint32s "long[]"
%typemap(jstype) pj_uint32s "long[]"
%typemap(javaout) pj_uint32s { return $jnicall; }
%typemap(out) pj_uint32s %{ $result = pj_new_long_array_u32(jenv, $1.data, $1.len); %}
%typemap(jni) pj_doubles "jdoubleArray"
%typemap(jtype) pj_doubles "double[]"
%typemap(jstype) pj_doubles "double[]"
%typemap(javaout) pj_doubles { return $jnicall; }
%typemap(out) pj_doubles %{ $result = pj_new_double_array(jenv, $1.data, $1.len); %}

/* --- Scalar out-parameters: a one-element array, or null when not wanted --- */
%define PJ_OPTIONAL_OUT(CTYPE, JNITYPE, JAVATYPE, JNAME, NAMES...)
%typemap(jni) CTYPE* OPTIONAL_OUT %{JNITYPE##Array%}
%typemap(jtype) CTYPE* OPTIONAL_OUT "JAVATYPE[]"
%typemap(jstype) CTYPE* OPTIONAL_OUT "JAVATYPE[]"
%typemap(javain) CTYPE* OPTIONAL_OUT "$javainput"
%typemap(in) CTYPE* OPTIONAL_OUT (CTYPE temp = 0) %{ $1 = $input != NULL ? &temp : NULL; %}
%typemap(argout) CTYPE* OPTIONAL_OUT %{
  if ($input != NULL) {
    JNITYPE value = (JNITYPE)temp$argnum;
    (*jenv)->Set##JNAME##ArrayRegion(jenv, $input, 0, 1, &value);
  }
%}
%apply CTYPE* OPTIONAL_OUT { NAMES };
%enddef
PJ_OPTIONAL_OUT(int64_t, jlong, long, Long, int64_t* out_ms)
PJ_OPTIONAL_OUT(uint64_t, jlong, long, Long, uint64_t* out_users)
PJ_OPTIONAL_OUT(size_t, jlong, long, Long, size_t* out_failed)
PJ_OPTIONAL_OUT(int, jint, int, Int, int* out_more)

/* --- Handles made by the engine: the new pointer in a one-element long[] --- */
%typemap(jni) SWIGTYPE** out "jlongArray"
%typemap(jtype) SWIGTYPE** out "long[]"
%typemap(jstype) SWIGTYPE** out "long[]"
%typemap(javain) SWIGTYPE** out "$javainput"
%typemap(in) SWIGTYPE** out ($*1_ltype temp = NULL) %{ $1 = &temp; %}
%typemap(argout) SWIGTYPE** out %{
  {
    jlong pointer = (jlong)(intptr_t)temp$argnum;
    (*jenv)->SetLongArrayRegion(jenv, $input, 0, 1, &pointer);
  }
%}

/* --- Per-item results of a heartbeat batch ---------------------------------- */
%define PJ_ARRAY_INOUT(CTYPE, JNITYPE, JAVATYPE, JNAME, NAMES...)
%typemap(jni) (CTYPE* ARRAY, size_t ARRAY_LEN) %{JNITYPE##Array%}
%typemap(jtype) (CTYPE* ARRAY, size_t ARRAY_LEN) "JAVATYPE[]"
%typemap(jstype) (CTYPE* ARRAY, size_t ARRAY_LEN) "JAVATYPE[]"
%typemap(javain) (CTYPE* ARRAY, size_t ARRAY_LEN) "$javainput"
%typemap(in) (CTYPE* ARRAY, size_t ARRAY_LEN) %{
  $1 = NULL;
  $2 = 0;
  if ($input != NULL) {
    $1 = (CTYPE*)(*jenv)->Get##JNAME##ArrayElements(jenv, $input, NULL);
    if ($1 != NULL) $2 = (size_t)(*jenv)->GetArrayLength(jenv, $input);
  }
%}
%typemap(freearg) (CTYPE* ARRAY, size_t ARRAY_LEN) %{
  if ($1 != NULL) (*jenv)->Release##JNAME##ArrayElements(jenv, $input, (JNITYPE*)$1, 0);
%}
%apply (CTYPE* ARRAY, size_t ARRAY_LEN) { NAMES };
%enddef
PJ_ARRAY_INOUT(int32_t, jint, int, Int, (int32_t* statuses, size_t statuses_len))
PJ_ARRAY_INOUT(int64_t, jlong, long, Long, (int64_t* intervals_ms, size_t intervals_len))

/* --- What the facade does differently -------------------------------------- */
/* Messages travel with the exceptions; statuses are named by dev.presence.Status. */
%ignore pe_last_error_message;
/* Replaced by pj_session_open(): pe_open_params holds borrowed pointers. */
%ignore pe_open_params;
%ignore pe_open_params_init;
%ignore pe_session_open;
/* Replaced by pj_session_heartbeat_batch(): an array of records with pointers. */
%ignore pe_heartbeat;
%ignore pe_session_heartbeat_batch;
/* Wake-ups reach Java through event_signal.h and a dispatcher thread; Java
 * has no public API to poll a raw descriptor. */
%ignore pe_event_callback;
%ignore pe_engine_set_event_callback;
%ignore pe_engine_event_fd;
/* Replaced by pj_session_heartbeat(), which returns the interval. */
%ignore pe_session_heartbeat;
%ignore pj_status_and_value;
/* Replaced by pj_result_cursor() and pj_result_text(). */
%ignore pe_result_cursor;
%ignore pe_result_text;
/* Macros: the runtime version functions stand for the version macros; the
 * facade has its own "now". SWIG would put macros in a public interface. */
%ignore PE_VERSION_MAJOR;
%ignore PE_VERSION_MINOR;
%ignore PE_VERSION_PATCH;
%ignore PE_VERSION_STRING;
%ignore PE_VERSION_NUMBER;
%ignore PE_ABI_VERSION;
%ignore PE_STATE_COUNT;
%ignore PE_NOW;
%ignore PE_METRICS_BUCKETS;
%ignore PE_METRICS_CURVE;
/* The token is read as a String of its 32 hex characters; its buffer size is C's business. */
%ignore PE_RESUME_TOKEN_SIZE;
/* The ABI this binding was generated for, as a Java compile-time constant
 * (pj_abi.PJ_ABI_VERSION): the loader compares it with pe_abi_version() of
 * the library it loaded. */
%inline %{
enum pj_abi { PJ_ABI_VERSION = PE_ABI_VERSION };
%}
/* Records: the init functions set struct_size; Java never writes it. */
%immutable struct_size;

/* Text members of records are read through byte[] accessors. */
%define PJ_TEXT_MEMBER(RECORD, FIELD)
%ignore RECORD::FIELD;
%ignore RECORD::FIELD##_len;
%extend RECORD {
  pj_bytes FIELD##_bytes() {
    pj_bytes out = {$self->FIELD, $self->FIELD##_len};
    return out;
  }
}
%enddef
PJ_TEXT_MEMBER(pe_session_info, session_id)
PJ_TEXT_MEMBER(pe_session_info, user_id)
PJ_TEXT_MEMBER(pe_session_info, meta)
PJ_TEXT_MEMBER(pe_session_info, transport_id)
PJ_TEXT_MEMBER(pe_user_info, user_id)
PJ_TEXT_MEMBER(pe_event, id)
PJ_TEXT_MEMBER(pe_event, user_id)
PJ_TEXT_MEMBER(pe_event, room_id)
PJ_TEXT_MEMBER(pe_event, intent_id)
PJ_TEXT_MEMBER(pe_event, intent_kind)
PJ_TEXT_MEMBER(pe_event, from_id)
PJ_TEXT_MEMBER(pe_event, target_id)
PJ_TEXT_MEMBER(pe_room_info, room_id)
PJ_TEXT_MEMBER(pe_member_info, member_id)
PJ_TEXT_MEMBER(pe_intent_info, intent_id)
PJ_TEXT_MEMBER(pe_intent_info, from_id)
PJ_TEXT_MEMBER(pe_intent_info, target_id)
PJ_TEXT_MEMBER(pe_intent_info, kind)
PJ_TEXT_MEMBER(pe_delivery, subscriber)
PJ_TEXT_MEMBER(pe_replica, session_id)
PJ_TEXT_MEMBER(pe_replica, user_id)
PJ_TEXT_MEMBER(pe_replica, node_id)
PJ_TEXT_MEMBER(pe_replica, meta)
/* A replica's room ids are read one by one (pj_replica_room()). */
%ignore pe_replica::room_ids;
%ignore pe_replica::room_id_lens;
/* The node id goes to pj_engine_create() as text, never into a record Java would own. */
%ignore pe_config::node_id;
%ignore pe_config::node_id_len;
/* Replaced by pj_engine_apply_replicas(): an array of records with pointers. */
%ignore pe_engine_apply_replicas;
/* Replaced by pj_engine_create_from_file(), which takes the node id as text (above). */
%ignore pe_engine_create_from_file;

/* Array members of records, read whole. The metrics' arrays have a fixed
 * size; of the readiness curve only the points it holds are read. */
%ignore pe_room_metrics::bucket_upper_ms;
%ignore pe_room_metrics::dwell;
%ignore pe_room_metrics::attention;
%ignore pe_room_metrics::curve_at_ms;
%ignore pe_room_metrics::curve_score;
%extend pe_room_metrics {
  pj_int64s bucket_upper_ms_array() {
    pj_int64s out = {$self->bucket_upper_ms, PE_METRICS_BUCKETS - 1};
    return out;
  }
  pj_uint32s dwell_array() {
    pj_uint32s out = {$self->dwell, PE_METRICS_BUCKETS};
    return out;
  }
  pj_uint32s attention_array() {
    pj_uint32s out = {$self->attention, PE_METRICS_BUCKETS};
    return out;
  }
  pj_int64s curve_at_ms_array() {
    pj_int64s out = {$self->curve_at_ms, pj_curve_points($self)};
    return out;
  }
  pj_doubles curve_score_array() {
    pj_doubles out = {$self->curve_score, pj_curve_points($self)};
    return out;
  }
}
%ignore pe_delivery::event_indexes;
%ignore pe_delivery::event_count;
%extend pe_delivery {
  pj_uint32s event_indexes_array() {
    pj_uint32s out = {$self->event_indexes, $self->event_count};
    return out;
  }
}

%ignore pj_bytes;
%ignore pj_int64s;
%ignore pj_uint32s;
%ignore pj_doubles;
%ignore pj_curve_points;
%include "presence/presence.h"
%include "adapters.h"
%include "event_signal.h"
%include "replication.h"
