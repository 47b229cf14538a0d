// A byte stream to the server: a plain socket or TLS over one. The
// connection speaks RESP over whichever it was given.
#pragma once

#include <cstddef>
#include <utility>

#include "redis/io_wait.h"
#include "redis/socket.h"
#include "redis/status.h"

namespace presence::cluster {

class Channel {
 public:
  virtual ~Channel() = default;
  // Sends every byte of data[0, size).
  virtual RedisStatus send(const char* data, std::size_t size, const IoBudget& budget,
                           const Canceller& canceller) = 0;
  // Receives between 1 and `capacity` bytes.
  virtual RedisStatus receive(char* buffer, std::size_t capacity, const IoBudget& budget,
                              const Canceller& canceller, std::size_t* out_size) = 0;
};

class PlainChannel final : public Channel {
 public:
  explicit PlainChannel(Socket socket) : socket_(std::move(socket)) {}

  RedisStatus send(const char* data, std::size_t size, const IoBudget& budget,
                   const Canceller& canceller) override {
    return send_all(socket_, data, size, budget, canceller);
  }
  RedisStatus receive(char* buffer, std::size_t capacity, const IoBudget& budget,
                      const Canceller& canceller, std::size_t* out_size) override {
    return receive_some(socket_, buffer, capacity, budget, canceller, out_size);
  }

 private:
  Socket socket_;
};

}  // namespace presence::cluster
