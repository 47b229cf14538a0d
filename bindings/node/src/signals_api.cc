// Signals: open, heartbeat (single and batch), activity, visibility,
// disconnect, transport disconnect, leave, identify.
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api.h"
#include "convert.h"
#include "errors.h"
#include "handle.h"

namespace presence::node {

namespace {

static_assert(sizeof(pe_status) == sizeof(int32_t), "statuses are written into an Int32Array");
static_assert(sizeof(int64_t) == sizeof(double), "intervals are widened to doubles in place");

// sessionOpen(handle, sessionId, userId?, meta?, transportId?, resumeToken?, visibility, now)
//   -> { continued, heartbeatIntervalMs, state, resumeToken }
Napi::Value SessionOpen(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const EngineCall engine(env, info[0]);
  const Utf8 id(env, info[1], "sessionId");
  std::optional<Utf8> user, meta, transport, token;
  if (!IsNullish(info[2], env)) user.emplace(env, info[2], "userId");
  if (!IsNullish(info[3], env)) meta.emplace(env, info[3], "meta");
  if (!IsNullish(info[4], env)) transport.emplace(env, info[4], "transportId");
  if (!IsNullish(info[5], env)) token.emplace(env, info[5], "resumeToken");
  pe_open_params params;
  pe_open_params_init(&params);
  if (user) {
    params.user_id = user->data();
    params.user_id_len = user->size();
  }
  if (meta) {
    params.meta = meta->data();
    params.meta_len = meta->size();
  }
  if (transport) {
    params.transport_id = transport->data();
    params.transport_id_len = transport->size();
  }
  if (token) {
    params.resume_token = token->data();
    params.resume_token_len = token->size();
  }
  params.visibility = static_cast<pe_visibility>(ReadEnum(env, info[6], "visibility"));
  const int64_t now = ReadTime(env, info[7], "now");
  pe_open_info out;
  pe_open_info_init(&out);
  Check(env, pe_session_open(engine.get(), id.data(), id.size(), &params, now, &out));
  Napi::Object result = Napi::Object::New(env);
  result.Set("continued", Napi::Boolean::New(env, out.continued != 0));
  result.Set("heartbeatIntervalMs",
             Napi::Number::New(env, static_cast<double>(out.heartbeat_interval_ms)));
  result.Set("state", pe_state_name(out.state));
  result.Set("resumeToken", Napi::String::New(env, out.resume_token));
  return result;
}

// sessionHeartbeat(handle, sessionId, activity, visibility, now) -> interval ms
Napi::Value SessionHeartbeat(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const EngineCall engine(env, info[0]);
  const Utf8 id(env, info[1], "sessionId");
  const auto activity = static_cast<pe_activity>(ReadEnum(env, info[2], "activity"));
  const auto visibility = static_cast<pe_visibility>(ReadEnum(env, info[3], "visibility"));
  const int64_t now = ReadTime(env, info[4], "now");
  int64_t interval = 0;
  Check(env, pe_session_heartbeat(engine.get(), id.data(), id.size(), activity, visibility, now,
                                  &interval));
  return Napi::Number::New(env, static_cast<double>(interval));
}

// The ids of a batch as (pointer, length) pairs, from one of three forms:
//  - an array of strings (each converted into one shared arena);
//  - one string of ids separated by '\n' (one conversion for the batch);
//  - a Uint8Array/Buffer of UTF-8 ids separated by '\n' (read in place).
// The packed forms avoid one Node-API round trip per id.
class BatchIds {
 public:
  BatchIds(Napi::Env env, Napi::Value ids) {
    if (ids.IsArray()) {
      FromArray(env, ids.As<Napi::Array>());
    } else if (ids.IsString()) {
      packed_.emplace(env, ids, "ids");
      Split(packed_->data(), packed_->size());
    } else if (ids.IsTypedArray() &&
               ids.As<Napi::TypedArray>().TypedArrayType() == napi_uint8_array) {
      auto bytes = ids.As<Napi::Uint8Array>();
      Split(reinterpret_cast<const char*>(bytes.Data()), bytes.ByteLength());
    } else {
      ThrowInvalid(env, "ids must be an array of strings, a string or a Uint8Array");
    }
  }

  std::vector<pe_heartbeat>& items() { return items_; }

 private:
  void FromArray(Napi::Env env, Napi::Array array) {
    const uint32_t count = array.Length();
    std::vector<std::size_t> ends(count);
    std::vector<bool> malformed(count, false);
    arena_.reserve(static_cast<std::size_t>(count) * 32);
    for (uint32_t i = 0; i < count; ++i) {
      Napi::Value element = array.Get(i);
      // Anything but a string is the caller's programming error: the whole
      // call fails. A lone surrogate is bad data from a client: it fails its
      // item alone, as invalid UTF-8 does inside the C batch.
      if (!element.IsString()) {
        ThrowInvalid(env, "ids[" + std::to_string(i) + "] must be a string");
      }
      try {
        const Utf8 id(env, element, "ids[i]");
        arena_.append(id.data(), id.size());
      } catch (const Napi::Error&) {
        malformed[i] = true;
      }
      ends[i] = arena_.size();
    }
    // Pointers are taken only now: the arena no longer moves.
    items_.resize(count);
    std::size_t begin = 0;
    for (uint32_t i = 0; i < count; ++i) {
      // An empty id is the C batch's own per-item INVALID_ARGUMENT.
      items_[i] = pe_heartbeat{arena_.data() + begin, malformed[i] ? 0 : ends[i] - begin,
                               PE_ACTIVITY_UNKNOWN, PE_VISIBILITY_UNKNOWN};
      begin = ends[i];
    }
  }

  // A single trailing '\n' ends the last id rather than starting an empty one.
  void Split(const char* data, std::size_t size) {
    if (size == 0) return;
    if (data[size - 1] == '\n') --size;
    std::size_t begin = 0;
    for (;;) {
      const void* found = std::memchr(data + begin, '\n', size - begin);
      const std::size_t end =
          found == nullptr ? size
                           : static_cast<std::size_t>(static_cast<const char*>(found) - data);
      items_.push_back(
          pe_heartbeat{data + begin, end - begin, PE_ACTIVITY_UNKNOWN, PE_VISIBILITY_UNKNOWN});
      if (found == nullptr) break;
      begin = end + 1;
    }
  }

  std::optional<Utf8> packed_;
  std::string arena_;
  std::vector<pe_heartbeat> items_;
};

// An activity or visibility for every item: one number for all, or a
// Uint8Array with one value per item.
template <class Enum>
void ApplyHints(Napi::Env env, Napi::Value hints, const char* name,
                std::vector<pe_heartbeat>* items, Enum pe_heartbeat::*field) {
  if (hints.IsTypedArray() && hints.As<Napi::TypedArray>().TypedArrayType() == napi_uint8_array) {
    auto values = hints.As<Napi::Uint8Array>();
    if (values.ElementLength() != items->size()) {
      ThrowInvalid(env, std::string(name) + " has " + std::to_string(values.ElementLength()) +
                            " values for " + std::to_string(items->size()) + " ids");
    }
    for (std::size_t i = 0; i < items->size(); ++i) {
      (*items)[i].*field = static_cast<Enum>(values[i]);
    }
    return;
  }
  const auto value = static_cast<Enum>(ReadEnum(env, hints, name));
  for (pe_heartbeat& item : *items) item.*field = value;
}

// sessionHeartbeatBatch(handle, ids, activity, visibility, now)
//   -> { failed, intervals: Float64Array, statuses: Int32Array }
Napi::Value SessionHeartbeatBatch(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const EngineCall engine(env, info[0]);
  BatchIds ids(env, info[1]);
  std::vector<pe_heartbeat>& items = ids.items();
  ApplyHints(env, info[2], "activity", &items, &pe_heartbeat::activity);
  ApplyHints(env, info[3], "visibility", &items, &pe_heartbeat::visibility);
  const int64_t now = ReadTime(env, info[4], "now");

  const std::size_t count = items.size();
  auto intervals = Napi::Float64Array::New(env, count);
  auto statuses = Napi::Int32Array::New(env, count);
  auto* raw_intervals = reinterpret_cast<int64_t*>(intervals.Data());
  size_t failed = 0;
  Check(env, pe_session_heartbeat_batch(engine.get(), items.data(), count, now,
                                        reinterpret_cast<pe_status*>(statuses.Data()),
                                        raw_intervals, &failed));
  // The C call wrote int64 milliseconds; widen each to a double in place.
  for (std::size_t i = 0; i < count; ++i) {
    const double ms = static_cast<double>(raw_intervals[i]);
    std::memcpy(&raw_intervals[i], &ms, sizeof ms);
  }
  Napi::Object result = Napi::Object::New(env);
  result.Set("failed", Napi::Number::New(env, static_cast<double>(failed)));
  result.Set("intervals", intervals);
  result.Set("statuses", statuses);
  return result;
}

// A signal that takes (handle, id, now).
template <pe_status (*Call)(pe_engine*, const char*, size_t, int64_t)>
Napi::Value IdSignal(const Napi::CallbackInfo& info, const char* name) {
  Napi::Env env = info.Env();
  const EngineCall engine(env, info[0]);
  const Utf8 id(env, info[1], name);
  const int64_t now = ReadTime(env, info[2], "now");
  Check(env, Call(engine.get(), id.data(), id.size(), now));
  return env.Undefined();
}

Napi::Value SessionActivity(const Napi::CallbackInfo& info) {
  return IdSignal<pe_session_activity>(info, "sessionId");
}

Napi::Value SessionDisconnect(const Napi::CallbackInfo& info) {
  return IdSignal<pe_session_disconnect>(info, "sessionId");
}

Napi::Value TransportDisconnect(const Napi::CallbackInfo& info) {
  return IdSignal<pe_transport_disconnect>(info, "transportId");
}

Napi::Value SessionLeave(const Napi::CallbackInfo& info) {
  return IdSignal<pe_session_leave>(info, "sessionId");
}

// sessionVisibility(handle, sessionId, visibility, now)
Napi::Value SessionVisibility(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const EngineCall engine(env, info[0]);
  const Utf8 id(env, info[1], "sessionId");
  const auto visibility = static_cast<pe_visibility>(ReadEnum(env, info[2], "visibility"));
  const int64_t now = ReadTime(env, info[3], "now");
  Check(env, pe_session_visibility(engine.get(), id.data(), id.size(), visibility, now));
  return env.Undefined();
}

// sessionIdentify(handle, sessionId, userId, now)
Napi::Value SessionIdentify(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const EngineCall engine(env, info[0]);
  const Utf8 id(env, info[1], "sessionId");
  const Utf8 user(env, info[2], "userId");
  const int64_t now = ReadTime(env, info[3], "now");
  Check(env,
        pe_session_identify(engine.get(), id.data(), id.size(), user.data(), user.size(), now));
  return env.Undefined();
}

}  // namespace

void RegisterSignals(Napi::Env env, Napi::Object exports) {
  Define(env, exports,
         {
             {"sessionOpen", SessionOpen},
             {"sessionHeartbeat", SessionHeartbeat},
             {"sessionHeartbeatBatch", SessionHeartbeatBatch},
             {"sessionActivity", SessionActivity},
             {"sessionVisibility", SessionVisibility},
             {"sessionDisconnect", SessionDisconnect},
             {"transportDisconnect", TransportDisconnect},
             {"sessionLeave", SessionLeave},
             {"sessionIdentify", SessionIdentify},
         });
}

}  // namespace presence::node
