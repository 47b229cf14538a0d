#include "redis/tls_channel.h"

#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <sys/socket.h>

#include <algorithm>
#include <climits>
#include <memory>
#include <string>
#include <utility>

namespace presence::cluster {

namespace {

struct SslCtxFree {
  void operator()(SSL_CTX* ctx) const { SSL_CTX_free(ctx); }
};
struct SslFree {
  void operator()(SSL* ssl) const { SSL_free(ssl); }
};
using SslCtxPtr = std::unique_ptr<SSL_CTX, SslCtxFree>;
using SslPtr = std::unique_ptr<SSL, SslFree>;

// Encrypted bytes move in pieces of this size (one TLS record at most).
constexpr std::size_t kChunk = std::size_t{16} << 10;

// Drains this thread's OpenSSL error queue into one line.
std::string openssl_errors() {
  std::string text;
  while (const unsigned long error = ERR_get_error()) {
    char buffer[256];
    ERR_error_string_n(error, buffer, sizeof buffer);
    if (!text.empty()) text += "; ";
    text += buffer;
  }
  return text.empty() ? "no detail from OpenSSL" : text;
}

RedisStatus tls_error(const std::string& what) {
  return {RedisCode::kTls, what + ": " + openssl_errors()};
}

// Refuses to prompt on the terminal for the passphrase of an encrypted key,
// which is OpenSSL's default: a server process has nobody to ask.
int no_passphrase(char* /*buffer*/, int /*size*/, int /*rwflag*/, void* /*userdata*/) {
  return 0;
}

RedisStatus make_context(const RedisTlsOptions& tls, SslCtxPtr* out) {
  SslCtxPtr ctx(SSL_CTX_new(TLS_client_method()));
  if (!ctx) return tls_error("cannot create a TLS context");
  SSL_CTX_set_min_proto_version(ctx.get(), TLS1_2_VERSION);
  SSL_CTX_set_default_passwd_cb(ctx.get(), &no_passphrase);
  if (!tls.insecure) {
    SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER, nullptr);
    if (!tls.ca_file.empty()) {
      if (SSL_CTX_load_verify_locations(ctx.get(), tls.ca_file.c_str(), nullptr) != 1) {
        return tls_error("cannot load tls_ca_file '" + tls.ca_file + "'");
      }
    } else if (SSL_CTX_set_default_verify_paths(ctx.get()) != 1) {
      return tls_error("cannot load the system's trusted certificates");
    }
  }
  if (!tls.cert_file.empty()) {
    if (SSL_CTX_use_certificate_chain_file(ctx.get(), tls.cert_file.c_str()) != 1) {
      return tls_error("cannot load tls_cert_file '" + tls.cert_file + "'");
    }
    // Also checks that the key matches the certificate loaded above.
    if (SSL_CTX_use_PrivateKey_file(ctx.get(), tls.key_file.c_str(), SSL_FILETYPE_PEM) != 1) {
      return tls_error("cannot use tls_key_file '" + tls.key_file +
                       "' (it must be an unencrypted PEM key matching tls_cert_file)");
    }
  }
  *out = std::move(ctx);
  return RedisStatus::ok();
}

bool is_ip_address(const std::string& name) {
  unsigned char buffer[sizeof(in6_addr)];
  return inet_pton(AF_INET, name.c_str(), buffer) == 1 ||
         inet_pton(AF_INET6, name.c_str(), buffer) == 1;
}

// Which name the certificate must carry, and SNI (only for DNS names: RFC
// 6066 forbids addresses in SNI).
RedisStatus set_server_name(SSL* ssl, const RedisOptions& options) {
  const std::string& name =
      options.tls.server_name.empty() ? options.host : options.tls.server_name;
  if (is_ip_address(name)) {
    if (!options.tls.insecure &&
        X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), name.c_str()) != 1) {
      return tls_error("cannot set the address to verify");
    }
    return RedisStatus::ok();
  }
  if (SSL_set_tlsext_host_name(ssl, name.c_str()) != 1) return tls_error("cannot set SNI");
  if (!options.tls.insecure && SSL_set1_host(ssl, name.c_str()) != 1) {
    return tls_error("cannot set the host name to verify");
  }
  return RedisStatus::ok();
}

class TlsChannel final : public Channel {
 public:
  TlsChannel(Socket socket, SslCtxPtr ctx, SslPtr ssl, BIO* network_in, BIO* network_out)
      : socket_(std::move(socket)),
        ctx_(std::move(ctx)),
        ssl_(std::move(ssl)),
        network_in_(network_in),
        network_out_(network_out) {}

  ~TlsChannel() override {
    // A close_notify if the socket takes it right away; the connection is
    // going away either way, so nothing waits for it.
    ERR_clear_error();
    if (SSL_is_init_finished(ssl_.get())) SSL_shutdown(ssl_.get());
    char buffer[kChunk];
    const int n = BIO_read(network_out_, buffer, sizeof buffer);
    if (n > 0)
      ::send(socket_.fd(), buffer, static_cast<std::size_t>(n), MSG_NOSIGNAL | MSG_DONTWAIT);
    ERR_clear_error();
  }

  RedisStatus handshake(const IoBudget& budget, const Canceller& canceller) {
    int result = 0;
    RedisStatus status =
        drive([this] { return SSL_connect(ssl_.get()); }, budget, canceller, &result);
    if (status.is_ok() || status.code() != RedisCode::kTls) return status;
    const long verify = SSL_get_verify_result(ssl_.get());
    if (verify != X509_V_OK) {
      return {RedisCode::kTls, std::string("server certificate verify failed: ") +
                                   X509_verify_cert_error_string(verify)};
    }
    return status;
  }

  RedisStatus send(const char* data, std::size_t size, const IoBudget& budget,
                   const Canceller& canceller) override {
    while (size > 0) {
      const int piece = static_cast<int>(std::min(size, kChunk));
      int written = 0;
      PE_REDIS_TRY(
          drive([&] { return SSL_write(ssl_.get(), data, piece); }, budget, canceller, &written));
      data += written;
      size -= static_cast<std::size_t>(written);
    }
    return RedisStatus::ok();
  }

  RedisStatus receive(char* buffer, std::size_t capacity, const IoBudget& budget,
                      const Canceller& canceller, std::size_t* out_size) override {
    const int piece = static_cast<int>(std::min<std::size_t>(capacity, INT_MAX));
    int got = 0;
    PE_REDIS_TRY(
        drive([&] { return SSL_read(ssl_.get(), buffer, piece); }, budget, canceller, &got));
    *out_size = static_cast<std::size_t>(got);
    return RedisStatus::ok();
  }

 private:
  // Runs an OpenSSL call until it succeeds, sending what it wrote to the
  // network buffer and receiving what it waits for.
  template <typename Operation>
  RedisStatus drive(Operation operation, const IoBudget& budget, const Canceller& canceller,
                    int* out_result) {
    for (;;) {
      ERR_clear_error();
      const int result = operation();
      const int error = result > 0 ? SSL_ERROR_NONE : SSL_get_error(ssl_.get(), result);
      // Whatever the outcome, the peer needs what OpenSSL produced (a
      // handshake message, a record, an alert).
      RedisStatus flushed = flush(budget, canceller);
      if (error == SSL_ERROR_NONE) {
        PE_REDIS_TRY(std::move(flushed));
        *out_result = result;
        return RedisStatus::ok();
      }
      if (error == SSL_ERROR_WANT_READ) {
        PE_REDIS_TRY(std::move(flushed));
        PE_REDIS_TRY(fill(budget, canceller));
        continue;
      }
      if (error == SSL_ERROR_WANT_WRITE) {
        PE_REDIS_TRY(std::move(flushed));
        continue;
      }
      if (error == SSL_ERROR_ZERO_RETURN) {
        return {RedisCode::kIo, "connection closed by the server (TLS close_notify)"};
      }
      return tls_error("TLS failure");
    }
  }

  // Sends everything OpenSSL has written to the network buffer.
  RedisStatus flush(const IoBudget& budget, const Canceller& canceller) {
    char buffer[kChunk];
    while (BIO_ctrl_pending(network_out_) > 0) {
      const int n = BIO_read(network_out_, buffer, sizeof buffer);
      if (n <= 0) break;
      PE_REDIS_TRY(send_all(socket_, buffer, static_cast<std::size_t>(n), budget, canceller));
    }
    return RedisStatus::ok();
  }

  // Receives encrypted bytes into OpenSSL's network buffer.
  RedisStatus fill(const IoBudget& budget, const Canceller& canceller) {
    char buffer[kChunk];
    std::size_t got = 0;
    PE_REDIS_TRY(receive_some(socket_, buffer, sizeof buffer, budget, canceller, &got));
    if (BIO_write(network_in_, buffer, static_cast<int>(got)) != static_cast<int>(got)) {
      return tls_error("cannot buffer received bytes");
    }
    return RedisStatus::ok();
  }

  Socket socket_;
  SslCtxPtr ctx_;
  SslPtr ssl_;
  BIO* network_in_;   // owned by ssl_
  BIO* network_out_;  // owned by ssl_
};

}  // namespace

RedisStatus start_tls(const RedisOptions& options, Socket socket, const IoBudget& budget,
                      const Canceller& canceller, std::unique_ptr<Channel>* out) {
  SslCtxPtr ctx;
  PE_REDIS_TRY(make_context(options.tls, &ctx));
  SslPtr ssl(SSL_new(ctx.get()));
  if (!ssl) return tls_error("cannot create a TLS session");
  BIO* network_in = BIO_new(BIO_s_mem());
  BIO* network_out = BIO_new(BIO_s_mem());
  if (network_in == nullptr || network_out == nullptr) {
    BIO_free(network_in);
    BIO_free(network_out);
    return tls_error("cannot create TLS buffers");
  }
  SSL_set_bio(ssl.get(), network_in, network_out);
  SSL_set_connect_state(ssl.get());
  PE_REDIS_TRY(set_server_name(ssl.get(), options));
  auto channel = std::make_unique<TlsChannel>(std::move(socket), std::move(ctx), std::move(ssl),
                                              network_in, network_out);
  RedisStatus status = channel->handshake(budget, canceller);
  if (!status.is_ok()) {
    return {status.code(), "TLS handshake with " + options.endpoint() + ": " + status.message()};
  }
  *out = std::move(channel);
  return RedisStatus::ok();
}

}  // namespace presence::cluster
