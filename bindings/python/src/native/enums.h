// The IntEnum classes of presence/_enums.py, seen from C++: values going out
// become enum members, values coming in are checked against the members.
#pragma once

#include <pybind11/pybind11.h>

#include <string>
#include <vector>

namespace presence_py {

class EnumType {
 public:
  // Loads `name` from presence._enums. Its values must be `first`,
  // `first + 1`, ... (as the C enums are), which load() checks.
  void load(const char* name, int first);

  // The member for `value`; a value this build does not know (a newer
  // library) is returned as a plain int rather than failing the read.
  pybind11::object member(int value) const;

  // The C value of an argument: a member of this enum or a plain int naming
  // one. Raises TypeError for bool, str, float or another enum's member, and
  // InvalidArgumentError for an int that is not a value of this enum.
  int value_of(PyObject* obj, const char* argument) const;

  // As value_of(), but an int outside the enum is returned as it is (clamped
  // to int), for C calls that check it themselves item by item.
  int raw_value_of(PyObject* obj, const char* argument) const;

  PyObject* type() const { return cls_; }

 private:
  // The argument as a C long long (saturated), after the type checks.
  long long checked_int(PyObject* obj, const char* argument) const;

  PyObject* cls_ = nullptr;  // strong reference for the process's life
  std::string name_;
  int first_ = 0;
  std::vector<PyObject*> members_;  // strong references, indexed by value - first_
};

struct Enums {
  EnumType state, confidence, activity, visibility, evidence, event_kind, status, availability,
      target_kind, intent_state, gate_reason;
};

// Loaded once when the module is imported.
void load_enums();
const Enums& enums();

}  // namespace presence_py
