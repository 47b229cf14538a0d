// A scoped reader (pe_reader) as JavaScript holds it: a type-tagged
// external, like the engine handle (handle.h).
//
// Lifetime: a pe_reader borrows its engine ("destroy readers before the
// engine"), so a reader holds a reference to the shared engine: the C engine
// cannot be destroyed while a pe_reader of it exists, whatever JavaScript
// does. Closing the engine handle a reader was made from closes the reader
// as well (Handle::Close), so after engine.close() the reader's calls throw
// ClosedError and the engine is not kept alive by forgotten readers.
#pragma once

#include <napi.h>

#include <memory>

#include "presence/presence.h"

namespace presence::node {

class SharedEngine;

class Reader {
 public:
  Reader(std::shared_ptr<SharedEngine> engine, pe_reader* reader, bool room_scoped)
      : engine_(std::move(engine)), reader_(reader), room_scoped_(room_scoped) {}
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;
  ~Reader() { Close(false); }

  // Destroys the pe_reader, then drops the engine: in that order, as the C
  // ABI requires. `by_engine` says the engine handle was closed (for the
  // message of later calls). Idempotent.
  void Close(bool by_engine);

  bool closed() const { return reader_ == nullptr; }
  bool room_scoped() const { return room_scoped_; }
  // The open pe_reader; throws ClosedError once the reader or its engine
  // handle was closed.
  pe_reader* Open(Napi::Env env) const;

 private:
  std::shared_ptr<SharedEngine> engine_;
  pe_reader* reader_;
  const bool room_scoped_;
  bool closed_by_engine_ = false;
};

// Wraps a new reader external; the garbage collector closes it if
// JavaScript never does (a safety net only: close() is the contract).
Napi::Value NewReader(Napi::Env env, const std::shared_ptr<Reader>& reader);

// The reader in `value`, closed or not; throws InvalidArgumentError if it is
// not one of ours.
Reader& UnwrapReader(Napi::Env env, napi_value value);

}  // namespace presence::node
