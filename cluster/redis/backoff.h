// Delays between reconnection attempts: doubling from a minimum to a cap,
// with "equal jitter" (half the delay fixed, half random), so that the nodes
// of a cluster that lost Redis together do not all knock at the same instant
// when it comes back, while each still retries within a bounded time.
#pragma once

#include <cstdint>
#include <random>

namespace presence::cluster {

class Backoff {
 public:
  Backoff(std::int64_t min_ms, std::int64_t max_ms);

  // The delay before the next attempt, in [d/2, d] where d doubles from
  // min_ms with each call up to max_ms.
  std::int64_t next_delay_ms();
  // After a success: the next failure starts again from min_ms.
  void reset() { current_ms_ = min_ms_; }

 private:
  std::int64_t min_ms_;
  std::int64_t max_ms_;
  std::int64_t current_ms_;
  std::minstd_rand random_;
};

}  // namespace presence::cluster
