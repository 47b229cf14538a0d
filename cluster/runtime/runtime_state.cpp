#include "runtime/runtime_state.h"

#include <algorithm>

namespace presence::cluster {

std::int64_t wall_clock_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool RuntimeState::sleep_for(Thread thread, std::int64_t ms) {
  std::unique_lock<std::mutex> lock(mutex_);
  wake_.wait_for(lock, std::chrono::milliseconds(ms), [&] { return !running(thread); });
  return running(thread);
}

void RuntimeState::request_stop(Thread thread) {
  {
    // Under the lock, so that a sleeper cannot miss the change.
    std::lock_guard<std::mutex> lock(mutex_);
    stop_[thread].store(true, std::memory_order_release);
  }
  wake_.notify_all();
}

bool RuntimeState::connected() const {
  return std::all_of(std::begin(connected_), std::end(connected_),
                     [](const std::atomic<bool>& c) { return c.load(std::memory_order_relaxed); });
}

void RuntimeState::record_error(Thread thread, const RedisStatus& status) {
  static const char* const kNames[kThreads] = {"writer", "follower", "liveness"};
  {
    std::lock_guard<std::mutex> lock(mutex_);
    last_error_ = std::string(kNames[thread]) + ": " + status.to_string();
    ++errors_;
    const bool started =
        std::all_of(std::begin(ready_), std::end(ready_), [](bool r) { return r; });
    const RedisCode code = status.code();
    if (!started && (code == RedisCode::kAuth || code == RedisCode::kTls ||
                     code == RedisCode::kInvalidArgument)) {
      fatal_ = true;
    }
  }
  wake_.notify_all();
}

std::string RuntimeState::last_error() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return last_error_;
}

void RuntimeState::mark_ready(Thread thread) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ready_[thread] = true;
  }
  wake_.notify_all();
}

bool RuntimeState::wait_ready(std::int64_t timeout_ms) {
  std::unique_lock<std::mutex> lock(mutex_);
  auto all_ready = [&] {
    return std::all_of(std::begin(ready_), std::end(ready_), [](bool r) { return r; });
  };
  wake_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                 [&] { return fatal_ || all_ready(); });
  return !fatal_ && all_ready();
}

void RuntimeState::record_lag(std::int64_t lag_ms) {
  lag_ms = std::max<std::int64_t>(lag_ms, 0);
  lag_ms_.store(lag_ms, std::memory_order_relaxed);
  std::int64_t max = lag_max_ms_.load(std::memory_order_relaxed);
  while (lag_ms > max && !lag_max_ms_.compare_exchange_weak(max, lag_ms)) {
  }
}

void RuntimeState::fill(pe_cluster_stats* out) const {
  out->connected = connected() ? 1 : 0;
  out->stopped = stopped.load() ? 1 : 0;
  out->replication_lag_ms = lag_ms_.load(std::memory_order_relaxed);
  out->replication_lag_max_ms = lag_max_ms_.load(std::memory_order_relaxed);
  out->records_sent = records_sent.load(std::memory_order_relaxed);
  out->batches_sent = batches_sent.load(std::memory_order_relaxed);
  out->records_received = records_received.load(std::memory_order_relaxed);
  out->bootstraps = bootstraps.load(std::memory_order_relaxed);
  out->mirror_rewrites = mirror_rewrites.load(std::memory_order_relaxed);
  out->nodes_alive = nodes_alive.load(std::memory_order_relaxed);
  std::lock_guard<std::mutex> lock(mutex_);
  out->errors = errors_;
}

void wait_for_redis(RuntimeState* state, RuntimeState::Thread thread, RedisConnection* connection) {
  state->set_connected(thread, false);
  while (state->running(thread)) {
    RedisStatus status = connection->wait_connected(250);
    if (status.is_ok()) {
      state->set_connected(thread, true);
      return;
    }
    state->record_error(thread, status);
    // wait_connected() returns at once for what no retry fixes (credentials).
    if (!status.retryable()) state->sleep_for(thread, 250);
  }
}

}  // namespace presence::cluster
