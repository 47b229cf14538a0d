// Methods called through CPython's vectorcall protocol (METH_FASTCALL |
// METH_KEYWORDS) instead of pybind11's dispatcher, for the per-signal hot
// path: pybind11 turns keyword arguments into a dict and matches them one by
// one, which measured at roughly 0.6 us per call with now_ms=... passed by
// keyword, about as much as the engine's own work. Here arguments are bound
// by position or by (interned) name into an array, with Python's own
// TypeError messages, and the conversions are those of every other method
// (arguments.h).
#pragma once

#include <pybind11/pybind11.h>

#include <array>
#include <cstddef>
#include <new>
#include <string>

#include "engine.h"
#include "errors.h"

namespace presence_py {

// A method's parameters: `positional` of them may be passed by position
// (the rest are keyword-only), and the first `required` must be given.
template <std::size_t N>
struct Signature {
  const char* method;
  std::array<const char*, N> names;
  std::size_t positional;
  std::size_t required;
};

// The bound arguments: borrowed references, nullptr where not given.
template <std::size_t N>
using Args = std::array<PyObject*, N>;

// A TypeError worded as Python's own: "heartbeat() missing required argument ...".
[[noreturn]] inline void raise_call_error(const char* method, const std::string& problem) {
  raise_type_error(std::string(method) + "() " + problem);
}

template <std::size_t N>
Args<N> bind_args(const Signature<N>& sig, const std::array<PyObject*, N>& interned,
                  PyObject* const* args, Py_ssize_t nargsf, PyObject* kwnames) {
  Args<N> out{};
  const auto given = static_cast<std::size_t>(PyVectorcall_NARGS(nargsf));
  if (given > sig.positional) {
    raise_call_error(sig.method, "takes at most " + std::to_string(sig.positional) +
                                     " positional arguments (" + std::to_string(given) + " given)");
  }
  for (std::size_t i = 0; i < given; ++i) out[i] = args[i];
  const Py_ssize_t keywords = kwnames == nullptr ? 0 : PyTuple_GET_SIZE(kwnames);
  for (Py_ssize_t k = 0; k < keywords; ++k) {
    PyObject* name = PyTuple_GET_ITEM(kwnames, k);
    std::size_t i = 0;
    while (i < N && name != interned[i]) ++i;  // keywords are usually interned
    if (i == N) {
      i = 0;
      while (i < N && PyUnicode_Compare(name, interned[i]) != 0) ++i;
    }
    if (i == N) {
      raise_call_error(sig.method, "got an unexpected keyword argument " +
                                       pybind11::repr(name).cast<std::string>());
    }
    if (out[i] != nullptr) {
      raise_call_error(sig.method,
                       std::string("got multiple values for argument '") + sig.names[i] + "'");
    }
    out[i] = args[given + static_cast<std::size_t>(k)];
  }
  for (std::size_t i = 0; i < sig.required; ++i) {
    if (out[i] == nullptr) {
      raise_call_error(sig.method, std::string("missing required argument '") + sig.names[i] + "'");
    }
  }
  return out;
}

// The C entry point of Method, a type with
//   static constexpr Signature<N> signature;
//   static pybind11::object call(NativeEngine&, const Args<N>&);
template <class Method>
PyObject* fast_method(PyObject* self, PyObject* const* args, Py_ssize_t nargsf,
                      PyObject* kwnames) noexcept {
  constexpr auto& sig = Method::signature;
  using Interned = std::array<PyObject*, sig.names.size()>;
  try {
    static const Interned interned = [] {
      Interned names{};
      for (std::size_t i = 0; i < names.size(); ++i) {
        names[i] = PyUnicode_InternFromString(sig.names[i]);  // immortal
      }
      return names;
    }();
    const auto bound = bind_args(sig, interned, args, nargsf, kwnames);
    return Method::call(engine_of(self), bound).release().ptr();
  } catch (pybind11::error_already_set& e) {
    e.restore();
  } catch (const std::bad_alloc&) {
    PyErr_NoMemory();
  } catch (const std::exception& e) {
    PyErr_SetString(PyExc_RuntimeError, e.what());
  }
  return nullptr;
}

// Adds `Method` to `cls` as a method named sig.method with docstring `doc`
// (which starts with a __text_signature__ line for inspect.signature()).
template <class Method>
void add_fast_method(pybind11::class_<NativeEngine>& cls, const char* doc) {
  static PyMethodDef def = {
      Method::signature.method,
      reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)(void)>(&fast_method<Method>)),
      METH_FASTCALL | METH_KEYWORDS, doc};
  PyObject* descr = PyDescr_NewMethod(reinterpret_cast<PyTypeObject*>(cls.ptr()), &def);
  if (descr == nullptr) throw pybind11::error_already_set();
  cls.attr(def.ml_name) = pybind11::reinterpret_steal<pybind11::object>(descr);
}

}  // namespace presence_py
