// Signals: open, heartbeat (single and batch), activity, visibility,
// disconnect, leave, identify.
#include "c_boundary.h"
#include "c_enums.h"

using presence::capi::bad_text;
using presence::capi::fail;
using presence::capi::from_c;
using presence::capi::null_argument;
using presence::capi::text_arg;
using presence::capi::with_engine;

namespace {

constexpr std::size_t kOpenParamsAbi1Size = sizeof(pe_open_params);
constexpr std::size_t kOpenInfoAbi1Size = sizeof(pe_open_info);

// Optional text in a record: NULL with length 0 means "not given".
bool optional_text(const char* data, std::size_t size, std::optional<std::string_view>* out) {
  if (data == nullptr) {
    out->reset();
    return size == 0;
  }
  *out = std::string_view(data, size);
  return true;
}

// A signal that takes one id and a time.
template <class Apply>
pe_status id_signal(pe_engine* engine, const char* id, size_t id_len, const char* name,
                    Apply&& apply) {
  std::string_view text;
  if (!text_arg(id, id_len, &text)) return bad_text(name);
  return with_engine(engine, [&](presence::core::Engine& e) { return apply(e, text); });
}

}  // namespace

extern "C" {

PE_API void pe_open_params_init(pe_open_params* out) {
  if (out == nullptr) return;
  *out = pe_open_params{};
  out->struct_size = sizeof(pe_open_params);
  out->visibility = PE_VISIBILITY_UNKNOWN;
}

PE_API void pe_open_info_init(pe_open_info* out) {
  if (out == nullptr) return;
  *out = pe_open_info{};
  out->struct_size = sizeof(pe_open_info);
}

PE_API pe_status pe_session_open(pe_engine* engine, const char* session_id, size_t session_id_len,
                                 const pe_open_params* params, int64_t now_ms, pe_open_info* out) {
  std::string_view id;
  if (!text_arg(session_id, session_id_len, &id)) return bad_text("session_id");
  pe_open_params merged;
  pe_open_params_init(&merged);
  if (params != nullptr) {
    const pe_status status =
        presence::capi::read_record(params, &merged, kOpenParamsAbi1Size, "params");
    if (status != PE_OK) return status;
  }
  if (out != nullptr && out->struct_size < kOpenInfoAbi1Size) {
    return fail(PE_INVALID_ARGUMENT, "out->struct_size is too small; initialise the record");
  }
  presence::core::OpenParams p;
  if (!optional_text(merged.user_id, merged.user_id_len, &p.user_id)) {
    return bad_text("params->user_id");
  }
  if (!optional_text(merged.meta, merged.meta_len, &p.meta)) return bad_text("params->meta");
  if (!optional_text(merged.transport_id, merged.transport_id_len, &p.transport_id)) {
    return bad_text("params->transport_id");
  }
  if (!from_c(merged.visibility, &p.visibility)) {
    return fail(PE_INVALID_ARGUMENT, "params->visibility is not a pe_visibility value");
  }
  if (!optional_text(merged.resume_token, merged.resume_token_len, &p.resume_token)) {
    return bad_text("params->resume_token");
  }
  presence::core::OpenResult result;
  const pe_status status = with_engine(
      engine, [&](presence::core::Engine& e) { return e.open(id, p, now_ms, &result); });
  if (status != PE_OK || out == nullptr) return status;
  pe_open_info info{};
  info.struct_size = sizeof(pe_open_info);
  info.continued = result.continued ? 1 : 0;
  info.heartbeat_interval_ms = result.heartbeat_interval;
  info.state = static_cast<pe_state>(result.state);
  result.resume_token.copy(info.resume_token, PE_RESUME_TOKEN_SIZE - 1);
  return presence::capi::write_record(info, out, kOpenInfoAbi1Size, "out");
}

PE_API pe_status pe_session_heartbeat(pe_engine* engine, const char* session_id,
                                      size_t session_id_len, pe_activity activity,
                                      pe_visibility visibility, int64_t now_ms,
                                      int64_t* out_interval_ms) {
  presence::core::Activity a{};
  presence::core::Visibility v{};
  if (!from_c(activity, &a))
    return fail(PE_INVALID_ARGUMENT, "activity is not a pe_activity value");
  if (!from_c(visibility, &v)) {
    return fail(PE_INVALID_ARGUMENT, "visibility is not a pe_visibility value");
  }
  return id_signal(engine, session_id, session_id_len, "session_id",
                   [&](presence::core::Engine& e, std::string_view id) {
                     presence::core::Millis interval = 0;
                     presence::core::Status s = e.heartbeat(id, a, v, now_ms, &interval);
                     if (s.is_ok() && out_interval_ms != nullptr) *out_interval_ms = interval;
                     return s;
                   });
}

PE_API pe_status pe_session_heartbeat_batch(pe_engine* engine, const pe_heartbeat* items,
                                            size_t count, int64_t now_ms, pe_status* out_statuses,
                                            int64_t* out_intervals_ms, size_t* out_failed) {
  if (items == nullptr && count != 0) return null_argument("items");
  return presence::capi::guarded([&]() -> pe_status {
    // Items the C layer can already refuse are marked; the core skips them.
    std::vector<presence::core::HeartbeatItem> converted(count);
    std::vector<presence::core::Code> codes(count, presence::core::Code::kOk);
    std::vector<presence::core::Millis> intervals(count, 0);
    std::string last_error;
    for (size_t i = 0; i < count; ++i) {
      const pe_heartbeat& item = items[i];
      if (!text_arg(item.session_id, item.session_id_len, &converted[i].session_id)) {
        codes[i] = presence::core::Code::kInvalidArgument;
        last_error = "items[" + std::to_string(i) + "].session_id is NULL but its length is not 0";
      } else if (!from_c(item.activity, &converted[i].activity) ||
                 !from_c(item.visibility, &converted[i].visibility)) {
        codes[i] = presence::core::Code::kInvalidArgument;
        last_error = "items[" + std::to_string(i) + "] has an unknown enum value";
      }
    }
    const pe_status status = with_engine(engine, [&](presence::core::Engine& e) {
      return e.heartbeat_batch(converted.data(), count, now_ms, codes.data(), intervals.data(),
                               &last_error);
    });
    if (status != PE_OK) return status;
    size_t failed = 0;
    for (size_t i = 0; i < count; ++i) {
      const auto item_status = static_cast<pe_status>(codes[i]);
      if (item_status != PE_OK) ++failed;
      if (out_statuses != nullptr) out_statuses[i] = item_status;
      if (out_intervals_ms != nullptr) out_intervals_ms[i] = intervals[i];
    }
    if (failed != 0) fail(PE_OK, last_error);  // the message of the last failed item
    if (out_failed != nullptr) *out_failed = failed;
    return PE_OK;
  });
}

PE_API pe_status pe_session_activity(pe_engine* engine, const char* session_id,
                                     size_t session_id_len, int64_t now_ms) {
  return id_signal(
      engine, session_id, session_id_len, "session_id",
      [&](presence::core::Engine& e, std::string_view id) { return e.activity(id, now_ms); });
}

PE_API pe_status pe_session_visibility(pe_engine* engine, const char* session_id,
                                       size_t session_id_len, pe_visibility visibility,
                                       int64_t now_ms) {
  presence::core::Visibility v{};
  if (!from_c(visibility, &v)) {
    return fail(PE_INVALID_ARGUMENT, "visibility is not a pe_visibility value");
  }
  return id_signal(
      engine, session_id, session_id_len, "session_id",
      [&](presence::core::Engine& e, std::string_view id) { return e.visibility(id, v, now_ms); });
}

PE_API pe_status pe_session_disconnect(pe_engine* engine, const char* session_id,
                                       size_t session_id_len, int64_t now_ms) {
  return id_signal(
      engine, session_id, session_id_len, "session_id",
      [&](presence::core::Engine& e, std::string_view id) { return e.disconnect(id, now_ms); });
}

PE_API pe_status pe_transport_disconnect(pe_engine* engine, const char* transport_id,
                                         size_t transport_id_len, int64_t now_ms) {
  return id_signal(engine, transport_id, transport_id_len, "transport_id",
                   [&](presence::core::Engine& e, std::string_view id) {
                     return e.disconnect_transport(id, now_ms);
                   });
}

PE_API pe_status pe_session_leave(pe_engine* engine, const char* session_id, size_t session_id_len,
                                  int64_t now_ms) {
  return id_signal(
      engine, session_id, session_id_len, "session_id",
      [&](presence::core::Engine& e, std::string_view id) { return e.leave(id, now_ms); });
}

PE_API pe_status pe_session_identify(pe_engine* engine, const char* session_id,
                                     size_t session_id_len, const char* user_id, size_t user_id_len,
                                     int64_t now_ms) {
  std::string_view user;
  if (!text_arg(user_id, user_id_len, &user)) return bad_text("user_id");
  return id_signal(
      engine, session_id, session_id_len, "session_id",
      [&](presence::core::Engine& e, std::string_view id) { return e.identify(id, user, now_ms); });
}

}  // extern "C"
