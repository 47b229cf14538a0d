#include "enums.h"

#include <algorithm>
#include <climits>

#include "errors.h"

namespace py = pybind11;

namespace presence_py {
namespace {

Enums g_enums;

}  // namespace

void EnumType::load(const char* name, int first) {
  py::object cls = py::module_::import("presence._enums").attr(name);
  name_ = name;
  first_ = first;
  int expected = first;
  for (py::handle item : cls) {
    if (item.cast<int>() != expected) {
      throw py::import_error(std::string("presence._enums.") + name +
                             " does not match the C enum it mirrors");
    }
    members_.push_back(py::reinterpret_borrow<py::object>(item).release().ptr());
    ++expected;
  }
  cls_ = cls.release().ptr();
}

py::object EnumType::member(int value) const {
  const long index = static_cast<long>(value) - first_;
  if (index >= 0 && index < static_cast<long>(members_.size())) {
    return py::reinterpret_borrow<py::object>(members_[static_cast<std::size_t>(index)]);
  }
  return py::int_(value);
}

long long EnumType::checked_int(PyObject* obj, const char* argument) const {
  const bool exact =
      Py_TYPE(obj) == reinterpret_cast<PyTypeObject*>(cls_) || PyLong_CheckExact(obj);
  if (!exact) {
    // bool and other IntEnums are ints too, but passing one here is a mistake.
    raise_type_error(std::string(argument) + " must be " + name_ + " or int, not " +
                     type_name(obj));
  }
  int overflow = 0;
  const long long value = PyLong_AsLongLongAndOverflow(obj, &overflow);
  if (overflow != 0) return overflow < 0 ? LLONG_MIN : LLONG_MAX;
  return value;
}

int EnumType::value_of(PyObject* obj, const char* argument) const {
  const long long value = checked_int(obj, argument);
  const long long last = first_ + static_cast<long long>(members_.size()) - 1;
  if (value < first_ || value > last) {
    raise_invalid_argument(std::string(argument) + ": " + py::repr(obj).cast<std::string>() +
                           " is not a valid " + name_);
  }
  return static_cast<int>(value);
}

int EnumType::raw_value_of(PyObject* obj, const char* argument) const {
  // Any value outside int is as unknown to the C ABI as INT_MIN or INT_MAX.
  return static_cast<int>(std::clamp<long long>(checked_int(obj, argument), INT_MIN, INT_MAX));
}

void load_enums() {
  g_enums.state.load("State", 0);
  g_enums.confidence.load("ConfidenceBucket", 0);
  g_enums.activity.load("Activity", 0);
  g_enums.visibility.load("Visibility", 0);
  g_enums.evidence.load("Evidence", 0);
  g_enums.event_kind.load("EventKind", 1);
  g_enums.status.load("Status", 0);
  g_enums.availability.load("Availability", 0);
  g_enums.target_kind.load("TargetKind", 1);
  g_enums.intent_state.load("IntentState", 0);
  g_enums.gate_reason.load("GateReason", 0);
}

const Enums& enums() {
  return g_enums;
}

}  // namespace presence_py
