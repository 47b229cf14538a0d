// Reads: counts, totals, user pages, one user, one session, snapshot, events.
#include <string>

#include "api.h"
#include "convert.h"
#include "errors.h"
#include "event_columns.h"
#include "handle.h"
#include "result.h"

namespace presence::node {

namespace {

// engineCounts(handle, now) -> { sessions: {...}, users: {...} }
Napi::Value EngineCounts(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const EngineCall engine(env, info[0]);
  const int64_t now = ReadTime(env, info[1], "now");
  pe_counts counts;
  pe_counts_init(&counts);
  Check(env, pe_engine_counts(engine.get(), now, &counts));
  return CountsToJs(env, counts);
}

// engineCountSeen(handle, windowMs, now) -> distinct users
Napi::Value EngineCountSeen(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const EngineCall engine(env, info[0]);
  const uint64_t window = ReadCount(env, info[1], "windowMs");
  const int64_t now = ReadTime(env, info[2], "now");
  uint64_t users = 0;
  Check(env, pe_engine_count_seen(engine.get(), static_cast<int64_t>(window), now, &users));
  return Napi::Number::New(env, static_cast<double>(users));
}

// engineListUsers(handle, minState, cursor?, limit, now) -> { users, cursor, seq }
Napi::Value EngineListUsers(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const EngineCall engine(env, info[0]);
  const pe_state min_state = MinState(info, 1);
  const PageArgs page(info, 2);
  pe_result* raw = nullptr;
  Check(env, pe_engine_list_users(engine.get(), min_state, page.cursor_data(), page.cursor_size(),
                                  page.limit, page.now, &raw));
  return Page(env, Result(raw).get(), "users", kUsers);
}

// engineGetUser(handle, userId, now) -> { user, sessions, seq }
Napi::Value EngineGetUser(const Napi::CallbackInfo& info) {
  const Result result = ReadById(info, pe_engine_get_user, "userId");
  return UserDetail(info.Env(), result.get(), kUsers, kSessions);
}

// engineGetSession(handle, sessionId, now) -> session
Napi::Value EngineGetSession(const Napi::CallbackInfo& info) {
  const Result result = ReadById(info, pe_engine_get_session, "sessionId");
  return Records(info.Env(), result.get(), kSessions).Get(0u);
}

// engineSnapshot(handle, now) -> { seq, users, sessions }
Napi::Value EngineSnapshot(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const EngineCall engine(env, info[0]);
  const int64_t now = ReadTime(env, info[1], "now");
  pe_result* raw = nullptr;
  Check(env, pe_engine_snapshot(engine.get(), now, &raw));
  return SnapshotView(env, Result(raw).get(), kUsers, kSessions);
}

// enginePollEvents(handle, afterSeq, maxEvents) -> the events in columns
// (see event_columns.h), decoded into objects by lib/events.js.
Napi::Value EnginePollEvents(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const EngineCall engine(env, info[0]);
  const uint64_t after = ReadCount(env, info[1], "afterSeq");
  const uint64_t max = ReadCount(env, info[2], "maxEvents");
  pe_result* raw = nullptr;
  Check(env, pe_engine_poll_events(engine.get(), after, static_cast<size_t>(max), &raw));
  Result result(raw);
  return EventColumns(env, result.get());
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
