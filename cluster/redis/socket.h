// Stream sockets to a Redis server: dialing TCP or Unix endpoints within a
// time budget, and moving bytes without blocking forever or raising SIGPIPE.
#pragma once

#include <cstddef>

#include "redis/io_wait.h"
#include "redis/options.h"
#include "redis/status.h"

namespace presence::cluster {

// An open, non-blocking stream socket, closed with its owner.
class Socket {
 public:
  Socket() = default;
  explicit Socket(int fd) : fd_(fd) {}
  ~Socket() { close(); }
  Socket(Socket&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  Socket& operator=(Socket&& other) noexcept;
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;

  int fd() const { return fd_; }
  void close();

 private:
  int fd_ = -1;
};

// Connects to the endpoint of `options` (TCP: every address the host
// resolves to, in order; or the Unix socket). TLS, if any, is layered on
// top by the caller. Name resolution (getaddrinfo) is not bounded by the
// budget: it has no timeout of its own; use addresses, or a local resolver.
RedisStatus dial(const RedisOptions& options, const IoBudget& budget, const Canceller& canceller,
                 Socket* out);

// Sends every byte of data[0, size).
RedisStatus send_all(const Socket& socket, const char* data, std::size_t size,
                     const IoBudget& budget, const Canceller& canceller);

// Receives between 1 and `capacity` bytes into *out_size. The end of the
// stream is an error (kIo): a Redis server never closes a connection that
// still owes replies, unless it is going away.
RedisStatus receive_some(const Socket& socket, char* buffer, std::size_t capacity,
                         const IoBudget& budget, const Canceller& canceller, std::size_t* out_size);

}  // namespace presence::cluster
