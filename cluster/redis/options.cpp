#include "redis/options.h"

#include <sys/un.h>

#include <climits>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "redis/decimal.h"

namespace presence::cluster {

namespace {

// Timeouts and delays are added to steady-clock time points; a day is far
// beyond any sensible value and far below overflow.
constexpr std::int64_t kMaxDelayMs = std::int64_t{24} * 3600 * 1000;

RedisStatus bad_url(std::string_view what) {
  return {RedisCode::kInvalidArgument, "bad Redis URL: " + std::string(what)};
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decoding of one URL component; `what` names it in the error.
RedisStatus decode(std::string_view text, const char* what, std::string* out) {
  std::string decoded;
  decoded.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      decoded.push_back(text[i]);
      continue;
    }
    const int high = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
    const int low = high >= 0 ? hex_value(text[i + 2]) : -1;
    if (low < 0) return bad_url(std::string("bad percent escape in the ") + what);
    decoded.push_back(static_cast<char>(high * 16 + low));
    i += 2;
  }
  *out = std::move(decoded);
  return RedisStatus::ok();
}

bool valid_host_name(std::string_view host) {
  for (char c : host) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '.' || c == '_';
    if (!ok) return false;
  }
  return !host.empty();
}

bool valid_ipv6_literal(std::string_view host) {
  for (char c : host) {
    if (hex_value(c) < 0 && c != ':' && c != '.') return false;
  }
  return host.find(':') != std::string_view::npos;
}

// "[user]:password" before the '@'.
RedisStatus parse_userinfo(std::string_view userinfo, RedisOptions* out) {
  const std::size_t colon = userinfo.find(':');
  if (colon == std::string_view::npos) {
    return bad_url("a user needs a password (user:password@), or use :password@ for requirepass");
  }
  PE_REDIS_TRY(decode(userinfo.substr(0, colon), "user", &out->user));
  PE_REDIS_TRY(decode(userinfo.substr(colon + 1), "password", &out->password));
  if (out->password.empty()) return bad_url("empty password before '@'");
  return RedisStatus::ok();
}

// "host[:port]" or "[v6]:port".
RedisStatus parse_host_port(std::string_view authority, RedisOptions* out) {
  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return bad_url("unterminated '[' in the host");
    host = authority.substr(1, close - 1);
    const std::string_view rest = authority.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return bad_url("unexpected text after ']' in the host");
      port = rest.substr(1);
      if (port.empty()) return bad_url("empty port after ':'");
    }
    if (!valid_ipv6_literal(host)) return bad_url("bad IPv6 address '" + std::string(host) + "'");
  } else {
    const std::size_t colon = authority.rfind(':');
    if (colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
      if (port.empty()) return bad_url("empty port after ':'");
    }
    if (host.empty()) return bad_url("missing host");
    if (!valid_host_name(host)) {
      return bad_url("bad host '" + std::string(host) + "' (IPv6 addresses go in brackets)");
    }
  }
  out->host = std::string(host);
  if (!port.empty()) {
    std::uint64_t value = 0;
    if (!parse_decimal(port, 65535, &value) || value == 0) {
      return bad_url("port must be 1..65535, got '" + std::string(port) + "'");
    }
    out->port = static_cast<std::uint16_t>(value);
  }
  return RedisStatus::ok();
}

RedisStatus parse_db(std::string_view text, RedisOptions* out) {
  std::uint64_t value = 0;
  if (!parse_decimal(text, INT_MAX, &value)) {
    return bad_url("database must be a number 0.." + std::to_string(INT_MAX) + ", got '" +
                   std::string(text) + "'");
  }
  out->db = static_cast<int>(value);
  return RedisStatus::ok();
}

RedisStatus parse_millis(std::string_view key, std::string_view text, std::int64_t* out) {
  std::uint64_t value = 0;
  if (!parse_decimal(text, kMaxDelayMs, &value)) {
    return bad_url(std::string(key) + " must be a number of milliseconds up to " +
                   std::to_string(kMaxDelayMs) + ", got '" + std::string(text) + "'");
  }
  *out = static_cast<std::int64_t>(value);
  return RedisStatus::ok();
}

RedisStatus parse_bool(std::string_view key, std::string_view text, bool* out) {
  if (text == "true" || text == "1" || text == "yes") {
    *out = true;
  } else if (text == "false" || text == "0" || text == "no") {
    *out = false;
  } else {
    return bad_url(std::string(key) + " must be true or false, got '" + std::string(text) + "'");
  }
  return RedisStatus::ok();
}

RedisStatus apply_parameter(std::string_view key, const std::string& value, RedisOptions* out) {
  const bool tls = out->transport == RedisTransport::kTls;
  if (key.substr(0, 4) == "tls_" && !tls) {
    return bad_url(std::string(key) + " needs a rediss:// URL");
  }
  if (key == "connect_timeout_ms") return parse_millis(key, value, &out->connect_timeout_ms);
  if (key == "command_timeout_ms") return parse_millis(key, value, &out->command_timeout_ms);
  if (key == "reconnect_min_ms") return parse_millis(key, value, &out->reconnect_min_ms);
  if (key == "reconnect_max_ms") return parse_millis(key, value, &out->reconnect_max_ms);
  if (key == "max_reply_bytes") {
    std::uint64_t bytes = 0;
    if (!parse_decimal(value, SIZE_MAX, &bytes)) {
      return bad_url("max_reply_bytes must be a number, got '" + value + "'");
    }
    out->max_reply_bytes = static_cast<std::size_t>(bytes);
    return RedisStatus::ok();
  }
  if (key == "client_name") {
    out->client_name = value;
    return RedisStatus::ok();
  }
  if (key == "db") {
    if (out->transport != RedisTransport::kUnix) {
      return bad_url("the database of a redis:// URL goes in the path: redis://host:port/db");
    }
    return parse_db(value, out);
  }
  if (key == "tls_ca_file") {
    out->tls.ca_file = value;
  } else if (key == "tls_cert_file") {
    out->tls.cert_file = value;
  } else if (key == "tls_key_file") {
    out->tls.key_file = value;
  } else if (key == "tls_server_name") {
    out->tls.server_name = value;
  } else if (key == "tls_insecure") {
    return parse_bool(key, value, &out->tls.insecure);
  } else {
    return bad_url("unknown parameter '" + std::string(key) + "'");
  }
  return RedisStatus::ok();
}

RedisStatus parse_query(std::string_view query, RedisOptions* out) {
  std::set<std::string_view> seen;
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    const std::size_t eq = pair.find('=');
    if (pair.empty() || eq == std::string_view::npos || eq == 0) {
      return bad_url("query parameters are key=value pairs separated by '&'");
    }
    const std::string_view key = pair.substr(0, eq);
    if (!seen.insert(key).second)
      return bad_url("parameter '" + std::string(key) + "' given twice");
    std::string value;
    PE_REDIS_TRY(decode(pair.substr(eq + 1), "query", &value));
    if (value.empty()) return bad_url("parameter '" + std::string(key) + "' has no value");
    PE_REDIS_TRY(apply_parameter(key, value, out));
  }
  return RedisStatus::ok();
}

// What is wrong with a combination of options, or "" when nothing is.
std::string find_problem(const RedisOptions& o) {
  if (o.transport == RedisTransport::kUnix) {
    if (o.unix_path.empty() || o.unix_path.front() != '/') {
      return "a unix socket path must be absolute";
    }
    if (o.unix_path.size() >= sizeof(sockaddr_un::sun_path)) {
      return "unix socket path longer than " + std::to_string(sizeof(sockaddr_un::sun_path) - 1) +
             " bytes";
    }
  } else if (o.host.empty() || o.port == 0) {
    return "a host and a port 1..65535 are needed";
  }
  if (o.db < 0) return "database must be >= 0";
  if (!o.user.empty() && o.password.empty()) return "a user needs a password";
  const struct {
    const char* name;
    std::int64_t value;
  } delays[] = {{"connect_timeout_ms", o.connect_timeout_ms},
                {"command_timeout_ms", o.command_timeout_ms},
                {"reconnect_min_ms", o.reconnect_min_ms},
                {"reconnect_max_ms", o.reconnect_max_ms}};
  for (const auto& delay : delays) {
    if (delay.value <= 0 || delay.value > kMaxDelayMs) {
      return std::string(delay.name) + " must be 1.." + std::to_string(kMaxDelayMs) + " ms, got " +
             std::to_string(delay.value);
    }
  }
  if (o.reconnect_max_ms < o.reconnect_min_ms) {
    return "reconnect_max_ms must be >= reconnect_min_ms";
  }
  if (o.max_reply_bytes == 0) return "max_reply_bytes must be > 0";
  const RedisTlsOptions& tls = o.tls;
  if (o.transport != RedisTransport::kTls &&
      (!tls.ca_file.empty() || !tls.cert_file.empty() || !tls.key_file.empty() ||
       !tls.server_name.empty() || tls.insecure)) {
    return "TLS options need the TLS transport (rediss://)";
  }
  if (tls.cert_file.empty() != tls.key_file.empty()) {
    return "tls_cert_file and tls_key_file go together";
  }
  return {};
}

}  // namespace

RedisStatus RedisOptions::validate() const {
  std::string problem = find_problem(*this);
  if (problem.empty()) return RedisStatus::ok();
  return {RedisCode::kInvalidArgument, "bad Redis options: " + problem};
}

std::string RedisOptions::endpoint() const {
  if (transport == RedisTransport::kUnix) return unix_path;
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::string RedisOptions::describe() const {
  std::string url = transport == RedisTransport::kTcp   ? "redis://"
                    : transport == RedisTransport::kTls ? "rediss://"
                                                        : "unix://";
  if (!password.empty()) url += user + ":***@";
  url += endpoint();
  if (transport == RedisTransport::kUnix) {
    if (db != 0) url += "?db=" + std::to_string(db);
  } else {
    url += "/" + std::to_string(db);
  }
  return url;
}

RedisStatus parse_redis_url(std::string_view url, RedisOptions* out) {
  RedisOptions options;
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) {
    return bad_url("expected redis://, rediss:// or unix://");
  }
  const std::string_view scheme = url.substr(0, scheme_end);
  if (scheme == "redis") {
    options.transport = RedisTransport::kTcp;
  } else if (scheme == "rediss") {
    options.transport = RedisTransport::kTls;
  } else if (scheme == "unix") {
    options.transport = RedisTransport::kUnix;
  } else {
    return bad_url("unknown scheme '" + std::string(scheme) + "' (expected redis, rediss or unix)");
  }
  std::string_view rest = url.substr(scheme_end + 3);
  if (rest.find('#') != std::string_view::npos) return bad_url("fragments (#) are not allowed");
  for (char c : rest) {
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) {
      return bad_url("spaces and control characters must be percent-encoded");
    }
  }
  std::string_view query;
  const std::size_t question = rest.find('?');
  if (question != std::string_view::npos) {
    query = rest.substr(question + 1);
    rest = rest.substr(0, question);
    if (query.empty()) return bad_url("empty query after '?'");
  }
  const std::size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  const std::string_view path =
      slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  const std::size_t at = authority.rfind('@');
  if (at != std::string_view::npos) {
    PE_REDIS_TRY(parse_userinfo(authority.substr(0, at), &options));
    authority = authority.substr(at + 1);
  }

  if (options.transport == RedisTransport::kUnix) {
    if (!authority.empty()) {
      return bad_url("a unix URL has no host: unix:///path/to/socket (three slashes)");
    }
    if (path.empty() || path == "/") return bad_url("missing socket path in unix URL");
    PE_REDIS_TRY(decode(path, "socket path", &options.unix_path));
  } else {
    PE_REDIS_TRY(parse_host_port(authority, &options));
    if (path.size() > 1) PE_REDIS_TRY(parse_db(path.substr(1), &options));
  }
  PE_REDIS_TRY(parse_query(query, &options));
  const std::string problem = find_problem(options);
  if (!problem.empty()) return bad_url(problem);
  *out = std::move(options);
  return RedisStatus::ok();
}

}  // namespace presence::cluster
