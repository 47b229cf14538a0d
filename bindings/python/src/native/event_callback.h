// The engine's event callback, bridged to a Python callable.
//
// The C ABI calls the callback on whichever thread published the events: a
// Python thread inside an engine call, or the native ticker thread. The
// trampoline takes the GIL, calls the current Python callable with the last
// seq, and reports an exception through sys.unraisablehook (it has nowhere
// else to go). The C registration (trampoline + this object as payload)
// stays the same while callables are swapped, so a publication racing with
// set() calls either the old or the new callable, never freed memory.
#pragma once

#include <pybind11/pybind11.h>

#include <cstdint>

namespace presence_py {

class EventCallback {
 public:
  EventCallback() = default;
  EventCallback(const EventCallback&) = delete;
  EventCallback& operator=(const EventCallback&) = delete;

  // The function registered with pe_engine_set_event_callback(); `payload`
  // is an EventCallback. Never throws.
  static void trampoline(void* payload, std::uint64_t last_seq) noexcept;

  // Replaces the callable (None removes it). Requires the GIL.
  void set(pybind11::object callable) { callable_ = std::move(callable); }
  const pybind11::object& get() const { return callable_; }

  // True while this thread runs this callback's Python callable: the engine
  // must then not be closed, destroyed or have its ticker restarted (the C
  // ABI forbids it from the callback; on the ticker thread it would join or
  // replace the running thread).
  bool running_here() const;

 private:
  pybind11::object callable_;  // guarded by the GIL
};

}  // namespace presence_py
