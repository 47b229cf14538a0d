// Events: each kind becomes its own record class with the fields the header
// gives that kind (presence/_event_records.py); a kind newer than this build
// becomes a plain Event.
#include <string>

#include "enums.h"
#include "records.h"

namespace py = pybind11;

namespace presence_py {
namespace {

constexpr const char* kModule = "presence._event_records";

struct Records {
  RecordType event, session, user, member, readiness, intent, occupancy, availability, batch,
      delivery, fanout;
};
Records g_records;

py::object event_of(const pe_event& v) {
  const Enums& e = enums();
  const py::object seq = py::int_(v.seq);
  const py::object kind = e.event_kind.member(v.kind);
  const py::object at = py::int_(v.at_ms);
  const py::object published = py::int_(v.published_at_ms);
  const py::object id = text(v.id, v.id_len);
  switch (v.kind) {
    case PE_EVENT_SESSION:
      return g_records.session.make(
          {seq, kind, at, published, id, optional_text(v.user_id, v.user_id_len),
           e.state.member(v.old_state), e.state.member(v.new_state), py::float_(v.confidence),
           e.confidence.member(v.confidence_bucket), py::int_(v.last_seen_at_ms)});
    case PE_EVENT_USER:
      return g_records.user.make(
          {seq, kind, at, published, id, e.state.member(v.old_state), e.state.member(v.new_state),
           py::int_(v.session_count), py::float_(v.confidence),
           e.confidence.member(v.confidence_bucket), py::int_(v.last_seen_at_ms),
           e.availability.member(v.availability)});
    case PE_EVENT_MEMBER:
      return g_records.member.make({seq, kind, at, published, id, text(v.room_id, v.room_id_len),
                                    py::bool_(v.guest != 0), e.state.member(v.old_state),
                                    e.state.member(v.new_state),
                                    e.availability.member(v.availability)});
    case PE_EVENT_READINESS:
      return g_records.readiness.make({seq, kind, at, published, id,
                                       e.target_kind.member(v.target_kind), py::bool_(v.ready != 0),
                                       py::float_(v.readiness)});
    case PE_EVENT_INTENT:
      return g_records.intent.make(
          {seq, kind, at, published, id, text(v.intent_kind, v.intent_kind_len),
           text(v.from_id, v.from_id_len), e.target_kind.member(v.target_kind),
           text(v.target_id, v.target_id_len), e.intent_state.member(v.intent_state)});
    case PE_EVENT_OCCUPANCY:
      return g_records.occupancy.make(
          {seq, kind, at, published, id,
           make_state_counts(v.room_members_active, v.room_members_idle, v.room_members_away,
                             v.room_members_stale),
           make_state_counts(v.room_sessions_active, v.room_sessions_idle, v.room_sessions_away,
                             v.room_sessions_stale),
           py::float_(v.readiness)});
    case PE_EVENT_AVAILABILITY:
      return g_records.availability.make(
          {seq, kind, at, published, id, e.availability.member(v.availability)});
  }
  return g_records.event.make({seq, kind, at, published, id});
}

}  // namespace

void load_event_records() {
  Records& r = g_records;
  r.event.load(kModule, "Event", {"seq", "kind", "at_ms", "published_at_ms", "id"});
  r.session.load(kModule, "SessionEvent",
                 {"seq", "kind", "at_ms", "published_at_ms", "id", "user_id", "old_state",
                  "new_state", "confidence", "confidence_bucket", "last_seen_at_ms"});
  r.user.load(
      kModule, "UserEvent",
      {"seq", "kind", "at_ms", "published_at_ms", "id", "old_state", "new_state", "session_count",
       "confidence", "confidence_bucket", "last_seen_at_ms", "availability"});
  r.member.load(kModule, "MemberEvent",
                {"seq", "kind", "at_ms", "published_at_ms", "id", "room_id", "guest", "old_state",
                 "new_state", "availability"});
  r.readiness.load(
      kModule, "ReadinessEvent",
      {"seq", "kind", "at_ms", "published_at_ms", "id", "target_kind", "ready", "readiness"});
  r.intent.load(kModule, "IntentEvent",
                {"seq", "kind", "at_ms", "published_at_ms", "id", "intent_kind", "from_id",
                 "target_kind", "target_id", "state"});
  r.occupancy.load(
      kModule, "OccupancyEvent",
      {"seq", "kind", "at_ms", "published_at_ms", "id", "members", "sessions", "readiness"});
  r.availability.load(kModule, "AvailabilityEvent",
                      {"seq", "kind", "at_ms", "published_at_ms", "id", "availability"});
  r.batch.load(kModule, "EventBatch", {"events", "seq"});
  r.delivery.load(kModule, "Delivery", {"subscriber_id", "events"});
  r.fanout.load(kModule, "Fanout", {"events", "deliveries", "seq"});
}

py::tuple events_in(const pe_result* result) {
  return read_all<pe_event>(result, pe_result_event_count(result), pe_event_init, pe_result_event,
                            event_of);
}

py::object make_event_batch(const pe_result* result) {
  return g_records.batch.make({events_in(result), py::int_(pe_result_seq(result))});
}

py::object make_fanout(const pe_result* result) {
  const py::tuple events = events_in(result);
  const auto event_count = static_cast<std::size_t>(events.size());
  const auto make_delivery = [&](const pe_delivery& d) {
    py::tuple mine(d.event_count);
    for (std::size_t i = 0; i < d.event_count; ++i) {
      const std::uint32_t index = d.event_indexes[i];
      if (index >= event_count) {
        raise_status(PE_INTERNAL, "a delivery names event " + std::to_string(index) + " of " +
                                      std::to_string(event_count));
      }
      PyObject* event = PyTuple_GET_ITEM(events.ptr(), static_cast<Py_ssize_t>(index));
      Py_INCREF(event);
      PyTuple_SET_ITEM(mine.ptr(), static_cast<Py_ssize_t>(i), event);
    }
    return g_records.delivery.make({text(d.subscriber, d.subscriber_len), mine});
  };
  const py::tuple deliveries =
      read_all<pe_delivery>(result, pe_result_delivery_count(result), pe_delivery_init,
                            pe_result_delivery, make_delivery);
  return g_records.fanout.make({events, deliveries, py::int_(pe_result_seq(result))});
}

}  // namespace presence_py
