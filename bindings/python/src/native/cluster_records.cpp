// Replication records (presence/_cluster.py), out of results and into
// pe_engine_apply_replicas().
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "arguments.h"
#include "enums.h"
#include "records.h"

namespace py = pybind11;

namespace presence_py {
namespace {

constexpr const char* kModule = "presence._cluster";

struct Records {
  RecordType replica, page;
};
Records g_records;

py::object replica_of(const pe_replica& r) {
  py::tuple rooms(r.room_count);
  for (std::size_t i = 0; i < r.room_count; ++i) {
    PyTuple_SET_ITEM(rooms.ptr(), static_cast<Py_ssize_t>(i),
                     text(r.room_ids[i], r.room_id_lens[i]).release().ptr());
  }
  return g_records.replica.make(
      {text(r.session_id, r.session_id_len), optional_text(r.user_id, r.user_id_len),
       text(r.node_id, r.node_id_len), py::int_(r.version), enums().state.member(r.state),
       py::bool_(r.reconnecting != 0), py::bool_(r.visible != 0), py::bool_(r.connected != 0),
       py::bool_(r.ended != 0), py::int_(r.since_ms), py::int_(r.last_signal_at_ms),
       py::int_(r.last_activity_at_ms), py::int_(r.heartbeat_interval_ms),
       optional_text(r.meta, r.meta_len), rooms});
}

// Reads the fields of one presence.Replica; `name` prefixes every message.
class ReplicaReader {
 public:
  ReplicaReader(py::handle replica, std::string name, py::list* texts)
      : replica_(replica), name_(std::move(name)), texts_(texts) {}

  py::object field(const char* field) const { return replica_.attr(field); }

  std::string argument(const char* field) const { return name_ + "." + field; }

  // Text borrowed from a str kept in `texts`; nullopt for None when allowed.
  std::optional<std::string_view> text_field(const char* field, bool optional) const {
    py::object value = this->field(field);
    return text_value(value, argument(field), optional);
  }

  std::optional<std::string_view> text_value(const py::object& value, const std::string& argument,
                                             bool optional) const {
    if (optional && value.is_none()) return std::nullopt;
    const std::string_view out = text_arg(value.ptr(), argument.c_str());
    texts_->append(value);
    return out;
  }

  bool flag(const char* field) const {
    py::object value = this->field(field);
    if (!PyBool_Check(value.ptr())) {
      raise_type_error(argument(field) + " must be bool, not " + type_name(value.ptr()));
    }
    return value.ptr() == Py_True;
  }

  std::int64_t millis(const char* field) const {
    return int_arg(this->field(field).ptr(), argument(field).c_str(),
                   std::numeric_limits<std::int64_t>::min(),
                   std::numeric_limits<std::int64_t>::max());
  }

 private:
  py::handle replica_;
  std::string name_;
  py::list* texts_;
};

}  // namespace

void load_cluster_records() {
  g_records.replica.load(kModule, "Replica",
                         {"session_id", "user_id", "node_id", "version", "state", "reconnecting",
                          "visible", "connected", "ended", "since_ms", "last_signal_at_ms",
                          "last_activity_at_ms", "heartbeat_interval_ms", "meta", "room_ids"});
  g_records.page.load(kModule, "ReplicaPage", {"replicas", "next_cursor"});
}

py::tuple replicas_in(const pe_result* result) {
  return read_all<pe_replica>(result, pe_result_replica_count(result), pe_replica_init,
                              pe_result_replica, replica_of);
}

py::object make_replica_page(const pe_result* result) {
  // The page's seq is the next cursor, 0 after the last page.
  const std::uint64_t next = pe_result_seq(result);
  return g_records.page.make(
      {replicas_in(result), next == 0 ? py::object(py::none()) : py::int_(next)});
}

ReplicaInput read_replicas(py::handle records) {
  if (PyUnicode_Check(records.ptr()) || PyBytes_Check(records.ptr())) {
    raise_type_error("records must be a sequence of Replica, not " + type_name(records.ptr()));
  }
  const py::tuple items = py::reinterpret_steal<py::tuple>(PySequence_Tuple(records.ptr()));
  if (!items) throw py::error_already_set();
  ReplicaInput in;
  const auto count = static_cast<std::size_t>(items.size());
  in.records.resize(count);
  in.room_ids.resize(count);
  in.room_id_lens.resize(count);
  in.texts.append(items);
  for (std::size_t i = 0; i < count; ++i) {
    const py::handle item = items[i];
    const std::string name = "records[" + std::to_string(i) + "]";
    if (!PyObject_TypeCheck(item.ptr(), g_records.replica.type())) {
      raise_type_error(name + " must be a Replica, not " + type_name(item.ptr()));
    }
    const ReplicaReader read(item, name, &in.texts);
    pe_replica& r = in.records[i];
    pe_replica_init(&r);
    const std::string_view session = *read.text_field("session_id", false);
    r.session_id = session.data();
    r.session_id_len = session.size();
    if (const auto user = read.text_field("user_id", true)) {
      r.user_id = user->data();
      r.user_id_len = user->size();
    }
    const std::string_view node = *read.text_field("node_id", false);
    r.node_id = node.data();
    r.node_id_len = node.size();
    r.version = unsigned_arg(read.field("version").ptr(), read.argument("version").c_str(),
                             std::numeric_limits<std::uint64_t>::max());
    r.state = static_cast<pe_state>(
        enums().state.raw_value_of(read.field("state").ptr(), read.argument("state").c_str()));
    r.reconnecting = read.flag("reconnecting") ? 1 : 0;
    r.visible = read.flag("visible") ? 1 : 0;
    r.connected = read.flag("connected") ? 1 : 0;
    r.ended = read.flag("ended") ? 1 : 0;
    r.since_ms = read.millis("since_ms");
    r.last_signal_at_ms = read.millis("last_signal_at_ms");
    r.last_activity_at_ms = read.millis("last_activity_at_ms");
    r.heartbeat_interval_ms = read.millis("heartbeat_interval_ms");
    if (const auto meta = read.text_field("meta", true)) {
      r.meta = meta->data();
      r.meta_len = meta->size();
    }
    const py::object rooms = read.field("room_ids");
    if (!PyTuple_Check(rooms.ptr())) {
      raise_type_error(read.argument("room_ids") + " must be a tuple of str, not " +
                       type_name(rooms.ptr()));
    }
    const auto room_count = static_cast<std::size_t>(PyTuple_GET_SIZE(rooms.ptr()));
    for (std::size_t k = 0; k < room_count; ++k) {
      const auto room = py::reinterpret_borrow<py::object>(
          PyTuple_GET_ITEM(rooms.ptr(), static_cast<Py_ssize_t>(k)));
      const std::string_view id =
          *read.text_value(room, read.argument("room_ids") + "[" + std::to_string(k) + "]", false);
      in.room_ids[i].push_back(id.data());
      in.room_id_lens[i].push_back(id.size());
    }
    r.room_ids = in.room_ids[i].data();
    r.room_id_lens = in.room_id_lens[i].data();
    r.room_count = room_count;
  }
  return in;
}

}  // namespace presence_py
