#include "redis/backoff.h"

#include <algorithm>
#include <chrono>

namespace presence::cluster {

Backoff::Backoff(std::int64_t min_ms, std::int64_t max_ms)
    : min_ms_(min_ms),
      max_ms_(max_ms),
      current_ms_(min_ms),
      // Seeded from the clock, not std::random_device (which may throw):
      // jitter only needs nodes to differ, not unpredictability.
      random_(static_cast<std::minstd_rand::result_type>(
          std::chrono::steady_clock::now().time_since_epoch().count())) {}

std::int64_t Backoff::next_delay_ms() {
  const std::int64_t delay = current_ms_;
  current_ms_ = std::min(max_ms_, current_ms_ * 2);
  const std::int64_t half = delay / 2;
  std::uniform_int_distribution<std::int64_t> jitter(0, delay - half);
  return half + jitter(random_);
}

}  // namespace presence::cluster
