// The engine handle JavaScript holds: a type-tagged Napi::External.
//
// The tag (napi_type_tag_object) makes every entry point check that its
// first argument really is one of our handles, so passing any other object
// or external throws instead of reinterpreting foreign memory.
// A closed handle stays a valid object; using it throws ClosedError.
#pragma once

#include <napi.h>

#include <memory>
#include <vector>

#include "presence/presence.h"

namespace presence::node {

class Reader;
class SharedEngine;
class Waker;

struct Handle {
  std::shared_ptr<SharedEngine> engine;  // null once closed
  std::shared_ptr<Waker> waker;          // set while subscribed to events
  // The readers made from this handle (reader.h), closed with it. Weak: a
  // reader the garbage collector took is simply skipped.
  std::vector<std::weak_ptr<Reader>> readers;
  // Event descriptors opened through this handle (pe_engine_event_fd()),
  // released with it: the engine may outlive this handle in other threads.
  std::vector<int> event_fds;

  // Remembers a reader made from this handle, forgetting collected ones.
  void AddReader(const std::shared_ptr<Reader>& reader);
  // Unsubscribes, closes its readers, releases its event descriptors and
  // drops this handle's reference to the engine.
  void Close();
  ~Handle() { Close(); }
};

// Wraps a new handle on `engine`; the garbage collector closes it if
// JavaScript never does (a safety net only: close() is the contract).
Napi::Value NewHandle(Napi::Env env, std::shared_ptr<SharedEngine> engine);

// The data of the type-tagged external in `value`; throws
// InvalidArgumentError(`not_ours`) unless it carries `tag`.
void* UnwrapTagged(Napi::Env env, napi_value value, const napi_type_tag& tag, const char* not_ours);

// The handle in `value`, closed or not; throws InvalidArgumentError if it is
// not one of ours.
Handle& UnwrapHandle(Napi::Env env, napi_value value);

// The handle in `value`; throws ClosedError once it was closed.
Handle& OpenHandle(Napi::Env env, napi_value value);

// One call from JavaScript into the open engine behind `value` (throws
// ClosedError once it was closed). The handle keeps the engine alive for
// the whole call: JavaScript cannot close it while this native function
// runs on its thread.
class EngineCall {
 public:
  EngineCall(Napi::Env env, napi_value value);
  EngineCall(const EngineCall&) = delete;
  EngineCall& operator=(const EngineCall&) = delete;

  pe_engine* get() const { return engine_; }

 private:
  pe_engine* engine_;
};

}  // namespace presence::node
