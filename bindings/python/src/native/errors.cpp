#include "errors.h"

#include <vector>

namespace py = pybind11;

namespace presence_py {
namespace {

// Strong references held for the life of the process: the module cannot be
// unloaded, and releasing them during interpreter teardown would run after
// Python is gone.
std::vector<PyObject*> g_by_status;  // indexed by pe_status
PyObject* g_base = nullptr;

}  // namespace

void load_error_classes() {
  py::module_ errors = py::module_::import("presence._errors");
  g_base = py::object(errors.attr("PresenceError")).release().ptr();
  py::dict by_status = errors.attr("_CLASS_BY_STATUS");
  for (auto [status, cls] : by_status) {
    const auto index = status.cast<std::size_t>();
    if (index >= g_by_status.size()) g_by_status.resize(index + 1, nullptr);
    g_by_status[index] = py::reinterpret_borrow<py::object>(cls).release().ptr();
  }
}

void raise_status(pe_status status, const std::string& message) {
  const auto index = static_cast<std::size_t>(status);
  PyObject* cls =
      index < g_by_status.size() && g_by_status[index] != nullptr ? g_by_status[index] : g_base;
  py::tuple args = py::make_tuple(py::str(message), static_cast<int>(status));
  PyErr_SetObject(cls, args.ptr());
  throw py::error_already_set();
}

void raise_invalid_argument(const std::string& message) {
  raise_status(PE_INVALID_ARGUMENT, message);
}

void raise_type_error(const std::string& message) {
  PyErr_SetString(PyExc_TypeError, message.c_str());
  throw py::error_already_set();
}

std::string type_name(PyObject* obj) {
  return Py_TYPE(obj)->tp_name;
}

}  // namespace presence_py
