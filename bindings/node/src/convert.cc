#include "convert.h"

#include <cmath>
#include <cstring>
#include <initializer_list>
#include <utility>
#include <vector>

#include "errors.h"

namespace presence::node {

namespace {

// 2^53: the largest integer every JavaScript number represents exactly.
constexpr double kMaxSafe = 9007199254740992.0;

const char* TypeName(Napi::Env env, napi_value value) {
  napi_valuetype type = napi_undefined;
  napi_typeof(env, value, &type);
  switch (type) {
    case napi_undefined: return "undefined";
    case napi_null: return "null";
    case napi_boolean: return "a boolean";
    case napi_number: return "a number";
    case napi_string: return "a string";
    case napi_symbol: return "a symbol";
    case napi_object: return "an object";
    case napi_function: return "a function";
    case napi_external: return "an external";
    case napi_bigint: return "a bigint";
  }
  return "an unknown value";
}

double ReadNumber(Napi::Env env, napi_value value, const char* name, const char* expected) {
  double number = 0;
  if (napi_get_value_double(env, value, &number) != napi_ok) {
    ThrowInvalid(env, std::string(name) + " must be " + expected + ", got " + TypeName(env, value));
  }
  if (!std::isfinite(number) || number != std::floor(number)) {
    ThrowInvalid(env,
                 std::string(name) + " must be " + expected + ", got " + std::to_string(number));
  }
  return number;
}

bool HasReplacementCharacter(const char* data, std::size_t size) {
  static constexpr char kFffd[] = "\xEF\xBF\xBD";
  if (size < 3) return false;
  for (std::size_t i = 0; i + 3 <= size; ++i) {
    if (std::memcmp(data + i, kFffd, 3) == 0) return true;
  }
  return false;
}

const char* ConfidenceName(pe_confidence bucket) {
  switch (bucket) {
    case PE_CONFIDENCE_LOW: return "low";
    case PE_CONFIDENCE_MEDIUM: return "medium";
    case PE_CONFIDENCE_HIGH: return "high";
  }
  return "unknown";
}

const char* EvidenceName(pe_evidence evidence) {
  switch (evidence) {
    case PE_EVIDENCE_NONE: return "none";
    case PE_EVIDENCE_OPEN: return "open";
    case PE_EVIDENCE_HEARTBEAT: return "heartbeat";
    case PE_EVIDENCE_ACTIVITY: return "activity";
    case PE_EVIDENCE_VISIBILITY: return "visibility";
    case PE_EVIDENCE_LEAVE: return "leave";
  }
  return "unknown";
}

Napi::Value Ms(Napi::Env env, int64_t ms) {
  return Napi::Number::New(env, static_cast<double>(ms));
}

Napi::Value Count(Napi::Env env, uint64_t n) {
  return Napi::Number::New(env, static_cast<double>(n));
}

}  // namespace

bool IsNullish(napi_value value, Napi::Env env) {
  napi_valuetype type = napi_undefined;
  napi_typeof(env, value, &type);
  return type == napi_undefined || type == napi_null;
}

Utf8::Utf8(Napi::Env env, napi_value value, const char* name) {
  // Node-API writes whole characters only and reserves one byte for a NUL:
  // unless at least a maximal (4-byte) character's room was left over, the
  // string may have been cut, so ask for its exact length and convert into
  // the heap. A cut string would silently become another, shorter id.
  std::size_t written = 0;
  if (napi_get_value_string_utf8(env, value, inline_.data(), inline_.size(), &written) != napi_ok) {
    ThrowInvalid(env, std::string(name) + " must be a string, got " + TypeName(env, value));
  }
  if (written + 5 > inline_.size()) {
    std::size_t full = 0;
    napi_get_value_string_utf8(env, value, nullptr, 0, &full);
    heap_.resize(full + 1);
    napi_get_value_string_utf8(env, value, heap_.data(), heap_.size(), &written);
    heap_.resize(written);
  }
  size_ = written;
  if (HasReplacementCharacter(data(), size_)) CheckWellFormed(env, value, name);
}

void CheckWellFormed(Napi::Env env, napi_value value, const char* name) {
  std::size_t length = 0;
  napi_get_value_string_utf16(env, value, nullptr, 0, &length);
  std::vector<char16_t> units(length + 1);
  napi_get_value_string_utf16(env, value, units.data(), units.size(), &length);
  for (std::size_t i = 0; i < length; ++i) {
    const char16_t u = units[i];
    if (u >= 0xD800 && u <= 0xDBFF && i + 1 < length && units[i + 1] >= 0xDC00 &&
        units[i + 1] <= 0xDFFF) {
      ++i;  // a valid pair
    } else if (u >= 0xD800 && u <= 0xDFFF) {
      ThrowInvalid(env, std::string(name) + " contains a lone UTF-16 surrogate at index " +
                            std::to_string(i) + "; it cannot be encoded as UTF-8");
    }
  }
}

int64_t ReadTime(Napi::Env env, napi_value value, const char* name) {
  napi_valuetype type = napi_undefined;
  napi_typeof(env, value, &type);
  if (type == napi_undefined) return PE_NOW;
  const double ms = ReadNumber(env, value, name, "a non-negative integer of milliseconds");
  if (ms < 0 || ms > kMaxSafe) {
    ThrowInvalid(env, std::string(name) + " must be between 0 and 2^53 ms, got " +
                          std::to_string(static_cast<long long>(ms)));
  }
  return static_cast<int64_t>(ms);
}

uint64_t ReadCount(Napi::Env env, napi_value value, const char* name) {
  const double n = ReadNumber(env, value, name, "a non-negative integer");
  if (n < 0 || n > kMaxSafe) {
    ThrowInvalid(env, std::string(name) + " must be between 0 and 2^53, got " +
                          std::to_string(static_cast<long long>(n)));
  }
  return static_cast<uint64_t>(n);
}

int32_t ReadEnum(Napi::Env env, napi_value value, const char* name) {
  const double n = ReadNumber(env, value, name, "an enum value");
  if (n < INT32_MIN || n > INT32_MAX) ThrowInvalid(env, std::string(name) + " is out of range");
  return static_cast<int32_t>(n);
}

Napi::Value OptionalText(Napi::Env env, const char* data, std::size_t size) {
  if (data == nullptr) return env.Null();
  return Napi::String::New(env, data, size);
}

Napi::Object SessionToJs(Napi::Env env, const pe_session_info& s) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("sessionId", Napi::String::New(env, s.session_id, s.session_id_len));
  o.Set("userId", OptionalText(env, s.user_id, s.user_id_len));
  o.Set("state", pe_state_name(s.state));
  o.Set("reconnecting", Napi::Boolean::New(env, s.reconnecting != 0));
  o.Set("visible", Napi::Boolean::New(env, s.visible != 0));
  o.Set("connected", Napi::Boolean::New(env, s.connected != 0));
  o.Set("confidence", Napi::Number::New(env, s.confidence));
  o.Set("confidenceBucket", ConfidenceName(s.confidence_bucket));
  // The C ABI 0.1 declares opened_at_ms but never fills it (always 0); null
  // says "unknown" instead of claiming the epoch, until the core reports it.
  o.Set("openedAt", s.opened_at_ms == 0 ? env.Null() : Ms(env, s.opened_at_ms));
  o.Set("lastSignalAt", Ms(env, s.last_signal_at_ms));
  o.Set("lastActivityAt", Ms(env, s.last_activity_at_ms));
  o.Set("since", Ms(env, s.since_ms));
  o.Set("heartbeatIntervalMs", Ms(env, s.heartbeat_interval_ms));
  o.Set("meta", OptionalText(env, s.meta, s.meta_len));
  o.Set("transportId", OptionalText(env, s.transport_id, s.transport_id_len));
  o.Set("originNode", Napi::Number::New(env, s.origin_node));
  o.Set("version", Count(env, s.version));
  return o;
}

Napi::Object UserToJs(Napi::Env env, const pe_user_info& u) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("userId", Napi::String::New(env, u.user_id, u.user_id_len));
  o.Set("state", pe_state_name(u.state));
  o.Set("since", Ms(env, u.since_ms));
  o.Set("lastSeenAt", Ms(env, u.last_seen_at_ms));
  o.Set("lastEvidence", EvidenceName(u.last_evidence));
  o.Set("sessionCount", Napi::Number::New(env, u.session_count));
  o.Set("confidence", Napi::Number::New(env, u.confidence));
  o.Set("confidenceBucket", ConfidenceName(u.confidence_bucket));
  return o;
}

namespace {

// An object of named counters.
Napi::Object Counters(Napi::Env env,
                      std::initializer_list<std::pair<const char*, uint64_t>> fields) {
  Napi::Object o = Napi::Object::New(env);
  for (const auto& [name, value] : fields) o.Set(name, Count(env, value));
  return o;
}

}  // namespace

Napi::Object CountsToJs(Napi::Env env, const pe_counts& c) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("sessions", Counters(env, {{"active", c.sessions_active},
                                   {"idle", c.sessions_idle},
                                   {"away", c.sessions_away},
                                   {"stale", c.sessions_stale},
                                   {"reconnecting", c.sessions_reconnecting},
                                   {"alive", c.sessions_alive},
                                   {"guests", c.guest_sessions}}));
  o.Set("users", Counters(env, {{"active", c.users_active},
                                {"idle", c.users_idle},
                                {"away", c.users_away},
                                {"stale", c.users_stale},
                                {"offline", c.users_offline},
                                {"alive", c.users_alive}}));
  return o;
}

Napi::Object StatsToJs(Napi::Env env, const pe_stats& s) {
  return Counters(env, {{"sessionRecords", s.session_records},
                        {"userRecords", s.user_records},
                        {"signals", s.signals},
                        {"transitions", s.transitions},
                        {"eventsPublished", s.events_published},
                        {"lastSeq", s.last_seq},
                        {"oldestSeq", s.oldest_seq},
                        {"pendingTimers", s.pending_timers},
                        {"limitRejections", s.limit_rejections}});
}

}  // namespace presence::node
