// NativeEngine: configuration, lifetime, time, the ticker and the event
// callback. Signals are in engine_signals.cpp, reads in engine_reads.cpp.
#include "engine.h"

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <thread>

#include "arguments.h"
#include "config.h"
#include "errors.h"
#include "records.h"

namespace py = pybind11;

namespace presence_py {

NativeEngine::NativeEngine(py::handle config, py::handle snapshot, py::handle now_ms)
    : callback_(std::make_unique<EventCallback>()) {
  const pe_config c = read_config(config);
  if (snapshot.is_none()) {
    check(pe_engine_create(&c, &handle_));
  } else {
    const std::string_view path = text_arg(snapshot.ptr(), "path");
    const std::int64_t now = time_arg(now_ms.ptr());
    pe_engine* created = nullptr;
    pe_status status = PE_OK;
    {
      // Reading and checking the file takes time: other threads may run.
      py::gil_scoped_release release;
      status = pe_engine_create_from_file(&c, path.data(), path.size(), now, &created);
    }
    check(status);
    handle_ = created;
  }
  if (c.node_id != nullptr) node_id_.assign(c.node_id, c.node_id_len);
}

py::dict NativeEngine::config() const {
  pe_config c;
  pe_config_init(&c);
  check(pe_engine_get_config(handle_, &c));
  // pe_engine_get_config() leaves node_id out (it would point into the
  // engine); the id this engine was created with is kept here instead.
  py::dict out = config_dict(c);
  if (!node_id_.empty()) out["node_id"] = py::str(node_id_);
  return out;
}

NativeEngine::~NativeEngine() {
  if (handle_ == nullptr) return;
  callback_->set(py::object());  // drop the callable while the GIL is held
  if (callback_->running_here()) {
    // Collected inside its own event callback (the garbage collector can run
    // anywhere), perhaps on the ticker thread that pe_engine_destroy() must
    // join: destroy from a thread of its own, which also frees the callback
    // state the running trampoline still points at.
    try {
      std::thread([engine = handle_, callback = std::move(callback_)] {
        pe_engine_destroy(engine);
      }).detach();
    } catch (...) {
      pe_engine_close(handle_);  // no thread: stop it and leak the handle
    }
    return;
  }
  py::gil_scoped_release release;
  pe_engine_destroy(handle_);
}

void NativeEngine::refuse_in_callback(const char* what) const {
  if (callback_->running_here()) {
    PyErr_SetString(
        PyExc_RuntimeError,
        (std::string(what) + " cannot be called from the engine's own event callback").c_str());
    throw py::error_already_set();
  }
}

void NativeEngine::close() {
  refuse_in_callback("close()");
  pe_status status = PE_OK;
  {
    py::gil_scoped_release release;
    status = pe_engine_close(handle_);
  }
  check(status);
  closed_ = true;
  callback_->set(py::object());  // breaks a cycle engine -> callable -> engine
}

void NativeEngine::save(py::handle path, py::handle now_ms) {
  const std::string_view p = text_arg(path.ptr(), "path");
  const std::int64_t now = time_arg(now_ms.ptr());
  call_unlocked([&] { return pe_engine_save(handle_, p.data(), p.size(), now); });
}

void NativeEngine::start_ticker(py::handle period_ms) {
  refuse_in_callback("start_ticker()");
  const std::int64_t period = int_arg(period_ms.ptr(), "period_ms", 1, 60'000);
  pe_status status = PE_OK;
  {
    py::gil_scoped_release release;
    status = pe_engine_start_ticker(handle_, period);
  }
  check(status);
}

void NativeEngine::stop_ticker() {
  refuse_in_callback("stop_ticker()");
  if (closed_) raise_status(PE_CLOSED, "the engine is closed");
  pe_status status = PE_OK;
  {
    py::gil_scoped_release release;
    status = pe_engine_stop_ticker(handle_);
  }
  check(status);
}

void NativeEngine::set_event_callback(py::handle callable) {
  const bool remove = callable.is_none();
  if (!remove && PyCallable_Check(callable.ptr()) == 0) {
    raise_type_error("the event callback must be callable or None, not " +
                     type_name(callable.ptr()));
  }
  pe_status status = PE_OK;
  {
    py::gil_scoped_release release;
    status =
        remove ? pe_engine_set_event_callback(handle_, nullptr, nullptr)
               : pe_engine_set_event_callback(handle_, &EventCallback::trampoline, callback_.get());
  }
  check(status);
  callback_->set(remove ? py::object() : py::reinterpret_borrow<py::object>(callable));
}

py::object NativeEngine::event_callback() const {
  const py::object& callable = callback_->get();
  return callable ? callable : py::none();
}

std::size_t optional_limit(py::handle limit, const char* argument, std::int64_t max) {
  if (limit.is_none()) return 0;
  return static_cast<std::size_t>(int_arg(limit.ptr(), argument, 1, max));
}

EventRange event_range(py::handle after_seq, py::handle limit) {
  return {unsigned_arg(after_seq.ptr(), "after_seq", std::numeric_limits<std::uint64_t>::max()),
          optional_limit(limit, "limit", std::numeric_limits<std::int64_t>::max())};
}

NativeEngine& engine_of(PyObject* self) {
  return py::cast<NativeEngine&>(py::handle(self));
}

void define_engine(py::module_& m) {
  py::class_<NativeEngine> cls(m, "NativeEngine",
                               "The native engine; use presence.Engine, which subclasses it.");
  cls.def(py::init<py::handle, py::handle, py::handle>(), py::arg("config"),
          py::arg("snapshot") = py::none(), py::arg("now_ms") = py::none(),
          "Creates an engine from a presence.Config; with snapshot (a path, str), restores it "
          "from that file (written by _save()) at now_ms (None: the engine's clock).");
  cls.def("_save", &NativeEngine::save, py::arg("path"), py::kw_only(),
          py::arg("now_ms") = py::none(),
          "Saves a snapshot of the engine to path (str), atomically; presence.Engine.save() "
          "also takes an os.PathLike.");
  cls.def("_config", &NativeEngine::config,
          "The engine's configuration as {field: value}; presence.Engine.config() makes it a "
          "Config.");

  cls.def_property_readonly("closed", &NativeEngine::closed,
                            "True once close() was called on this engine.");
  cls.def("close", &NativeEngine::close,
          "Closes the engine: stops its ticker and frees its state. Later calls raise "
          "ClosedError. Idempotent; safe while other threads use the engine.");

  cls.def(
      "now",
      [](NativeEngine& self) {
        std::int64_t out = 0;
        check(pe_engine_now(self.handle(), &out));
        return out;
      },
      "The engine's current time: the latest time it has seen, in ms since the epoch.");
  cls.def(
      "advance",
      [](NativeEngine& self, py::handle now_ms, py::handle max_steps) {
        const std::int64_t now = time_arg(now_ms.ptr());
        const std::size_t steps =
            optional_limit(max_steps, "max_steps", std::numeric_limits<std::int64_t>::max());
        int more = 0;
        pe_status status = PE_OK;
        {
          py::gil_scoped_release release;
          status = pe_engine_advance(self.handle(), now, steps, &more);
        }
        check(status);
        return more != 0;
      },
      py::arg("now_ms") = py::none(), py::kw_only(), py::arg("max_steps") = py::none(),
      "Runs the timers due at or before now_ms (None: the engine's clock), so that "
      "transitions reached by time alone and debounced events happen. With max_steps, "
      "runs at most that many and returns True if more are due.");
  cls.def(
      "next_deadline",
      [](NativeEngine& self) -> py::object {
        std::int64_t out = 0;
        check(pe_engine_next_deadline(self.handle(), &out));
        if (out == std::numeric_limits<std::int64_t>::max()) return py::none();
        return py::int_(out);
      },
      "When the next timer is due (ms since the epoch), or None if none is pending.");
  cls.def("start_ticker", &NativeEngine::start_ticker, py::arg("period_ms"),
          "Starts a native background thread that advances the engine on its clock every "
          "period_ms (1..60000), replacing a running ticker.");
  cls.def("stop_ticker", &NativeEngine::stop_ticker,
          "Stops the ticker and waits for its thread to end (no-op if none runs).");

  cls.def("set_event_callback", &NativeEngine::set_event_callback, py::arg("callback"),
          "Registers callback(last_seq), called after events are published, or removes it "
          "with None. It runs on the publishing thread (possibly the native ticker thread) "
          "holding the GIL: keep it short, e.g. wake a loop with "
          "loop.call_soon_threadsafe. Exceptions go to sys.unraisablehook. It must not "
          "close the engine or start or stop its ticker.");
  cls.def_property_readonly("event_callback", &NativeEngine::event_callback,
                            "The registered event callback, or None.");
  cls.def(
      "event_fd",
      [](NativeEngine& self) {
        int fd = -1;
        check(pe_engine_event_fd(self.handle(), &fd));
        return fd;
      },
      "Opens a new file descriptor that becomes readable when events are published: one per "
      "consumer, since reading it consumes the wake-up. Drain it (read 8-byte values until it "
      "would block) before polling events. Owned by the engine: give it back with "
      "release_event_fd(); close() closes every one left. Engine.stream() uses its own; "
      "prefer that.");
  cls.def(
      "release_event_fd",
      [](NativeEngine& self, py::handle fd) {
        const auto value = static_cast<int>(int_arg(fd.ptr(), "fd", std::numeric_limits<int>::min(),
                                                    std::numeric_limits<int>::max()));
        check(pe_engine_release_event_fd(self.handle(), value));
      },
      py::arg("fd"),
      "Closes a descriptor from event_fd(). Raises InvalidArgumentError for a descriptor "
      "that is not one of this engine's.");
  cls.def(
      "stats",
      [](NativeEngine& self) {
        pe_stats stats;
        pe_stats_init(&stats);
        pe_status status = PE_OK;
        {
          py::gil_scoped_release release;
          status = pe_engine_stats(self.handle(), &stats);
        }
        check(status);
        return make_stats(stats);
      },
      "Engine statistics for monitoring (Stats); does not advance time.");

  define_signal_methods(cls);
  define_read_methods(cls);
  define_room_methods(cls);
  define_coordination_methods(cls);
  define_cluster_methods(cls);
}

}  // namespace presence_py
