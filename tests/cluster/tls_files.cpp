#include "tls_files.h"

#include <fstream>

namespace presence::cluster::testing {

namespace {

// Our own configuration, so the certificates do not depend on the system's
// openssl.cnf defaults.
constexpr const char* kConfig = R"(
[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[ca_ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[server_ext]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1,DNS:localhost
[client_ext]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth
)";

}  // namespace

::testing::AssertionResult TlsFiles::generate() {
  const std::string config = path("openssl.cnf");
  std::ofstream(config) << kConfig;
  const std::vector<std::string> ec_key = {"-newkey", "ec", "-pkeyopt",
                                           "ec_paramgen_curve:prime256v1", "-nodes"};
  auto make_ca = [&](const std::string& name, const std::string& subject) {
    std::vector<std::string> argv = {PE_OPENSSL_PATH, "req",    "-x509", "-config", config,
                                     "-extensions",   "ca_ext", "-days", "2",       "-subj",
                                     subject};
    argv.insert(argv.end(), ec_key.begin(), ec_key.end());
    argv.insert(argv.end(),
                {"-keyout", path((name + ".key").c_str()), "-out", path((name + ".crt").c_str())});
    return run_program(argv) == 0;
  };
  auto make_signed = [&](const std::string& name, const std::string& subject,
                         const std::string& extensions) {
    const std::string key = path((name + ".key").c_str());
    const std::string csr = path((name + ".csr").c_str());
    std::vector<std::string> request = {
        PE_OPENSSL_PATH, "req",     "-new", "-config", config, "-subj",
        subject,         "-keyout", key,    "-out",    csr};
    request.insert(request.end(), ec_key.begin(), ec_key.end());
    return run_program(request) == 0 &&
           run_program({PE_OPENSSL_PATH, "x509", "-req", "-in", csr, "-CA", ca_cert(), "-CAkey",
                        path("ca.key"), "-CAcreateserial", "-days", "2", "-extfile", config,
                        "-extensions", extensions, "-out", path((name + ".crt").c_str())}) == 0;
  };
  if (!make_ca("ca", "/CN=Presence Test CA") || !make_ca("other-ca", "/CN=Unrelated Test CA") ||
      !make_signed("server", "/CN=localhost", "server_ext") ||
      !make_signed("client", "/CN=presence-node", "client_ext")) {
    return ::testing::AssertionFailure() << "openssl could not generate the test certificates";
  }
  return ::testing::AssertionSuccess();
}

std::vector<std::string> TlsFiles::server_args(bool require_client_cert) const {
  return {"--tls-cert-file",    server_cert(),
          "--tls-key-file",     server_key(),
          "--tls-ca-cert-file", ca_cert(),
          "--tls-auth-clients", require_client_cert ? "yes" : "no"};
}

}  // namespace presence::cluster::testing
