// Throwaway TLS material, generated with the openssl command at test time:
// a CA, a server certificate it signs (for 127.0.0.1 and localhost), a
// client certificate it signs, and an unrelated second CA.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "redis_server.h"

namespace presence::cluster::testing {

class TlsFiles {
 public:
  ::testing::AssertionResult generate();

  std::string ca_cert() const { return path("ca.crt"); }
  std::string other_ca_cert() const { return path("other-ca.crt"); }
  std::string server_cert() const { return path("server.crt"); }
  std::string server_key() const { return path("server.key"); }
  std::string client_cert() const { return path("client.crt"); }
  std::string client_key() const { return path("client.key"); }

  // redis-server arguments for a TLS port with this material.
  std::vector<std::string> server_args(bool require_client_cert) const;

 private:
  std::string path(const char* name) const { return dir_.path() + "/" + name; }

  TempDir dir_;
};

}  // namespace presence::cluster::testing
