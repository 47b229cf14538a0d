// Outcome of a Redis transport call: a code that tells the caller what to do
// next (retry, reconfigure, give up) and a message for people.
//
// Modelled on presence::core::Status, but with its own codes: the core's codes
// mirror pe_status and have no notion of a timeout or of a lost connection,
// and the node runtime's first question about a failure is "is it worth a
// retry?" (see retryable()). The runtime maps these onto pe_status at the C
// boundary.
#pragma once

#include <memory>
#include <string>
#include <utility>

namespace presence::cluster {

enum class RedisCode {
  kOk = 0,
  // The caller passed something unusable: a bad URL, an empty key, a
  // command too large to send. Nothing was sent.
  kInvalidArgument,
  // Connecting failed or the connection broke (refused, reset, closed by
  // the server). Retryable: the next call reconnects.
  kIo,
  // The server did not answer within the connect or command timeout. The
  // connection is dropped (a late reply would be taken for the next one).
  kTimeout,
  // TLS setup or handshake failed: bad certificate files, a server
  // certificate that does not verify, a refused client certificate.
  kTls,
  // The server refused the credentials (AUTH) or the database (SELECT).
  kAuth,
  // The server answered a command with an error reply (WRONGTYPE, ERR ...).
  // The connection is fine.
  kServerError,
  // The requested key does not exist where the command needs it to.
  kNotFound,
  // The bytes from the server are not RESP, or a reply does not have the
  // shape its command promises. The connection is dropped.
  kProtocol,
  // A reply is larger than the configured max_reply_bytes. The connection
  // is dropped, since the rest of that reply is still on its way.
  kLimitExceeded,
  // The connection was closed by close() or cancel(), or never opened.
  kClosed,
};

// Name of a code, for messages and test output ("timeout", "io", ...).
const char* redis_code_name(RedisCode code);

// Move-only; success costs two words and allocates nothing.
class [[nodiscard]] RedisStatus {
 public:
  RedisStatus() = default;
  RedisStatus(RedisCode code, std::string message)
      : code_(code), message_(std::make_unique<std::string>(std::move(message))) {}

  static RedisStatus ok() { return {}; }
  bool is_ok() const { return code_ == RedisCode::kOk; }
  RedisCode code() const { return code_; }
  const std::string& message() const {
    static const std::string kNone;
    return message_ ? *message_ : kNone;
  }
  // True when the same call may succeed later without a change of
  // configuration: the connection broke or the server was too slow.
  bool retryable() const { return code_ == RedisCode::kIo || code_ == RedisCode::kTimeout; }
  // "timeout: GET: no reply from 127.0.0.1:6379 within 2000 ms"
  std::string to_string() const;

 private:
  RedisCode code_ = RedisCode::kOk;
  std::unique_ptr<std::string> message_;
};

}  // namespace presence::cluster

// Returns the RedisStatus of `expr` from the enclosing function unless it is OK.
#define PE_REDIS_TRY(expr)                                      \
  do {                                                          \
    ::presence::cluster::RedisStatus pe_redis_status_ = (expr); \
    if (!pe_redis_status_.is_ok()) return pe_redis_status_;     \
  } while (false)
