// Scoped readers: redacted reads of the whole engine or of one room.
#include "c_boundary.h"
#include "c_enums.h"

using presence::capi::bad_text;
using presence::capi::guarded;
using presence::capi::null_argument;
using presence::capi::read_into_result;
using presence::capi::text_arg;
using presence::capi::with_engine;
using presence::core::Engine;
using presence::core::Status;

struct pe_reader {
  pe_engine* engine;
  std::string room;  // empty: the whole engine
};

namespace {

// Hides the truth behind what a successful read shows.
pe_status redact(pe_status status, pe_result** out) {
  if (status == PE_OK) (*out)->redacted = true;
  return status;
}

// A read of one room, redacted.
template <class Fill>
pe_status read_room(pe_reader* reader, pe_result** out, Fill&& fill) {
  return read_into_result(reader->engine, out, std::forward<Fill>(fill), /*redacted=*/true);
}

}  // namespace

extern "C" {

PE_API pe_status pe_reader_create(pe_engine* engine, const char* room_id, size_t room_id_len,
                                  pe_reader** out) {
  if (out == nullptr) return null_argument("out");
  *out = nullptr;
  std::string_view room;
  if (!text_arg(room_id, room_id_len, &room)) return bad_text("room_id");
  return guarded([&]() -> pe_status {
    auto reader = std::make_unique<pe_reader>(pe_reader{engine, std::string(room)});
    // Checks the engine and the room id once, as every read will.
    const pe_status status = with_engine(
        engine, [&](Engine& e) { return room.empty() ? Status::ok() : e.check_room_id(room); });
    if (status == PE_OK) *out = reader.release();
    return status;
  });
}

PE_API void pe_reader_destroy(pe_reader* reader) {
  delete reader;
}

PE_API pe_status pe_reader_counts(pe_reader* reader, int64_t now_ms, pe_counts* out) {
  if (reader == nullptr) return null_argument("reader");
  if (out == nullptr) return null_argument("out");
  presence::core::Counts c;
  const pe_status status = with_engine(reader->engine, [&](Engine& e) {
    return reader->room.empty() ? e.counts(now_ms, &c) : e.room_counts(reader->room, now_ms, &c);
  });
  if (status != PE_OK) return status;
  // How many are invisible is the server's to know.
  c.users_invisible = 0;
  c.sessions_invisible = 0;
  return presence::capi::write_counts(c, out);
}

PE_API pe_status pe_reader_list_users(pe_reader* reader, pe_state min_state, const char* cursor,
                                      size_t cursor_len, size_t limit, int64_t now_ms,
                                      pe_result** out) {
  if (reader == nullptr) return null_argument("reader");
  if (reader->room.empty()) {
    return redact(
        pe_engine_list_users(reader->engine, min_state, cursor, cursor_len, limit, now_ms, out),
        out);
  }
  return redact(pe_room_list_members(reader->engine, reader->room.data(), reader->room.size(),
                                     min_state, cursor, cursor_len, limit, now_ms, out),
                out);
}

PE_API pe_status pe_reader_get_user(pe_reader* reader, const char* user_id, size_t user_id_len,
                                    int64_t now_ms, pe_result** out) {
  if (reader == nullptr) return null_argument("reader");
  if (reader->room.empty()) {
    return redact(pe_engine_get_user(reader->engine, user_id, user_id_len, now_ms, out), out);
  }
  std::string_view user;
  if (!text_arg(user_id, user_id_len, &user)) return bad_text("user_id");
  return read_room(reader, out, [&](Engine& e, pe_result& r) {
    presence::core::UserDetail detail;
    PE_RETURN_IF_ERROR(e.room_user(reader->room, user, now_ms, &detail));
    r.users.push_back(std::move(detail.user));
    r.sessions = std::move(detail.sessions);
    r.seq = e.last_seq();
    return Status::ok();
  });
}

PE_API pe_status pe_reader_snapshot(pe_reader* reader, int64_t now_ms, pe_result** out) {
  if (reader == nullptr) return null_argument("reader");
  if (reader->room.empty()) return redact(pe_engine_snapshot(reader->engine, now_ms, out), out);
  return read_room(reader, out, [&](Engine& e, pe_result& r) {
    presence::core::Snapshot snapshot;
    PE_RETURN_IF_ERROR(e.room_snapshot(reader->room, now_ms, &snapshot));
    r.seq = snapshot.seq;
    r.users = std::move(snapshot.users);
    r.sessions = std::move(snapshot.sessions);
    return Status::ok();
  });
}

PE_API pe_status pe_reader_poll_events(pe_reader* reader, uint64_t after_seq, size_t max_events,
                                       pe_result** out) {
  if (reader == nullptr) return null_argument("reader");
  if (reader->room.empty()) {
    return redact(pe_engine_poll_events(reader->engine, after_seq, max_events, out), out);
  }
  return read_room(reader, out, [&](Engine& e, pe_result& r) {
    return e.room_events_after(reader->room, after_seq, max_events, &r.events, &r.seq);
  });
}

}  // extern "C"
