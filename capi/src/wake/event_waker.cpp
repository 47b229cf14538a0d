#include "wake/event_waker.h"

#if defined(__linux__)
#include <sys/eventfd.h>
#include <unistd.h>
#elif defined(__unix__) || defined(__APPLE__)
#include <fcntl.h>
#include <unistd.h>
#endif

namespace presence::capi {

int EventWaker::fd() {
  if (read_fd_ >= 0) return read_fd_;
#if defined(__linux__)
  read_fd_ = write_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
#elif defined(__unix__) || defined(__APPLE__)
  int fds[2];
  if (::pipe(fds) == 0) {
    for (int f : fds) {
      ::fcntl(f, F_SETFL, ::fcntl(f, F_GETFL) | O_NONBLOCK);
      ::fcntl(f, F_SETFD, FD_CLOEXEC);
    }
    read_fd_ = fds[0];
    write_fd_ = fds[1];
  }
#endif
  return read_fd_;
}

void EventWaker::notify() {
#if defined(__unix__) || defined(__APPLE__)
  if (write_fd_ < 0) return;
  const std::uint64_t one = 1;
  // A full pipe or a saturated counter is already readable: nothing to do.
  [[maybe_unused]] const auto written = ::write(write_fd_, &one, sizeof(one));
#endif
}

void EventWaker::close() {
#if defined(__unix__) || defined(__APPLE__)
  if (read_fd_ >= 0) ::close(read_fd_);
  if (write_fd_ >= 0 && write_fd_ != read_fd_) ::close(write_fd_);
#endif
  read_fd_ = write_fd_ = -1;
}

}  // namespace presence::capi
