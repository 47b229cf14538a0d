#include "redis/socket.h"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <string>

namespace presence::cluster {

namespace {

std::string errno_text(int error) {
  return std::strerror(error);
}

// Connects a new non-blocking socket to one address, waiting within the budget.
RedisStatus connect_address(int family, const sockaddr* address, socklen_t length,
                            const IoBudget& budget, const Canceller& canceller, Socket* out) {
  Socket socket(::socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (socket.fd() < 0) return {RedisCode::kIo, "socket: " + errno_text(errno)};
  if (::connect(socket.fd(), address, length) != 0) {
    // EAGAIN: a Unix socket whose listen backlog is full.
    if (errno != EINPROGRESS && errno != EAGAIN) return {RedisCode::kIo, errno_text(errno)};
    RedisStatus ready = wait_ready(socket.fd(), POLLOUT, budget, canceller);
    if (!ready.is_ok()) {
      if (ready.code() == RedisCode::kTimeout) return {RedisCode::kTimeout, "connect timed out"};
      return ready;
    }
    int error = 0;
    socklen_t size = sizeof error;
    if (::getsockopt(socket.fd(), SOL_SOCKET, SO_ERROR, &error, &size) != 0) error = errno;
    if (error != 0) return {RedisCode::kIo, errno_text(error)};
  }
  if (family != AF_UNIX) {
    const int on = 1;
    // Commands are small and latency-bound: no Nagle delay. Keepalive lets a
    // long blocking read notice a peer that vanished without a FIN.
    ::setsockopt(socket.fd(), IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    ::setsockopt(socket.fd(), SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
  }
  *out = std::move(socket);
  return RedisStatus::ok();
}

RedisStatus dial_tcp(const RedisOptions& options, const IoBudget& budget,
                     const Canceller& canceller, Socket* out) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string port = std::to_string(options.port);
  const int resolved = ::getaddrinfo(options.host.c_str(), port.c_str(), &hints, &found);
  if (resolved != 0) {
    return {RedisCode::kIo, "cannot resolve " + options.host + ": " + ::gai_strerror(resolved)};
  }
  const std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> addresses(found, &::freeaddrinfo);
  RedisStatus last(RedisCode::kIo, "no address");
  for (const addrinfo* a = found; a != nullptr; a = a->ai_next) {
    last = connect_address(a->ai_family, a->ai_addr, a->ai_addrlen, budget, canceller, out);
    // A timeout or a cancel ends the whole dial: the budget is spent.
    if (last.is_ok() || last.code() != RedisCode::kIo) break;
  }
  return last;
}

RedisStatus dial_unix(const RedisOptions& options, const IoBudget& budget,
                      const Canceller& canceller, Socket* out) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  // Length checked by RedisOptions::validate().
  std::memcpy(address.sun_path, options.unix_path.c_str(), options.unix_path.size() + 1);
  return connect_address(AF_UNIX, reinterpret_cast<const sockaddr*>(&address), sizeof address,
                         budget, canceller, out);
}

}  // namespace

Socket& Socket::operator=(Socket&& other) noexcept {
  if (this != &other) {
    close();
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

void Socket::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

RedisStatus dial(const RedisOptions& options, const IoBudget& budget, const Canceller& canceller,
                 Socket* out) {
  RedisStatus status;
  if (options.transport == RedisTransport::kUnix) {
    status = dial_unix(options, budget, canceller, out);
  } else {
    status = dial_tcp(options, budget, canceller, out);
  }
  if (status.is_ok()) return status;
  return {status.code(), "connect to " + options.endpoint() + ": " + status.message()};
}

RedisStatus send_all(const Socket& socket, const char* data, std::size_t size,
                     const IoBudget& budget, const Canceller& canceller) {
  while (size > 0) {
    // MSG_NOSIGNAL: a server that went away is an error status, not SIGPIPE.
    const ssize_t sent = ::send(socket.fd(), data, size, MSG_NOSIGNAL);
    if (sent > 0) {
      data += sent;
      size -= static_cast<std::size_t>(sent);
      continue;
    }
    if (sent < 0 && errno == EINTR) continue;
    if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      PE_REDIS_TRY(wait_ready(socket.fd(), POLLOUT, budget, canceller));
      continue;
    }
    return {RedisCode::kIo, "send: " + errno_text(errno)};
  }
  return RedisStatus::ok();
}

RedisStatus receive_some(const Socket& socket, char* buffer, std::size_t capacity,
                         const IoBudget& budget, const Canceller& canceller,
                         std::size_t* out_size) {
  for (;;) {
    const ssize_t got = ::recv(socket.fd(), buffer, capacity, 0);
    if (got > 0) {
      *out_size = static_cast<std::size_t>(got);
      return RedisStatus::ok();
    }
    if (got == 0) return {RedisCode::kIo, "connection closed by the server"};
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      PE_REDIS_TRY(wait_ready(socket.fd(), POLLIN, budget, canceller));
      continue;
    }
    return {RedisCode::kIo, "recv: " + errno_text(errno)};
  }
}

}  // namespace presence::cluster
