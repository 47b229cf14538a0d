// Coordination: availability, readiness and the call gate, intents,
// subscriptions and interest-based fan-out, the Prometheus exposition.
#include <optional>

#include "api.h"
#include "convert.h"
#include "errors.h"
#include "event_columns.h"
#include "handle.h"
#include "result.h"

namespace presence::node {

namespace {

// userSetAvailability(handle, userId, availability, now)
Napi::Value UserSetAvailability(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const EngineCall engine(env, info[0]);
  const Utf8 user(env, info[1], "userId");
  const auto availability = static_cast<pe_availability>(ReadEnum(env, info[2], "availability"));
  const int64_t now = ReadTime(env, info[3], "now");
  Check(env, pe_user_set_availability(engine.get(), user.data(), user.size(), availability, now));
  return env.Undefined();
}

// engineReadiness(handle, targetKind, targetId, now) -> readiness
Napi::Value EngineReadiness(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const EngineCall engine(env, info[0]);
  const auto kind = static_cast<pe_target_kind>(ReadEnum(env, info[1], "targetKind"));
  const Utf8 id(env, info[2], "targetId");
  const int64_t now = ReadTime(env, info[3], "now");
  pe_readiness readiness;
  pe_readiness_init(&readiness);
  Check(env, pe_engine_readiness(engine.get(), kind, id.data(), id.size(), now, &readiness));
  return ReadinessToJs(env, readiness);
}

// intentOpen(handle, fromId, targetKind, targetId, kind, ttlMs, now) -> intent
Napi::Value IntentOpen(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const EngineCall engine(env, info[0]);
  const Utf8 from(env, info[1], "fromId");
  const auto target_kind = static_cast<pe_target_kind>(ReadEnum(env, info[2], "targetKind"));
  const Utf8 target(env, info[3], "targetId");
  const Utf8 kind(env, info[4], "kind");
  const uint64_t ttl = ReadCount(env, info[5], "ttlMs");
  const int64_t now = ReadTime(env, info[6], "now");
  pe_result* raw = nullptr;
  Check(env, pe_intent_open(engine.get(), from.data(), from.size(), target_kind, target.data(),
                            target.size(), kind.data(), kind.size(), static_cast<int64_t>(ttl), now,
                            &raw));
  return Records(env, Result(raw).get(), kIntents).Get(0u);
}

// intentCancel(handle, intentId, now)
Napi::Value IntentCancel(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const EngineCall engine(env, info[0]);
  const Utf8 id(env, info[1], "intentId");
  const int64_t now = ReadTime(env, info[2], "now");
  Check(env, pe_intent_cancel(engine.get(), id.data(), id.size(), now));
  return env.Undefined();
}

// intentList(handle, byCaller, targetKind, id, now) -> intents
Napi::Value IntentList(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const EngineCall engine(env, info[0]);
  const bool by_caller = ReadFlag(env, info[1], "byCaller");
  const auto kind = static_cast<pe_target_kind>(ReadEnum(env, info[2], "targetKind"));
  const Utf8 id(env, info[3], by_caller ? "fromId" : "targetId");
  const int64_t now = ReadTime(env, info[4], "now");
  pe_result* raw = nullptr;
  Check(env,
        pe_intent_list(engine.get(), by_caller ? 1 : 0, kind, id.data(), id.size(), now, &raw));
  return Records(env, Result(raw).get(), kIntents);
}

// subscriberSubscribe/Unsubscribe(handle, subscriberId, targetKind, targetId)
template <pe_status (*Call)(pe_engine*, const char*, size_t, pe_target_kind, const char*, size_t)>
Napi::Value Interest(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const EngineCall engine(env, info[0]);
  const Utf8 subscriber(env, info[1], "subscriberId");
  const auto kind = static_cast<pe_target_kind>(ReadEnum(env, info[2], "targetKind"));
  const Utf8 target(env, info[3], "targetId");
  Check(env, Call(engine.get(), subscriber.data(), subscriber.size(), kind, target.data(),
                  target.size()));
  return env.Undefined();
}

// subscriberUnsubscribeAll(handle, subscriberId)
Napi::Value SubscriberUnsubscribeAll(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const EngineCall engine(env, info[0]);
  const Utf8 subscriber(env, info[1], "subscriberId");
  Check(env, pe_subscriber_unsubscribe_all(engine.get(), subscriber.data(), subscriber.size()));
  return env.Undefined();
}

// engineFanout(handle, afterSeq, maxEvents) -> the events in columns (see
// event_columns.h) plus `subscribers` (their ids, in order of first
// delivery) and `deliveries` (per subscriber, a Uint32Array of indexes
// into the events).
Napi::Value EngineFanout(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const EngineCall engine(env, info[0]);
  const uint64_t after = ReadCount(env, info[1], "afterSeq");
  const uint64_t max = ReadCount(env, info[2], "maxEvents");
  pe_result* raw = nullptr;
  Check(env, pe_engine_fanout(engine.get(), after, static_cast<size_t>(max), &raw));
  const Result result(raw);
  Napi::Object out = EventColumns(env, result.get());
  const size_t count = pe_result_delivery_count(result.get());
  Napi::Array subscribers = Napi::Array::New(env, count);
  Napi::Array deliveries = Napi::Array::New(env, count);
  for (size_t i = 0; i < count; ++i) {
    pe_delivery delivery;
    pe_delivery_init(&delivery);
    Check(env, pe_result_delivery(result.get(), i, &delivery));
    auto indexes = Napi::Uint32Array::New(env, delivery.event_count);
    std::copy(delivery.event_indexes, delivery.event_indexes + delivery.event_count,
              indexes.Data());
    const auto at = static_cast<uint32_t>(i);
    subscribers.Set(at, Napi::String::New(env, delivery.subscriber, delivery.subscriber_len));
    deliveries.Set(at, indexes);
  }
  out.Set("subscribers", subscribers);
  out.Set("deliveries", deliveries);
  return out;
}

// enginePrometheus(handle, roomId?, now) -> text
Napi::Value EnginePrometheus(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const EngineCall engine(env, info[0]);
  std::optional<Utf8> room;
  if (!IsNullish(info[1], env)) room.emplace(env, info[1], "roomId");
  const int64_t now = ReadTime(env, info[2], "now");
  pe_result* raw = nullptr;
  Check(env, pe_engine_prometheus(engine.get(), room ? room->data() : nullptr,
                                  room ? room->size() : 0, now, &raw));
  const Result result(raw);
  const char* text = nullptr;
  size_t size = 0;
  Check(env, pe_result_text(result.get(), &text, &size));
  return Napi::String::New(env, text, size);
}

}  // namespace

void RegisterCoordination(Napi::Env env, Napi::Object exports) {
  Define(env, exports,
         {
             {"userSetAvailability", UserSetAvailability},
             {"engineReadiness", EngineReadiness},
             {"intentOpen", IntentOpen},
             {"intentCancel", IntentCancel},
             {"intentList", IntentList},
             {"subscriberSubscribe", Interest<pe_subscriber_subscribe>},
             {"subscriberUnsubscribe", Interest<pe_subscriber_unsubscribe>},
             {"subscriberUnsubscribeAll", SubscriberUnsubscribeAll},
             {"engineFanout", EngineFanout},
             {"enginePrometheus", EnginePrometheus},
         });
}

}  // namespace presence::node
