// One native engine shared by every JavaScript handle to it, in this thread
// or in worker threads.
//
// Lifetime: each handle (one per Engine object, in any environment) holds a
// std::shared_ptr; the engine is closed and destroyed when the last one goes.
// pe_engine_destroy() needs no other thread to be using the engine, and every
// thread that can call it holds a reference, so the last release is always safe.
//
// Sharing: share() returns a token (a number) that any environment of this
// process can attach to while at least one handle is still open. Tokens are
// never reused, so a stale token finds nothing instead of another engine.
//
// Events: the C ABI has one event callback per engine. It is registered here
// once and fans out to every subscribed Waker (one per subscribed handle).
// pe_engine_destroy() (through pe_engine_close()) stops the C ticker and
// waits for any callback still running, so the payload, this object, is
// never reached once the destructor has destroyed the C engine.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "presence/presence.h"

namespace presence::node {

class Waker;

class SharedEngine {
 public:
  // PE_OK and *out set, or the C status (pe_last_error_message() tells why).
  static pe_status Create(const pe_config* config, std::shared_ptr<SharedEngine>* out);
  // Takes ownership of an engine just created (e.g. by
  // pe_engine_create_from_file()) and registers it for sharing. Never null.
  static std::shared_ptr<SharedEngine> Adopt(pe_engine* engine);
  // The engine shared under `token`, or null if it no longer exists.
  static std::shared_ptr<SharedEngine> Attach(uint64_t token);

  SharedEngine(const SharedEngine&) = delete;
  SharedEngine& operator=(const SharedEngine&) = delete;
  ~SharedEngine();

  pe_engine* get() const { return engine_; }
  uint64_t token() const { return token_; }

  void AddWaker(const std::shared_ptr<Waker>& waker);
  // After it returns, the waker is never woken again by this engine.
  void RemoveWaker(const Waker* waker);

 private:
  SharedEngine(pe_engine* engine, uint64_t token) : engine_(engine), token_(token) {}
  // The C event callback: runs on whichever thread published events.
  static void OnEvents(void* payload, uint64_t last_seq);

  pe_engine* const engine_;
  const uint64_t token_;
  std::mutex wakers_mutex_;
  std::vector<std::shared_ptr<Waker>> wakers_;
};

}  // namespace presence::node
