// pe_cluster_* in a build without cluster mode (PE_BUILD_CLUSTER=OFF): the
// same ABI, every call answering PE_UNSUPPORTED, so bindings load either way.
#include "c_boundary.h"

using presence::capi::fail;

namespace {

pe_status unsupported() {
  return fail(PE_UNSUPPORTED, "this library was built without cluster mode (PE_BUILD_CLUSTER=OFF)");
}

}  // namespace

extern "C" {

PE_API pe_status pe_cluster_options_create(pe_cluster_options** out) {
  if (out != nullptr) *out = nullptr;
  return unsupported();
}
PE_API void pe_cluster_options_destroy(pe_cluster_options*) {}
PE_API pe_status pe_cluster_options_set_url(pe_cluster_options*, const char*, size_t) {
  return unsupported();
}
PE_API pe_status pe_cluster_options_set_cluster_name(pe_cluster_options*, const char*, size_t) {
  return unsupported();
}
PE_API pe_status pe_cluster_options_set_node_ttl_ms(pe_cluster_options*, int64_t) {
  return unsupported();
}
PE_API pe_status pe_cluster_options_set_stream_max_len(pe_cluster_options*, uint64_t) {
  return unsupported();
}
PE_API pe_status pe_cluster_options_set_batch_interval_ms(pe_cluster_options*, int64_t) {
  return unsupported();
}
PE_API pe_status pe_cluster_options_set_start_timeout_ms(pe_cluster_options*, int64_t) {
  return unsupported();
}
PE_API pe_status pe_cluster_options_set_auth(pe_cluster_options*, const char*, size_t, const char*,
                                             size_t) {
  return unsupported();
}
PE_API pe_status pe_cluster_options_set_tls(pe_cluster_options*, int, const char*, size_t,
                                            const char*, size_t, const char*, size_t, const char*,
                                            size_t, int) {
  return unsupported();
}
PE_API pe_status pe_cluster_start(pe_engine*, const pe_cluster_options*, pe_cluster** out) {
  if (out != nullptr) *out = nullptr;
  return unsupported();
}
PE_API void pe_cluster_stop(pe_cluster*) {}
PE_API void pe_cluster_destroy(pe_cluster*) {}
PE_API void pe_cluster_stats_init(pe_cluster_stats* out) {
  if (out == nullptr) return;
  *out = pe_cluster_stats{};
  out->struct_size = sizeof(pe_cluster_stats);
}
PE_API pe_status pe_cluster_stats_get(const pe_cluster*, pe_cluster_stats*) {
  return unsupported();
}
PE_API pe_status pe_cluster_last_error(const pe_cluster*, char*, size_t, size_t*) {
  return unsupported();
}

}  // extern "C"
