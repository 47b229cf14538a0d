#include "ticker.h"

#include <chrono>
#include <system_error>

namespace presence::node {

namespace {

// Timer steps per hold of the engine's lock (as the C ticker does).
constexpr size_t kSliceSteps = 256;
// Between two slices of a backlog, how long to wait at most for the calls
// in progress, and how often to look.
constexpr int kHandOverChecks = 200;
constexpr std::chrono::microseconds kHandOverCheck{10};

}  // namespace

pe_status Ticker::Start(pe_engine* engine, int64_t period_ms, const std::atomic<uint32_t>* calls) {
  if (period_ms < 1 || period_ms > 60'000) return PE_INVALID_ARGUMENT;
  Stop();
  std::lock_guard<std::mutex> control(control_);
  stopping_ = false;
  try {
    thread_ = std::thread([this, engine, period_ms, calls] { Run(engine, period_ms, calls); });
  } catch (const std::system_error&) {
    return PE_OUT_OF_MEMORY;
  }
  return PE_OK;
}

void Ticker::Stop() {
  std::lock_guard<std::mutex> control(control_);
  {
    // Under the mutex, so the store cannot fall between the thread's check
    // and its wait.
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Ticker::Run(pe_engine* engine, int64_t period_ms, const std::atomic<uint32_t>* calls) {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    int more = 1;
    while (more != 0 && !stopping_ &&
           pe_engine_advance(engine, PE_NOW, kSliceSteps, &more) == PE_OK) {
      // A call that is waiting for the lock goes first (bounded, in case
      // one runs long on its own).
      for (int check = 0; more != 0 && check < kHandOverChecks && calls->load() != 0; ++check) {
        std::this_thread::sleep_for(kHandOverCheck);
      }
    }
    lock.lock();
    wake_.wait_for(lock, std::chrono::milliseconds(period_ms), [this] { return stopping_.load(); });
  }
}

}  // namespace presence::node
