// NativeReader: one pe_reader, a redacted (and possibly room-scoped) view of
// an engine. presence.Reader (presence/_reader.py) subclasses it.
//
// Lifetimes: a pe_reader borrows its pe_engine, so a NativeReader holds a
// strong reference to its engine, which is therefore destroyed after every
// reader of it. Closing the engine first is fine: the reader's calls then
// raise ClosedError. The pe_reader itself is freed by close() (or when the
// reader is collected); reads run without the GIL, so a close() racing with
// them defers the free to the last read still running.
#pragma once

#include <pybind11/pybind11.h>

#include <optional>
#include <string>

#include "presence/presence.h"
#include "records.h"

namespace presence_py {

class NativeReader {
 public:
  // `engine`: a NativeEngine; `room_id`: a str, or None for the whole engine.
  NativeReader(pybind11::object engine, pybind11::handle room_id);
  NativeReader(const NativeReader&) = delete;
  NativeReader& operator=(const NativeReader&) = delete;
  ~NativeReader();

  void close();
  bool closed() const { return closed_; }
  pybind11::object room_id() const;
  const pybind11::object& engine() const { return engine_; }

  // Runs `read(pe_reader*, pe_result**)` without the GIL; owns the result.
  template <class Read>
  ResultPtr read(Read&& read) {
    pe_result* result = nullptr;
    pe_status status = PE_OK;
    {
      const Use use(this);
      pybind11::gil_scoped_release release;
      status = read(handle_, &result);
    }
    ResultPtr owned = own(result);
    check(status);
    return owned;
  }

  // Runs `call(pe_reader*)` without the GIL and raises for its status.
  template <class Call>
  void call(Call&& call) {
    pe_status status = PE_OK;
    {
      const Use use(this);
      pybind11::gil_scoped_release release;
      status = call(handle_);
    }
    check(status);
  }

 private:
  // A read in progress: raises ClosedError if the reader is closed, and
  // frees the pe_reader at its end if close() came meanwhile. Made and
  // destroyed with the GIL held, which guards the counts.
  class Use {
   public:
    explicit Use(NativeReader* reader);
    Use(const Use&) = delete;
    Use& operator=(const Use&) = delete;
    ~Use();

   private:
    NativeReader* reader_;
  };

  pybind11::object engine_;  // keeps the engine alive while the pe_reader borrows it
  std::optional<std::string> room_;
  pe_reader* handle_ = nullptr;
  int reads_running_ = 0;  // guarded by the GIL
  bool closed_ = false;    // guarded by the GIL
};

// Defines presence._presence.NativeReader.
void define_reader(pybind11::module_& m);

}  // namespace presence_py
