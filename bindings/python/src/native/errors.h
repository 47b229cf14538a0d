// Raising Python exceptions from the binding: every pe_status maps to one
// subclass of presence.PresenceError (defined in presence/_errors.py), and
// argument problems found before the C call raise TypeError or
// InvalidArgumentError. Each function sets the Python error and throws
// pybind11::error_already_set, which pybind11 (or fast_method()) turns back
// into the pending Python exception.
#pragma once

#include <pybind11/pybind11.h>

#include <string>

#include "presence/presence.h"

namespace presence_py {

// Looks up the exception classes; called once when the module is imported.
void load_error_classes();

// Raises the exception class of `status` with `message`.
[[noreturn]] void raise_status(pe_status status, const std::string& message);

// Raises for a failed C call, with the library's message for this thread.
inline void check(pe_status status) {
  if (status != PE_OK) raise_status(status, pe_last_error_message());
}

[[noreturn]] void raise_invalid_argument(const std::string& message);
[[noreturn]] void raise_type_error(const std::string& message);

// The Python name of an object's type, for error messages.
std::string type_name(PyObject* obj);

}  // namespace presence_py
