// Signals: open, heartbeat (single and batch), activity, visibility,
// disconnect, disconnect_transport, leave, identify, join_room, leave_room.
#include <string>
#include <vector>

#include "arguments.h"
#include "enums.h"
#include "errors.h"
#include "fast_method.h"
#include "records.h"

namespace py = pybind11;

namespace presence_py {
namespace {

py::object none() {
  return py::none();
}

pe_visibility visibility_arg(PyObject* obj) {
  if (obj == nullptr) return PE_VISIBILITY_UNKNOWN;
  return static_cast<pe_visibility>(enums().visibility.value_of(obj, "visibility"));
}

pe_activity activity_arg(PyObject* obj) {
  if (obj == nullptr) return PE_ACTIVITY_UNKNOWN;
  return static_cast<pe_activity>(enums().activity.value_of(obj, "activity"));
}

struct Open {
  static constexpr Signature<7> signature{
      "open",
      {"session_id", "user_id", "meta", "transport_id", "visibility", "resume_token", "now_ms"},
      1,
      1};
  static py::object call(NativeEngine& engine, const Args<7>& a) {
    const std::string_view session_id = text_arg(a[0], "session_id");
    pe_open_params params;
    pe_open_params_init(&params);
    const auto set = [](PyObject* obj, const char* name, const char** data, std::size_t* size) {
      if (obj == nullptr) return;
      if (const auto text = optional_text_arg(obj, name)) {
        *data = text->data();
        *size = text->size();
      }
    };
    set(a[1], "user_id", &params.user_id, &params.user_id_len);
    set(a[2], "meta (the session metadata)", &params.meta, &params.meta_len);
    set(a[3], "transport_id", &params.transport_id, &params.transport_id_len);
    params.visibility = visibility_arg(a[4]);
    set(a[5], "resume_token", &params.resume_token, &params.resume_token_len);
    const std::int64_t now = time_arg(a[6]);
    pe_open_info info;
    pe_open_info_init(&info);
    check(pe_session_open(engine.handle(), session_id.data(), session_id.size(), &params, now,
                          &info));
    return make_open_result(info);
  }
};

struct Heartbeat {
  static constexpr Signature<4> signature{
      "heartbeat", {"session_id", "activity", "visibility", "now_ms"}, 3, 1};
  static py::object call(NativeEngine& engine, const Args<4>& a) {
    const std::string_view session_id = text_arg(a[0], "session_id");
    const pe_activity activity = activity_arg(a[1]);
    const pe_visibility visibility = visibility_arg(a[2]);
    const std::int64_t now = time_arg(a[3]);
    std::int64_t interval = 0;
    check(pe_session_heartbeat(engine.handle(), session_id.data(), session_id.size(), activity,
                               visibility, now, &interval));
    return py::int_(interval);
  }
};

struct Visibility {
  static constexpr Signature<3> signature{
      "visibility", {"session_id", "visibility", "now_ms"}, 2, 2};
  static py::object call(NativeEngine& engine, const Args<3>& a) {
    const std::string_view session_id = text_arg(a[0], "session_id");
    const pe_visibility visibility = visibility_arg(a[1]);
    const std::int64_t now = time_arg(a[2]);
    check(pe_session_visibility(engine.handle(), session_id.data(), session_id.size(), visibility,
                                now));
    return none();
  }
};

// The signals that take one id and a time.
using IdSignalFn = pe_status (*)(pe_engine*, const char*, std::size_t, std::int64_t);

template <const Signature<2>& Sig, IdSignalFn Fn>
struct IdSignal {
  static constexpr const Signature<2>& signature = Sig;
  static py::object call(NativeEngine& engine, const Args<2>& a) {
    const std::string_view id = text_arg(a[0], Sig.names[0]);
    const std::int64_t now = time_arg(a[1]);
    check(Fn(engine.handle(), id.data(), id.size(), now));
    return none();
  }
};

// The signals that take two ids and a time.
using TwoIdSignalFn = pe_status (*)(pe_engine*, const char*, std::size_t, const char*, std::size_t,
                                    std::int64_t);

template <const Signature<3>& Sig, TwoIdSignalFn Fn>
struct TwoIdSignal {
  static constexpr const Signature<3>& signature = Sig;
  static py::object call(NativeEngine& engine, const Args<3>& a) {
    const std::string_view first = text_arg(a[0], Sig.names[0]);
    const std::string_view second = text_arg(a[1], Sig.names[1]);
    const std::int64_t now = time_arg(a[2]);
    check(Fn(engine.handle(), first.data(), first.size(), second.data(), second.size(), now));
    return none();
  }
};

constexpr Signature<3> kIdentify{"identify", {"session_id", "user_id", "now_ms"}, 2, 2};
constexpr Signature<3> kJoinRoom{"join_room", {"session_id", "room_id", "now_ms"}, 2, 2};
constexpr Signature<3> kLeaveRoom{"leave_room", {"session_id", "room_id", "now_ms"}, 2, 2};

constexpr Signature<2> kActivity{"activity", {"session_id", "now_ms"}, 1, 1};
constexpr Signature<2> kDisconnect{"disconnect", {"session_id", "now_ms"}, 1, 1};
constexpr Signature<2> kDisconnectTransport{
    "disconnect_transport", {"transport_id", "now_ms"}, 1, 1};
constexpr Signature<2> kLeave{"leave", {"session_id", "now_ms"}, 1, 1};

// One item of heartbeat_many(): a session id, or (session_id, activity[, visibility]).
pe_heartbeat heartbeat_item(PyObject* item, pe_activity activity, pe_visibility visibility) {
  pe_heartbeat hb{};
  hb.activity = activity;
  hb.visibility = visibility;
  PyObject* id = item;
  if (PyTuple_Check(item)) {
    const Py_ssize_t size = PyTuple_GET_SIZE(item);
    if (size < 2 || size > 3) {
      raise_type_error("must be a session id or (session_id, activity[, visibility])");
    }
    id = PyTuple_GET_ITEM(item, 0);
    // An item's enum values are the engine's to refuse, for that item alone.
    hb.activity = static_cast<pe_activity>(
        enums().activity.raw_value_of(PyTuple_GET_ITEM(item, 1), "activity"));
    if (size == 3) {
      hb.visibility = static_cast<pe_visibility>(
          enums().visibility.raw_value_of(PyTuple_GET_ITEM(item, 2), "visibility"));
    }
  }
  const std::string_view text = text_arg(id, "session_id");
  hb.session_id = text.data();
  hb.session_id_len = text.size();
  return hb;
}

// heartbeat_many(): items are str, or (session_id, activity[, visibility]).
py::object heartbeat_many(NativeEngine& engine, py::handle items, py::handle activity,
                          py::handle visibility, py::handle now_ms) {
  if (PyUnicode_Check(items.ptr()) || PyBytes_Check(items.ptr())) {
    raise_type_error("items must be a sequence of session ids, not a single " +
                     type_name(items.ptr()));
  }
  const pe_activity default_activity = activity_arg(activity.ptr());
  const pe_visibility default_visibility = visibility_arg(visibility.ptr());
  const std::int64_t now = time_arg(now_ms.ptr());
  // A tuple keeps every item (and so every borrowed UTF-8 buffer) alive and
  // unchanged while the GIL is released, whatever the caller's list does.
  PyObject* snapshot = PySequence_Tuple(items.ptr());
  if (snapshot == nullptr) throw py::error_already_set();
  const py::tuple held = py::reinterpret_steal<py::tuple>(snapshot);
  const auto count = static_cast<std::size_t>(PyTuple_GET_SIZE(snapshot));

  std::vector<pe_heartbeat> batch(count);
  for (std::size_t i = 0; i < count; ++i) {
    try {
      batch[i] = heartbeat_item(PyTuple_GET_ITEM(snapshot, static_cast<Py_ssize_t>(i)),
                                default_activity, default_visibility);
    } catch (py::error_already_set& e) {
      // Name the item: "items[7]: session_id must be str, not int".
      const std::string message =
          "items[" + std::to_string(i) + "]: " + py::str(e.value()).cast<std::string>();
      if (e.matches(PyExc_TypeError)) raise_type_error(message);
      raise_invalid_argument(message);
    }
  }

  std::vector<pe_status> statuses(count);
  std::vector<std::int64_t> intervals(count);
  pe_status status = PE_OK;
  {
    py::gil_scoped_release release;
    status = pe_session_heartbeat_batch(engine.handle(), batch.data(), count, now, statuses.data(),
                                        intervals.data(), nullptr);
  }
  check(status);
  return make_heartbeat_batch(intervals, statuses);
}

}  // namespace

void define_signal_methods(py::class_<NativeEngine>& cls) {
  add_fast_method<Open>(
      cls,
      "open($self, /, session_id, *, user_id=None, meta=None, transport_id=None, "
      "visibility=0, resume_token=None, now_ms=None)\n--\n\n"
      "Opens a session, or continues it if that id is still alive (a reconnect).\n\n"
      "user_id: the owning user, or None for a guest (see identify()). meta: application "
      "metadata (e.g. JSON), replacing the stored one on a continuation. transport_id: "
      "the transport to bind (e.g. a socket id). visibility: the initial Visibility "
      "(UNKNOWN: visible for a new session, unchanged for a continuation). resume_token: "
      "the token an earlier open() returned, when continuing the session from another "
      "transport (required with require_resume_token).\n"
      "Returns an OpenResult, with the session's resume_token. Raises ConflictError if the "
      "live session belongs to another user or the transport id to another session, "
      "DeniedError when require_resume_token is on and a continuation from another "
      "transport lacks the right token, LimitExceededError past max_sessions_per_user or "
      "max_sessions.");
  add_fast_method<Heartbeat>(
      cls,
      "heartbeat($self, /, session_id, activity=0, visibility=0, *, now_ms=None)\n--\n\n"
      "Records a heartbeat: liveness plus the client's optional Activity and Visibility.\n\n"
      "Returns the interval in ms the client should wait before its next heartbeat "
      "(short when active, longer when idle, longest when hidden). Raises NotFoundError "
      "when no live session has this id: open it again.");
  add_fast_method<IdSignal<kActivity, pe_session_activity>>(
      cls,
      "activity($self, /, session_id, *, now_ms=None)\n--\n\n"
      "Records a sampled human interaction (key, pointer, touch, focus).");
  add_fast_method<Visibility>(
      cls,
      "visibility($self, /, session_id, visibility, *, now_ms=None)\n--\n\n"
      "The document became Visibility.VISIBLE or Visibility.HIDDEN (UNKNOWN is an "
      "InvalidArgumentError). Hidden for less than the blur tolerance changes nothing; "
      "becoming visible counts as activity.");
  add_fast_method<IdSignal<kDisconnect, pe_session_disconnect>>(
      cls,
      "disconnect($self, /, session_id, *, now_ms=None)\n--\n\n"
      "The session's transport dropped. Not an exit: the session keeps its state, marked "
      "reconnecting, for the reconnect grace window, then turns stale, and offline once "
      "silent for the TTL. Idempotent.");
  add_fast_method<IdSignal<kDisconnectTransport, pe_transport_disconnect>>(
      cls,
      "disconnect_transport($self, /, transport_id, *, now_ms=None)\n--\n\n"
      "Disconnects the session bound to this transport id. An id replaced by a newer one "
      "(the client already reconnected) raises NotFoundError, so a late close of an old "
      "socket cannot disturb the continued session.");
  add_fast_method<IdSignal<kLeave, pe_session_leave>>(
      cls,
      "leave($self, /, session_id, *, now_ms=None)\n--\n\n"
      "An explicit exit: the session is offline now.");
  add_fast_method<TwoIdSignal<kIdentify, pe_session_identify>>(
      cls,
      "identify($self, /, session_id, user_id, *, now_ms=None)\n--\n\n"
      "A guest session becomes user_id's, keeping its state, history and rooms. "
      "Identifying with the user it already has is a no-op; another user raises "
      "ConflictError.");
  add_fast_method<TwoIdSignal<kJoinRoom, pe_room_join>>(
      cls,
      "join_room($self, /, session_id, room_id, *, now_ms=None)\n--\n\n"
      "The session joins a room (created on first use); joining again is a no-op. Its user "
      "(or the guest session) is a member while any of its sessions is in the room.\n\n"
      "Raises NotFoundError for no live session, LimitExceededError past "
      "max_rooms_per_session, max_rooms, or 255 sessions of one member in the room.");
  add_fast_method<TwoIdSignal<kLeaveRoom, pe_room_leave>>(
      cls,
      "leave_room($self, /, session_id, room_id, *, now_ms=None)\n--\n\n"
      "The session leaves a room. Raises NotFoundError for no live session, or one that is "
      "not in that room.");

  cls.def("heartbeat_many", &heartbeat_many, py::arg("items"),
          py::arg("activity") = enums().activity.member(PE_ACTIVITY_UNKNOWN),
          py::arg("visibility") = enums().visibility.member(PE_VISIBILITY_UNKNOWN), py::kw_only(),
          py::arg("now_ms") = py::none(),
          "Applies many heartbeats at one time under one lock, without the GIL.\n\n"
          "items: a sequence whose items are a session id (using this call's activity and "
          "visibility) or a tuple (session_id, activity[, visibility]). Items are "
          "independent: one the engine refuses (unknown session, an empty or oversized id, an "
          "int that is no Activity or Visibility) fails alone and is listed in the result's "
          "failures. Arguments that are not valid at all (wrong types, text with a lone "
          "surrogate, and this call's own activity and visibility) raise before any item is "
          "applied. Returns a HeartbeatBatch.");
}

}  // namespace presence_py
