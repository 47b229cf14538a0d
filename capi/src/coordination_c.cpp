// Coordination through the C ABI: rooms, availability, readiness, intents,
// fan-out and the Prometheus exposition.
#include "c_boundary.h"
#include "c_enums.h"

using presence::capi::bad_text;
using presence::capi::fail;
using presence::capi::from_c;
using presence::capi::null_argument;
using presence::capi::read_into_result;
using presence::capi::text_arg;
using presence::capi::with_engine;
using presence::core::Engine;
using presence::core::Status;

namespace {

constexpr std::size_t kReadinessAbi1Size = sizeof(pe_readiness);

}  // namespace

extern "C" {

PE_API pe_status pe_room_join(pe_engine* engine, const char* session_id, size_t session_id_len,
                              const char* room_id, size_t room_id_len, int64_t now_ms) {
  std::string_view session;
  std::string_view room;
  if (!text_arg(session_id, session_id_len, &session)) return bad_text("session_id");
  if (!text_arg(room_id, room_id_len, &room)) return bad_text("room_id");
  return with_engine(engine, [&](Engine& e) { return e.join_room(session, room, now_ms); });
}

PE_API pe_status pe_room_leave(pe_engine* engine, const char* session_id, size_t session_id_len,
                               const char* room_id, size_t room_id_len, int64_t now_ms) {
  std::string_view session;
  std::string_view room;
  if (!text_arg(session_id, session_id_len, &session)) return bad_text("session_id");
  if (!text_arg(room_id, room_id_len, &room)) return bad_text("room_id");
  return with_engine(engine, [&](Engine& e) { return e.leave_room(session, room, now_ms); });
}

PE_API pe_status pe_room_set_count_only(pe_engine* engine, const char* room_id, size_t room_id_len,
                                        int count_only, int64_t interval_ms, int64_t now_ms) {
  std::string_view room;
  if (!text_arg(room_id, room_id_len, &room)) return bad_text("room_id");
  return with_engine(engine, [&](Engine& e) {
    return e.set_room_count_only(room, count_only != 0, interval_ms, now_ms);
  });
}

PE_API pe_status pe_engine_get_room(pe_engine* engine, const char* room_id, size_t room_id_len,
                                    int64_t now_ms, pe_result** out) {
  std::string_view room;
  if (!text_arg(room_id, room_id_len, &room)) return bad_text("room_id");
  return read_into_result(engine, out, [&](Engine& e, pe_result& r) {
    presence::core::RoomView view;
    PE_RETURN_IF_ERROR(e.get_room(room, now_ms, &view));
    r.rooms.push_back(std::move(view));
    r.seq = e.last_seq();
    return Status::ok();
  });
}

PE_API pe_status pe_engine_list_rooms(pe_engine* engine, const char* cursor, size_t cursor_len,
                                      size_t limit, int64_t now_ms, pe_result** out) {
  std::string_view after;
  if (!text_arg(cursor, cursor_len, &after)) return bad_text("cursor");
  return read_into_result(engine, out, [&](Engine& e, pe_result& r) {
    presence::core::RoomPage page;
    PE_RETURN_IF_ERROR(e.list_rooms(after, limit, now_ms, &page));
    r.rooms = std::move(page.rooms);
    r.cursor = std::move(page.next_cursor);
    r.seq = e.last_seq();
    return Status::ok();
  });
}

PE_API pe_status pe_room_list_members(pe_engine* engine, const char* room_id, size_t room_id_len,
                                      pe_state min_state, const char* cursor, size_t cursor_len,
                                      size_t limit, int64_t now_ms, pe_result** out) {
  std::string_view room;
  std::string_view after;
  presence::core::State min{};
  if (!text_arg(room_id, room_id_len, &room)) return bad_text("room_id");
  if (!text_arg(cursor, cursor_len, &after)) return bad_text("cursor");
  if (!from_c(min_state, &min)) {
    return fail(PE_INVALID_ARGUMENT, "min_state is not a pe_state value");
  }
  return read_into_result(engine, out, [&](Engine& e, pe_result& r) {
    presence::core::MemberPage page;
    PE_RETURN_IF_ERROR(e.list_members(room, min, after, limit, now_ms, &page));
    r.members = std::move(page.members);
    r.cursor = std::move(page.next_cursor);
    r.seq = e.last_seq();
    return Status::ok();
  });
}

PE_API pe_status pe_user_list_rooms(pe_engine* engine, const char* user_id, size_t user_id_len,
                                    int64_t now_ms, pe_result** out) {
  std::string_view user;
  if (!text_arg(user_id, user_id_len, &user)) return bad_text("user_id");
  return read_into_result(engine, out, [&](Engine& e, pe_result& r) {
    PE_RETURN_IF_ERROR(e.user_rooms(user, now_ms, &r.rooms));
    r.seq = e.last_seq();
    return Status::ok();
  });
}

PE_API pe_status pe_room_get_metrics(pe_engine* engine, const char* room_id, size_t room_id_len,
                                     int64_t now_ms, pe_result** out) {
  std::string_view room;
  if (!text_arg(room_id, room_id_len, &room)) return bad_text("room_id");
  return read_into_result(engine, out, [&](Engine& e, pe_result& r) {
    presence::core::RoomMetricsView metrics;
    PE_RETURN_IF_ERROR(e.room_metrics(room, now_ms, &metrics));
    r.metrics = std::move(metrics);
    r.seq = e.last_seq();
    return Status::ok();
  });
}

PE_API pe_status pe_user_set_availability(pe_engine* engine, const char* user_id,
                                          size_t user_id_len, pe_availability availability,
                                          int64_t now_ms) {
  std::string_view user;
  presence::core::Availability value{};
  if (!text_arg(user_id, user_id_len, &user)) return bad_text("user_id");
  if (!from_c(availability, &value)) {
    return fail(PE_INVALID_ARGUMENT, "availability is not a pe_availability value");
  }
  return with_engine(engine, [&](Engine& e) { return e.set_availability(user, value, now_ms); });
}

PE_API void pe_readiness_init(pe_readiness* out) {
  if (out == nullptr) return;
  *out = pe_readiness{};
  out->struct_size = sizeof(pe_readiness);
}

PE_API pe_status pe_engine_readiness(pe_engine* engine, pe_target_kind kind, const char* id,
                                     size_t id_len, int64_t now_ms, pe_readiness* out) {
  std::string_view target;
  presence::core::TargetKind target_kind{};
  if (!text_arg(id, id_len, &target)) return bad_text("id");
  if (!from_c(kind, &target_kind)) {
    return fail(PE_INVALID_ARGUMENT, "kind is not a pe_target_kind value");
  }
  if (out == nullptr) return null_argument("out");
  presence::core::ReadinessView view;
  const pe_status status = with_engine(
      engine, [&](Engine& e) { return e.readiness(target_kind, target, now_ms, &view); });
  if (status != PE_OK) return status;
  pe_readiness full{};
  full.struct_size = sizeof(pe_readiness);
  full.score = view.score;
  full.ready = view.ready ? 1 : 0;
  full.can_call = view.can_call ? 1 : 0;
  full.reason = static_cast<pe_gate_reason>(view.reason);
  full.state = static_cast<pe_state>(view.state);
  full.availability = static_cast<pe_availability>(view.availability);
  return presence::capi::write_record(full, out, kReadinessAbi1Size, "out");
}

PE_API pe_status pe_intent_open(pe_engine* engine, const char* from, size_t from_len,
                                pe_target_kind target_kind, const char* target, size_t target_len,
                                const char* kind, size_t kind_len, int64_t ttl_ms, int64_t now_ms,
                                pe_result** out) {
  std::string_view caller;
  std::string_view target_id;
  std::string_view intent_kind;
  presence::core::TargetKind tk{};
  if (!text_arg(from, from_len, &caller)) return bad_text("from");
  if (!text_arg(target, target_len, &target_id)) return bad_text("target");
  if (!text_arg(kind, kind_len, &intent_kind)) return bad_text("kind");
  if (!from_c(target_kind, &tk)) {
    return fail(PE_INVALID_ARGUMENT, "target_kind is not a pe_target_kind value");
  }
  return read_into_result(engine, out, [&](Engine& e, pe_result& r) {
    presence::core::IntentView intent;
    PE_RETURN_IF_ERROR(e.open_intent(caller, tk, target_id, intent_kind, ttl_ms, now_ms, &intent));
    r.intents.push_back(std::move(intent));
    r.seq = e.last_seq();
    return Status::ok();
  });
}

PE_API pe_status pe_intent_cancel(pe_engine* engine, const char* intent_id, size_t intent_id_len,
                                  int64_t now_ms) {
  std::string_view id;
  if (!text_arg(intent_id, intent_id_len, &id)) return bad_text("intent_id");
  return with_engine(engine, [&](Engine& e) { return e.cancel_intent(id, now_ms); });
}

PE_API pe_status pe_intent_list(pe_engine* engine, int by_caller, pe_target_kind kind,
                                const char* id, size_t id_len, int64_t now_ms, pe_result** out) {
  std::string_view target;
  presence::core::TargetKind tk = presence::core::TargetKind::kUser;
  if (!text_arg(id, id_len, &target)) return bad_text("id");
  if (by_caller == 0 && !from_c(kind, &tk)) {
    return fail(PE_INVALID_ARGUMENT, "kind is not a pe_target_kind value");
  }
  return read_into_result(engine, out, [&](Engine& e, pe_result& r) {
    PE_RETURN_IF_ERROR(e.list_intents(by_caller != 0, tk, target, now_ms, &r.intents));
    r.seq = e.last_seq();
    return Status::ok();
  });
}

PE_API pe_status pe_subscriber_subscribe(pe_engine* engine, const char* subscriber,
                                         size_t subscriber_len, pe_target_kind kind,
                                         const char* target, size_t target_len) {
  std::string_view who;
  std::string_view what;
  presence::core::TargetKind tk{};
  if (!text_arg(subscriber, subscriber_len, &who)) return bad_text("subscriber");
  if (!text_arg(target, target_len, &what)) return bad_text("target");
  if (!from_c(kind, &tk)) return fail(PE_INVALID_ARGUMENT, "kind is not a pe_target_kind value");
  return with_engine(engine, [&](Engine& e) { return e.subscribe(who, tk, what); });
}

PE_API pe_status pe_subscriber_unsubscribe(pe_engine* engine, const char* subscriber,
                                           size_t subscriber_len, pe_target_kind kind,
                                           const char* target, size_t target_len) {
  std::string_view who;
  std::string_view what;
  presence::core::TargetKind tk{};
  if (!text_arg(subscriber, subscriber_len, &who)) return bad_text("subscriber");
  if (!text_arg(target, target_len, &what)) return bad_text("target");
  if (!from_c(kind, &tk)) return fail(PE_INVALID_ARGUMENT, "kind is not a pe_target_kind value");
  return with_engine(engine, [&](Engine& e) { return e.unsubscribe(who, tk, what); });
}

PE_API pe_status pe_subscriber_unsubscribe_all(pe_engine* engine, const char* subscriber,
                                               size_t subscriber_len) {
  std::string_view who;
  if (!text_arg(subscriber, subscriber_len, &who)) return bad_text("subscriber");
  return with_engine(engine, [&](Engine& e) { return e.unsubscribe_all(who); });
}

PE_API pe_status pe_engine_fanout(pe_engine* engine, uint64_t after_seq, size_t max_events,
                                  pe_result** out) {
  return read_into_result(engine, out, [&](Engine& e, pe_result& r) {
    presence::core::FanoutBatch batch;
    PE_RETURN_IF_ERROR(e.fanout(after_seq, max_events, &batch));
    r.seq = batch.seq;
    r.events = std::move(batch.events);
    r.deliveries = std::move(batch.deliveries);
    return Status::ok();
  });
}

PE_API pe_status pe_engine_prometheus(pe_engine* engine, const char* room_id, size_t room_id_len,
                                      int64_t now_ms, pe_result** out) {
  std::string_view room;
  if (!text_arg(room_id, room_id_len, &room)) return bad_text("room_id");
  return read_into_result(engine, out, [&](Engine& e, pe_result& r) {
    PE_RETURN_IF_ERROR(e.prometheus(room, now_ms, &r.text));
    r.seq = e.last_seq();
    return Status::ok();
  });
}

}  // extern "C"
