#include "wake/ticker.h"

#include <chrono>
#include <utility>

namespace presence::capi {

void Ticker::start(std::int64_t period_ms, std::function<void()> tick) {
  stop();
  std::lock_guard<std::mutex> control(control_);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = false;
  }
  thread_ = std::thread([this, period_ms, tick = std::move(tick)] {
    owner_.store(std::this_thread::get_id());
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      tick();
      lock.lock();
      wake_.wait_for(lock, std::chrono::milliseconds(period_ms), [this] { return stopping_; });
    }
  });
}

void Ticker::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable() && thread_.get_id() == std::this_thread::get_id()) return;
  std::lock_guard<std::mutex> control(control_);
  if (thread_.joinable()) thread_.join();
}

}  // namespace presence::capi
