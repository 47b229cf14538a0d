// Reads: counts, totals, user lists, one user, one session, snapshot, events.
#include "c_boundary.h"
#include "c_enums.h"

using presence::capi::bad_text;
using presence::capi::fail;
using presence::capi::null_argument;
using presence::capi::read_into_result;
using presence::capi::text_arg;
using presence::capi::with_engine;

namespace {

constexpr std::size_t kCountsAbi1Size = sizeof(pe_counts);

}  // namespace

extern "C" {

PE_API void pe_counts_init(pe_counts* out) {
  if (out == nullptr) return;
  *out = pe_counts{};
  out->struct_size = sizeof(pe_counts);
}

PE_API pe_status pe_engine_counts(pe_engine* engine, int64_t now_ms, pe_counts* out) {
  if (out == nullptr) return null_argument("out");
  presence::core::Counts c;
  const pe_status status =
      with_engine(engine, [&](presence::core::Engine& e) { return e.counts(now_ms, &c); });
  if (status != PE_OK) return status;
  return presence::capi::write_counts(c, out);
}

PE_API pe_status pe_engine_count_seen(pe_engine* engine, int64_t window_ms, int64_t now_ms,
                                      uint64_t* out_users) {
  if (out_users == nullptr) return null_argument("out_users");
  return with_engine(engine, [&](presence::core::Engine& e) {
    return e.count_seen(window_ms, now_ms, out_users);
  });
}

PE_API pe_status pe_engine_list_users(pe_engine* engine, pe_state min_state, const char* cursor,
                                      size_t cursor_len, size_t limit, int64_t now_ms,
                                      pe_result** out) {
  presence::core::State min{};
  if (!presence::capi::from_c(min_state, &min)) {
    return fail(PE_INVALID_ARGUMENT, "min_state is not a pe_state value");
  }
  std::string_view after;
  if (!text_arg(cursor, cursor_len, &after)) {
    return bad_text("cursor");
  }
  return read_into_result(engine, out, [&](presence::core::Engine& e, pe_result& r) {
    presence::core::UserPage page;
    PE_RETURN_IF_ERROR(e.list_users(min, after, limit, now_ms, &page));
    r.users = std::move(page.users);
    r.cursor = std::move(page.next_cursor);
    r.seq = e.last_seq();
    return presence::core::Status::ok();
  });
}

PE_API pe_status pe_engine_get_user(pe_engine* engine, const char* user_id, size_t user_id_len,
                                    int64_t now_ms, pe_result** out) {
  std::string_view id;
  if (!text_arg(user_id, user_id_len, &id)) {
    return bad_text("user_id");
  }
  return read_into_result(engine, out, [&](presence::core::Engine& e, pe_result& r) {
    presence::core::UserDetail detail;
    PE_RETURN_IF_ERROR(e.get_user(id, now_ms, &detail));
    r.users.push_back(std::move(detail.user));
    r.sessions = std::move(detail.sessions);
    r.seq = e.last_seq();
    return presence::core::Status::ok();
  });
}

PE_API pe_status pe_engine_get_session(pe_engine* engine, const char* session_id,
                                       size_t session_id_len, int64_t now_ms, pe_result** out) {
  std::string_view id;
  if (!text_arg(session_id, session_id_len, &id)) {
    return bad_text("session_id");
  }
  return read_into_result(engine, out, [&](presence::core::Engine& e, pe_result& r) {
    presence::core::SessionView view;
    PE_RETURN_IF_ERROR(e.get_session(id, now_ms, &view));
    r.sessions.push_back(std::move(view));
    r.seq = e.last_seq();
    return presence::core::Status::ok();
  });
}

PE_API pe_status pe_engine_snapshot(pe_engine* engine, int64_t now_ms, pe_result** out) {
  return read_into_result(engine, out, [&](presence::core::Engine& e, pe_result& r) {
    presence::core::Snapshot snapshot;
    PE_RETURN_IF_ERROR(e.snapshot(now_ms, &snapshot));
    r.seq = snapshot.seq;
    r.users = std::move(snapshot.users);
    r.sessions = std::move(snapshot.sessions);
    return presence::core::Status::ok();
  });
}

PE_API pe_status pe_engine_poll_events(pe_engine* engine, uint64_t after_seq, size_t max_events,
                                       pe_result** out) {
  return read_into_result(engine, out, [&](presence::core::Engine& e, pe_result& r) {
    PE_RETURN_IF_ERROR(e.events_after(after_seq, max_events, &r.events));
    r.seq = r.events.empty() ? after_seq : r.events.back().seq;
    return presence::core::Status::ok();
  });
}

}  // extern "C"

namespace presence::capi {

pe_status write_counts(const core::Counts& c, pe_counts* out) {
  using core::index_of;
  using core::State;
  pe_counts full{};
  full.struct_size = sizeof(pe_counts);
  full.sessions_active = c.sessions[index_of(State::kActive)];
  full.sessions_idle = c.sessions[index_of(State::kIdle)];
  full.sessions_away = c.sessions[index_of(State::kAway)];
  full.sessions_stale = c.sessions[index_of(State::kStale)];
  full.sessions_reconnecting = c.sessions_reconnecting;
  full.sessions_alive = c.sessions_alive;
  full.guest_sessions = c.guest_sessions;
  full.users_active = c.users[index_of(State::kActive)];
  full.users_idle = c.users[index_of(State::kIdle)];
  full.users_away = c.users[index_of(State::kAway)];
  full.users_stale = c.users[index_of(State::kStale)];
  full.users_offline = c.users[index_of(State::kOffline)];
  full.users_alive = c.users_alive;
  full.users_invisible = c.users_invisible;
  full.sessions_invisible = c.sessions_invisible;
  full.rooms = c.rooms;
  return write_record(full, out, kCountsAbi1Size, "out");
}

}  // namespace presence::capi
