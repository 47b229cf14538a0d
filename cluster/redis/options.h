// Where and how to connect to Redis, usually read from a URL:
//
//   redis://[[user]:password@]host[:port][/db][?param=value&...]
//   rediss://...                                   (TLS)
//   unix://[[user]:password@]/path/to/socket[?db=N&param=value&...]
//
// The port defaults to 6379 and the database to 0; a host may be a name, an
// IPv4 address or an IPv6 address in brackets. User and password are
// percent-decoded ("p%40ss" is "p@ss"); ":password@" alone authenticates as
// the default user (requirepass), "user:password@" as an ACL user.
//
// Query parameters (each at most once; unknown ones are refused, so a typo
// never silently leaves a default in place):
//   connect_timeout_ms   connect + TLS handshake + AUTH/SELECT   (2000)
//   command_timeout_ms   longest wait for the server to accept or send bytes
//                        while a reply is due; a blocking read adds its own
//                        block time                               (2000)
//   reconnect_min_ms     first reconnection delay after a failure (100)
//   reconnect_max_ms     cap of the doubling delay               (5000)
//   max_reply_bytes      largest reply accepted                  (64 MiB)
//   client_name          CLIENT SETNAME after connecting         (none)
//   db                   database, for unix:// URLs only (redis:// has /db)
//   tls_ca_file          PEM file of trusted CAs      (rediss:// only; default:
//                        the system's trust store)
//   tls_cert_file, tls_key_file   client certificate and key (PEM), together
//   tls_server_name      name sent as SNI and verified in the certificate
//                        (default: the URL's host)
//   tls_insecure         true: skip verification of the server certificate
//                        (test setups only)
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "redis/status.h"

namespace presence::cluster {

enum class RedisTransport { kTcp, kTls, kUnix };

struct RedisTlsOptions {
  std::string ca_file;
  std::string cert_file;
  std::string key_file;
  std::string server_name;
  bool insecure = false;
};

struct RedisOptions {
  RedisTransport transport = RedisTransport::kTcp;
  std::string host = "127.0.0.1";  // kTcp and kTls
  std::uint16_t port = 6379;       // kTcp and kTls
  std::string unix_path;           // kUnix
  std::string user;                // empty: the default user
  std::string password;            // empty: no AUTH
  int db = 0;
  std::int64_t connect_timeout_ms = 2000;
  std::int64_t command_timeout_ms = 2000;
  std::int64_t reconnect_min_ms = 100;
  std::int64_t reconnect_max_ms = 5000;
  std::size_t max_reply_bytes = std::size_t{64} << 20;
  std::string client_name;
  RedisTlsOptions tls;  // kTls only

  // Checks the combination (also for options built in code, not parsed).
  RedisStatus validate() const;
  // The options as a URL with the password masked, for logs and errors.
  std::string describe() const;
  // "host:port" or the socket path: how messages name the server.
  std::string endpoint() const;
};

// Parses and validates a URL; *out is written only on success.
RedisStatus parse_redis_url(std::string_view url, RedisOptions* out);

}  // namespace presence::cluster
