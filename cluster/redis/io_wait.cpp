#include "redis/io_wait.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace presence::cluster {

namespace {

RedisStatus cancelled_status() {
  return {RedisCode::kClosed, "connection cancelled"};
}

// Milliseconds until `deadline` for poll(), rounded up so a wait never ends
// before its deadline; -1 (forever) for the unlimited deadline.
int poll_timeout(SteadyClock::time_point deadline) {
  if (deadline == SteadyClock::time_point::max()) return -1;
  const auto left = deadline - SteadyClock::now();
  if (left <= SteadyClock::duration::zero()) return 0;
  const auto ms = std::chrono::ceil<std::chrono::milliseconds>(left).count();
  return ms > 1'000'000'000 ? 1'000'000'000 : static_cast<int>(ms);
}

// poll() over the socket (if any) and the canceller until `deadline`.
// *out_ready tells whether the socket became ready.
RedisStatus poll_until(int fd, short events, SteadyClock::time_point deadline,
                       const Canceller& canceller, bool* out_ready) {
  *out_ready = false;
  for (;;) {
    pollfd fds[2] = {{canceller.fd(), POLLIN, 0}, {fd, events, 0}};
    const int timeout = poll_timeout(deadline);
    const int n = ::poll(fds, fd >= 0 ? 2 : 1, timeout);
    if (n < 0) {
      if (errno == EINTR) continue;
      return {RedisCode::kIo, std::string("poll: ") + std::strerror(errno)};
    }
    if (fds[0].revents != 0) return cancelled_status();
    // Errors and hang-ups count as ready: the read or write that follows
    // reports what exactly went wrong.
    if (n > 0) {
      *out_ready = true;
      return RedisStatus::ok();
    }
    if (timeout >= 0 && SteadyClock::now() >= deadline) return RedisStatus::ok();
  }
}

}  // namespace

IoBudget IoBudget::until(SteadyClock::time_point deadline) {
  IoBudget budget;
  budget.hard_deadline = deadline;
  return budget;
}

IoBudget IoBudget::idle(std::int64_t ms) {
  IoBudget budget;
  budget.idle_ms = ms;
  return budget;
}

SteadyClock::time_point IoBudget::next_deadline() const {
  if (idle_ms < 0 || idle_ms >= kUnboundedWaitMs) return hard_deadline;
  const auto idle_deadline = SteadyClock::now() + std::chrono::milliseconds(idle_ms);
  return idle_deadline < hard_deadline ? idle_deadline : hard_deadline;
}

Canceller::Canceller() : fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {}

Canceller::~Canceller() {
  if (fd_ >= 0) ::close(fd_);
}

void Canceller::cancel() {
  // Never read back: the counter stays non-zero, so the fd stays readable
  // and every later poll() returns at once.
  const std::uint64_t one = 1;
  while (::write(fd_, &one, sizeof one) < 0 && errno == EINTR) {
  }
}

bool Canceller::cancelled() const {
  pollfd fd = {fd_, POLLIN, 0};
  return ::poll(&fd, 1, 0) > 0;
}

RedisStatus wait_ready(int fd, short events, const IoBudget& budget, const Canceller& canceller) {
  bool ready = false;
  PE_REDIS_TRY(poll_until(fd, events, budget.next_deadline(), canceller, &ready));
  if (!ready) return {RedisCode::kTimeout, "timed out"};
  return RedisStatus::ok();
}

RedisStatus sleep_cancellable(std::int64_t ms, const Canceller& canceller) {
  bool ready = false;
  const auto until = ms >= kUnboundedWaitMs ? SteadyClock::time_point::max()
                                            : SteadyClock::now() + std::chrono::milliseconds(ms);
  return poll_until(-1, 0, until, canceller, &ready);
}

}  // namespace presence::cluster
