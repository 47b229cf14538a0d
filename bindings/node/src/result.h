// Reading a pe_result: ownership for the duration of one read, and its
// records as arrays of JavaScript objects.
#pragma once

#include <napi.h>

#include <memory>

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

}  // namespace presence::node
