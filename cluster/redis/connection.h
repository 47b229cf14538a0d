// One connection to a Redis server: connect, send commands, read replies.
//
// Threads: a RedisConnection is not synchronized; use one per thread (a
// follower thread blocked in XREAD BLOCK on its own connection while other
// threads write on theirs). The one exception is cancel(), which any thread
// may call at any time, also while another thread is blocked in a call.
//
// Failures and reconnection: a call whose connection breaks (the server
// went away, a timeout, a malformed or oversized reply) returns the error
// and drops the connection; it never resends the command by itself, since
// Redis may or may not have run it (an XADD sent twice is two entries). The
// next call reconnects. If reconnecting fails, later calls fail fast (kIo,
// nothing sent) until a delay has passed that doubles with each failed
// attempt, from reconnect_min_ms up to reconnect_max_ms; wait_connected()
// waits through those delays.
//
// Connecting runs, within connect_timeout_ms: the dial, the TLS handshake,
// then one pipelined round trip of AUTH (if a password is set), SELECT (if
// db != 0), CLIENT SETNAME (if a name is set) and PING, so a connection that
// reports success has a server that answers.
//
// Replies are RESP2 (see reply.h); a reply larger than max_reply_bytes is
// refused (kLimitExceeded) and the connection dropped.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "redis/backoff.h"
#include "redis/channel.h"
#include "redis/command.h"
#include "redis/io_wait.h"
#include "redis/options.h"
#include "redis/reply.h"
#include "redis/reply_reader.h"
#include "redis/status.h"

namespace presence::cluster {

// For execute(): the server may hold the reply indefinitely (BLOCK 0).
inline constexpr std::int64_t kWaitForever = -1;

class RedisConnection {
 public:
  // Validates the options (or parses the URL); does not connect yet.
  static RedisStatus create(const RedisOptions& options, std::unique_ptr<RedisConnection>* out);
  static RedisStatus create(std::string_view url, std::unique_ptr<RedisConnection>* out);

  RedisConnection(const RedisConnection&) = delete;
  RedisConnection& operator=(const RedisConnection&) = delete;
  ~RedisConnection();

  // Opens the connection now: one attempt, whatever the reconnection delay.
  // Also reopens after close(). kClosed after cancel().
  RedisStatus connect();
  // Attempts to connect, waiting out the reconnection delays, until
  // connected (ok), cancelled (kClosed) or `timeout_ms` has passed (the last
  // attempt's error). Returns at once when already connected.
  RedisStatus wait_connected(std::int64_t timeout_ms);
  bool is_connected() const { return channel_ != nullptr; }

  // Sends one command and reads its reply into *out. An error reply is
  // returned as kServerError with the server's message, and is also in *out.
  // `extra_wait_ms` is how long the server may legitimately hold the reply
  // on top of command_timeout_ms: a blocking command's block time, or
  // kWaitForever (or anything from kUnboundedWaitMs up) for "BLOCK 0": then
  // only the reply, a broken connection or cancel() ends the call.
  RedisStatus execute(const RedisCommand& command, RedisReply* out, std::int64_t extra_wait_ms = 0);

  // Sends every command in one write, then reads their replies, in order,
  // into *out. Ok when every reply arrived, even if some are error replies
  // (MULTI ... EXEC, or independent writes): check each. An empty list sends
  // nothing.
  RedisStatus pipeline(const std::vector<RedisCommand>& commands, std::vector<RedisReply>* out);

  // Drops the connection. Calls fail with kClosed until connect().
  void close();
  // Thread-safe: wakes a call blocked in any wait (kClosed) and closes this
  // connection for good; for stopping a follower thread at shutdown.
  void cancel() { canceller_.cancel(); }

  const RedisOptions& options() const { return options_; }

 private:
  enum class State { kClosed, kConnected, kBroken };

  explicit RedisConnection(const RedisOptions& options);

  // The connection procedure; leaves the connection open only on success.
  RedisStatus open();
  RedisStatus handshake(const IoBudget& budget);
  // Reconnects if broken and the delay has passed.
  RedisStatus ensure_connected();
  // One connection attempt; on failure, schedules the next one.
  RedisStatus attempt();
  // Sends `bytes` and reads `count` replies.
  RedisStatus round_trip(const std::string& bytes, std::size_t count, const IoBudget& budget,
                         std::vector<RedisReply>* out);
  // After a failed send, the server may have said why before it closed (a
  // TLS alert, "-ERR max number of clients reached"): that, read without
  // waiting, says more than "connection reset by peer".
  RedisStatus explain_send_failure(RedisStatus sent);
  // Drops the connection after a failed call and names the call in the error.
  RedisStatus call_failed(const std::string& what, std::int64_t wait_ms, RedisStatus status);
  // Drops the connection after a failure; the next call reconnects.
  void break_connection();

  RedisOptions options_;
  Canceller canceller_;
  State state_ = State::kClosed;
  std::unique_ptr<Channel> channel_;
  std::unique_ptr<ReplyReader> reader_;
  Backoff backoff_;
  SteadyClock::time_point next_attempt_ = SteadyClock::time_point::min();
  // The last failed attempt, repeated by calls made before the next one.
  RedisCode last_connect_code_ = RedisCode::kOk;
  std::string last_connect_error_;
};

}  // namespace presence::cluster
