#include "records.h"

#include <string>

#include "enums.h"

namespace py = pybind11;

namespace presence_py {
namespace {

constexpr const char* kModule = "presence._records";

struct Records {
  RecordType open_result, session, user, user_detail, user_page, counts, snapshot, stats,
      heartbeat_batch;
  PyObject* array_type = nullptr;  // array.array, for heartbeat intervals
};
Records g_records;

py::object user_of(const pe_user_info& u) {
  const Enums& e = enums();
  return g_records.user.make({text(u.user_id, u.user_id_len), e.state.member(u.state),
                              py::int_(u.since_ms), py::int_(u.last_seen_at_ms),
                              e.evidence.member(u.last_evidence), py::int_(u.session_count),
                              py::float_(u.confidence), e.confidence.member(u.confidence_bucket),
                              e.availability.member(u.availability), e.state.member(u.true_state),
                              e.availability.member(u.true_availability), py::float_(u.readiness),
                              py::bool_(u.ready != 0)});
}

py::object session_of(const pe_session_info& s) {
  const Enums& e = enums();
  return g_records.session.make(
      {text(s.session_id, s.session_id_len), optional_text(s.user_id, s.user_id_len),
       e.state.member(s.state), py::bool_(s.reconnecting != 0), py::bool_(s.visible != 0),
       py::bool_(s.connected != 0), py::float_(s.confidence),
       e.confidence.member(s.confidence_bucket), py::int_(s.last_signal_at_ms),
       py::int_(s.last_activity_at_ms), py::int_(s.since_ms), py::int_(s.heartbeat_interval_ms),
       optional_text(s.meta, s.meta_len), optional_text(s.transport_id, s.transport_id_len),
       py::int_(s.origin_node), py::int_(s.version), e.state.member(s.true_state),
       // A standalone engine names no node (an empty id).
       s.node_id_len == 0 ? py::object(py::none()) : text(s.node_id, s.node_id_len)});
}

py::tuple users_in(const pe_result* result) {
  return read_all<pe_user_info>(result, pe_result_user_count(result), pe_user_info_init,
                                pe_result_user, user_of);
}

py::tuple sessions_in(const pe_result* result) {
  return read_all<pe_session_info>(result, pe_result_session_count(result), pe_session_info_init,
                                   pe_result_session, session_of);
}

}  // namespace

void RecordType::load(const char* module, const char* name,
                      std::initializer_list<const char*> fields) {
  py::object cls = py::module_::import(module).attr(name);
  py::list actual;
  for (py::handle field : py::module_::import("dataclasses").attr("fields")(cls)) {
    actual.append(field.attr("name"));
  }
  py::list expected;
  for (const char* field : fields) expected.append(py::str(field));
  if (!actual.equal(expected)) {
    throw py::import_error(std::string(module) + "." + name + " has fields " +
                           py::repr(actual).cast<std::string>() + "; the extension expects " +
                           py::repr(expected).cast<std::string>());
  }
  for (const char* field : fields) names_.push_back(PyUnicode_InternFromString(field));
  cls_ = reinterpret_cast<PyTypeObject*>(cls.release().ptr());
}

py::object RecordType::make(std::initializer_list<py::handle> values) const {
  if (values.size() != names_.size()) {
    raise_status(PE_INTERNAL, std::string("record ") + cls_->tp_name + " built with " +
                                  std::to_string(values.size()) + " values");
  }
  py::object obj = py::reinterpret_steal<py::object>(cls_->tp_alloc(cls_, 0));
  if (!obj) throw py::error_already_set();
  std::size_t i = 0;
  for (py::handle value : values) {
    if (PyObject_GenericSetAttr(obj.ptr(), names_[i++], value.ptr()) != 0) {
      throw py::error_already_set();
    }
  }
  return obj;
}

py::object text(const char* data, std::size_t size) {
  PyObject* str = PyUnicode_DecodeUTF8(data, static_cast<Py_ssize_t>(size), "strict");
  if (str == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(str);
}

py::object optional_text(const char* data, std::size_t size) {
  return data == nullptr ? py::object(py::none()) : text(data, size);
}

py::object cursor_of(const pe_result* result) {
  const char* cursor = nullptr;
  std::size_t cursor_len = 0;
  check(pe_result_cursor(result, &cursor, &cursor_len));
  return cursor_len == 0 ? py::object(py::none()) : text(cursor, cursor_len);
}

void load_records() {
  Records& r = g_records;
  r.open_result.load(kModule, "OpenResult",
                     {"continued", "heartbeat_interval_ms", "state", "resume_token"});
  r.session.load(kModule, "Session",
                 {"session_id", "user_id", "state", "reconnecting", "visible", "connected",
                  "confidence", "confidence_bucket", "last_signal_at_ms", "last_activity_at_ms",
                  "since_ms", "heartbeat_interval_ms", "meta", "transport_id", "origin_node",
                  "version", "true_state", "node_id"});
  r.user.load(kModule, "User",
              {"user_id", "state", "since_ms", "last_seen_at_ms", "last_evidence", "session_count",
               "confidence", "confidence_bucket", "availability", "true_state", "true_availability",
               "readiness", "ready"});
  r.user_detail.load(kModule, "UserDetail", {"user", "sessions"});
  r.user_page.load(kModule, "UserPage", {"users", "next_cursor", "seq"});
  r.counts.load(kModule, "Counts",
                {"sessions_active", "sessions_idle", "sessions_away", "sessions_stale",
                 "sessions_reconnecting", "sessions_alive", "guest_sessions", "users_active",
                 "users_idle", "users_away", "users_stale", "users_offline", "users_alive",
                 "users_invisible", "sessions_invisible", "rooms"});
  r.snapshot.load(kModule, "Snapshot", {"seq", "users", "sessions"});
  r.stats.load(kModule, "Stats",
               {"session_records", "user_records", "signals", "transitions", "events_published",
                "last_seq", "oldest_seq", "pending_timers", "limit_rejections"});
  r.heartbeat_batch.load(kModule, "HeartbeatBatch", {"intervals_ms", "failures"});
  r.array_type = py::object(py::module_::import("array").attr("array")).release().ptr();
  load_coordination_records();  // before events, which hold StateCounts
  load_event_records();
  load_cluster_records();
}

py::object make_open_result(const pe_open_info& info) {
  return g_records.open_result.make({py::bool_(info.continued != 0),
                                     py::int_(info.heartbeat_interval_ms),
                                     enums().state.member(info.state), py::str(info.resume_token)});
}

py::object make_counts(const pe_counts& c) {
  return g_records.counts.make(
      {py::int_(c.sessions_active), py::int_(c.sessions_idle), py::int_(c.sessions_away),
       py::int_(c.sessions_stale), py::int_(c.sessions_reconnecting), py::int_(c.sessions_alive),
       py::int_(c.guest_sessions), py::int_(c.users_active), py::int_(c.users_idle),
       py::int_(c.users_away), py::int_(c.users_stale), py::int_(c.users_offline),
       py::int_(c.users_alive), py::int_(c.users_invisible), py::int_(c.sessions_invisible),
       py::int_(c.rooms)});
}

py::object make_stats(const pe_stats& s) {
  return g_records.stats.make(
      {py::int_(s.session_records), py::int_(s.user_records), py::int_(s.signals),
       py::int_(s.transitions), py::int_(s.events_published), py::int_(s.last_seq),
       py::int_(s.oldest_seq), py::int_(s.pending_timers), py::int_(s.limit_rejections)});
}

py::object make_user_page(const pe_result* result) {
  return g_records.user_page.make(
      {users_in(result), cursor_of(result), py::int_(pe_result_seq(result))});
}

py::object make_user_detail(const pe_result* result) {
  pe_user_info info;
  pe_user_info_init(&info);
  check(pe_result_user(result, 0, &info));
  return g_records.user_detail.make({user_of(info), sessions_in(result)});
}

py::object make_session(const pe_result* result) {
  pe_session_info info;
  pe_session_info_init(&info);
  check(pe_result_session(result, 0, &info));
  return session_of(info);
}

py::object make_snapshot(const pe_result* result) {
  return g_records.snapshot.make(
      {py::int_(pe_result_seq(result)), users_in(result), sessions_in(result)});
}

py::tuple failures_of(const std::vector<pe_status>& statuses) {
  py::list failures;
  for (std::size_t i = 0; i < statuses.size(); ++i) {
    if (statuses[i] != PE_OK) {
      failures.append(py::make_tuple(i, enums().status.member(statuses[i])));
    }
  }
  return py::tuple(failures);
}

py::object make_heartbeat_batch(const std::vector<std::int64_t>& intervals_ms,
                                const std::vector<pe_status>& statuses) {
  // array('q') takes the intervals as one bytes buffer: no int object per item.
  py::bytes raw(reinterpret_cast<const char*>(intervals_ms.data()),
                intervals_ms.size() * sizeof(std::int64_t));
  py::object intervals = py::reinterpret_borrow<py::object>(g_records.array_type)("q", raw);
  return g_records.heartbeat_batch.make({intervals, failures_of(statuses)});
}

}  // namespace presence_py
