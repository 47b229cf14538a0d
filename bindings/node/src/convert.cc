#include "convert.h"

#include <algorithm>
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

// Names by C value; nullptr where the C enum defines no value.
constexpr const char* kStateNames[] = {"offline", "stale", "away", "idle", "active"};
constexpr const char* kAvailabilityNames[] = {"available", "busy", "do-not-disturb", "invisible"};
constexpr const char* kActivityNames[] = {nullptr, "active", "idle"};
constexpr const char* kVisibilityNames[] = {nullptr, "visible", "hidden"};
constexpr const char* kConfidenceNames[] = {"low", "medium", "high"};
constexpr const char* kEvidenceNames[] = {"none",     "open",       "heartbeat",
                                          "activity", "visibility", "leave"};
constexpr const char* kTargetKindNames[] = {nullptr, "user", "room"};
constexpr const char* kIntentStateNames[] = {"pending", "ready", "expired", "cancelled"};
constexpr const char* kGateReasonNames[] = {"ready",          "unknown",   "offline",
                                            "do-not-disturb", "not-ready", "empty"};
constexpr const char* kEventKindNames[] = {nullptr,     "session", "user",      "member",
                                           "readiness", "intent",  "occupancy", "availability"};

static_assert(PE_STATE_ACTIVE == 4 && PE_STATE_COUNT == 5, "kStateNames follows pe_state");
static_assert(PE_AVAILABILITY_INVISIBLE == 3, "kAvailabilityNames follows pe_availability");
static_assert(PE_ACTIVITY_IDLE == 2, "kActivityNames follows pe_activity");
static_assert(PE_VISIBILITY_HIDDEN == 2, "kVisibilityNames follows pe_visibility");
static_assert(PE_CONFIDENCE_HIGH == 2, "kConfidenceNames follows pe_confidence");
static_assert(PE_EVIDENCE_LEAVE == 5, "kEvidenceNames follows pe_evidence");
static_assert(PE_TARGET_ROOM == 2, "kTargetKindNames follows pe_target_kind");
static_assert(PE_INTENT_CANCELLED == 3, "kIntentStateNames follows pe_intent_state");
static_assert(PE_GATE_EMPTY == 5, "kGateReasonNames follows pe_gate_reason");
static_assert(PE_EVENT_AVAILABILITY == 7, "kEventKindNames follows pe_event_kind");

// The JavaScript name of a C enum value ("unknown" outside the enum).
template <std::size_t N>
const char* NameOf(const char* const (&names)[N], int value) {
  if (value < 0 || static_cast<std::size_t>(value) >= N || names[value] == nullptr) {
    return "unknown";
  }
  return names[value];
}

template <std::size_t N>
Napi::Array NameArray(Napi::Env env, const char* const (&names)[N]) {
  Napi::Array out = Napi::Array::New(env, N);
  for (std::size_t i = 0; i < N; ++i) {
    out.Set(static_cast<uint32_t>(i),
            names[i] == nullptr ? env.Null() : Napi::String::New(env, names[i]));
  }
  return out;
}

Napi::Value Ms(Napi::Env env, int64_t ms) {
  return Napi::Number::New(env, static_cast<double>(ms));
}

Napi::Value Count(Napi::Env env, uint64_t n) {
  return Napi::Number::New(env, static_cast<double>(n));
}

}  // namespace

Napi::Object EnumNames(Napi::Env env) {
  Napi::Object out = Napi::Object::New(env);
  out.Set("state", NameArray(env, kStateNames));
  out.Set("availability", NameArray(env, kAvailabilityNames));
  out.Set("activity", NameArray(env, kActivityNames));
  out.Set("visibility", NameArray(env, kVisibilityNames));
  out.Set("confidence", NameArray(env, kConfidenceNames));
  out.Set("evidence", NameArray(env, kEvidenceNames));
  out.Set("targetKind", NameArray(env, kTargetKindNames));
  out.Set("intentState", NameArray(env, kIntentStateNames));
  out.Set("gateReason", NameArray(env, kGateReasonNames));
  out.Set("eventKind", NameArray(env, kEventKindNames));
  return out;
}

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

bool ReadFlag(Napi::Env env, napi_value value, const char* name) {
  bool flag = false;
  if (napi_get_value_bool(env, value, &flag) != napi_ok) {
    ThrowInvalid(env, std::string(name) + " must be a boolean, got " + TypeName(env, value));
  }
  return flag;
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

Napi::Object ShownSessionToJs(Napi::Env env, const pe_session_info& s) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("sessionId", Napi::String::New(env, s.session_id, s.session_id_len));
  o.Set("userId", OptionalText(env, s.user_id, s.user_id_len));
  o.Set("state", NameOf(kStateNames, s.state));
  o.Set("reconnecting", Napi::Boolean::New(env, s.reconnecting != 0));
  o.Set("visible", Napi::Boolean::New(env, s.visible != 0));
  o.Set("connected", Napi::Boolean::New(env, s.connected != 0));
  o.Set("confidence", Napi::Number::New(env, s.confidence));
  o.Set("confidenceBucket", NameOf(kConfidenceNames, s.confidence_bucket));
  o.Set("lastSignalAt", Ms(env, s.last_signal_at_ms));
  o.Set("lastActivityAt", Ms(env, s.last_activity_at_ms));
  o.Set("since", Ms(env, s.since_ms));
  o.Set("heartbeatIntervalMs", Ms(env, s.heartbeat_interval_ms));
  o.Set("meta", OptionalText(env, s.meta, s.meta_len));
  o.Set("originNode", Napi::Number::New(env, s.origin_node));
  o.Set("version", Count(env, s.version));
  return o;
}

Napi::Object SessionToJs(Napi::Env env, const pe_session_info& s) {
  Napi::Object o = ShownSessionToJs(env, s);
  o.Set("transportId", OptionalText(env, s.transport_id, s.transport_id_len));
  o.Set("trueState", NameOf(kStateNames, s.true_state));
  return o;
}

Napi::Object ShownUserToJs(Napi::Env env, const pe_user_info& u) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("userId", Napi::String::New(env, u.user_id, u.user_id_len));
  o.Set("state", NameOf(kStateNames, u.state));
  o.Set("since", Ms(env, u.since_ms));
  o.Set("lastSeenAt", Ms(env, u.last_seen_at_ms));
  o.Set("lastEvidence", NameOf(kEvidenceNames, u.last_evidence));
  o.Set("sessionCount", Napi::Number::New(env, u.session_count));
  o.Set("confidence", Napi::Number::New(env, u.confidence));
  o.Set("confidenceBucket", NameOf(kConfidenceNames, u.confidence_bucket));
  o.Set("availability", NameOf(kAvailabilityNames, u.availability));
  o.Set("readiness", Napi::Number::New(env, u.readiness));
  o.Set("ready", Napi::Boolean::New(env, u.ready != 0));
  return o;
}

Napi::Object UserToJs(Napi::Env env, const pe_user_info& u) {
  Napi::Object o = ShownUserToJs(env, u);
  o.Set("trueState", NameOf(kStateNames, u.true_state));
  o.Set("trueAvailability", NameOf(kAvailabilityNames, u.true_availability));
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
                                   {"guests", c.guest_sessions},
                                   {"invisible", c.sessions_invisible}}));
  o.Set("users", Counters(env, {{"active", c.users_active},
                                {"idle", c.users_idle},
                                {"away", c.users_away},
                                {"stale", c.users_stale},
                                {"offline", c.users_offline},
                                {"alive", c.users_alive},
                                {"invisible", c.users_invisible}}));
  o.Set("rooms", Count(env, c.rooms));
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

namespace {

// Four counters by state, active first, from C fields in the same order.
Napi::Object ByState(Napi::Env env, uint32_t active, uint32_t idle, uint32_t away, uint32_t stale) {
  return Counters(env, {{"active", active}, {"idle", idle}, {"away", away}, {"stale", stale}});
}

// A histogram of pe_room_metrics: [{ upToMs, count }], the last bucket open
// (upToMs null).
Napi::Array Histogram(Napi::Env env, const pe_room_metrics& m,
                      const uint32_t (&counts)[PE_METRICS_BUCKETS]) {
  Napi::Array out = Napi::Array::New(env, PE_METRICS_BUCKETS);
  for (uint32_t i = 0; i < PE_METRICS_BUCKETS; ++i) {
    Napi::Object bucket = Napi::Object::New(env);
    bucket.Set("upToMs", i + 1 < PE_METRICS_BUCKETS ? Ms(env, m.bucket_upper_ms[i]) : env.Null());
    bucket.Set("count", Napi::Number::New(env, counts[i]));
    out.Set(i, bucket);
  }
  return out;
}

}  // namespace

Napi::Object RoomToJs(Napi::Env env, const pe_room_info& r) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("roomId", Napi::String::New(env, r.room_id, r.room_id_len));
  o.Set("createdAt", Ms(env, r.created_at_ms));
  o.Set("members", ByState(env, r.members_active, r.members_idle, r.members_away, r.members_stale));
  o.Set("sessions",
        ByState(env, r.sessions_active, r.sessions_idle, r.sessions_away, r.sessions_stale));
  o.Set("guests", Napi::Number::New(env, r.guests));
  o.Set("arriving", Napi::Number::New(env, r.arriving));
  o.Set("density", Napi::Number::New(env, r.density));
  o.Set("arrivalsPerMinute", Napi::Number::New(env, r.arrivals_per_minute));
  o.Set("departuresPerMinute", Napi::Number::New(env, r.departures_per_minute));
  o.Set("readiness", Napi::Number::New(env, r.readiness));
  o.Set("ready", Napi::Boolean::New(env, r.ready != 0));
  o.Set("countOnly", Napi::Boolean::New(env, r.count_only != 0));
  o.Set("occupancyIntervalMs", r.count_only != 0 ? Ms(env, r.occupancy_interval_ms) : env.Null());
  return o;
}

Napi::Object MemberToJs(Napi::Env env, const pe_member_info& m) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("memberId", Napi::String::New(env, m.member_id, m.member_id_len));
  o.Set("guest", Napi::Boolean::New(env, m.guest != 0));
  o.Set("state", NameOf(kStateNames, m.state));
  o.Set("joinedAt", Ms(env, m.joined_at_ms));
  o.Set("arriving", Napi::Boolean::New(env, m.arriving != 0));
  o.Set("sessionCount", Napi::Number::New(env, m.session_count));
  o.Set("lastSeenAt", Ms(env, m.last_seen_at_ms));
  o.Set("confidence", Napi::Number::New(env, m.confidence));
  o.Set("confidenceBucket", NameOf(kConfidenceNames, m.confidence_bucket));
  o.Set("availability", NameOf(kAvailabilityNames, m.availability));
  return o;
}

Napi::Object IntentToJs(Napi::Env env, const pe_intent_info& i) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("intentId", Napi::String::New(env, i.intent_id, i.intent_id_len));
  o.Set("fromId", Napi::String::New(env, i.from_id, i.from_id_len));
  o.Set("targetKind", NameOf(kTargetKindNames, i.target_kind));
  o.Set("targetId", Napi::String::New(env, i.target_id, i.target_id_len));
  o.Set("kind", Napi::String::New(env, i.kind, i.kind_len));
  o.Set("createdAt", Ms(env, i.created_at_ms));
  o.Set("expiresAt", Ms(env, i.expires_at_ms));
  o.Set("state", NameOf(kIntentStateNames, i.state));
  return o;
}

Napi::Object RoomMetricsToJs(Napi::Env env, const pe_room_metrics& m) {
  Napi::Object o = Counters(env, {{"joins", m.joins},
                                  {"leaves", m.leaves},
                                  {"dropOffs", m.drop_offs},
                                  {"peakMembers", m.peak_members},
                                  {"peakSessions", m.peak_sessions}});
  o.Set("dwell", Histogram(env, m, m.dwell));
  o.Set("attention", Histogram(env, m, m.attention));
  const uint32_t points = std::min<uint32_t>(m.curve_points, PE_METRICS_CURVE);
  Napi::Array curve = Napi::Array::New(env, points);
  for (uint32_t i = 0; i < points; ++i) {
    Napi::Object point = Napi::Object::New(env);
    point.Set("at", Ms(env, m.curve_at_ms[i]));
    point.Set("score", Napi::Number::New(env, m.curve_score[i]));
    curve.Set(i, point);
  }
  o.Set("readinessCurve", curve);
  return o;
}

Napi::Object ReadinessToJs(Napi::Env env, const pe_readiness& r) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("score", Napi::Number::New(env, r.score));
  o.Set("ready", Napi::Boolean::New(env, r.ready != 0));
  o.Set("canCall", Napi::Boolean::New(env, r.can_call != 0));
  o.Set("reason", NameOf(kGateReasonNames, r.reason));
  o.Set("state", NameOf(kStateNames, r.state));
  o.Set("availability", NameOf(kAvailabilityNames, r.availability));
  return o;
}

}  // namespace presence::node
