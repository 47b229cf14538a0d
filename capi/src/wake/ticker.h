// The optional background thread that keeps an engine current on its clock.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>

namespace presence::capi {

class Ticker {
 public:
  Ticker() = default;
  Ticker(const Ticker&) = delete;
  Ticker& operator=(const Ticker&) = delete;
  ~Ticker() { stop(); }

  // Runs `tick` every `period_ms` until stopped; a running ticker is stopped
  // first. May throw std::system_error when no thread can be started.
  void start(std::int64_t period_ms, std::function<void()> tick);
  // Stops the thread and joins it. Called on the ticker's own thread (from
  // inside `tick`), it only asks the thread to end; a later stop() joins it.
  void stop();
  // True on the ticker's own thread (inside `tick`).
  bool on_own_thread() const { return std::this_thread::get_id() == owner_.load(); }

 private:
  std::mutex control_;  // serialises start() and stop()
  std::mutex mutex_;    // guards stopping_
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
  std::atomic<std::thread::id> owner_{};
};

}  // namespace presence::capi
