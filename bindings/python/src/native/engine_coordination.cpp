// Coordination: declared availability, readiness and the call gate, intents,
// interest-based fan-out, and the Prometheus exposition.
#include <cstdint>
#include <limits>
#include <string_view>

#include "arguments.h"
#include "engine.h"
#include "enums.h"

namespace py = pybind11;

namespace presence_py {
namespace {

pe_target_kind target_kind_arg(py::handle obj) {
  return static_cast<pe_target_kind>(enums().target_kind.value_of(obj.ptr(), "target_kind"));
}

// subscribe() and unsubscribe(): a subscriber, a target kind and a target.
using SubscriptionFn = pe_status (*)(pe_engine*, const char*, std::size_t, pe_target_kind,
                                     const char*, std::size_t);

template <SubscriptionFn Fn>
void subscription(NativeEngine& self, py::handle subscriber_id, py::handle target_kind,
                  py::handle target_id) {
  const std::string_view subscriber = text_arg(subscriber_id.ptr(), "subscriber_id");
  const pe_target_kind kind = target_kind_arg(target_kind);
  const std::string_view target = text_arg(target_id.ptr(), "target_id");
  check(
      Fn(self.handle(), subscriber.data(), subscriber.size(), kind, target.data(), target.size()));
}

// intents_to() and intents_from(): pe_intent_list() by target or by caller.
py::tuple intents(NativeEngine& self, bool by_caller, pe_target_kind kind, std::string_view id,
                  std::int64_t now) {
  ResultPtr result = read_result([&](pe_result** out) {
    return pe_intent_list(self.handle(), by_caller ? 1 : 0, kind, id.data(), id.size(), now, out);
  });
  return intents_in(result.get());
}

}  // namespace

void define_coordination_methods(py::class_<NativeEngine>& cls) {
  cls.def(
      "set_availability",
      [](NativeEngine& self, py::handle user_id, py::handle availability, py::handle now_ms) {
        const std::string_view user = text_arg(user_id.ptr(), "user_id");
        const auto value = static_cast<pe_availability>(
            enums().availability.value_of(availability.ptr(), "availability"));
        const std::int64_t now = time_arg(now_ms.ptr());
        check(pe_user_set_availability(self.handle(), user.data(), user.size(), value, now));
      },
      py::arg("user_id"), py::arg("availability"), py::kw_only(), py::arg("now_ms") = py::none(),
      "Declares a user's Availability (the user is created if unknown, so it can be set "
      "before its first session). It overlays the derived state: BUSY scales readiness, "
      "DO_NOT_DISTURB closes the call gate, INVISIBLE shows the user offline to every reader "
      "(never announced; the truth stays in the true_* fields of the engine's own reads). "
      "Other changes publish an AvailabilityEvent.");
  cls.def(
      "readiness",
      [](NativeEngine& self, py::handle target_kind, py::handle target_id, py::handle now_ms) {
        const pe_target_kind kind = target_kind_arg(target_kind);
        const std::string_view target = text_arg(target_id.ptr(), "target_id");
        const std::int64_t now = time_arg(now_ms.ptr());
        pe_readiness readiness;
        pe_readiness_init(&readiness);
        call_unlocked([&] {
          return pe_engine_readiness(self.handle(), kind, target.data(), target.size(), now,
                                     &readiness);
        });
        return make_readiness(readiness);
      },
      py::arg("target_kind"), py::arg("target_id"), py::kw_only(), py::arg("now_ms") = py::none(),
      "The call gate: can this user or room be called now, if not why, and how ready is it "
      "(Readiness). An unknown user or room is not an error: its reason is "
      "GateReason.UNKNOWN.");
  cls.def(
      "open_intent",
      [](NativeEngine& self, py::handle from_id, py::handle target_kind, py::handle target_id,
         py::handle kind, py::handle ttl_ms, py::handle now_ms) {
        const std::string_view from = text_arg(from_id.ptr(), "from_id");
        const pe_target_kind tk = target_kind_arg(target_kind);
        const std::string_view target = text_arg(target_id.ptr(), "target_id");
        const std::string_view intent_kind = text_arg(kind.ptr(), "kind");
        // The engine checks the range (1..max_intent_ttl_ms) and says so.
        const std::int64_t ttl =
            int_arg(ttl_ms.ptr(), "ttl_ms", std::numeric_limits<std::int64_t>::min(),
                    std::numeric_limits<std::int64_t>::max());
        const std::int64_t now = time_arg(now_ms.ptr());
        ResultPtr result = read_result([&](pe_result** out) {
          return pe_intent_open(self.handle(), from.data(), from.size(), tk, target.data(),
                                target.size(), intent_kind.data(), intent_kind.size(), ttl, now,
                                out);
        });
        return make_intent(result.get());
      },
      py::arg("from_id"), py::arg("target_kind"), py::arg("target_id"), py::kw_only(),
      py::arg("kind"), py::arg("ttl_ms"), py::arg("now_ms") = py::none(),
      "Records an intent to connect to a user or a room instead of ringing blindly, and "
      "returns it (Intent). An IntentEvent follows: READY when the target becomes ready (at "
      "once if it already is: the intent returned is then READY), or EXPIRED after ttl_ms "
      "(1..max_intent_ttl_ms). from_id: the caller, any id. kind: application-defined, "
      "e.g. 'call'. Raises LimitExceededError past max_intents_per_caller.");
  cls.def(
      "cancel_intent",
      [](NativeEngine& self, py::handle intent_id, py::handle now_ms) {
        const std::string_view id = text_arg(intent_id.ptr(), "intent_id");
        const std::int64_t now = time_arg(now_ms.ptr());
        check(pe_intent_cancel(self.handle(), id.data(), id.size(), now));
      },
      py::arg("intent_id"), py::kw_only(), py::arg("now_ms") = py::none(),
      "Cancels a pending intent (an IntentEvent CANCELLED follows). Raises NotFoundError for "
      "an unknown intent or one that already ended.");
  cls.def(
      "intents_to",
      [](NativeEngine& self, py::handle target_kind, py::handle target_id, py::handle now_ms) {
        const pe_target_kind kind = target_kind_arg(target_kind);
        const std::string_view target = text_arg(target_id.ptr(), "target_id");
        return intents(self, false, kind, target, time_arg(now_ms.ptr()));
      },
      py::arg("target_kind"), py::arg("target_id"), py::kw_only(), py::arg("now_ms") = py::none(),
      "The pending intents to a user or room, oldest first (a tuple of Intent).");
  cls.def(
      "intents_from",
      [](NativeEngine& self, py::handle from_id, py::handle now_ms) {
        const std::string_view from = text_arg(from_id.ptr(), "from_id");
        return intents(self, true, PE_TARGET_USER, from, time_arg(now_ms.ptr()));
      },
      py::arg("from_id"), py::kw_only(), py::arg("now_ms") = py::none(),
      "The pending intents of a caller, oldest first (a tuple of Intent).");
  cls.def("subscribe", &subscription<pe_subscriber_subscribe>, py::arg("subscriber_id"),
          py::arg("target_kind"), py::arg("target_id"),
          "Subscribes a subscriber (a socket, a session, any consumer: the application's id) "
          "to a user or a room, for fanout(). Idempotent. A user subscription hears the "
          "user's session, user, availability, readiness, member and intent events; a room "
          "subscription its member, readiness, occupancy and intent events, and its members' "
          "user events (unless the room is count-only).");
  cls.def("unsubscribe", &subscription<pe_subscriber_unsubscribe>, py::arg("subscriber_id"),
          py::arg("target_kind"), py::arg("target_id"), "Ends one subscription. Idempotent.");
  cls.def(
      "unsubscribe_all",
      [](NativeEngine& self, py::handle subscriber_id) {
        const std::string_view subscriber = text_arg(subscriber_id.ptr(), "subscriber_id");
        check(pe_subscriber_unsubscribe_all(self.handle(), subscriber.data(), subscriber.size()));
      },
      py::arg("subscriber_id"),
      "Ends every subscription of a subscriber (e.g. its socket closed). Idempotent.");
  cls.def(
      "fanout",
      [](NativeEngine& self, py::handle after_seq, py::handle limit) {
        const EventRange range = event_range(after_seq, limit);
        ResultPtr result = read_result([&](pe_result** out) {
          return pe_engine_fanout(self.handle(), range.after, range.max, out);
        });
        return make_fanout(result.get());
      },
      py::arg("after_seq") = 0, py::kw_only(), py::arg("limit") = py::none(),
      "Events with seq > after_seq (at most limit; None: all available) and, per "
      "subscriber, the ones it must hear (Fanout), so a server sends each socket only what it "
      "asked for. Room routing follows the rooms' members at the time of this call: consume "
      "events as they come. Continue from the result's seq. Raises TooFarBehindError as "
      "events_since() does.");
  cls.def(
      "prometheus",
      [](NativeEngine& self, py::handle room_id, py::handle now_ms) {
        const std::string_view room =
            optional_text_arg(room_id.ptr(), "room_id").value_or(std::string_view());
        const std::int64_t now = time_arg(now_ms.ptr());
        ResultPtr result = read_result([&](pe_result** out) {
          return pe_engine_prometheus(self.handle(), room.data(), room.size(), now, out);
        });
        const char* body = nullptr;
        std::size_t size = 0;
        check(pe_result_text(result.get(), &body, &size));
        return text(body, size);
      },
      py::arg("room_id") = py::none(), py::kw_only(), py::arg("now_ms") = py::none(),
      "The Prometheus text exposition (format 0.0.4) of the engine and of one room, or of "
      "every room when room_id is None. Raises NotFoundError for an unknown room.");
}

}  // namespace presence_py
