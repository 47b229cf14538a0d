// Redis URLs: every accepted form, and every kind of bad one refused with a
// message that says what is wrong.
#include <gtest/gtest.h>

#include <string>

#include "cluster_test_util.h"
#include "redis/options.h"

namespace presence::cluster {
namespace {

RedisOptions parse_ok(const std::string& url) {
  RedisOptions options;
  RedisStatus status = parse_redis_url(url, &options);
  EXPECT_TRUE(status.is_ok()) << url << ": " << status.to_string();
  return options;
}

TEST(RedisUrl, HostAndPort) {
  const RedisOptions o = parse_ok("redis://cache.internal:6380");
  EXPECT_EQ(o.transport, RedisTransport::kTcp);
  EXPECT_EQ(o.host, "cache.internal");
  EXPECT_EQ(o.port, 6380);
  EXPECT_EQ(o.db, 0);
  EXPECT_TRUE(o.user.empty());
  EXPECT_TRUE(o.password.empty());
}

TEST(RedisUrl, DefaultsPortAndDatabase) {
  const RedisOptions o = parse_ok("redis://127.0.0.1");
  EXPECT_EQ(o.port, 6379);
  EXPECT_EQ(o.db, 0);
  EXPECT_EQ(o.connect_timeout_ms, 2000);
  EXPECT_EQ(o.command_timeout_ms, 2000);
  EXPECT_EQ(parse_ok("redis://h/").db, 0);
}

TEST(RedisUrl, Database) {
  EXPECT_EQ(parse_ok("redis://h:1/7").db, 7);
  EXPECT_EQ(parse_ok("redis://h/2147483647").db, 2147483647);
}

TEST(RedisUrl, PasswordOnly) {
  const RedisOptions o = parse_ok("redis://:s3cret@h:1/2");
  EXPECT_TRUE(o.user.empty());
  EXPECT_EQ(o.password, "s3cret");
  EXPECT_EQ(o.db, 2);
}

TEST(RedisUrl, AclUserAndPercentDecoding) {
  const RedisOptions o = parse_ok("redis://node%2D1:p%40ss%3Aw%2Fo%25rd@h");
  EXPECT_EQ(o.user, "node-1");
  EXPECT_EQ(o.password, "p@ss:w/o%rd");
}

TEST(RedisUrl, Ipv6) {
  const RedisOptions o = parse_ok("redis://[::1]:7000/3");
  EXPECT_EQ(o.host, "::1");
  EXPECT_EQ(o.port, 7000);
  EXPECT_EQ(o.db, 3);
  EXPECT_EQ(o.endpoint(), "[::1]:7000");
  EXPECT_EQ(parse_ok("redis://[fe80::1]").port, 6379);
}

TEST(RedisUrl, Tls) {
  const RedisOptions o = parse_ok(
      "rediss://u:p@redis.example:6380/1?tls_ca_file=/etc/ca.pem&tls_cert_file=/c.pem&"
      "tls_key_file=/k%20ey.pem&tls_server_name=redis.internal");
  EXPECT_EQ(o.transport, RedisTransport::kTls);
  EXPECT_EQ(o.tls.ca_file, "/etc/ca.pem");
  EXPECT_EQ(o.tls.cert_file, "/c.pem");
  EXPECT_EQ(o.tls.key_file, "/k ey.pem");
  EXPECT_EQ(o.tls.server_name, "redis.internal");
  EXPECT_FALSE(o.tls.insecure);
  EXPECT_TRUE(parse_ok("rediss://h?tls_insecure=true").tls.insecure);
  EXPECT_FALSE(parse_ok("rediss://h?tls_insecure=false").tls.insecure);
}

TEST(RedisUrl, Unix) {
  const RedisOptions o = parse_ok("unix:///run/redis/redis.sock");
  EXPECT_EQ(o.transport, RedisTransport::kUnix);
  EXPECT_EQ(o.unix_path, "/run/redis/redis.sock");
  EXPECT_EQ(o.db, 0);
  const RedisOptions with = parse_ok("unix://alice:pw@/tmp/r.sock?db=4&command_timeout_ms=50");
  EXPECT_EQ(with.unix_path, "/tmp/r.sock");
  EXPECT_EQ(with.user, "alice");
  EXPECT_EQ(with.password, "pw");
  EXPECT_EQ(with.db, 4);
  EXPECT_EQ(with.command_timeout_ms, 50);
}

TEST(RedisUrl, Parameters) {
  const RedisOptions o = parse_ok(
      "redis://h?connect_timeout_ms=150&command_timeout_ms=250&reconnect_min_ms=10&"
      "reconnect_max_ms=80&max_reply_bytes=4096&client_name=pe-node-7");
  EXPECT_EQ(o.connect_timeout_ms, 150);
  EXPECT_EQ(o.command_timeout_ms, 250);
  EXPECT_EQ(o.reconnect_min_ms, 10);
  EXPECT_EQ(o.reconnect_max_ms, 80);
  EXPECT_EQ(o.max_reply_bytes, 4096u);
  EXPECT_EQ(o.client_name, "pe-node-7");
}

TEST(RedisUrl, DescribeMasksThePassword) {
  EXPECT_EQ(parse_ok("redis://alice:secret@h:1/2").describe(), "redis://alice:***@h:1/2");
  EXPECT_EQ(parse_ok("rediss://:secret@h").describe(), "rediss://:***@h:6379/0");
  EXPECT_EQ(parse_ok("unix:///tmp/s?db=3").describe(), "unix:///tmp/s?db=3");
}

struct BadUrl {
  const char* url;
  const char* says;  // part of the expected message
};

void PrintTo(const BadUrl& bad, std::ostream* os) {
  *os << '"' << bad.url << '"';
}

class RedisUrlRefuses : public ::testing::TestWithParam<BadUrl> {};

TEST_P(RedisUrlRefuses, WithAClearMessage) {
  RedisOptions options;
  options.host = "untouched";
  RedisStatus status = parse_redis_url(GetParam().url, &options);
  EXPECT_EQ(status.code(), RedisCode::kInvalidArgument) << GetParam().url;
  EXPECT_NE(status.message().find("bad Redis URL: "), std::string::npos) << status.message();
  EXPECT_NE(status.message().find(GetParam().says), std::string::npos)
      << GetParam().url << " -> " << status.message();
  EXPECT_EQ(options.host, "untouched") << "output written on failure";
}

// A socket path longer than sockaddr_un can hold.
constexpr char kLongPath[] =
    "unix:///"
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    "aaaaaaaaaaaaaaaaaaaaaaaaaaa";

INSTANTIATE_TEST_SUITE_P(
    EveryKind, RedisUrlRefuses,
    ::testing::Values(
        BadUrl{"", "expected redis://"}, BadUrl{"localhost:6379", "expected redis://"},
        BadUrl{"http://h:6379", "unknown scheme 'http'"}, BadUrl{"REDIS://h", "unknown scheme"},
        BadUrl{"redis://", "missing host"}, BadUrl{"redis://:6379", "missing host"},
        BadUrl{"redis://h:", "empty port"}, BadUrl{"redis://h:0", "port must be 1..65535"},
        BadUrl{"redis://h:65536", "port must be 1..65535"},
        BadUrl{"redis://h:12ab", "port must be"}, BadUrl{"redis://h:-1", "port must be"},
        BadUrl{"redis://h/abc", "database must be a number"},
        BadUrl{"redis://h/-1", "database must be a number"},
        BadUrl{"redis://h/1/2", "database must be a number"},
        BadUrl{"redis://h/99999999999", "database must be a number"},
        BadUrl{"redis://user@h", "a user needs a password"},
        BadUrl{"redis://@h", "a user needs a password"},
        BadUrl{"redis://user:@h", "empty password"},
        BadUrl{"redis://us%zzer:pw@h", "bad percent escape in the user"},
        BadUrl{"redis://:pw%4@h", "bad percent escape in the password"},
        BadUrl{"redis://h w:1", "spaces and control characters"},
        BadUrl{"redis://h#frag", "fragments"}, BadUrl{"redis://ho$t", "bad host"},
        BadUrl{"redis://::1:6379", "bad host"}, BadUrl{"redis://[::1", "unterminated '['"},
        BadUrl{"redis://[::1]x", "unexpected text after ']'"},
        BadUrl{"redis://[::1]:", "empty port"}, BadUrl{"redis://[zz]:1", "bad IPv6"},
        BadUrl{"redis://h?", "empty query"}, BadUrl{"redis://h?novalue", "key=value pairs"},
        BadUrl{"redis://h?=1", "key=value pairs"},
        BadUrl{"redis://h?client_name=x&&db=2", "key=value pairs"},
        BadUrl{"redis://h?client_name=", "has no value"},
        BadUrl{"redis://h?colour=blue", "unknown parameter 'colour'"},
        BadUrl{"redis://h?command_timeout_ms=1&command_timeout_ms=2", "given twice"},
        BadUrl{"redis://h?connect_timeout_ms=0", "connect_timeout_ms must be 1.."},
        BadUrl{"redis://h?connect_timeout_ms=abc", "connect_timeout_ms must be a number"},
        BadUrl{"redis://h?command_timeout_ms=-5", "command_timeout_ms must be a number"},
        BadUrl{"redis://h?command_timeout_ms=86400001", "command_timeout_ms must be a number"},
        BadUrl{"redis://h?reconnect_min_ms=500&reconnect_max_ms=100",
               "reconnect_max_ms must be >= reconnect_min_ms"},
        BadUrl{"redis://h?max_reply_bytes=0", "max_reply_bytes must be > 0"},
        BadUrl{"redis://h?max_reply_bytes=lots", "max_reply_bytes must be a number"},
        BadUrl{"redis://h?db=1", "goes in the path"},
        BadUrl{"redis://h?tls_ca_file=/ca.pem", "needs a rediss:// URL"},
        BadUrl{"redis://h?tls_insecure=true", "needs a rediss:// URL"},
        BadUrl{"rediss://h?tls_insecure=maybe", "tls_insecure must be true or false"},
        BadUrl{"rediss://h?tls_cert_file=/c.pem", "go together"},
        BadUrl{"rediss://h?tls_key_file=/k.pem", "go together"},
        BadUrl{"rediss://h?tls_ca=/ca.pem", "unknown parameter 'tls_ca'"},
        BadUrl{"unix://", "missing socket path"}, BadUrl{"unix:///", "missing socket path"},
        BadUrl{"unix://localhost/tmp/s", "a unix URL has no host"},
        BadUrl{"unix:///tmp/s?db=x", "database must be a number"},
        BadUrl{"unix:///tmp/%zz", "bad percent escape in the socket path"},
        BadUrl{kLongPath, "unix socket path longer than 107 bytes"}));

TEST(RedisOptions, ValidateChecksOptionsBuiltInCode) {
  RedisOptions options;
  EXPECT_TRUE(options.validate().is_ok());
  options.tls.insecure = true;
  RedisStatus status = options.validate();
  EXPECT_EQ(status.code(), RedisCode::kInvalidArgument);
  EXPECT_NE(status.message().find("TLS options need the TLS transport"), std::string::npos);
  options = RedisOptions();
  options.transport = RedisTransport::kUnix;
  options.unix_path = "relative.sock";
  EXPECT_EQ(options.validate().code(), RedisCode::kInvalidArgument);
  options = RedisOptions();
  options.db = -1;
  EXPECT_EQ(options.validate().code(), RedisCode::kInvalidArgument);
  options = RedisOptions();
  options.user = "alice";
  EXPECT_EQ(options.validate().code(), RedisCode::kInvalidArgument);
}

TEST(RedisOptions, ConnectionRefusesBadUrlsAndOptions) {
  std::unique_ptr<RedisConnection> connection;
  RedisStatus status = RedisConnection::create("redis://h:0", &connection);
  EXPECT_EQ(status.code(), RedisCode::kInvalidArgument);
  EXPECT_EQ(connection, nullptr);
  RedisOptions options;
  options.command_timeout_ms = 0;
  EXPECT_EQ(RedisConnection::create(options, &connection).code(), RedisCode::kInvalidArgument);
  EXPECT_EQ(connection, nullptr);
}

}  // namespace
}  // namespace presence::cluster
