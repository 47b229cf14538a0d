#include "redis/connection.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "redis/tls_channel.h"

namespace presence::cluster {

namespace {

// Bytes read from the socket per receive; also a TLS record's maximum.
constexpr std::size_t kReceiveChunk = std::size_t{16} << 10;

RedisStatus cancelled() {
  return {RedisCode::kClosed, "connection cancelled"};
}

std::int64_t millis_until(SteadyClock::time_point when) {
  const auto left = when - SteadyClock::now();
  return left.count() <= 0 ? 0 : std::chrono::ceil<std::chrono::milliseconds>(left).count();
}

bool starts_with(const std::string& text, const char* prefix) {
  return text.compare(0, std::char_traits<char>::length(prefix), prefix) == 0;
}

}  // namespace

RedisConnection::RedisConnection(const RedisOptions& options)
    : options_(options), backoff_(options.reconnect_min_ms, options.reconnect_max_ms) {}

RedisConnection::~RedisConnection() = default;

RedisStatus RedisConnection::create(const RedisOptions& options,
                                    std::unique_ptr<RedisConnection>* out) {
  PE_REDIS_TRY(options.validate());
  std::unique_ptr<RedisConnection> connection(new RedisConnection(options));
  if (!connection->canceller_.ok()) {
    return {RedisCode::kIo, "cannot create an eventfd (out of file descriptors?)"};
  }
  *out = std::move(connection);
  return RedisStatus::ok();
}

RedisStatus RedisConnection::create(std::string_view url, std::unique_ptr<RedisConnection>* out) {
  RedisOptions options;
  PE_REDIS_TRY(parse_redis_url(url, &options));
  return create(options, out);
}

RedisStatus RedisConnection::open() {
  channel_.reset();
  reader_.reset();
  const IoBudget budget =
      IoBudget::until(SteadyClock::now() + std::chrono::milliseconds(options_.connect_timeout_ms));
  Socket socket;
  RedisStatus status = dial(options_, budget, canceller_, &socket);
  if (status.is_ok()) {
    if (options_.transport == RedisTransport::kTls) {
      status = start_tls(options_, std::move(socket), budget, canceller_, &channel_);
    } else {
      channel_ = std::make_unique<PlainChannel>(std::move(socket));
    }
  }
  if (status.is_ok()) {
    reader_ = std::make_unique<ReplyReader>(options_.max_reply_bytes);
    status = handshake(budget);
  }
  if (!status.is_ok()) {
    channel_.reset();
    reader_.reset();
    if (status.code() == RedisCode::kTimeout) {
      return {RedisCode::kTimeout, "connect to " + options_.endpoint() + ": no answer within " +
                                       std::to_string(options_.connect_timeout_ms) + " ms"};
    }
  }
  return status;
}

RedisStatus RedisConnection::handshake(const IoBudget& budget) {
  enum class Step { kAuth, kSelect, kName, kPing };
  std::vector<Step> steps;
  std::string bytes;
  auto add = [&](Step step, const RedisCommand& command) {
    steps.push_back(step);
    return append_command(command, &bytes);
  };
  if (!options_.password.empty()) {
    PE_REDIS_TRY(add(Step::kAuth, options_.user.empty()
                                      ? RedisCommand{"AUTH", options_.password}
                                      : RedisCommand{"AUTH", options_.user, options_.password}));
  }
  if (options_.db != 0) PE_REDIS_TRY(add(Step::kSelect, {"SELECT", std::to_string(options_.db)}));
  if (!options_.client_name.empty()) {
    PE_REDIS_TRY(add(Step::kName, {"CLIENT", "SETNAME", options_.client_name}));
  }
  PE_REDIS_TRY(add(Step::kPing, {"PING"}));
  const std::string server = options_.endpoint();
  std::vector<RedisReply> replies;
  RedisStatus status = round_trip(bytes, steps.size(), budget, &replies);
  if (!status.is_ok()) return {status.code(), "connect to " + server + ": " + status.message()};
  // The first error explains the others (after a refused AUTH, SELECT and
  // PING fail with NOAUTH), so it is the one reported.
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const RedisReply& reply = replies[i];
    if (!reply.is_error()) continue;
    switch (steps[i]) {
      case Step::kAuth:
        return {RedisCode::kAuth, "AUTH refused by " + server + ": " + reply.text()};
      case Step::kSelect:
        return {RedisCode::kAuth, "SELECT " + std::to_string(options_.db) + " refused by " +
                                      server + ": " + reply.text()};
      case Step::kName:
        return {RedisCode::kServerError,
                "CLIENT SETNAME refused by " + server + ": " + reply.text()};
      case Step::kPing:
        if (starts_with(reply.text(), "NOAUTH")) {
          return {RedisCode::kAuth, server + " requires a password: " + reply.text()};
        }
        return {RedisCode::kServerError, "PING refused by " + server + ": " + reply.text()};
    }
  }
  if (!replies.back().is_status("PONG")) {
    return {RedisCode::kProtocol,
            "PING to " + server + " answered " + replies.back().summary() + ", not PONG"};
  }
  return RedisStatus::ok();
}

RedisStatus RedisConnection::attempt() {
  RedisStatus status = open();
  if (status.is_ok()) {
    state_ = State::kConnected;
    backoff_.reset();
    last_connect_code_ = RedisCode::kOk;
    last_connect_error_.clear();
    return status;
  }
  state_ = State::kBroken;
  next_attempt_ = SteadyClock::now() + std::chrono::milliseconds(backoff_.next_delay_ms());
  last_connect_code_ = status.code();
  last_connect_error_ = status.message();
  return status;
}

RedisStatus RedisConnection::connect() {
  if (canceller_.cancelled()) return cancelled();
  if (state_ == State::kConnected) return RedisStatus::ok();
  return attempt();
}

RedisStatus RedisConnection::wait_connected(std::int64_t timeout_ms) {
  const auto deadline =
      timeout_ms >= kUnboundedWaitMs
          ? SteadyClock::time_point::max()
          : SteadyClock::now() + std::chrono::milliseconds(std::max<std::int64_t>(timeout_ms, 0));
  for (;;) {
    if (canceller_.cancelled()) return cancelled();
    if (state_ == State::kConnected) return RedisStatus::ok();
    if (state_ == State::kClosed || SteadyClock::now() >= next_attempt_) {
      if (attempt().is_ok()) return RedisStatus::ok();
    }
    const auto now = SteadyClock::now();
    if (now >= deadline) return {last_connect_code_, last_connect_error_};
    const auto wake = next_attempt_ < deadline ? next_attempt_ : deadline;
    PE_REDIS_TRY(sleep_cancellable(millis_until(wake), canceller_));
  }
}

RedisStatus RedisConnection::ensure_connected() {
  if (canceller_.cancelled()) return cancelled();
  switch (state_) {
    case State::kConnected: return RedisStatus::ok();
    case State::kClosed:
      return {RedisCode::kClosed, "not connected to " + options_.endpoint() + " (call connect())"};
    case State::kBroken: break;
  }
  if (SteadyClock::now() < next_attempt_) {
    return {RedisCode::kIo, "not connected to " + options_.endpoint() + "; next attempt in " +
                                std::to_string(millis_until(next_attempt_)) +
                                " ms; last error: " + last_connect_error_};
  }
  return attempt();
}

void RedisConnection::break_connection() {
  channel_.reset();
  reader_.reset();
  state_ = State::kBroken;
  // A connection that worked until now is retried at once: the server may
  // simply have restarted, or an idle connection been dropped on the way.
  next_attempt_ = SteadyClock::now();
}

void RedisConnection::close() {
  channel_.reset();
  reader_.reset();
  state_ = State::kClosed;
}

RedisStatus RedisConnection::round_trip(const std::string& bytes, std::size_t count,
                                        const IoBudget& budget, std::vector<RedisReply>* out) {
  out->clear();
  out->reserve(count);
  RedisStatus sent = channel_->send(bytes.data(), bytes.size(), budget, canceller_);
  if (!sent.is_ok()) return explain_send_failure(std::move(sent));
  char buffer[kReceiveChunk];
  while (out->size() < count) {
    RedisReply reply;
    bool complete = false;
    PE_REDIS_TRY(reader_->next(&reply, &complete));
    if (complete) {
      out->push_back(std::move(reply));
      continue;
    }
    std::size_t got = 0;
    PE_REDIS_TRY(channel_->receive(buffer, sizeof buffer, budget, canceller_, &got));
    PE_REDIS_TRY(reader_->feed(buffer, got));
  }
  return RedisStatus::ok();
}

RedisStatus RedisConnection::explain_send_failure(RedisStatus sent) {
  if (sent.code() != RedisCode::kIo) return sent;
  char buffer[kReceiveChunk];
  std::size_t got = 0;
  RedisStatus received =
      channel_->receive(buffer, sizeof buffer, IoBudget::idle(0), canceller_, &got);
  // A TLS alert ("certificate required") says more than "connection reset".
  if (received.code() == RedisCode::kTls) return received;
  if (received.is_ok() && reader_->feed(buffer, got).is_ok()) {
    RedisReply reply;
    bool complete = false;
    if (reader_->next(&reply, &complete).is_ok() && complete && reply.is_error()) {
      return {RedisCode::kIo, sent.message() + "; the server said: " + reply.text()};
    }
  }
  return sent;
}

RedisStatus RedisConnection::call_failed(const std::string& what, std::int64_t wait_ms,
                                         RedisStatus status) {
  break_connection();
  const std::string where = what + " on " + options_.endpoint() + ": ";
  if (status.code() == RedisCode::kTimeout) {
    return {RedisCode::kTimeout, where + "no reply within " + std::to_string(wait_ms) + " ms"};
  }
  return {status.code(), where + status.message()};
}

RedisStatus RedisConnection::execute(const RedisCommand& command, RedisReply* out,
                                     std::int64_t extra_wait_ms) {
  std::string bytes;
  PE_REDIS_TRY(append_command(command, &bytes));
  PE_REDIS_TRY(ensure_connected());
  const bool unbounded = extra_wait_ms < 0 || extra_wait_ms >= kUnboundedWaitMs;
  const std::int64_t wait_ms = unbounded ? -1 : options_.command_timeout_ms + extra_wait_ms;
  std::vector<RedisReply> replies;
  RedisStatus status = round_trip(bytes, 1, IoBudget::idle(wait_ms), &replies);
  if (!status.is_ok()) return call_failed(command_name(command), wait_ms, std::move(status));
  *out = std::move(replies.front());
  if (out->is_error()) return {RedisCode::kServerError, command_name(command) + ": " + out->text()};
  return RedisStatus::ok();
}

RedisStatus RedisConnection::pipeline(const std::vector<RedisCommand>& commands,
                                      std::vector<RedisReply>* out) {
  out->clear();
  if (commands.empty()) return RedisStatus::ok();
  std::string bytes;
  for (const RedisCommand& command : commands) PE_REDIS_TRY(append_command(command, &bytes));
  PE_REDIS_TRY(ensure_connected());
  const std::int64_t wait_ms = options_.command_timeout_ms;
  RedisStatus status = round_trip(bytes, commands.size(), IoBudget::idle(wait_ms), out);
  if (!status.is_ok()) {
    out->clear();
    return call_failed("pipeline of " + std::to_string(commands.size()) + " commands", wait_ms,
                       std::move(status));
  }
  return RedisStatus::ok();
}

}  // namespace presence::cluster
