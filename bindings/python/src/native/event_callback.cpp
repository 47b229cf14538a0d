#include "event_callback.h"

namespace py = pybind11;

namespace presence_py {
namespace {

thread_local const EventCallback* t_running = nullptr;

bool interpreter_finalizing() {
#if PY_VERSION_HEX >= 0x030D0000
  return Py_IsFinalizing() != 0;
#else
  return _Py_IsFinalizing() != 0;
#endif
}

}  // namespace

bool EventCallback::running_here() const {
  return t_running == this;
}

void EventCallback::trampoline(void* payload, std::uint64_t last_seq) noexcept {
  // A ticker thread must not touch a finalizing interpreter. Engines are
  // closed at exit (presence/_engine.py), so this is a last line of defence.
  if (!Py_IsInitialized() || interpreter_finalizing()) return;
  auto* self = static_cast<EventCallback*>(payload);
  py::gil_scoped_acquire gil;
  // A local reference: the callable may replace itself while it runs.
  py::object callable = self->callable_;
  if (!callable || callable.is_none()) return;
  const EventCallback* outer = t_running;
  t_running = self;
  try {
    callable(last_seq);
  } catch (py::error_already_set& e) {
    e.discard_as_unraisable(callable);
  } catch (...) {
    PyErr_SetString(PyExc_RuntimeError, "unexpected C++ exception in the event callback");
    PyErr_WriteUnraisable(callable.ptr());
  }
  t_running = outer;
}

}  // namespace presence_py
