// Wakes one JavaScript environment when its engine publishes events.
//
// Threads: Wake() runs on whichever native thread published events (the
// ticker's thread, or any JavaScript thread calling the engine, including
// other workers). It only queues a call on the environment's event loop
// through a Napi::ThreadSafeFunction, so it never blocks and never calls
// JavaScript itself. Wake-ups coalesce: while one is queued, others are
// dropped, and the JavaScript side then reads every event up to the newest.
//
// Lifetime: the thread-safe function ends either by Close() (the handle
// unsubscribed or closed) or by its environment ending (a worker exiting).
// Either way the waker leaves its engine's list before the thread-safe
// function is freed, under the lock Wake() runs under, so no native thread
// can reach a freed function.
#pragma once

#include <napi.h>

#include <atomic>
#include <memory>

namespace presence::node {

class SharedEngine;

class Waker {
 public:
  // Subscribes `callback` (called with no arguments on the environment's
  // thread) to `engine`'s events.
  static std::shared_ptr<Waker> Subscribe(Napi::Env env,
                                          const std::shared_ptr<SharedEngine>& engine,
                                          Napi::Function callback);
  Waker(const Waker&) = delete;
  Waker& operator=(const Waker&) = delete;
  ~Waker() = default;

  // Any thread.
  void Wake();
  // JavaScript thread: stop waking and release the thread-safe function.
  void Close();
  // JavaScript thread: whether a pending subscription keeps the loop alive.
  void Ref(Napi::Env env);
  void Unref(Napi::Env env);

 private:
  explicit Waker(std::weak_ptr<SharedEngine> engine) : engine_(std::move(engine)) {}
  void Finalized();

  const std::weak_ptr<SharedEngine> engine_;
  Napi::ThreadSafeFunction tsfn_;
  std::atomic<bool> pending_{false};
  bool released_ = false;  // JavaScript thread only
};

}  // namespace presence::node
