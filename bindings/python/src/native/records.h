// The frozen dataclasses of the presence package, built from C records.
//
// Instances are made the way dataclasses.replace() cannot be bypassed from
// Python: allocated, then each field set with object.__setattr__ semantics
// (PyObject_GenericSetAttr). That skips the generated __init__ of a frozen
// dataclass, which costs a Python-level setattr per field and would make a
// snapshot of a million sessions several times slower.
//
// The records live in four files, as in the package: presence records here
// (records.cpp), events (event_records.cpp), coordination
// (coordination_records.cpp) and cluster replicas (cluster_records.cpp).
#pragma once

#include <pybind11/pybind11.h>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <vector>

#include "errors.h"
#include "presence/presence.h"

namespace presence_py {

// Owns a pe_result.
using ResultPtr = std::unique_ptr<pe_result, decltype(&pe_result_destroy)>;
inline ResultPtr own(pe_result* result) {
  return ResultPtr(result, &pe_result_destroy);
}

class RecordType {
 public:
  // Loads class `name` from the package module `module` (e.g.
  // "presence._records") and checks that its fields are exactly `fields`, in
  // order, so C++ and Python cannot drift apart.
  void load(const char* module, const char* name, std::initializer_list<const char*> fields);
  // A new instance with `values` in field order.
  pybind11::object make(std::initializer_list<pybind11::handle> values) const;
  PyTypeObject* type() const { return cls_; }

 private:
  PyTypeObject* cls_ = nullptr;   // strong reference for the process's life
  std::vector<PyObject*> names_;  // interned, immortal for the process's life
};

// Loaded once when the module is imported.
void load_records();
void load_event_records();
void load_coordination_records();
void load_cluster_records();

// Text the engine hands out (valid UTF-8 by construction) as str; None for NULL.
pybind11::object text(const char* data, std::size_t size);
pybind11::object optional_text(const char* data, std::size_t size);
// A cursor, None when empty (the last page).
pybind11::object cursor_of(const pe_result* result);

// Reads every record of one kind out of a result into a tuple.
template <class Info, class Init, class Read, class Make>
pybind11::tuple read_all(const pe_result* result, std::size_t count, Init init, Read read,
                         Make make) {
  pybind11::tuple out(count);
  for (std::size_t i = 0; i < count; ++i) {
    Info info;
    init(&info);
    check(read(result, i, &info));
    PyTuple_SET_ITEM(out.ptr(), static_cast<Py_ssize_t>(i), make(info).release().ptr());
  }
  return out;
}

// Presence (records.cpp).
pybind11::object make_open_result(const pe_open_info& info);
pybind11::object make_counts(const pe_counts& counts);
pybind11::object make_stats(const pe_stats& stats);
pybind11::object make_user_page(const pe_result* result);
pybind11::object make_user_detail(const pe_result* result);
pybind11::object make_session(const pe_result* result);  // the first session of a result
pybind11::object make_snapshot(const pe_result* result);
pybind11::object make_heartbeat_batch(const std::vector<std::int64_t>& intervals_ms,
                                      const std::vector<pe_status>& statuses);
// (index, Status) of each failed item, as a tuple.
pybind11::tuple failures_of(const std::vector<pe_status>& statuses);

// Events (event_records.cpp).
pybind11::tuple events_in(const pe_result* result);
pybind11::object make_event_batch(const pe_result* result);
pybind11::object make_fanout(const pe_result* result);

// Coordination (coordination_records.cpp).
pybind11::object make_state_counts(std::uint32_t active, std::uint32_t idle, std::uint32_t away,
                                   std::uint32_t stale);
pybind11::object make_room(const pe_result* result);  // the first room of a result
pybind11::tuple rooms_in(const pe_result* result);
pybind11::object make_room_page(const pe_result* result);
pybind11::object make_member_page(const pe_result* result);
pybind11::object make_room_metrics(const pe_result* result);
pybind11::object make_readiness(const pe_readiness& readiness);
pybind11::object make_intent(const pe_result* result);  // the first intent of a result
pybind11::tuple intents_in(const pe_result* result);

// Cluster (cluster_records.cpp).
pybind11::tuple replicas_in(const pe_result* result);
pybind11::object make_replica_page(const pe_result* result);

// presence.Replica objects as pe_replica records, for pe_engine_apply_replicas().
struct ReplicaInput {
  std::vector<pe_replica> records;
  // The room id arrays the records point into, one pair per record.
  std::vector<std::vector<const char*>> room_ids;
  std::vector<std::vector<std::size_t>> room_id_lens;
  // Every str the records borrow UTF-8 from, kept alive while the GIL is released.
  pybind11::list texts;
};
// Raises TypeError for an item that is not a Replica or a field of the wrong
// type, InvalidArgumentError for text with a lone surrogate or a number out of
// its C type's range (naming the item: "records[3].version ..."). A state
// outside State is passed on: the engine refuses that record alone.
ReplicaInput read_replicas(pybind11::handle records);

}  // namespace presence_py
