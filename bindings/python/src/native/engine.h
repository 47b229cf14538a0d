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

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "errors.h"
#include "event_callback.h"
#include "presence/presence.h"
#include "records.h"

namespace presence_py {

class NativeEngine {
 public:
  // `config`: a presence.Config. With a `snapshot` path (str), the engine is
  // restored from that file (pe_engine_create_from_file) at `now_ms`.
  NativeEngine(pybind11::handle config, pybind11::handle snapshot, pybind11::handle now_ms);
  NativeEngine(const NativeEngine&) = delete;
  NativeEngine& operator=(const NativeEngine&) = delete;
  ~NativeEngine();

  pe_engine* handle() const { return handle_; }
  bool closed() const { return closed_; }

  // The configuration as {field: value}.
  pybind11::dict config() const;
  void close();
  void save(pybind11::handle path, pybind11::handle now_ms);
  void start_ticker(pybind11::handle period_ms);
  void stop_ticker();
  void set_event_callback(pybind11::handle callable);
  pybind11::object event_callback() const;

 private:
  // Raises RuntimeError when called from this engine's own event callback.
  void refuse_in_callback(const char* what) const;

  pe_engine* handle_ = nullptr;
  bool closed_ = false;  // guarded by the GIL
  std::string node_id_;  // as created: pe_engine_get_config() does not return it
  // Heap-allocated: its address is the C callback's payload, and it may have
  // to outlive this object (see the destructor).
  std::unique_ptr<EventCallback> callback_;
};

// Defines presence._presence.NativeEngine with all its methods.
void define_engine(pybind11::module_& m);
void define_signal_methods(pybind11::class_<NativeEngine>& cls);
void define_read_methods(pybind11::class_<NativeEngine>& cls);
void define_room_methods(pybind11::class_<NativeEngine>& cls);
void define_coordination_methods(pybind11::class_<NativeEngine>& cls);
void define_cluster_methods(pybind11::class_<NativeEngine>& cls);

// `self` of a method as the engine.
NativeEngine& engine_of(PyObject* self);

// Runs `call()` (returning a pe_status) without the GIL and raises for its status.
template <class Call>
void call_unlocked(Call&& call) {
  pe_status status = PE_OK;
  {
    pybind11::gil_scoped_release release;
    status = call();
  }
  check(status);
}

// Runs `read(pe_result**)` without the GIL and owns the result it makes.
template <class Read>
ResultPtr read_result(Read&& read) {
  pe_result* result = nullptr;
  pe_status status = PE_OK;
  {
    pybind11::gil_scoped_release release;
    status = read(&result);
  }
  ResultPtr owned = own(result);
  check(status);
  return owned;
}

// An optional count (of events, records, steps): None is 0 ("all"); otherwise 1..max.
std::size_t optional_limit(pybind11::handle limit, const char* argument, std::int64_t max);

// The arguments of an event read: events with seq > after, at most max (0: all available).
struct EventRange {
  std::uint64_t after;
  std::size_t max;
};
EventRange event_range(pybind11::handle after_seq, pybind11::handle limit);

}  // namespace presence_py
