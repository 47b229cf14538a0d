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
  const auto min_state = static_cast<pe_state>(ReadEnum(env, info[1], "minState"));
  std::optional<Utf8> cursor;
  if (!IsNullish(info[2], env)) cursor.emplace(env, info[2], "cursor");
  const uint64_t limit = ReadCount(env, info[3], "limit");
  const int64_t now = ReadTime(env, info[4], "now");
  pe_result* raw = nullptr;
  Check(env,
        pe_engine_list_users(engine.get(), min_state, cursor ? cursor->data() : nullptr,
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
  const EngineCall engine(env, info[0]);
  const Utf8 id(env, info[1], "userId");
  const int64_t now = ReadTime(env, info[2], "now");
  pe_result* raw = nullptr;
  Check(env, pe_engine_get_user(engine.get(), id.data(), id.size(), now, &raw));
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
  const EngineCall engine(env, info[0]);
  const Utf8 id(env, info[1], "sessionId");
  const int64_t now = ReadTime(env, info[2], "now");
  pe_result* raw = nullptr;
  Check(env, pe_engine_get_session(engine.get(), id.data(), id.size(), now, &raw));
  Result result(raw);
  return Records(env, result.get(), kSessions).Get(0u);
}

// engineSnapshot(handle, now) -> { seq, users, sessions }
Napi::Value EngineSnapshot(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const EngineCall engine(env, info[0]);
  const int64_t now = ReadTime(env, info[1], "now");
  pe_result* raw = nullptr;
  Check(env, pe_engine_snapshot(engine.get(), now, &raw));
  Result result(raw);
  Napi::Object out = Napi::Object::New(env);
  out.Set("seq", Seq(env, result.get()));
  out.Set("users", Records(env, result.get(), kUsers));
  out.Set("sessions", Records(env, result.get(), kSessions));
  return out;
}

// UTF-16 code units of valid UTF-8 text: JavaScript string offsets.
uint32_t Utf16Length(const char* data, size_t size) {
  uint32_t units = 0;
  for (size_t i = 0; i < size; ++i) {
    const auto byte = static_cast<unsigned char>(data[i]);
    if ((byte & 0xC0) != 0x80) ++units;  // a character starts here
    if (byte >= 0xF0) ++units;           // outside the BMP: a surrogate pair
  }
  return units;
}

// enginePollEvents(handle, afterSeq, maxEvents) -> { seq, count, numbers,
// codes, text, ends }: the events in columns, decoded into objects by
// lib/events.js. Events are the hottest read (the emitter reads every one
// of them on the event loop), and building the objects in JavaScript costs
// a fraction of setting a dozen properties per event through Node-API.
//  - numbers: Float64Array, per event: seq, at, publishedAt, sessionCount,
//    confidence, lastSeenAt;
//  - codes: Uint8Array, per event: kind, oldState, newState, confidenceBucket;
//  - text: every event's id then its user id, concatenated;
//  - ends: Uint32Array, per event: where in `text` (UTF-16 offsets) its id
//    ends and its user id ends (equal when there is no user).
Napi::Value EnginePollEvents(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const EngineCall engine(env, info[0]);
  const uint64_t after = ReadCount(env, info[1], "afterSeq");
  const uint64_t max = ReadCount(env, info[2], "maxEvents");
  pe_result* raw = nullptr;
  Check(env, pe_engine_poll_events(engine.get(), after, static_cast<size_t>(max), &raw));
  Result result(raw);
  const size_t count = pe_result_event_count(result.get());
  auto numbers = Napi::Float64Array::New(env, count * 6);
  auto codes = Napi::Uint8Array::New(env, count * 4);
  auto ends = Napi::Uint32Array::New(env, count * 2);
  std::string text;
  text.reserve(count * 48);
  uint32_t offset = 0;
  for (size_t i = 0; i < count; ++i) {
    pe_event e;
    pe_event_init(&e);
    Check(env, pe_result_event(result.get(), i, &e));
    double* n = numbers.Data() + i * 6;
    n[0] = static_cast<double>(e.seq);
    n[1] = static_cast<double>(e.at_ms);
    n[2] = static_cast<double>(e.published_at_ms);
    n[3] = e.session_count;
    n[4] = e.confidence;
    n[5] = static_cast<double>(e.last_seen_at_ms);
    uint8_t* c = codes.Data() + i * 4;
    c[0] = static_cast<uint8_t>(e.kind);
    c[1] = static_cast<uint8_t>(e.old_state);
    c[2] = static_cast<uint8_t>(e.new_state);
    c[3] = static_cast<uint8_t>(e.confidence_bucket);
    text.append(e.id, e.id_len);
    offset += Utf16Length(e.id, e.id_len);
    ends[i * 2] = offset;
    if (e.user_id != nullptr) {
      text.append(e.user_id, e.user_id_len);
      offset += Utf16Length(e.user_id, e.user_id_len);
    }
    ends[i * 2 + 1] = offset;
  }
  Napi::Object out = Napi::Object::New(env);
  out.Set("seq", Seq(env, result.get()));
  out.Set("count", Napi::Number::New(env, static_cast<double>(count)));
  out.Set("numbers", numbers);
  out.Set("codes", codes);
  out.Set("text", Napi::String::New(env, text));
  out.Set("ends", ends);
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
