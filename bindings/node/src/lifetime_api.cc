// Engine lifetime, configuration, time, ticker, wake-ups and statistics.
#include <algorithm>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>

#include "api.h"
#include "convert.h"
#include "errors.h"
#include "handle.h"
#include "shared_engine.h"
#include "wake.h"

namespace presence::node {

namespace {

// pe_config, field by field, under its C names: the addon is 1:1 with the
// C ABI; lib/options.js maps the camelCase options onto these names.
// Exactly one member pointer is set, by the Field() overload for its type;
// the C ints of pe_config are flags (booleans in JavaScript).
struct ConfigField {
  const char* name;
  int64_t pe_config::*i64;
  uint64_t pe_config::*u64;
  uint32_t pe_config::*u32;
  double pe_config::*f64;
  int pe_config::*flag;
};

constexpr ConfigField Field(const char* name, int64_t pe_config::*member) {
  return {name, member, nullptr, nullptr, nullptr, nullptr};
}
constexpr ConfigField Field(const char* name, uint64_t pe_config::*member) {
  return {name, nullptr, member, nullptr, nullptr, nullptr};
}
constexpr ConfigField Field(const char* name, uint32_t pe_config::*member) {
  return {name, nullptr, nullptr, member, nullptr, nullptr};
}
constexpr ConfigField Field(const char* name, double pe_config::*member) {
  return {name, nullptr, nullptr, nullptr, member, nullptr};
}
constexpr ConfigField Field(const char* name, int pe_config::*member) {
  return {name, nullptr, nullptr, nullptr, nullptr, member};
}

constexpr ConfigField kConfigFields[] = {
    Field("idle_after_ms", &pe_config::idle_after_ms),
    Field("away_after_ms", &pe_config::away_after_ms),
    Field("blur_tolerance_ms", &pe_config::blur_tolerance_ms),
    Field("heartbeat_active_ms", &pe_config::heartbeat_active_ms),
    Field("heartbeat_idle_ms", &pe_config::heartbeat_idle_ms),
    Field("heartbeat_hidden_ms", &pe_config::heartbeat_hidden_ms),
    Field("heartbeat_grace_ms", &pe_config::heartbeat_grace_ms),
    Field("reconnect_grace_ms", &pe_config::reconnect_grace_ms),
    Field("session_ttl_ms", &pe_config::session_ttl_ms),
    Field("debounce_active_ms", &pe_config::debounce_active_ms),
    Field("debounce_idle_ms", &pe_config::debounce_idle_ms),
    Field("debounce_away_ms", &pe_config::debounce_away_ms),
    Field("debounce_stale_ms", &pe_config::debounce_stale_ms),
    Field("debounce_offline_ms", &pe_config::debounce_offline_ms),
    Field("last_seen_retention_ms", &pe_config::last_seen_retention_ms),
    Field("last_seen_max_users", &pe_config::last_seen_max_users),
    Field("event_buffer_capacity", &pe_config::event_buffer_capacity),
    Field("max_id_bytes", &pe_config::max_id_bytes),
    Field("max_meta_bytes", &pe_config::max_meta_bytes),
    Field("max_sessions_per_user", &pe_config::max_sessions_per_user),
    Field("max_sessions", &pe_config::max_sessions),
    Field("room_arriving_ms", &pe_config::room_arriving_ms),
    Field("room_momentum_half_life_ms", &pe_config::room_momentum_half_life_ms),
    Field("max_rooms_per_session", &pe_config::max_rooms_per_session),
    Field("max_rooms", &pe_config::max_rooms),
    Field("readiness_weight_state", &pe_config::readiness_weight_state),
    Field("readiness_weight_recency", &pe_config::readiness_weight_recency),
    Field("readiness_recency_window_ms", &pe_config::readiness_recency_window_ms),
    Field("readiness_busy_factor", &pe_config::readiness_busy_factor),
    Field("readiness_room_weight_members", &pe_config::readiness_room_weight_members),
    Field("readiness_room_weight_density", &pe_config::readiness_room_weight_density),
    Field("readiness_room_quorum", &pe_config::readiness_room_quorum),
    Field("readiness_ready_threshold", &pe_config::readiness_ready_threshold),
    Field("readiness_unready_threshold", &pe_config::readiness_unready_threshold),
    Field("max_intents_per_caller", &pe_config::max_intents_per_caller),
    Field("max_intent_ttl_ms", &pe_config::max_intent_ttl_ms),
    Field("max_catch_up_steps", &pe_config::max_catch_up_steps),
    Field("require_resume_token", &pe_config::require_resume_token),
    Field("node_timeout_ms", &pe_config::node_timeout_ms),
    Field("replication_buffer", &pe_config::replication_buffer),
};

const ConfigField* FindField(const std::string& name) {
  for (const ConfigField& field : kConfigFields) {
    if (name == field.name) return &field;
  }
  return nullptr;
}

// Durations may be negative here and weights anything: the C validation
// names the field and the rule, so the binding only guards against values a
// C field cannot hold.
void SetField(Napi::Env env, const ConfigField& field, Napi::Value value, pe_config* config) {
  if (field.flag != nullptr) {
    config->*field.flag = ReadFlag(env, value, field.name) ? 1 : 0;
    return;
  }
  if (field.f64 != nullptr) {
    if (!value.IsNumber()) ThrowInvalid(env, std::string(field.name) + " must be a number");
    config->*field.f64 = value.As<Napi::Number>().DoubleValue();
    return;
  }
  if (field.i64 != nullptr) {
    if (!value.IsNumber()) ThrowInvalid(env, std::string(field.name) + " must be a number");
    const double n = value.As<Napi::Number>().DoubleValue();
    if (n != static_cast<double>(static_cast<int64_t>(n)) || n < -9007199254740992.0 ||
        n > 9007199254740992.0) {
      ThrowInvalid(env, std::string(field.name) + " must be an integer number of milliseconds");
    }
    config->*field.i64 = static_cast<int64_t>(n);
    return;
  }
  const uint64_t n = ReadCount(env, value, field.name);
  if (field.u64 != nullptr) {
    config->*field.u64 = n;
  } else {
    if (n > std::numeric_limits<uint32_t>::max()) {
      ThrowInvalid(env, std::string(field.name) + " must be at most 2^32 - 1");
    }
    config->*field.u32 = static_cast<uint32_t>(n);
  }
}

// A pe_config as { [cName]: number | boolean }, every field of kConfigFields.
Napi::Object ConfigToJs(Napi::Env env, const pe_config& config) {
  Napi::Object out = Napi::Object::New(env);
  for (const ConfigField& field : kConfigFields) {
    if (field.flag != nullptr) {
      out.Set(field.name, Napi::Boolean::New(env, config.*field.flag != 0));
      continue;
    }
    double value = 0;
    if (field.f64 != nullptr) {
      value = config.*field.f64;
    } else if (field.i64 != nullptr) {
      value = static_cast<double>(config.*field.i64);
    } else if (field.u64 != nullptr) {
      value = static_cast<double>(config.*field.u64);
    } else {
      value = static_cast<double>(config.*field.u32);
    }
    out.Set(field.name, Napi::Number::New(env, value));
  }
  return out;
}

Napi::Value ConfigDefaults(const Napi::CallbackInfo& info) {
  pe_config config;
  pe_config_init(&config);
  return ConfigToJs(info.Env(), config);
}

// engineGetConfig(handle) -> { [cName]: number | boolean }
Napi::Value EngineGetConfig(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  pe_config config;
  pe_config_init(&config);
  Check(env, pe_engine_get_config(EngineCall(env, info[0]).get(), &config));
  return ConfigToJs(env, config);
}

// The pe_config of engineCreate() and engineCreateFromFile(): the defaults,
// then every field of `value` ({[cName]: number | boolean}, or nullish).
// config->node_id points into *node_id, which must outlive the C call.
void ReadConfig(Napi::Env env, Napi::Value value, pe_config* config, std::optional<Utf8>* node_id) {
  pe_config_init(config);
  if (IsNullish(value, env)) return;
  if (!value.IsObject()) ThrowInvalid(env, "config must be an object");
  Napi::Object object = value.As<Napi::Object>();
  Napi::Array keys = object.GetPropertyNames();
  for (uint32_t i = 0; i < keys.Length(); ++i) {
    const std::string key = keys.Get(i).ToString().Utf8Value();
    if (key == "node_id") continue;  // text, read below
    const ConfigField* field = FindField(key);
    if (field == nullptr) ThrowInvalid(env, "unknown configuration field '" + key + "'");
    Napi::Value field_value = object.Get(key);
    if (!field_value.IsUndefined()) SetField(env, *field, field_value, config);
  }
  // Cluster mode: the node id, copied by the C call.
  Napi::Value id = object.Get("node_id");
  if (!IsNullish(id, env)) {
    node_id->emplace(env, id, "node_id");
    config->node_id = (*node_id)->data();
    config->node_id_len = (*node_id)->size();
  }
}

// engineCreate(config?: {[cName]: number}) -> handle
Napi::Value EngineCreate(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  pe_config config;
  std::optional<Utf8> node_id;
  ReadConfig(env, info[0], &config, &node_id);
  std::shared_ptr<SharedEngine> engine;
  Check(env, SharedEngine::Create(&config, &engine));
  return NewHandle(env, std::move(engine));
}

// engineCreateFromFile(config, path, now) -> handle: pe_engine_create_from_file().
Napi::Value EngineCreateFromFile(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  pe_config config;
  std::optional<Utf8> node_id;
  ReadConfig(env, info[0], &config, &node_id);
  const Utf8 path(env, info[1], "path");
  const int64_t now = ReadTime(env, info[2], "now");
  pe_engine* restored = nullptr;
  Check(env, pe_engine_create_from_file(&config, path.data(), path.size(), now, &restored));
  return NewHandle(env, SharedEngine::Adopt(restored));
}

// engineSave(handle, path, now): pe_engine_save().
Napi::Value EngineSave(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const EngineCall engine(env, info[0]);
  const Utf8 path(env, info[1], "path");
  const int64_t now = ReadTime(env, info[2], "now");
  Check(env, pe_engine_save(engine.get(), path.data(), path.size(), now));
  return env.Undefined();
}

// engineClose(handle): idempotent.
Napi::Value EngineClose(const Napi::CallbackInfo& info) {
  UnwrapHandle(info.Env(), info[0]).Close();
  return info.Env().Undefined();
}

// engineIsClosed(handle) -> boolean
Napi::Value EngineIsClosed(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), !UnwrapHandle(info.Env(), info[0]).engine);
}

// engineShare(handle) -> token (number)
Napi::Value EngineShare(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const uint64_t token = OpenHandle(env, info[0]).engine->token();
  return Napi::Number::New(env, static_cast<double>(token));
}

// engineAttach(token) -> handle
Napi::Value EngineAttach(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::shared_ptr<SharedEngine> engine = SharedEngine::Attach(ReadCount(env, info[0], "token"));
  if (!engine) {
    Throw(env, PE_CLOSED, "the shared engine no longer exists: every handle to it was closed");
  }
  return NewHandle(env, std::move(engine));
}

Napi::Value EngineNow(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  int64_t now = 0;
  Check(env, pe_engine_now(EngineCall(env, info[0]).get(), &now));
  return Napi::Number::New(env, static_cast<double>(now));
}

// engineAdvance(handle, now, maxSteps) -> more (boolean)
Napi::Value EngineAdvance(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const EngineCall engine(env, info[0]);
  const int64_t now = ReadTime(env, info[1], "now");
  const uint64_t max_steps = ReadCount(env, info[2], "maxSteps");
  int more = 0;
  Check(env, pe_engine_advance(engine.get(), now, static_cast<size_t>(max_steps), &more));
  return Napi::Boolean::New(env, more != 0);
}

// engineNextDeadline(handle) -> number | null (no timer pending)
Napi::Value EngineNextDeadline(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  int64_t deadline = 0;
  Check(env, pe_engine_next_deadline(EngineCall(env, info[0]).get(), &deadline));
  if (deadline == std::numeric_limits<int64_t>::max()) return env.Null();
  return Napi::Number::New(env, static_cast<double>(deadline));
}

// engineStartTicker(handle, periodMs): pe_engine_start_ticker(), one
// ticker per native engine, shared by every handle to it.
Napi::Value EngineStartTicker(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const EngineCall engine(env, info[0]);
  const uint64_t period = ReadCount(env, info[1], "periodMs");
  Check(env, pe_engine_start_ticker(engine.get(), static_cast<int64_t>(period)));
  return env.Undefined();
}

Napi::Value EngineStopTicker(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Check(env, pe_engine_stop_ticker(EngineCall(env, info[0]).get()));
  return env.Undefined();
}

// engineSubscribe(handle, callback): callback() runs on this thread's loop
// whenever events were published; replaces an earlier subscription.
Napi::Value EngineSubscribe(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Handle& handle = OpenHandle(env, info[0]);
  if (!info[1].IsFunction()) ThrowInvalid(env, "callback must be a function");
  if (handle.waker) handle.waker->Close();
  handle.waker = Waker::Subscribe(env, handle.engine, info[1].As<Napi::Function>());
  return env.Undefined();
}

// engineUnsubscribe(handle): idempotent, also on a closed handle.
Napi::Value EngineUnsubscribe(const Napi::CallbackInfo& info) {
  Handle& handle = UnwrapHandle(info.Env(), info[0]);
  if (handle.waker) {
    handle.waker->Close();
    handle.waker.reset();
  }
  return info.Env().Undefined();
}

// engineRefSubscription(handle, ref: boolean): whether a subscription keeps
// the process alive (like a socket's ref()/unref()).
Napi::Value EngineRefSubscription(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Handle& handle = UnwrapHandle(env, info[0]);
  if (handle.waker) {
    if (info[1].ToBoolean().Value()) {
      handle.waker->Ref(env);
    } else {
      handle.waker->Unref(env);
    }
  }
  return env.Undefined();
}

// engineEventFd(handle) -> a new descriptor, one per consumer.
Napi::Value EngineEventFd(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Handle& handle = OpenHandle(env, info[0]);
  int fd = -1;
  Check(env, pe_engine_event_fd(handle.engine->get(), &fd));
  handle.event_fds.push_back(fd);
  return Napi::Number::New(env, fd);
}

// engineReleaseEventFd(handle, fd): only descriptors this handle opened, so
// one worker cannot close another's.
Napi::Value EngineReleaseEventFd(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Handle& handle = OpenHandle(env, info[0]);
  const uint64_t fd = ReadCount(env, info[1], "fd");
  auto it = std::find_if(handle.event_fds.begin(), handle.event_fds.end(),
                         [fd](int open) { return static_cast<uint64_t>(open) == fd; });
  if (it == handle.event_fds.end()) {
    ThrowInvalid(env, "fd " + std::to_string(fd) + " is not an event descriptor of this engine");
  }
  Check(env, pe_engine_release_event_fd(handle.engine->get(), *it));
  handle.event_fds.erase(it);
  return env.Undefined();
}

Napi::Value EngineStats(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  pe_stats stats;
  pe_stats_init(&stats);
  Check(env, pe_engine_stats(EngineCall(env, info[0]).get(), &stats));
  return StatsToJs(env, stats);
}

Napi::Value Versions(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object out = Napi::Object::New(env);
  out.Set("version", pe_version_string());
  out.Set("versionNumber", Napi::Number::New(env, pe_version_number()));
  out.Set("abiVersion", Napi::Number::New(env, pe_abi_version()));
  out.Set("headerAbiVersion", Napi::Number::New(env, PE_ABI_VERSION));
  out.Set("napiVersion", Napi::Number::New(env, NAPI_VERSION));
  return out;
}

Napi::Value StatusName(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return Napi::String::New(
      env, pe_status_name(static_cast<pe_status>(ReadEnum(env, info[0], "status"))));
}

Napi::Value EnumNamesExport(const Napi::CallbackInfo& info) {
  return EnumNames(info.Env());
}

Napi::Value StateNameExport(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return Napi::String::New(env,
                           pe_state_name(static_cast<pe_state>(ReadEnum(env, info[0], "state"))));
}

}  // namespace

void RegisterLifetime(Napi::Env env, Napi::Object exports) {
  Define(env, exports,
         {
             {"registerErrorClasses", RegisterErrorClasses},
             {"versions", Versions},
             {"statusName", StatusName},
             {"stateName", StateNameExport},
             {"enumNames", EnumNamesExport},
             {"configDefaults", ConfigDefaults},
             {"engineCreate", EngineCreate},
             {"engineCreateFromFile", EngineCreateFromFile},
             {"engineSave", EngineSave},
             {"engineGetConfig", EngineGetConfig},
             {"engineClose", EngineClose},
             {"engineIsClosed", EngineIsClosed},
             {"engineShare", EngineShare},
             {"engineAttach", EngineAttach},
             {"engineNow", EngineNow},
             {"engineAdvance", EngineAdvance},
             {"engineNextDeadline", EngineNextDeadline},
             {"engineStartTicker", EngineStartTicker},
             {"engineStopTicker", EngineStopTicker},
             {"engineSubscribe", EngineSubscribe},
             {"engineUnsubscribe", EngineUnsubscribe},
             {"engineRefSubscription", EngineRefSubscription},
             {"engineEventFd", EngineEventFd},
             {"engineReleaseEventFd", EngineReleaseEventFd},
             {"engineStats", EngineStats},
         });
}

}  // namespace presence::node
