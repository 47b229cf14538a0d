// A file descriptor that becomes readable when events are published, so
// poll/epoll/kqueue loops need no busy polling. eventfd on Linux, a pipe on
// other POSIX systems; unsupported elsewhere.
#pragma once

#include <cstdint>

namespace presence::capi {

class EventWaker {
 public:
  EventWaker() = default;
  EventWaker(const EventWaker&) = delete;
  EventWaker& operator=(const EventWaker&) = delete;
  ~EventWaker() { close(); }

  // Creates the descriptor on first use. Returns -1 if unsupported or failed.
  int fd();
  // Makes the descriptor readable (no-op before fd() was called).
  void notify();
  void close();

 private:
  int read_fd_ = -1;
  int write_fd_ = -1;
};

}  // namespace presence::capi
