#include "arguments.h"

#include <string>

#include "errors.h"
#include "presence/presence.h"

namespace py = pybind11;

namespace presence_py {
namespace {

// The argument as an exact int (calling __index__ for int-like objects such
// as numpy integers).
py::object as_int(PyObject* obj, const char* argument) {
  if (PyLong_CheckExact(obj)) return py::reinterpret_borrow<py::object>(obj);
  if (PyBool_Check(obj) || PyFloat_Check(obj) || !PyIndex_Check(obj)) {
    raise_type_error(std::string(argument) + " must be int, not " + type_name(obj));
  }
  PyObject* index = PyNumber_Index(obj);
  if (index == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(index);
}

[[noreturn]] void out_of_range(const char* argument, PyObject* value, const std::string& range) {
  raise_invalid_argument(std::string(argument) + " must be " + range + ", got " +
                         py::repr(value).cast<std::string>());
}

}  // namespace

std::string_view text_arg(PyObject* obj, const char* argument) {
  if (!PyUnicode_Check(obj)) {
    raise_type_error(std::string(argument) + " must be str, not " + type_name(obj));
  }
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(obj, &size);
  if (data == nullptr) {
    // Only a lone surrogate makes a str unencodable as UTF-8.
    PyErr_Clear();
    raise_invalid_argument(std::string(argument) +
                           " is not valid UTF-8 text (it contains a lone surrogate)");
  }
  return {data, static_cast<std::size_t>(size)};
}

std::optional<std::string_view> optional_text_arg(PyObject* obj, const char* argument) {
  if (obj == Py_None) return std::nullopt;
  return text_arg(obj, argument);
}

std::int64_t int_arg(PyObject* obj, const char* argument, std::int64_t min, std::int64_t max) {
  py::object value = as_int(obj, argument);
  int overflow = 0;
  const long long v = PyLong_AsLongLongAndOverflow(value.ptr(), &overflow);
  if (overflow != 0 || v < min || v > max) {
    out_of_range(argument, obj, "between " + std::to_string(min) + " and " + std::to_string(max));
  }
  return v;
}

std::uint64_t unsigned_arg(PyObject* obj, const char* argument, std::uint64_t max) {
  py::object value = as_int(obj, argument);
  const unsigned long long v = PyLong_AsUnsignedLongLong(value.ptr());
  if (PyErr_Occurred() != nullptr || v > max) {
    PyErr_Clear();  // negative or past 2**64
    out_of_range(argument, obj, "between 0 and " + std::to_string(max));
  }
  return v;
}

std::int64_t time_arg(PyObject* obj, const char* argument) {
  if (obj == nullptr || obj == Py_None) return PE_NOW;
  py::object value = as_int(obj, argument);
  int overflow = 0;
  const long long v = PyLong_AsLongLongAndOverflow(value.ptr(), &overflow);
  if (overflow != 0 || v < 0) {
    out_of_range(argument, obj,
                 "int milliseconds since the epoch (>= 0), or None for the engine's clock");
  }
  return v;
}

}  // namespace presence_py
