// TLS over a connected socket, with OpenSSL.
//
// The server certificate is verified against tls_ca_file (or the system's
// trust store) and against the server's name (tls_server_name, else the
// URL's host; an IP address is matched against the certificate's IP
// entries), unless tls_insecure is set. A client certificate is presented
// when tls_cert_file and tls_key_file are set. TLS 1.2 at least.
//
// OpenSSL works on memory buffers here and this file moves the encrypted
// bytes to and from the socket itself: every wait stays a bounded,
// cancellable poll(), and writes use MSG_NOSIGNAL (OpenSSL's own socket
// writes could raise SIGPIPE in the host process).
#pragma once

#include <memory>

#include "redis/channel.h"
#include "redis/io_wait.h"
#include "redis/options.h"
#include "redis/socket.h"
#include "redis/status.h"

namespace presence::cluster {

// Runs the TLS handshake over `socket` within the budget; *out receives the
// encrypted channel. kTls when the certificate files cannot be used or the
// handshake fails (the message says why: "certificate verify failed: ...").
RedisStatus start_tls(const RedisOptions& options, Socket socket, const IoBudget& budget,
                      const Canceller& canceller, std::unique_ptr<Channel>* out);

}  // namespace presence::cluster
