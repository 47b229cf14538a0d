// pe_result: the read-only result set of a read, and its records.
#include <algorithm>

#include "c_boundary.h"

using presence::capi::fail;

namespace {

constexpr std::size_t kSessionInfoAbi1Size = sizeof(pe_session_info);
constexpr std::size_t kUserInfoAbi1Size = sizeof(pe_user_info);
constexpr std::size_t kEventAbi1Size = sizeof(pe_event);
constexpr std::size_t kRoomInfoAbi1Size = sizeof(pe_room_info);
constexpr std::size_t kMemberInfoAbi1Size = sizeof(pe_member_info);
constexpr std::size_t kIntentInfoAbi1Size = sizeof(pe_intent_info);
constexpr std::size_t kDeliveryAbi1Size = sizeof(pe_delivery);
constexpr std::size_t kRoomMetricsAbi1Size = sizeof(pe_room_metrics);

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
  info.availability = static_cast<pe_availability>(u.availability);
  info.true_state = static_cast<pe_state>(result->redacted ? u.state : u.true_state);
  info.true_availability =
      static_cast<pe_availability>(result->redacted ? u.availability : u.true_availability);
  info.readiness = u.readiness;
  info.ready = u.ready ? 1 : 0;
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
  info.true_state = static_cast<pe_state>(result->redacted ? s.state : s.true_state);
  set_text(s.node_id, &info.node_id, &info.node_id_len);
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
  set_optional_text(e.room_id, &event.room_id, &event.room_id_len);
  event.guest = e.guest ? 1 : 0;
  event.target_kind = static_cast<pe_target_kind>(e.target_kind);
  event.ready = e.ready ? 1 : 0;
  event.readiness = e.readiness;
  set_optional_text(e.intent_id, &event.intent_id, &event.intent_id_len);
  set_optional_text(e.intent_kind, &event.intent_kind, &event.intent_kind_len);
  set_optional_text(e.from_id, &event.from_id, &event.from_id_len);
  set_optional_text(e.target_id, &event.target_id, &event.target_id_len);
  event.intent_state = static_cast<pe_intent_state>(e.intent_state);
  event.availability = static_cast<pe_availability>(e.availability);
  using presence::core::index_of;
  using presence::core::State;
  event.room_members_active = e.members[index_of(State::kActive)];
  event.room_members_idle = e.members[index_of(State::kIdle)];
  event.room_members_away = e.members[index_of(State::kAway)];
  event.room_members_stale = e.members[index_of(State::kStale)];
  event.room_sessions_active = e.sessions[index_of(State::kActive)];
  event.room_sessions_idle = e.sessions[index_of(State::kIdle)];
  event.room_sessions_away = e.sessions[index_of(State::kAway)];
  event.room_sessions_stale = e.sessions[index_of(State::kStale)];
  return presence::capi::write_record(event, out, kEventAbi1Size, "out");
}

PE_API size_t pe_result_room_count(const pe_result* result) {
  return result == nullptr ? 0 : result->rooms.size();
}

PE_API size_t pe_result_member_count(const pe_result* result) {
  return result == nullptr ? 0 : result->members.size();
}

PE_API size_t pe_result_intent_count(const pe_result* result) {
  return result == nullptr ? 0 : result->intents.size();
}

PE_API size_t pe_result_delivery_count(const pe_result* result) {
  return result == nullptr ? 0 : result->deliveries.size();
}

PE_API pe_status pe_result_room(const pe_result* result, size_t index, pe_room_info* out) {
  const presence::core::RoomView* found = item_at(result, &pe_result::rooms, index);
  if (found == nullptr) return PE_INVALID_ARGUMENT;
  using presence::core::index_of;
  using presence::core::State;
  const presence::core::RoomView& r = *found;
  pe_room_info info{};
  info.struct_size = sizeof(pe_room_info);
  set_text(r.id, &info.room_id, &info.room_id_len);
  info.created_at_ms = r.created_at;
  info.sessions_active = r.sessions[index_of(State::kActive)];
  info.sessions_idle = r.sessions[index_of(State::kIdle)];
  info.sessions_away = r.sessions[index_of(State::kAway)];
  info.sessions_stale = r.sessions[index_of(State::kStale)];
  info.members_active = r.members[index_of(State::kActive)];
  info.members_idle = r.members[index_of(State::kIdle)];
  info.members_away = r.members[index_of(State::kAway)];
  info.members_stale = r.members[index_of(State::kStale)];
  info.guests = r.guests;
  info.arriving = r.arriving;
  info.density = r.density;
  info.arrivals_per_minute = r.arrivals_per_minute;
  info.departures_per_minute = r.departures_per_minute;
  info.readiness = r.readiness;
  info.ready = r.ready ? 1 : 0;
  info.count_only = r.count_only ? 1 : 0;
  info.occupancy_interval_ms = r.occupancy_interval;
  return presence::capi::write_record(info, out, kRoomInfoAbi1Size, "out");
}

PE_API pe_status pe_result_member(const pe_result* result, size_t index, pe_member_info* out) {
  const presence::core::MemberView* found = item_at(result, &pe_result::members, index);
  if (found == nullptr) return PE_INVALID_ARGUMENT;
  const presence::core::MemberView& m = *found;
  pe_member_info info{};
  info.struct_size = sizeof(pe_member_info);
  set_text(m.id, &info.member_id, &info.member_id_len);
  info.guest = m.guest ? 1 : 0;
  info.state = static_cast<pe_state>(m.state);
  info.joined_at_ms = m.joined_at;
  info.arriving = m.arriving ? 1 : 0;
  info.session_count = m.session_count;
  info.last_seen_at_ms = m.last_seen_at;
  info.confidence = m.confidence;
  info.confidence_bucket = static_cast<pe_confidence>(m.bucket);
  info.availability = static_cast<pe_availability>(m.availability);
  return presence::capi::write_record(info, out, kMemberInfoAbi1Size, "out");
}

PE_API pe_status pe_result_intent(const pe_result* result, size_t index, pe_intent_info* out) {
  const presence::core::IntentView* found = item_at(result, &pe_result::intents, index);
  if (found == nullptr) return PE_INVALID_ARGUMENT;
  const presence::core::IntentView& i = *found;
  pe_intent_info info{};
  info.struct_size = sizeof(pe_intent_info);
  set_text(i.id, &info.intent_id, &info.intent_id_len);
  set_text(i.from, &info.from_id, &info.from_id_len);
  info.target_kind = static_cast<pe_target_kind>(i.target_kind);
  set_text(i.target, &info.target_id, &info.target_id_len);
  set_text(i.kind, &info.kind, &info.kind_len);
  info.created_at_ms = i.created_at;
  info.expires_at_ms = i.expires_at;
  info.state = static_cast<pe_intent_state>(i.state);
  return presence::capi::write_record(info, out, kIntentInfoAbi1Size, "out");
}

PE_API pe_status pe_result_delivery(const pe_result* result, size_t index, pe_delivery* out) {
  const presence::core::Delivery* found = item_at(result, &pe_result::deliveries, index);
  if (found == nullptr) return PE_INVALID_ARGUMENT;
  pe_delivery info{};
  info.struct_size = sizeof(pe_delivery);
  set_text(found->subscriber, &info.subscriber, &info.subscriber_len);
  info.event_indexes = found->events.data();
  info.event_count = found->events.size();
  return presence::capi::write_record(info, out, kDeliveryAbi1Size, "out");
}

PE_API pe_status pe_result_room_metrics(const pe_result* result, pe_room_metrics* out) {
  if (result == nullptr || !result->metrics) {
    return fail(PE_INVALID_ARGUMENT, "not a room metrics result");
  }
  const presence::core::RoomMetricsView& m = *result->metrics;
  pe_room_metrics info{};
  info.struct_size = sizeof(pe_room_metrics);
  info.joins = m.joins;
  info.leaves = m.leaves;
  info.drop_offs = m.drop_offs;
  info.peak_members = m.peak_members;
  info.peak_sessions = m.peak_sessions;
  std::copy_n(m.bucket_bounds.begin(),
              std::min<std::size_t>(m.bucket_bounds.size(), PE_METRICS_BUCKETS - 1),
              info.bucket_upper_ms);
  std::copy_n(m.dwell.begin(), std::min<std::size_t>(m.dwell.size(), PE_METRICS_BUCKETS),
              info.dwell);
  std::copy_n(m.attention.begin(), std::min<std::size_t>(m.attention.size(), PE_METRICS_BUCKETS),
              info.attention);
  info.curve_points =
      static_cast<uint32_t>(std::min<std::size_t>(m.readiness_curve.size(), PE_METRICS_CURVE));
  for (uint32_t i = 0; i < info.curve_points; ++i) {
    info.curve_at_ms[i] = m.readiness_curve[i].first;
    info.curve_score[i] = m.readiness_curve[i].second;
  }
  return presence::capi::write_record(info, out, kRoomMetricsAbi1Size, "out");
}

PE_API pe_status pe_result_text(const pe_result* result, const char** out, size_t* out_len) {
  if (result == nullptr || out == nullptr || out_len == nullptr) {
    return fail(PE_INVALID_ARGUMENT, "result, out and out_len must not be NULL");
  }
  set_text(result->text, out, out_len);
  return PE_OK;
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

PE_API void pe_room_info_init(pe_room_info* out) {
  if (out == nullptr) return;
  *out = pe_room_info{};
  out->struct_size = sizeof(pe_room_info);
}

PE_API void pe_member_info_init(pe_member_info* out) {
  if (out == nullptr) return;
  *out = pe_member_info{};
  out->struct_size = sizeof(pe_member_info);
}

PE_API void pe_intent_info_init(pe_intent_info* out) {
  if (out == nullptr) return;
  *out = pe_intent_info{};
  out->struct_size = sizeof(pe_intent_info);
}

PE_API void pe_room_metrics_init(pe_room_metrics* out) {
  if (out == nullptr) return;
  *out = pe_room_metrics{};
  out->struct_size = sizeof(pe_room_metrics);
}

PE_API void pe_delivery_init(pe_delivery* out) {
  if (out == nullptr) return;
  *out = pe_delivery{};
  out->struct_size = sizeof(pe_delivery);
}

PE_API void pe_event_init(pe_event* out) {
  if (out == nullptr) return;
  *out = pe_event{};
  out->struct_size = sizeof(pe_event);
}

}  // extern "C"
