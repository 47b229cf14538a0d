// The frozen dataclasses of presence/_records.py, built from C records.
//
// Instances are made the way dataclasses.replace() cannot be bypassed from
// Python: allocated, then each field set with object.__setattr__ semantics
// (PyObject_GenericSetAttr). That skips the generated __init__ of a frozen
// dataclass, which costs a Python-level setattr per field and would make a
// snapshot of a million sessions several times slower.
#pragma once

#include <pybind11/pybind11.h>

#include <initializer_list>
#include <memory>
#include <vector>

#include "presence/presence.h"

namespace presence_py {

// Owns a pe_result.
using ResultPtr = std::unique_ptr<pe_result, decltype(&pe_result_destroy)>;
inline ResultPtr own(pe_result* result) {
  return ResultPtr(result, &pe_result_destroy);
}

class RecordType {
 public:
  // Loads `name` from presence._records and checks that its fields are
  // exactly `fields`, in order, so C++ and Python cannot drift apart.
  void load(const char* name, std::initializer_list<const char*> fields);
  // A new instance with `values` in field order.
  pybind11::object make(std::initializer_list<pybind11::handle> values) const;

 private:
  PyTypeObject* cls_ = nullptr;   // strong reference for the process's life
  std::vector<PyObject*> names_;  // interned, immortal for the process's life
};

// Loaded once when the module is imported.
void load_records();

pybind11::object make_open_result(const pe_open_info& info);
pybind11::object make_counts(const pe_counts& counts);
pybind11::object make_stats(const pe_stats& stats);
pybind11::object make_user_page(const pe_result* result);
pybind11::object make_user_detail(const pe_result* result);
pybind11::object make_session(const pe_result* result);  // the first session of a result
pybind11::object make_snapshot(const pe_result* result);
pybind11::object make_event_batch(const pe_result* result);
pybind11::object make_heartbeat_batch(const std::vector<std::int64_t>& intervals_ms,
                                      const std::vector<pe_status>& statuses);

}  // namespace presence_py
