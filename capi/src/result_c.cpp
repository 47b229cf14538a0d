// pe_result: the read-only result set of a read, and its records.
#include "c_boundary.h"

using presence::capi::fail;

namespace {

constexpr std::size_t kSessionInfoAbi1Size = sizeof(pe_session_info);
constexpr std::size_t kUserInfoAbi1Size = sizeof(pe_user_info);
constexpr std::size_t kEventAbi1Size = sizeof(pe_event);

void set_text(const std::string& text, const char** data, size_t* size) {
  *data = text.c_str();
  *size = text.size();
}

void set_optional_text(const std::optional<std::string>& text, const char** data, size_t* size) {
  if (text) {
    set_text(*text, data, size);
  } else {
    *data = nullptr;
    *size = 0;
  }
}

// The item at `index` of a result's list, or NULL (with the error set).
template <class Item>
const Item* item_at(const pe_result* result, std::vector<Item> pe_result::*list, size_t index) {
  if (result == nullptr) {
    fail(PE_INVALID_ARGUMENT, "result is NULL");
    return nullptr;
  }
  const std::vector<Item>& items = result->*list;
  if (index >= items.size()) {
    fail(PE_INVALID_ARGUMENT, "index " + std::to_string(index) + " is out of range (" +
                                  std::to_string(items.size()) + " items)");
    return nullptr;
  }
  return &items[index];
}

}  // namespace

extern "C" {

PE_API uint64_t pe_result_seq(const pe_result* result) {
  return result == nullptr ? 0 : result->seq;
}

PE_API pe_status pe_result_cursor(const pe_result* result, const char** out, size_t* out_len) {
  if (result == nullptr || out == nullptr || out_len == nullptr) {
    return fail(PE_INVALID_ARGUMENT, "result, out and out_len must not be NULL");
  }
  set_text(result->cursor, out, out_len);
  return PE_OK;
}

PE_API size_t pe_result_user_count(const pe_result* result) {
  return result == nullptr ? 0 : result->users.size();
}

PE_API size_t pe_result_session_count(const pe_result* result) {
  return result == nullptr ? 0 : result->sessions.size();
}

PE_API size_t pe_result_event_count(const pe_result* result) {
  return result == nullptr ? 0 : result->events.size();
}

PE_API pe_status pe_result_user(const pe_result* result, size_t index, pe_user_info* out) {
  const presence::core::UserView* found = item_at(result, &pe_result::users, index);
  if (found == nullptr) return PE_INVALID_ARGUMENT;
  const presence::core::UserView& u = *found;
  pe_user_info info{};
  info.struct_size = sizeof(pe_user_info);
  set_text(u.id, &info.user_id, &info.user_id_len);
  info.state = static_cast<pe_state>(u.state);
  info.since_ms = u.since;
  info.last_seen_at_ms = u.last_seen_at;
  info.last_evidence = static_cast<pe_evidence>(u.last_evidence);
  info.session_count = u.session_count;
  info.confidence = u.confidence;
  info.confidence_bucket = static_cast<pe_confidence>(u.bucket);
  return presence::capi::write_record(info, out, kUserInfoAbi1Size, "out");
}

PE_API pe_status pe_result_session(const pe_result* result, size_t index, pe_session_info* out) {
  const presence::core::SessionView* found = item_at(result, &pe_result::sessions, index);
  if (found == nullptr) return PE_INVALID_ARGUMENT;
  const presence::core::SessionView& s = *found;
  pe_session_info info{};
  info.struct_size = sizeof(pe_session_info);
  set_text(s.id, &info.session_id, &info.session_id_len);
  set_optional_text(s.user_id, &info.user_id, &info.user_id_len);
  info.state = static_cast<pe_state>(s.state);
  info.reconnecting = s.reconnecting ? 1 : 0;
  info.visible = s.visible ? 1 : 0;
  info.connected = s.connected ? 1 : 0;
  info.confidence = s.confidence;
  info.confidence_bucket = static_cast<pe_confidence>(s.bucket);
  info.last_signal_at_ms = s.last_signal_at;
  info.last_activity_at_ms = s.last_activity_at;
  info.since_ms = s.since;
  info.heartbeat_interval_ms = s.heartbeat_interval;
  set_optional_text(s.meta, &info.meta, &info.meta_len);
  set_optional_text(s.transport_id, &info.transport_id, &info.transport_id_len);
  info.origin_node = s.origin_node;
  info.version = s.version;
  return presence::capi::write_record(info, out, kSessionInfoAbi1Size, "out");
}

PE_API pe_status pe_result_event(const pe_result* result, size_t index, pe_event* out) {
  const presence::core::EventRecord* found = item_at(result, &pe_result::events, index);
  if (found == nullptr) return PE_INVALID_ARGUMENT;
  const presence::core::EventRecord& e = *found;
  pe_event event{};
  event.struct_size = sizeof(pe_event);
  event.seq = e.seq;
  event.kind = static_cast<pe_event_kind>(e.kind);
  event.at_ms = e.at;
  event.published_at_ms = e.published_at;
  set_text(e.id, &event.id, &event.id_len);
  set_optional_text(e.user_id, &event.user_id, &event.user_id_len);
  event.old_state = static_cast<pe_state>(e.old_state);
  event.new_state = static_cast<pe_state>(e.new_state);
  event.session_count = e.session_count;
  event.confidence = e.confidence;
  event.confidence_bucket = static_cast<pe_confidence>(e.bucket);
  event.last_seen_at_ms = e.last_seen_at;
  return presence::capi::write_record(event, out, kEventAbi1Size, "out");
}

PE_API void pe_result_destroy(pe_result* result) {
  delete result;
}

PE_API void pe_session_info_init(pe_session_info* out) {
  if (out == nullptr) return;
  *out = pe_session_info{};
  out->struct_size = sizeof(pe_session_info);
}

PE_API void pe_user_info_init(pe_user_info* out) {
  if (out == nullptr) return;
  *out = pe_user_info{};
  out->struct_size = sizeof(pe_user_info);
}

PE_API void pe_event_init(pe_event* out) {
  if (out == nullptr) return;
  *out = pe_event{};
  out->struct_size = sizeof(pe_event);
}

}  // extern "C"
