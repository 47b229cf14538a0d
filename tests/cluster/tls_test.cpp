// TLS against redis-server's own TLS port (Debian's redis-server is built
// with TLS), with certificates generated for the test: the right CA is
// accepted and a wrong one refused, host names and addresses are verified,
// client certificates are presented when the server demands them.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "cluster_test_util.h"
#include "redis/connection.h"
#include "redis_server.h"
#include "tls_files.h"

namespace presence::cluster {
namespace {

using testing::open_connection;
using testing::RedisServer;
using testing::TlsFiles;

class Tls : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(files_.generate());
    start(/*require_client_cert=*/false);
  }

  void start(bool require_client_cert, std::vector<std::string> extra = {}) {
    RedisServer::Config config;
    config.args = files_.server_args(require_client_cert);
    config.args.insert(config.args.end(), extra.begin(), extra.end());
    config.tls_port = true;
    server_.reset();
    ASSERT_TRUE(RedisServer::start(config, &server_));
  }

  // rediss://<host>:<tls port><suffix>
  std::string url(const std::string& host, const std::string& suffix) const {
    return "rediss://" + host + ":" + std::to_string(server_->tls_port()) + suffix;
  }

  // Connects and expects kTls with `says` in the message.
  void expect_refused(const std::string& url, const std::string& says) {
    std::unique_ptr<RedisConnection> c;
    ASSERT_TRUE(RedisConnection::create(url, &c).is_ok()) << url;
    RedisStatus status = c->connect();
    EXPECT_EQ(status.code(), RedisCode::kTls) << status.to_string();
    EXPECT_NE(status.message().find(says), std::string::npos) << status.message();
    EXPECT_FALSE(status.retryable());
    EXPECT_FALSE(c->is_connected());
  }

  TlsFiles files_;
  std::unique_ptr<RedisServer> server_;
};

TEST_F(Tls, TheRightCaIsAccepted) {
  std::unique_ptr<RedisConnection> c;
  ASSERT_TRUE(open_connection(url("127.0.0.1", "?tls_ca_file=" + files_.ca_cert()), &c));
  RedisReply reply;
  ASSERT_TRUE(c->execute({"SET", "k", "over tls"}, &reply).is_ok());
  ASSERT_TRUE(c->execute({"GET", "k"}, &reply).is_ok());
  EXPECT_EQ(reply, RedisReply::string("over tls"));
}

TEST_F(Tls, HostNameAndSni) {
  std::unique_ptr<RedisConnection> c;
  ASSERT_TRUE(open_connection(url("localhost", "?tls_ca_file=" + files_.ca_cert()), &c));
  RedisReply reply;
  EXPECT_TRUE(c->execute({"PING"}, &reply).is_ok());
  // The name to verify may differ from the host dialled.
  ASSERT_TRUE(open_connection(
      url("127.0.0.1", "?tls_ca_file=" + files_.ca_cert() + "&tls_server_name=localhost"), &c));
}

TEST_F(Tls, AWrongCaIsRefused) {
  expect_refused(url("127.0.0.1", "?tls_ca_file=" + files_.other_ca_cert()),
                 "server certificate verify failed");
}

TEST_F(Tls, TheSystemTrustStoreDoesNotKnowOurCa) {
  expect_refused(url("127.0.0.1", ""), "server certificate verify failed");
}

TEST_F(Tls, AWrongNameIsRefused) {
  expect_refused(
      url("127.0.0.1", "?tls_ca_file=" + files_.ca_cert() + "&tls_server_name=redis.example.com"),
      "server certificate verify failed: hostname mismatch");
  // The certificate names 127.0.0.1, not ::1 or another address.
  expect_refused(
      url("127.0.0.1", "?tls_ca_file=" + files_.ca_cert() + "&tls_server_name=127.0.0.2"),
      "server certificate verify failed: IP address mismatch");
}

TEST_F(Tls, InsecureSkipsVerification) {
  std::unique_ptr<RedisConnection> c;
  ASSERT_TRUE(open_connection(
      url("127.0.0.1", "?tls_ca_file=" + files_.other_ca_cert() + "&tls_insecure=true"), &c));
  RedisReply reply;
  EXPECT_TRUE(c->execute({"PING"}, &reply).is_ok());
}

TEST_F(Tls, UnusableFiles) {
  expect_refused(url("127.0.0.1", "?tls_ca_file=" + server_->dir() + "/missing.pem"),
                 "cannot load tls_ca_file");
  expect_refused(url("127.0.0.1", "?tls_ca_file=" + files_.ca_cert() +
                                      "&tls_cert_file=" + files_.client_cert() +
                                      "&tls_key_file=" + files_.server_key()),
                 "cannot use tls_key_file");
  expect_refused(url("127.0.0.1", "?tls_ca_file=" + files_.ca_cert() + "&tls_cert_file=" +
                                      files_.ca_cert() + "x&tls_key_file=" + files_.client_key()),
                 "cannot load tls_cert_file");
}

// Speaking the wrong protocol on a port fails, one way or another: the
// server may wait for more bytes (a timeout) or answer with something the
// other protocol cannot parse (an error at once), depending on the random
// bytes of the TLS hello.
TEST_F(Tls, PlainClientOnTheTlsPort) {
  std::unique_ptr<RedisConnection> c;
  ASSERT_TRUE(RedisConnection::create("redis://127.0.0.1:" + std::to_string(server_->tls_port()) +
                                          "?connect_timeout_ms=500",
                                      &c)
                  .is_ok());
  RedisStatus status = c->connect();
  EXPECT_TRUE(status.code() == RedisCode::kIo || status.code() == RedisCode::kTimeout ||
              status.code() == RedisCode::kProtocol)
      << status.to_string();
  EXPECT_FALSE(c->is_connected());
}

TEST_F(Tls, TlsClientOnThePlainPort) {
  std::unique_ptr<RedisConnection> c;
  ASSERT_TRUE(RedisConnection::create("rediss://127.0.0.1:" + std::to_string(server_->port()) +
                                          "?connect_timeout_ms=500&tls_ca_file=" + files_.ca_cert(),
                                      &c)
                  .is_ok());
  RedisStatus status = c->connect();
  EXPECT_TRUE(status.code() == RedisCode::kTls || status.code() == RedisCode::kTimeout ||
              status.code() == RedisCode::kIo)
      << status.to_string();
  EXPECT_FALSE(c->is_connected());
}

TEST_F(Tls, ClientCertificates) {
  start(/*require_client_cert=*/true);
  const std::string ca = "?tls_ca_file=" + files_.ca_cert();
  std::unique_ptr<RedisConnection> c;
  ASSERT_TRUE(RedisConnection::create(url("127.0.0.1", ca), &c).is_ok());
  RedisStatus status = c->connect();
  EXPECT_EQ(status.code(), RedisCode::kTls) << status.to_string();
  EXPECT_NE(status.message().find("certificate required"), std::string::npos) << status.message();

  ASSERT_TRUE(open_connection(url("127.0.0.1", ca + "&tls_cert_file=" + files_.client_cert() +
                                                   "&tls_key_file=" + files_.client_key()),
                              &c));
  RedisReply reply;
  EXPECT_TRUE(c->execute({"PING"}, &reply).is_ok());
}

TEST_F(Tls, AuthSelectLargeValuesAndReconnection) {
  start(false, {"--requirepass", "tls-s3cret"});
  std::unique_ptr<RedisConnection> c;
  ASSERT_TRUE(open_connection(
      url(":tls-s3cret@127.0.0.1", "/3?tls_ca_file=" + files_.ca_cert() + "&reconnect_min_ms=10"),
      &c));
  std::string value(1 << 20, 'v');
  for (std::size_t i = 0; i < value.size(); i += 7) value[i] = static_cast<char>(i % 251);
  RedisReply reply;
  ASSERT_TRUE(c->execute({"SET", "big", value}, &reply).is_ok());
  ASSERT_TRUE(c->execute({"GET", "big"}, &reply).is_ok());
  EXPECT_TRUE(reply.text() == value);
  std::vector<RedisReply> replies;
  std::vector<RedisCommand> commands(2000, RedisCommand{"INCR", "n"});
  ASSERT_TRUE(c->pipeline(commands, &replies).is_ok());
  EXPECT_EQ(replies.back(), RedisReply::integer(2000));

  server_->kill();
  EXPECT_EQ(c->execute({"PING"}, &reply).code(), RedisCode::kIo);
  ASSERT_TRUE(server_->restart());
  RedisStatus status = c->wait_connected(5000);
  ASSERT_TRUE(status.is_ok()) << status.to_string();
  ASSERT_TRUE(c->execute({"SET", "after", "restart"}, &reply).is_ok());
}

}  // namespace
}  // namespace presence::cluster
