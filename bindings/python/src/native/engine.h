// NativeEngine: one pe_engine, its event callback, and the Python methods
// over them. presence.Engine (presence/_engine.py) subclasses it, so the
// methods defined here are called without a Python frame in between.
//
// The GIL: released around every call that can take time (reads, snapshots,
// batches, advancing time, closing and ticker control: those also wait for
// the ticker thread, which may itself be waiting for the GIL to run the event
// callback). Single signals keep it: bench/README.md records that releasing
// it around one heartbeat cost a little single-threaded and gave four threads
// no clear gain; heartbeat_many() is the way to throughput from many threads.
#pragma once

#include <pybind11/pybind11.h>

#include <memory>

#include "event_callback.h"
#include "presence/presence.h"

namespace presence_py {

class NativeEngine {
 public:
  // `config`: a mapping of pe_config field names to ints; the rest default.
  explicit NativeEngine(pybind11::handle config);
  NativeEngine(const NativeEngine&) = delete;
  NativeEngine& operator=(const NativeEngine&) = delete;
  ~NativeEngine();

  pe_engine* handle() const { return handle_; }
  bool closed() const { return closed_; }

  void close();
  void start_ticker(pybind11::handle period_ms);
  void stop_ticker();
  void set_event_callback(pybind11::handle callable);
  pybind11::object event_callback() const;

 private:
  // Raises RuntimeError when called from this engine's own event callback.
  void refuse_in_callback(const char* what) const;

  pe_engine* handle_ = nullptr;
  bool closed_ = false;  // guarded by the GIL
  // Heap-allocated: its address is the C callback's payload, and it may have
  // to outlive this object (see the destructor).
  std::unique_ptr<EventCallback> callback_;
};

// The names and defaults of pe_config, as a dict {field: default}.
pybind11::dict default_config();

// Defines presence._presence.NativeEngine with all its methods.
void define_engine(pybind11::module_& m);
void define_signal_methods(pybind11::class_<NativeEngine>& cls);
void define_read_methods(pybind11::class_<NativeEngine>& cls);

// `self` of a method as the engine.
NativeEngine& engine_of(PyObject* self);

}  // namespace presence_py
