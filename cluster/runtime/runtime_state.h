// What the runtime's threads share: the stop signal, statistics, the last
// error and readiness for pe_cluster_start(). Everything here is safe to use
// from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>

#include "presence/presence.h"
#include "redis/connection.h"
#include "redis/status.h"

namespace presence::cluster {

// Milliseconds since the Unix epoch: the engine's clock and Redis's stream ids.
std::int64_t wall_clock_ms();

class RuntimeState {
 public:
  enum Thread { kWriter = 0, kFollower = 1, kLiveness = 2, kThreads = 3 };

  // Sleeps up to `ms`; false once stop was requested for `thread`.
  bool sleep_for(Thread thread, std::int64_t ms);
  bool running(Thread thread) const { return !stop_[thread].load(std::memory_order_acquire); }
  void request_stop(Thread thread);

  void set_connected(Thread thread, bool connected) {
    connected_[thread].store(connected, std::memory_order_relaxed);
  }
  bool connected() const;

  // A Redis failure (retried by the caller). Before the start completed, a
  // failure no retry can fix (credentials, TLS, a bad database) ends the start.
  void record_error(Thread thread, const RedisStatus& status);
  std::string last_error() const;

  void mark_ready(Thread thread);
  // Waits until every thread is ready (true), a fatal error, or the timeout.
  bool wait_ready(std::int64_t timeout_ms);

  void count_sent(std::uint64_t records) {
    records_sent.fetch_add(records, std::memory_order_relaxed);
    batches_sent.fetch_add(1, std::memory_order_relaxed);
  }
  void record_lag(std::int64_t lag_ms);

  void fill(pe_cluster_stats* out) const;

  std::atomic<std::uint64_t> records_sent{0};
  std::atomic<std::uint64_t> batches_sent{0};
  std::atomic<std::uint64_t> records_received{0};
  std::atomic<std::uint64_t> bootstraps{0};
  std::atomic<std::uint64_t> mirror_rewrites{0};
  std::atomic<std::uint64_t> nodes_alive{0};
  std::atomic<bool> stopped{false};

 private:
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::atomic<bool> stop_[kThreads] = {};
  std::atomic<bool> connected_[kThreads] = {};
  bool ready_[kThreads] = {};
  bool fatal_ = false;
  std::string last_error_;
  std::uint64_t errors_ = 0;
  std::atomic<std::int64_t> lag_ms_{-1};
  std::atomic<std::int64_t> lag_max_ms_{-1};
};

// After a failed step: at least this long before the next, so that a
// failure that outlives the connection (a server error such as OOM or
// WRONGTYPE, a closed engine) is retried calmly rather than in a tight loop.
inline constexpr std::int64_t kRetryPauseMs = 100;

// Waits until `connection` is connected, at the start or after a failure
// (marking the thread disconnected meanwhile), in short waits so that a
// stop is noticed while Redis is down.
void wait_for_redis(RuntimeState* state, RuntimeState::Thread thread, RedisConnection* connection);

}  // namespace presence::cluster
