// File descriptors that become readable when events are published, so
// poll/epoll/kqueue loops need no busy polling: one per consumer, since
// reading a descriptor consumes its wake-up. eventfd on Linux, a pipe on
// other POSIX systems; unsupported elsewhere.
#pragma once

#include <cstdint>
#include <mutex>
#include <vector>

namespace presence::capi {

class EventWaker {
 public:
  EventWaker() = default;
  EventWaker(const EventWaker&) = delete;
  EventWaker& operator=(const EventWaker&) = delete;
  ~EventWaker() { close(); }

  // A new descriptor for one consumer; -1 if unsupported or failed.
  int open();
  // Closes one descriptor; false if it is not one of ours.
  bool release(int fd);
  // Makes every descriptor readable.
  void notify();
  void close();

 private:
  struct Pipe {
    int read_fd;
    int write_fd;
  };
  std::mutex mutex_;  // notify() runs under the engine's lock, open/release too
  std::vector<Pipe> pipes_;
};

}  // namespace presence::capi
