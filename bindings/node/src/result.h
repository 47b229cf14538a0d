// Reading a pe_result: ownership for the duration of one read, and its
// records as arrays of JavaScript objects.
#pragma once

#include <napi.h>

#include <memory>
#include <optional>

#include "convert.h"
#include "errors.h"
#include "handle.h"
#include "presence/presence.h"

namespace presence::node {

struct ResultDeleter {
  void operator()(pe_result* result) const { pe_result_destroy(result); }
};
// Owns a pe_result for the duration of one read.
using Result = std::unique_ptr<pe_result, ResultDeleter>;

// How to copy every record of one kind out of a result.
template <class Record>
struct RecordKind {
  size_t (*count)(const pe_result*);
  void (*init)(Record*);
  pe_status (*read)(const pe_result*, size_t, Record*);
  Napi::Object (*to_js)(Napi::Env, const Record&);
};

inline constexpr RecordKind<pe_user_info> kUsers{pe_result_user_count, pe_user_info_init,
                                                 pe_result_user, UserToJs};
inline constexpr RecordKind<pe_session_info> kSessions{
    pe_result_session_count, pe_session_info_init, pe_result_session, SessionToJs};
// A scoped reader's records: what is shown, never the truth behind it.
inline constexpr RecordKind<pe_user_info> kShownUsers{pe_result_user_count, pe_user_info_init,
                                                      pe_result_user, ShownUserToJs};
inline constexpr RecordKind<pe_session_info> kShownSessions{
    pe_result_session_count, pe_session_info_init, pe_result_session, ShownSessionToJs};
inline constexpr RecordKind<pe_room_info> kRooms{pe_result_room_count, pe_room_info_init,
                                                 pe_result_room, RoomToJs};
inline constexpr RecordKind<pe_member_info> kMembers{pe_result_member_count, pe_member_info_init,
                                                     pe_result_member, MemberToJs};
inline constexpr RecordKind<pe_intent_info> kIntents{pe_result_intent_count, pe_intent_info_init,
                                                     pe_result_intent, IntentToJs};

template <class Record>
Napi::Array Records(Napi::Env env, const pe_result* result, const RecordKind<Record>& kind) {
  const std::size_t count = kind.count(result);
  Napi::Array out = Napi::Array::New(env, count);
  for (std::size_t i = 0; i < count; ++i) {
    Record record;
    kind.init(&record);
    Check(env, kind.read(result, i, &record));
    out.Set(static_cast<uint32_t>(i), kind.to_js(env, record));
  }
  return out;
}

// The sequence number a result reflects.
inline Napi::Value Seq(Napi::Env env, const pe_result* result) {
  return Napi::Number::New(env, static_cast<double>(pe_result_seq(result)));
}

// A read of one id at a time: pe_engine_get_user(), pe_room_get_metrics(), ...
using IdRead = pe_status (*)(pe_engine*, const char*, size_t, int64_t, pe_result**);

// Runs `read` with the arguments (handle, id, now) of a JavaScript call;
// `name` names the id in error messages.
inline Result ReadById(const Napi::CallbackInfo& info, IdRead read, const char* name) {
  Napi::Env env = info.Env();
  const EngineCall engine(env, info[0]);
  const Utf8 id(env, info[1], name);
  const int64_t now = ReadTime(env, info[2], "now");
  pe_result* raw = nullptr;
  Check(env, read(engine.get(), id.data(), id.size(), now, &raw));
  return Result(raw);
}

// The arguments of a list read from info[first] on: minState, then those
// of PageArgs.
struct PageArgs {
  // cursor? (null or undefined: the first page), limit, now.
  PageArgs(const Napi::CallbackInfo& info, std::size_t first) {
    Napi::Env env = info.Env();
    if (!IsNullish(info[first], env)) cursor.emplace(env, info[first], "cursor");
    limit = static_cast<size_t>(ReadCount(env, info[first + 1], "limit"));
    now = ReadTime(env, info[first + 2], "now");
  }
  const char* cursor_data() const { return cursor ? cursor->data() : nullptr; }
  std::size_t cursor_size() const { return cursor ? cursor->size() : 0; }

  std::optional<Utf8> cursor;
  std::size_t limit = 0;
  int64_t now = 0;
};

// A list read's minimum state (a C enum value) at info[index].
inline pe_state MinState(const Napi::CallbackInfo& info, std::size_t index) {
  return static_cast<pe_state>(ReadEnum(info.Env(), info[index], "minState"));
}

// A page of a list: { [name]: records, cursor: string | null, seq }.
template <class Record>
Napi::Object Page(Napi::Env env, const pe_result* result, const char* name,
                  const RecordKind<Record>& kind) {
  const char* next = nullptr;
  size_t next_len = 0;
  Check(env, pe_result_cursor(result, &next, &next_len));
  Napi::Object out = Napi::Object::New(env);
  out.Set(name, Records(env, result, kind));
  out.Set("cursor", next_len == 0 ? env.Null() : Napi::String::New(env, next, next_len));
  out.Set("seq", Seq(env, result));
  return out;
}

// One user read: { user, sessions, seq }.
inline Napi::Object UserDetail(Napi::Env env, const pe_result* result,
                               const RecordKind<pe_user_info>& users,
                               const RecordKind<pe_session_info>& sessions) {
  Napi::Object out = Napi::Object::New(env);
  out.Set("user", Records(env, result, users).Get(0u));
  out.Set("sessions", Records(env, result, sessions));
  out.Set("seq", Seq(env, result));
  return out;
}

// The published view: { seq, users, sessions }.
inline Napi::Object SnapshotView(Napi::Env env, const pe_result* result,
                                 const RecordKind<pe_user_info>& users,
                                 const RecordKind<pe_session_info>& sessions) {
  Napi::Object out = Napi::Object::New(env);
  out.Set("seq", Seq(env, result));
  out.Set("users", Records(env, result, users));
  out.Set("sessions", Records(env, result, sessions));
  return out;
}

}  // namespace presence::node
