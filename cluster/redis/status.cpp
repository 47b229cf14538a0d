#include "redis/status.h"

namespace presence::cluster {

const char* redis_code_name(RedisCode code) {
  switch (code) {
    case RedisCode::kOk: return "ok";
    case RedisCode::kInvalidArgument: return "invalid argument";
    case RedisCode::kIo: return "io";
    case RedisCode::kTimeout: return "timeout";
    case RedisCode::kTls: return "tls";
    case RedisCode::kAuth: return "auth";
    case RedisCode::kServerError: return "server error";
    case RedisCode::kNotFound: return "not found";
    case RedisCode::kProtocol: return "protocol";
    case RedisCode::kLimitExceeded: return "limit exceeded";
    case RedisCode::kClosed: return "closed";
  }
  return "unknown";
}

std::string RedisStatus::to_string() const {
  if (is_ok()) return "ok";
  return std::string(redis_code_name(code_)) + ": " + message();
}

}  // namespace presence::cluster
