// Shared by the cluster transport tests: readable codes in failure output,
// and opening a connection to a test server in one line.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <ostream>
#include <string>

#include "redis/connection.h"
#include "redis/status.h"

namespace presence::cluster {

// gtest prints codes by name ("timeout"), not as numbers.
inline void PrintTo(RedisCode code, std::ostream* os) {
  *os << redis_code_name(code);
}

namespace testing {

// Creates a connection from `url` and connects it.
inline ::testing::AssertionResult open_connection(const std::string& url,
                                                  std::unique_ptr<RedisConnection>* out) {
  RedisStatus status = RedisConnection::create(url, out);
  if (status.is_ok()) status = (*out)->connect();
  if (status.is_ok()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << url << ": " << status.to_string();
}

// Milliseconds since `start`, for timing checks.
inline long long elapsed_ms(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               start)
      .count();
}

}  // namespace testing
}  // namespace presence::cluster
