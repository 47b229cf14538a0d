// The background thread that keeps a shared engine current (tickIntervalMs).
//
// WORKAROUND for the C ABI's pe_engine_start_ticker() (capi/src/engine_c.cpp):
// its thread runs due timers in slices of 256 steps "so that other callers
// never wait long for the lock", but it takes the lock again right after
// releasing it, and std::mutex is not fair: during an expiry storm a
// JavaScript thread waiting for the engine (to read events, or for any call)
// waits until the whole backlog is done — 67 ms for 100,000 sessions
// expiring at once, measured. This ticker does the same work through
// pe_engine_advance(), but between two slices of a backlog it lets every
// call from JavaScript that is in progress (counted by EngineCall, in any
// thread) go first, so such a call waits for one slice at most.
// Remove it once the C ticker hands the lock over between slices.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "presence/presence.h"

namespace presence::node {

class Ticker {
 public:
  Ticker() = default;
  Ticker(const Ticker&) = delete;
  Ticker& operator=(const Ticker&) = delete;
  ~Ticker() { Stop(); }

  // Runs due timers of `engine` every `period_ms` (1..60000) on a new thread,
  // replacing a running one; yields to the calls counted by `calls`.
  // PE_OK, PE_INVALID_ARGUMENT or PE_OUT_OF_MEMORY.
  pe_status Start(pe_engine* engine, int64_t period_ms, const std::atomic<uint32_t>* calls);
  // Stops the thread and joins it. Idempotent.
  void Stop();

 private:
  void Run(pe_engine* engine, int64_t period_ms, const std::atomic<uint32_t>* calls);

  std::mutex control_;  // serialises Start() and Stop()
  std::mutex mutex_;    // for wake_
  std::condition_variable wake_;
  std::atomic<bool> stopping_{false};  // also read between slices of a backlog
  std::thread thread_;
};

}  // namespace presence::node
