// RedisConnection against a real redis-server: commands and pipelines,
// AUTH (requirepass and ACL users), SELECT, Unix sockets, and every way a
// connection can fail: refused, server killed and restarted, server paused,
// oversized replies, a peer that does not speak RESP, cancel().
#include "redis/connection.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "cluster_test_util.h"
#include "redis/streams.h"
#include "redis_server.h"

namespace presence::cluster {
namespace {

using testing::elapsed_ms;
using testing::open_connection;
using testing::RedisServer;
using Clock = std::chrono::steady_clock;

class Connection : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(RedisServer::start(&server_)); }

  std::unique_ptr<RedisServer> server_;
};

TEST_F(Connection, ExecutesCommands) {
  std::unique_ptr<RedisConnection> c;
  ASSERT_TRUE(open_connection(server_->url(), &c));
  EXPECT_TRUE(c->is_connected());
  RedisReply reply;
  ASSERT_TRUE(c->execute({"SET", "greeting", "hello"}, &reply).is_ok());
  EXPECT_TRUE(reply.is_status("OK"));
  ASSERT_TRUE(c->execute({"GET", "greeting"}, &reply).is_ok());
  EXPECT_EQ(reply, RedisReply::string("hello"));
  ASSERT_TRUE(c->execute({"GET", "missing"}, &reply).is_ok());
  EXPECT_TRUE(reply.is_nil());
  ASSERT_TRUE(c->execute({"INCRBY", "n", "41"}, &reply).is_ok());
  EXPECT_EQ(reply, RedisReply::integer(41));
}

TEST_F(Connection, ServerErrorsKeepTheConnection) {
  std::unique_ptr<RedisConnection> c;
  ASSERT_TRUE(open_connection(server_->url(), &c));
  RedisReply reply;
  RedisStatus status = c->execute({"NOSUCHCOMMAND", "x"}, &reply);
  EXPECT_EQ(status.code(), RedisCode::kServerError);
  EXPECT_NE(status.message().find("NOSUCHCOMMAND: ERR unknown command"), std::string::npos)
      << status.message();
  EXPECT_TRUE(reply.is_error());
  EXPECT_TRUE(c->is_connected());
  ASSERT_TRUE(c->execute({"PING"}, &reply).is_ok());
  EXPECT_TRUE(reply.is_status("PONG"));
}

TEST_F(Connection, BinarySafeLargeValues) {
  std::unique_ptr<RedisConnection> c;
  ASSERT_TRUE(open_connection(server_->url(), &c));
  std::string value(3 << 20, '\0');
  for (std::size_t i = 0; i < value.size(); ++i) value[i] = static_cast<char>(i * 7 % 256);
  RedisReply reply;
  ASSERT_TRUE(c->execute({"SET", "big", value}, &reply).is_ok());
  ASSERT_TRUE(c->execute({"GET", "big"}, &reply).is_ok());
  EXPECT_TRUE(reply.text() == value);
}

TEST_F(Connection, MustBeConnectedFirst) {
  std::unique_ptr<RedisConnection> c;
  ASSERT_TRUE(RedisConnection::create(server_->url(), &c).is_ok());
  RedisReply reply;
  RedisStatus status = c->execute({"PING"}, &reply);
  EXPECT_EQ(status.code(), RedisCode::kClosed);
  EXPECT_NE(status.message().find("call connect()"), std::string::npos);
  ASSERT_TRUE(c->connect().is_ok());
  EXPECT_TRUE(c->execute({"PING"}, &reply).is_ok());
  c->close();
  EXPECT_FALSE(c->is_connected());
  EXPECT_EQ(c->execute({"PING"}, &reply).code(), RedisCode::kClosed);
  ASSERT_TRUE(c->connect().is_ok());
  EXPECT_TRUE(c->execute({"PING"}, &reply).is_ok());
}

TEST_F(Connection, RefusedConnection) {
  const std::uint16_t port = testing::free_loopback_port();
  std::unique_ptr<RedisConnection> c;
  ASSERT_TRUE(RedisConnection::create("redis://127.0.0.1:" + std::to_string(port), &c).is_ok());
  RedisStatus status = c->connect();
  EXPECT_EQ(status.code(), RedisCode::kIo);
  EXPECT_NE(status.message().find("connect to 127.0.0.1:" + std::to_string(port) +
                                  ": Connection refused"),
            std::string::npos)
      << status.message();
  EXPECT_TRUE(status.retryable());
}

TEST_F(Connection, UnresolvableHost) {
  std::unique_ptr<RedisConnection> c;
  ASSERT_TRUE(RedisConnection::create("redis://no-such-host.invalid:6379", &c).is_ok());
  RedisStatus status = c->connect();
  EXPECT_EQ(status.code(), RedisCode::kIo);
  EXPECT_NE(status.message().find("cannot resolve no-such-host.invalid"), std::string::npos)
      << status.message();
}

TEST(ConnectionIpv6, Loopback) {
  const int probe = ::socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in6 address{};
  address.sin6_family = AF_INET6;
  address.sin6_addr = in6addr_loopback;
  const bool has_ipv6 =
      probe >= 0 && ::bind(probe, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  if (probe >= 0) ::close(probe);
  if (!has_ipv6) GTEST_SKIP() << "no IPv6 loopback on this machine";
  std::unique_ptr<RedisServer> server;
  ASSERT_TRUE(RedisServer::start({{"--bind", "127.0.0.1", "::1"}}, &server));
  std::unique_ptr<RedisConnection> c;
  ASSERT_TRUE(open_connection("redis://[::1]:" + std::to_string(server->port()), &c));
  RedisReply reply;
  ASSERT_TRUE(c->execute({"CLIENT", "INFO"}, &reply).is_ok());
  EXPECT_NE(reply.text().find("addr=[::1]:"), std::string::npos) << reply.text();
}

TEST_F(Connection, UnixSocketAndDatabase) {
  std::unique_ptr<RedisConnection> unix_db2;
  ASSERT_TRUE(open_connection("unix://" + server_->unix_socket() + "?db=2", &unix_db2));
  std::unique_ptr<RedisConnection> tcp_db0;
  ASSERT_TRUE(open_connection(server_->url(), &tcp_db0));
  std::unique_ptr<RedisConnection> tcp_db2;
  ASSERT_TRUE(open_connection(server_->url("/2"), &tcp_db2));
  RedisReply reply;
  ASSERT_TRUE(unix_db2->execute({"SET", "where", "db2"}, &reply).is_ok());
  ASSERT_TRUE(tcp_db0->execute({"GET", "where"}, &reply).is_ok());
  EXPECT_TRUE(reply.is_nil()) << "SELECT must keep databases apart";
  ASSERT_TRUE(tcp_db2->execute({"GET", "where"}, &reply).is_ok());
  EXPECT_EQ(reply, RedisReply::string("db2"));
}

TEST_F(Connection, SelectOutOfRangeIsRefused) {
  std::unique_ptr<RedisConnection> c;
  ASSERT_TRUE(RedisConnection::create(server_->url("/99"), &c).is_ok());
  RedisStatus status = c->connect();
  EXPECT_EQ(status.code(), RedisCode::kAuth);
  EXPECT_NE(status.message().find("SELECT 99 refused"), std::string::npos) << status.message();
  EXPECT_FALSE(c->is_connected());
}

TEST_F(Connection, MissingUnixSocket) {
  std::unique_ptr<RedisConnection> c;
  ASSERT_TRUE(RedisConnection::create("unix://" + server_->dir() + "/nope.sock", &c).is_ok());
  RedisStatus status = c->connect();
  EXPECT_EQ(status.code(), RedisCode::kIo);
  EXPECT_NE(status.message().find("No such file or directory"), std::string::npos)
      << status.message();
}

TEST_F(Connection, ClientName) {
  std::unique_ptr<RedisConnection> c;
  ASSERT_TRUE(open_connection(server_->url("?client_name=pe-node-1"), &c));
  RedisReply reply;
  ASSERT_TRUE(c->execute({"CLIENT", "GETNAME"}, &reply).is_ok());
  EXPECT_EQ(reply, RedisReply::string("pe-node-1"));
  std::unique_ptr<RedisConnection> bad;
  ASSERT_TRUE(RedisConnection::create(server_->url("?client_name=has%20space"), &bad).is_ok());
  RedisStatus status = bad->connect();
  EXPECT_EQ(status.code(), RedisCode::kServerError);
  EXPECT_NE(status.message().find("CLIENT SETNAME refused"), std::string::npos);
}

TEST_F(Connection, Pipeline) {
  std::unique_ptr<RedisConnection> c;
  ASSERT_TRUE(open_connection(server_->url(), &c));
  const std::vector<RedisCommand> commands(5000, RedisCommand{"INCR", "counter"});
  std::vector<RedisReply> replies;
  ASSERT_TRUE(c->pipeline(commands, &replies).is_ok());
  ASSERT_EQ(replies.size(), 5000u);
  for (int i = 0; i < 5000; ++i) ASSERT_EQ(replies[i], RedisReply::integer(i + 1));
  ASSERT_TRUE(c->pipeline({}, &replies).is_ok());
  EXPECT_TRUE(replies.empty());
}

TEST_F(Connection, PipelineKeepsErrorRepliesInPlace) {
  std::unique_ptr<RedisConnection> c;
  ASSERT_TRUE(open_connection(server_->url(), &c));
  std::vector<RedisReply> replies;
  ASSERT_TRUE(c->pipeline({{"SET", "s", "x"}, {"INCR", "s"}, {"GET", "s"}}, &replies).is_ok());
  ASSERT_EQ(replies.size(), 3u);
  EXPECT_TRUE(replies[0].is_status("OK"));
  EXPECT_TRUE(replies[1].is_error());
  EXPECT_EQ(replies[2], RedisReply::string("x"));
}

TEST_F(Connection, PipelinedTransaction) {
  std::unique_ptr<RedisConnection> c;
  ASSERT_TRUE(open_connection(server_->url(), &c));
  std::vector<RedisReply> replies;
  ASSERT_TRUE(c->pipeline({{"MULTI"}, {"HSET", "h", "f", "v"}, {"INCR", "seq"}, {"EXEC"}}, &replies)
                  .is_ok());
  ASSERT_EQ(replies.size(), 4u);
  EXPECT_TRUE(replies[1].is_status("QUEUED"));
  EXPECT_EQ(replies[3], RedisReply::array({RedisReply::integer(1), RedisReply::integer(1)}));
}

TEST_F(Connection, RequirePass) {
  std::unique_ptr<RedisServer> secured;
  ASSERT_TRUE(RedisServer::start({{"--requirepass", "s3cret"}}, &secured));
  std::unique_ptr<RedisConnection> c;
  ASSERT_TRUE(RedisConnection::create(secured->url(), &c).is_ok());
  RedisStatus status = c->connect();
  EXPECT_EQ(status.code(), RedisCode::kAuth);
  EXPECT_NE(status.message().find("requires a password: NOAUTH"), std::string::npos)
      << status.message();

  ASSERT_TRUE(
      RedisConnection::create("redis://:wrong@127.0.0.1:" + std::to_string(secured->port()), &c)
          .is_ok());
  status = c->connect();
  EXPECT_EQ(status.code(), RedisCode::kAuth);
  EXPECT_NE(status.message().find("AUTH refused"), std::string::npos) << status.message();
  EXPECT_EQ(status.message().find("wrong"), std::string::npos) << "password leaked into message";
  EXPECT_FALSE(status.retryable());

  ASSERT_TRUE(
      open_connection("redis://:s3cret@127.0.0.1:" + std::to_string(secured->port()) + "/1", &c));
  RedisReply reply;
  EXPECT_TRUE(c->execute({"SET", "k", "v"}, &reply).is_ok());
}

TEST_F(Connection, AclUser) {
  std::unique_ptr<RedisConnection> admin;
  ASSERT_TRUE(open_connection(server_->url(), &admin));
  RedisReply reply;
  // A node's user: may use the pe:* keys only.
  ASSERT_TRUE(admin->execute({"ACL", "SETUSER", "node", "on", ">n0de-pw", "~pe:*", "+@all"}, &reply)
                  .is_ok());
  const std::string at = "@127.0.0.1:" + std::to_string(server_->port());
  std::unique_ptr<RedisConnection> c;
  ASSERT_TRUE(open_connection("redis://node:n0de-pw" + at, &c));
  ASSERT_TRUE(c->execute({"ACL", "WHOAMI"}, &reply).is_ok());
  EXPECT_EQ(reply, RedisReply::string("node"));
  EXPECT_TRUE(c->execute({"SET", "pe:x", "1"}, &reply).is_ok());
  EXPECT_EQ(c->execute({"SET", "other", "1"}, &reply).code(), RedisCode::kServerError);

  for (const char* credentials : {"node:bad-pw", "nobody:n0de-pw"}) {
    ASSERT_TRUE(RedisConnection::create(std::string("redis://") + credentials + at, &c).is_ok());
    RedisStatus status = c->connect();
    EXPECT_EQ(status.code(), RedisCode::kAuth) << credentials;
    EXPECT_NE(status.message().find("WRONGPASS"), std::string::npos) << status.message();
  }
}

TEST_F(Connection, TheServerSaysWhyItRefusesAConnection) {
  std::unique_ptr<RedisServer> full;
  ASSERT_TRUE(RedisServer::start({{"--maxclients", "1"}}, &full));
  std::unique_ptr<RedisConnection> first;
  ASSERT_TRUE(open_connection(full->url(), &first));
  std::unique_ptr<RedisConnection> second;
  ASSERT_TRUE(RedisConnection::create(full->url(), &second).is_ok());
  RedisStatus status = second->connect();
  EXPECT_FALSE(status.is_ok());
  EXPECT_NE(status.message().find("max number of clients reached"), std::string::npos)
      << status.to_string();
  EXPECT_FALSE(second->is_connected());
}

TEST_F(Connection, OversizedReplyIsRefusedAndTheConnectionRecovers) {
  std::unique_ptr<RedisConnection> c;
  ASSERT_TRUE(open_connection(server_->url("?max_reply_bytes=1024"), &c));
  RedisReply reply;
  ASSERT_TRUE(c->execute({"SET", "big", std::string(100000, 'x')}, &reply).is_ok());
  RedisStatus status = c->execute({"GET", "big"}, &reply);
  EXPECT_EQ(status.code(), RedisCode::kLimitExceeded);
  EXPECT_NE(status.message().find("max_reply_bytes (1024 bytes)"), std::string::npos)
      << status.message();
  EXPECT_FALSE(c->is_connected());
  // The rest of that reply went with the old connection.
  ASSERT_TRUE(c->execute({"SET", "small", "y"}, &reply).is_ok());
  ASSERT_TRUE(c->execute({"GET", "small"}, &reply).is_ok());
  EXPECT_EQ(reply, RedisReply::string("y"));
}

TEST_F(Connection, ReconnectsAfterTheServerIsKilledAndRestarted) {
  std::unique_ptr<RedisConnection> c;
  ASSERT_TRUE(open_connection(server_->url("?reconnect_min_ms=200&reconnect_max_ms=400"), &c));
  RedisReply reply;
  ASSERT_TRUE(c->execute({"SET", "k", "v"}, &reply).is_ok());
  server_->kill();

  // The broken connection is found by the next command, never resent.
  RedisStatus status = c->execute({"PING"}, &reply);
  EXPECT_EQ(status.code(), RedisCode::kIo) << status.to_string();
  EXPECT_TRUE(status.retryable());
  EXPECT_FALSE(c->is_connected());
  // The next call tries to reconnect at once, and is refused...
  status = c->execute({"PING"}, &reply);
  EXPECT_EQ(status.code(), RedisCode::kIo);
  EXPECT_NE(status.message().find("Connection refused"), std::string::npos) << status.message();
  // ...then calls fail fast until the backoff delay has passed.
  const auto start = Clock::now();
  status = c->execute({"PING"}, &reply);
  EXPECT_EQ(status.code(), RedisCode::kIo);
  EXPECT_NE(status.message().find("next attempt in"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("Connection refused"), std::string::npos) << status.message();
  EXPECT_LT(elapsed_ms(start), 50);

  ASSERT_TRUE(server_->restart());
  status = c->wait_connected(5000);
  ASSERT_TRUE(status.is_ok()) << status.to_string();
  ASSERT_TRUE(c->execute({"SET", "k", "again"}, &reply).is_ok());
  ASSERT_TRUE(c->execute({"GET", "k"}, &reply).is_ok());
  EXPECT_EQ(reply, RedisReply::string("again"));
}

TEST_F(Connection, WaitConnectedWithExtremeTimeouts) {
  std::unique_ptr<RedisConnection> c;
  ASSERT_TRUE(RedisConnection::create(server_->url(), &c).is_ok());
  EXPECT_TRUE(c->wait_connected(INT64_MAX).is_ok());
  server_->kill();
  c->close();
  const auto start = Clock::now();
  EXPECT_EQ(c->wait_connected(-5).code(), RedisCode::kIo) << "one attempt, no wait";
  EXPECT_LT(elapsed_ms(start), 1000);
}

TEST_F(Connection, WaitConnectedGivesUpWithTheLastError) {
  server_->kill();
  std::unique_ptr<RedisConnection> c;
  ASSERT_TRUE(RedisConnection::create(server_->url("?reconnect_min_ms=20&reconnect_max_ms=40"), &c)
                  .is_ok());
  const auto start = Clock::now();
  RedisStatus status = c->wait_connected(300);
  EXPECT_EQ(status.code(), RedisCode::kIo);
  EXPECT_NE(status.message().find("Connection refused"), std::string::npos);
  EXPECT_GE(elapsed_ms(start), 290);
  EXPECT_LT(elapsed_ms(start), 3000);
}

TEST_F(Connection, WaitConnectedRetriesUntilTheServerIsBack) {
  std::unique_ptr<RedisConnection> c;
  ASSERT_TRUE(open_connection(server_->url("?reconnect_min_ms=20&reconnect_max_ms=100"), &c));
  server_->kill();
  RedisReply reply;
  EXPECT_EQ(c->execute({"PING"}, &reply).code(), RedisCode::kIo);
  RedisStatus status;
  const auto start = Clock::now();
  std::thread waiter([&] { status = c->wait_connected(10000); });
  // Several refused attempts, then the server is back (restarted from this
  // thread: PR_SET_PDEATHSIG ties it to the thread that forks it).
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const ::testing::AssertionResult restarted = server_->restart();
  waiter.join();
  ASSERT_TRUE(restarted);
  ASSERT_TRUE(status.is_ok()) << status.to_string();
  EXPECT_GE(elapsed_ms(start), 300);
  EXPECT_TRUE(c->execute({"PING"}, &reply).is_ok());
}

TEST_F(Connection, CommandTimeoutAgainstAPausedServer) {
  std::unique_ptr<RedisConnection> c;
  ASSERT_TRUE(open_connection(
      server_->url("?command_timeout_ms=300&connect_timeout_ms=300&reconnect_min_ms=10"), &c));
  server_->pause();
  RedisReply reply;
  auto start = Clock::now();
  RedisStatus status = c->execute({"GET", "k"}, &reply);
  const long long waited = elapsed_ms(start);
  EXPECT_EQ(status.code(), RedisCode::kTimeout) << status.to_string();
  EXPECT_NE(status.message().find("GET on 127.0.0.1:"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("no reply within 300 ms"), std::string::npos);
  EXPECT_GE(waited, 290);
  EXPECT_LT(waited, 3000);
  EXPECT_TRUE(status.retryable());

  // Reconnecting to a paused server: the kernel accepts, nobody answers.
  start = Clock::now();
  status = c->execute({"GET", "k"}, &reply);
  EXPECT_EQ(status.code(), RedisCode::kTimeout) << status.to_string();
  EXPECT_NE(status.message().find("no answer within 300 ms"), std::string::npos)
      << status.message();
  EXPECT_LT(elapsed_ms(start), 3000);

  server_->resume();
  status = c->wait_connected(5000);
  ASSERT_TRUE(status.is_ok()) << status.to_string();
  ASSERT_TRUE(c->execute({"SET", "k", "v"}, &reply).is_ok());
  ASSERT_TRUE(c->execute({"GET", "k"}, &reply).is_ok());
  EXPECT_EQ(reply, RedisReply::string("v"));
}

TEST_F(Connection, PipelineTimeoutAgainstAPausedServer) {
  std::unique_ptr<RedisConnection> c;
  ASSERT_TRUE(open_connection(server_->url("?command_timeout_ms=200"), &c));
  server_->pause();
  std::vector<RedisReply> replies;
  RedisStatus status = c->pipeline({{"PING"}, {"PING"}}, &replies);
  EXPECT_EQ(status.code(), RedisCode::kTimeout);
  EXPECT_NE(status.message().find("pipeline of 2 commands"), std::string::npos);
  EXPECT_TRUE(replies.empty());
  server_->resume();
}

TEST_F(Connection, ServerGoneDuringABlockingRead) {
  std::unique_ptr<RedisConnection> c;
  ASSERT_TRUE(open_connection(server_->url(), &c));
  std::atomic<bool> done{false};
  RedisStatus status;
  std::thread reader([&] {
    std::vector<StreamEntry> entries;
    status = xread(*c, "s", StreamId{}, 10, 0, &entries);
    done = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_FALSE(done);
  const auto start = Clock::now();
  server_->kill();
  reader.join();
  EXPECT_EQ(status.code(), RedisCode::kIo) << status.to_string();
  EXPECT_NE(status.message().find("connection closed by the server"), std::string::npos);
  EXPECT_LT(elapsed_ms(start), 2000);
}

TEST_F(Connection, CancelWakesABlockedReadAndClosesForGood) {
  std::unique_ptr<RedisConnection> c;
  ASSERT_TRUE(open_connection(server_->url(), &c));
  RedisStatus status;
  std::thread reader([&] {
    std::vector<StreamEntry> entries;
    status = xread(*c, "s", StreamId{}, 10, 0, &entries);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const auto start = Clock::now();
  c->cancel();
  reader.join();
  EXPECT_LT(elapsed_ms(start), 1000);
  EXPECT_EQ(status.code(), RedisCode::kClosed) << status.to_string();
  EXPECT_NE(status.message().find("cancelled"), std::string::npos);
  RedisReply reply;
  EXPECT_EQ(c->execute({"PING"}, &reply).code(), RedisCode::kClosed);
  EXPECT_EQ(c->connect().code(), RedisCode::kClosed);
  EXPECT_EQ(c->wait_connected(1000).code(), RedisCode::kClosed);
}

TEST_F(Connection, CancelWakesWaitConnected) {
  server_->kill();
  std::unique_ptr<RedisConnection> c;
  ASSERT_TRUE(RedisConnection::create(server_->url("?reconnect_min_ms=5000"), &c).is_ok());
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    c->cancel();
  });
  const auto start = Clock::now();
  EXPECT_EQ(c->wait_connected(20000).code(), RedisCode::kClosed);
  EXPECT_LT(elapsed_ms(start), 2000);
  canceller.join();
}

// A loopback listener that answers whatever it is sent with fixed bytes,
// then closes: a peer that is not a Redis server.
class FakeServer {
 public:
  explicit FakeServer(std::string answer) : answer_(std::move(answer)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    const bool listening =
        ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
        ::listen(fd_, 1) == 0 &&
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &size) == 0;
    if (!listening) return;
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] {
      const int client = ::accept(fd_, nullptr, nullptr);
      if (client < 0) return;
      char buffer[256];
      if (::recv(client, buffer, sizeof buffer, 0) > 0) {
        ::send(client, answer_.data(), answer_.size(), MSG_NOSIGNAL);
      }
      ::close(client);
    });
  }
  ~FakeServer() {
    ::shutdown(fd_, SHUT_RDWR);  // ends a pending accept()
    if (thread_.joinable()) thread_.join();
    ::close(fd_);
  }
  bool listening() const { return port_ != 0; }
  std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_); }

 private:
  std::string answer_;
  int fd_ = -1;
  std::uint16_t port_ = 0;
  std::thread thread_;
};

TEST(ConnectionToAStranger, NotRespIsAProtocolError) {
  FakeServer http("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
  ASSERT_TRUE(http.listening());
  std::unique_ptr<RedisConnection> c;
  ASSERT_TRUE(RedisConnection::create(http.url(), &c).is_ok());
  RedisStatus status = c->connect();
  EXPECT_EQ(status.code(), RedisCode::kProtocol) << status.to_string();
  EXPECT_NE(status.message().find("malformed reply"), std::string::npos) << status.message();
}

TEST(ConnectionToAStranger, ClosedWithoutAnswer) {
  FakeServer mute("");
  ASSERT_TRUE(mute.listening());
  std::unique_ptr<RedisConnection> c;
  ASSERT_TRUE(RedisConnection::create(mute.url(), &c).is_ok());
  RedisStatus status = c->connect();
  EXPECT_EQ(status.code(), RedisCode::kIo) << status.to_string();
  EXPECT_NE(status.message().find("connection closed by the server"), std::string::npos);
}

TEST(ConnectionToAStranger, WrongAnswerToPing) {
  FakeServer odd(":7\r\n");
  ASSERT_TRUE(odd.listening());
  std::unique_ptr<RedisConnection> c;
  ASSERT_TRUE(RedisConnection::create(odd.url(), &c).is_ok());
  RedisStatus status = c->connect();
  EXPECT_EQ(status.code(), RedisCode::kProtocol) << status.to_string();
  EXPECT_NE(status.message().find("answered 7, not PONG"), std::string::npos) << status.message();
}

}  // namespace
}  // namespace presence::cluster
