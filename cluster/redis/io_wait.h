// Waiting on sockets with a time limit and a way out: every blocking point
// of the transport is a poll() here, bounded by an IoBudget and woken by a
// Canceller, so nothing in this library can hang a thread for good.
#pragma once

#include <chrono>
#include <cstdint>

#include "redis/status.h"

namespace presence::cluster {

using SteadyClock = std::chrono::steady_clock;

// Waits longer than this (about 35 years) are taken as unbounded, so that
// adding one to the clock cannot overflow.
inline constexpr std::int64_t kUnboundedWaitMs = std::int64_t{1} << 40;

// How long I/O may wait. Two limits, either or both: a hard deadline for a
// whole procedure (connecting: dial + TLS + AUTH), and an idle limit for each
// wait without progress (commands: a large pipeline or reply may take long
// as long as bytes keep moving; a silent server times out).
struct IoBudget {
  SteadyClock::time_point hard_deadline = SteadyClock::time_point::max();
  std::int64_t idle_ms = -1;  // < 0 or >= kUnboundedWaitMs: no idle limit

  static IoBudget until(SteadyClock::time_point deadline);
  static IoBudget idle(std::int64_t ms);
  static IoBudget unlimited() { return {}; }

  // The deadline of a wait that starts now.
  SteadyClock::time_point next_deadline() const;
};

// A one-way switch, thrown from any thread, that makes every current and
// future wait on it return kClosed. Backed by an eventfd that poll() watches
// next to the socket, so a thread blocked in a read wakes at once.
class Canceller {
 public:
  Canceller();  // check ok(): creating the eventfd may fail (out of descriptors)
  ~Canceller();
  Canceller(const Canceller&) = delete;
  Canceller& operator=(const Canceller&) = delete;

  bool ok() const { return fd_ >= 0; }
  void cancel();  // thread-safe, idempotent
  bool cancelled() const;
  int fd() const { return fd_; }

 private:
  int fd_;
};

// Waits until `fd` is ready for `events` (POLLIN / POLLOUT). kTimeout when
// the budget's next deadline passes, kClosed when cancelled, kIo when poll
// itself fails.
RedisStatus wait_ready(int fd, short events, const IoBudget& budget, const Canceller& canceller);

// Sleeps for `ms` unless cancelled first (then kClosed).
RedisStatus sleep_cancellable(std::int64_t ms, const Canceller& canceller);

}  // namespace presence::cluster
