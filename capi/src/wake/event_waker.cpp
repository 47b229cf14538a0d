#include "wake/event_waker.h"

#include <algorithm>

#if defined(__linux__)
#include <sys/eventfd.h>
#include <unistd.h>
#elif defined(__unix__) || defined(__APPLE__)
#include <fcntl.h>
#include <unistd.h>
#endif

namespace presence::capi {

namespace {

void close_pipe(int read_fd, int write_fd) {
#if defined(__unix__) || defined(__APPLE__)
  ::close(read_fd);
  if (write_fd != read_fd) ::close(write_fd);
#else
  (void)read_fd;
  (void)write_fd;
#endif
}

}  // namespace

int EventWaker::open() {
  int read_fd = -1;
  int write_fd = -1;
#if defined(__linux__)
  read_fd = write_fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
#elif defined(__unix__) || defined(__APPLE__)
  int fds[2];
  if (::pipe(fds) == 0) {
    for (int f : fds) {
      ::fcntl(f, F_SETFL, ::fcntl(f, F_GETFL) | O_NONBLOCK);
      ::fcntl(f, F_SETFD, FD_CLOEXEC);
    }
    read_fd = fds[0];
    write_fd = fds[1];
  }
#endif
  if (read_fd < 0) return -1;
  std::lock_guard<std::mutex> lock(mutex_);
  try {
    pipes_.push_back(Pipe{read_fd, write_fd});
  } catch (...) {
    close_pipe(read_fd, write_fd);
    throw;
  }
  return read_fd;
}

bool EventWaker::release(int fd) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = std::find_if(pipes_.begin(), pipes_.end(),
                               [fd](const Pipe& pipe) { return pipe.read_fd == fd; });
  if (it == pipes_.end()) return false;
  close_pipe(it->read_fd, it->write_fd);
  pipes_.erase(it);
  return true;
}

void EventWaker::notify() {
#if defined(__unix__) || defined(__APPLE__)
  std::lock_guard<std::mutex> lock(mutex_);
  const std::uint64_t one = 1;
  for (const Pipe& pipe : pipes_) {
    // A full pipe or a saturated counter is already readable: nothing to do.
    [[maybe_unused]] const auto written = ::write(pipe.write_fd, &one, sizeof(one));
  }
#endif
}

void EventWaker::close() {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const Pipe& pipe : pipes_) close_pipe(pipe.read_fd, pipe.write_fd);
  pipes_.clear();
}

}  // namespace presence::capi
