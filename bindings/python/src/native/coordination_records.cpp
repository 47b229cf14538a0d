// Rooms, members, metrics, readiness and intents (presence/_coordination.py).
#include <algorithm>

#include "enums.h"
#include "records.h"

namespace py = pybind11;

namespace presence_py {
namespace {

constexpr const char* kModule = "presence._coordination";

struct Records {
  RecordType state_counts, room, room_page, member, member_page, curve_point, metrics, readiness,
      intent;
};
Records g_records;

py::object room_of(const pe_room_info& r) {
  return g_records.room.make(
      {text(r.room_id, r.room_id_len), py::int_(r.created_at_ms),
       make_state_counts(r.sessions_active, r.sessions_idle, r.sessions_away, r.sessions_stale),
       make_state_counts(r.members_active, r.members_idle, r.members_away, r.members_stale),
       py::int_(r.guests), py::int_(r.arriving), py::int_(r.density),
       py::float_(r.arrivals_per_minute), py::float_(r.departures_per_minute),
       py::float_(r.readiness), py::bool_(r.ready != 0), py::bool_(r.count_only != 0),
       py::int_(r.occupancy_interval_ms)});
}

py::object member_of(const pe_member_info& m) {
  const Enums& e = enums();
  return g_records.member.make(
      {text(m.member_id, m.member_id_len), py::bool_(m.guest != 0), e.state.member(m.state),
       py::int_(m.joined_at_ms), py::bool_(m.arriving != 0), py::int_(m.session_count),
       py::int_(m.last_seen_at_ms), py::float_(m.confidence),
       e.confidence.member(m.confidence_bucket), e.availability.member(m.availability)});
}

py::object intent_of(const pe_intent_info& i) {
  return g_records.intent.make({text(i.intent_id, i.intent_id_len), text(i.from_id, i.from_id_len),
                                enums().target_kind.member(i.target_kind),
                                text(i.target_id, i.target_id_len), text(i.kind, i.kind_len),
                                py::int_(i.created_at_ms), py::int_(i.expires_at_ms),
                                enums().intent_state.member(i.state)});
}

// The first `count` values of a C array, as a tuple of int.
template <class T>
py::tuple ints(const T* values, std::size_t count) {
  py::tuple out(count);
  for (std::size_t i = 0; i < count; ++i) {
    PyTuple_SET_ITEM(out.ptr(), static_cast<Py_ssize_t>(i), py::int_(values[i]).release().ptr());
  }
  return out;
}

}  // namespace

void load_coordination_records() {
  Records& r = g_records;
  r.state_counts.load(kModule, "StateCounts", {"active", "idle", "away", "stale"});
  r.room.load(kModule, "Room",
              {"room_id", "created_at_ms", "sessions", "members", "guests", "arriving", "density",
               "arrivals_per_minute", "departures_per_minute", "readiness", "ready", "count_only",
               "occupancy_interval_ms"});
  r.room_page.load(kModule, "RoomPage", {"rooms", "next_cursor", "seq"});
  r.member.load(kModule, "Member",
                {"member_id", "guest", "state", "joined_at_ms", "arriving", "session_count",
                 "last_seen_at_ms", "confidence", "confidence_bucket", "availability"});
  r.member_page.load(kModule, "MemberPage", {"members", "next_cursor", "seq"});
  r.curve_point.load(kModule, "CurvePoint", {"at_ms", "score"});
  r.metrics.load(kModule, "RoomMetrics",
                 {"joins", "leaves", "drop_offs", "peak_members", "peak_sessions",
                  "bucket_upper_ms", "dwell", "attention", "curve"});
  r.readiness.load(kModule, "Readiness",
                   {"score", "ready", "can_call", "reason", "state", "availability"});
  r.intent.load(kModule, "Intent",
                {"intent_id", "from_id", "target_kind", "target_id", "kind", "created_at_ms",
                 "expires_at_ms", "state"});
}

py::object make_state_counts(std::uint32_t active, std::uint32_t idle, std::uint32_t away,
                             std::uint32_t stale) {
  return g_records.state_counts.make(
      {py::int_(active), py::int_(idle), py::int_(away), py::int_(stale)});
}

py::object make_room(const pe_result* result) {
  pe_room_info info;
  pe_room_info_init(&info);
  check(pe_result_room(result, 0, &info));
  return room_of(info);
}

py::tuple rooms_in(const pe_result* result) {
  return read_all<pe_room_info>(result, pe_result_room_count(result), pe_room_info_init,
                                pe_result_room, room_of);
}

py::object make_room_page(const pe_result* result) {
  return g_records.room_page.make(
      {rooms_in(result), cursor_of(result), py::int_(pe_result_seq(result))});
}

py::object make_member_page(const pe_result* result) {
  const py::tuple members = read_all<pe_member_info>(
      result, pe_result_member_count(result), pe_member_info_init, pe_result_member, member_of);
  return g_records.member_page.make({members, cursor_of(result), py::int_(pe_result_seq(result))});
}

py::object make_room_metrics(const pe_result* result) {
  pe_room_metrics m;
  pe_room_metrics_init(&m);
  check(pe_result_room_metrics(result, &m));
  const std::size_t points = std::min<std::size_t>(m.curve_points, PE_METRICS_CURVE);
  py::tuple curve(points);
  for (std::size_t i = 0; i < points; ++i) {
    py::object point =
        g_records.curve_point.make({py::int_(m.curve_at_ms[i]), py::float_(m.curve_score[i])});
    PyTuple_SET_ITEM(curve.ptr(), static_cast<Py_ssize_t>(i), point.release().ptr());
  }
  return g_records.metrics.make(
      {py::int_(m.joins), py::int_(m.leaves), py::int_(m.drop_offs), py::int_(m.peak_members),
       py::int_(m.peak_sessions), ints(m.bucket_upper_ms, PE_METRICS_BUCKETS - 1),
       ints(m.dwell, PE_METRICS_BUCKETS), ints(m.attention, PE_METRICS_BUCKETS), curve});
}

py::object make_readiness(const pe_readiness& r) {
  const Enums& e = enums();
  return g_records.readiness.make({py::float_(r.score), py::bool_(r.ready != 0),
                                   py::bool_(r.can_call != 0), e.gate_reason.member(r.reason),
                                   e.state.member(r.state), e.availability.member(r.availability)});
}

py::object make_intent(const pe_result* result) {
  pe_intent_info info;
  pe_intent_info_init(&info);
  check(pe_result_intent(result, 0, &info));
  return intent_of(info);
}

py::tuple intents_in(const pe_result* result) {
  return read_all<pe_intent_info>(result, pe_result_intent_count(result), pe_intent_info_init,
                                  pe_result_intent, intent_of);
}

}  // namespace presence_py
