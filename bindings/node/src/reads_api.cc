// Reads: counts, totals, user pages, one user, one session, snapshot, events.
#include <memory>
#include <optional>
#include <string>

#include "api.h"
#include "convert.h"
#include "errors.h"
#include "handle.h"

namespace presence::node {

namespace {

// Owns a pe_result for the duration of one read.
struct ResultDeleter {
  void operator()(pe_result* result) const { pe_result_destroy(result); }
};
using Result = std::unique_ptr<pe_result, ResultDeleter>;

// Copies every record of one kind out of a result, as JavaScript objects.
template <class Record>
struct RecordKind {
  size_t (*count)(const pe_result*);
  void (*init)(Record*);
  pe_status (*read)(const pe_result*, size_t, Record*);
  Napi::Object (*to_js)(Napi::Env, const Record&);
};

constexpr RecordKind<pe_user_info> kUsers{pe_result_user_count, pe_user_info_init, pe_result_user,
                                          UserToJs};
constexpr RecordKind<pe_session_info> kSessions{pe_result_session_count, pe_session_info_init,
                                                pe_result_session, SessionToJs};
constexpr RecordKind<pe_event> kEvents{pe_result_event_count, pe_event_init, pe_result_event,
                                       EventToJs};

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

Napi::Value Seq(Napi::Env env, const pe_result* result) {
  return Napi::Number::New(env, static_cast<double>(pe_result_seq(result)));
}

// engineCounts(handle, now) -> { sessions: {...}, users: {...} }
Napi::Value EngineCounts(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  pe_engine* engine = EngineOf(env, info[0]);
  const int64_t now = ReadTime(env, info[1], "now");
  pe_counts counts;
  pe_counts_init(&counts);
  Check(env, pe_engine_counts(engine, now, &counts));
  return CountsToJs(env, counts);
}

// engineCountSeen(handle, windowMs, now) -> distinct users
Napi::Value EngineCountSeen(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  pe_engine* engine = EngineOf(env, info[0]);
  const uint64_t window = ReadCount(env, info[1], "windowMs");
  const int64_t now = ReadTime(env, info[2], "now");
  uint64_t users = 0;
  Check(env, pe_engine_count_seen(engine, static_cast<int64_t>(window), now, &users));
  return Napi::Number::New(env, static_cast<double>(users));
}

// engineListUsers(handle, minState, cursor?, limit, now) -> { users, cursor, seq }
Napi::Value EngineListUsers(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  pe_engine* engine = EngineOf(env, info[0]);
  const auto min_state = static_cast<pe_state>(ReadEnum(env, info[1], "minState"));
  std::optional<Utf8> cursor;
  if (!IsNullish(info[2], env)) cursor.emplace(env, info[2], "cursor");
  const uint64_t limit = ReadCount(env, info[3], "limit");
  const int64_t now = ReadTime(env, info[4], "now");
  pe_result* raw = nullptr;
  Check(env,
        pe_engine_list_users(engine, min_state, cursor ? cursor->data() : nullptr,
                             cursor ? cursor->size() : 0, static_cast<size_t>(limit), now, &raw));
  Result result(raw);
  const char* next = nullptr;
  size_t next_len = 0;
  Check(env, pe_result_cursor(result.get(), &next, &next_len));
  Napi::Object out = Napi::Object::New(env);
  out.Set("users", Records(env, result.get(), kUsers));
  out.Set("cursor", next_len == 0 ? env.Null() : Napi::String::New(env, next, next_len));
  out.Set("seq", Seq(env, result.get()));
  return out;
}

// engineGetUser(handle, userId, now) -> { user, sessions, seq }
Napi::Value EngineGetUser(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  pe_engine* engine = EngineOf(env, info[0]);
  const Utf8 id(env, info[1], "userId");
  const int64_t now = ReadTime(env, info[2], "now");
  pe_result* raw = nullptr;
  Check(env, pe_engine_get_user(engine, id.data(), id.size(), now, &raw));
  Result result(raw);
  Napi::Object out = Napi::Object::New(env);
  out.Set("user", Records(env, result.get(), kUsers).Get(0u));
  out.Set("sessions", Records(env, result.get(), kSessions));
  out.Set("seq", Seq(env, result.get()));
  return out;
}

// engineGetSession(handle, sessionId, now) -> session
Napi::Value EngineGetSession(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  pe_engine* engine = EngineOf(env, info[0]);
  const Utf8 id(env, info[1], "sessionId");
  const int64_t now = ReadTime(env, info[2], "now");
  pe_result* raw = nullptr;
  Check(env, pe_engine_get_session(engine, id.data(), id.size(), now, &raw));
  Result result(raw);
  return Records(env, result.get(), kSessions).Get(0u);
}

// engineSnapshot(handle, now) -> { seq, users, sessions }
Napi::Value EngineSnapshot(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  pe_engine* engine = EngineOf(env, info[0]);
  const int64_t now = ReadTime(env, info[1], "now");
  pe_result* raw = nullptr;
  Check(env, pe_engine_snapshot(engine, now, &raw));
  Result result(raw);
  Napi::Object out = Napi::Object::New(env);
  out.Set("seq", Seq(env, result.get()));
  out.Set("users", Records(env, result.get(), kUsers));
  out.Set("sessions", Records(env, result.get(), kSessions));
  return out;
}

// enginePollEvents(handle, afterSeq, maxEvents) -> { seq, events }
Napi::Value EnginePollEvents(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  pe_engine* engine = EngineOf(env, info[0]);
  const uint64_t after = ReadCount(env, info[1], "afterSeq");
  const uint64_t max = ReadCount(env, info[2], "maxEvents");
  pe_result* raw = nullptr;
  Check(env, pe_engine_poll_events(engine, after, static_cast<size_t>(max), &raw));
  Result result(raw);
  Napi::Object out = Napi::Object::New(env);
  out.Set("seq", Seq(env, result.get()));
  out.Set("events", Records(env, result.get(), kEvents));
  return out;
}

}  // namespace

void RegisterReads(Napi::Env env, Napi::Object exports) {
  Define(env, exports,
         {
             {"engineCounts", EngineCounts},
             {"engineCountSeen", EngineCountSeen},
             {"engineListUsers", EngineListUsers},
             {"engineGetUser", EngineGetUser},
             {"engineGetSession", EngineGetSession},
             {"engineSnapshot", EngineSnapshot},
             {"enginePollEvents", EnginePollEvents},
         });
}

}  // namespace presence::node
