// Test harness: a real redis-server on a free loopback port, in a temporary
// directory, without persistence, owned by the test. Its destructor kills
// the server and removes the directory, on every path (also a failed
// ASSERT), and the server dies with the test process if that crashes
// (PR_SET_PDEATHSIG), so no server outlives a test run.
#pragma once

#include <gtest/gtest.h>
#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace presence::cluster::testing {

// A fresh temporary directory, removed with everything in it.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// A port that was free a moment ago (bound to port 0, then released).
std::uint16_t free_loopback_port();

// Runs a program (by path) to completion with its output discarded; its exit status
// (or -1 when it could not be started).
int run_program(const std::vector<std::string>& argv);

class RedisServer {
 public:
  struct Config {
    // Extra redis-server arguments, e.g. {"--requirepass", "secret"}.
    std::vector<std::string> args;
    // Also listen for TLS on a second port (args must name the files).
    bool tls_port = false;
  };

  // Starts a server and waits until it answers.
  static ::testing::AssertionResult start(const Config& config, std::unique_ptr<RedisServer>* out);
  static ::testing::AssertionResult start(std::unique_ptr<RedisServer>* out) {
    return start(Config{}, out);
  }
  ~RedisServer();

  std::uint16_t port() const { return port_; }
  std::uint16_t tls_port() const { return tls_port_; }
  std::string unix_socket() const { return dir_.path() + "/redis.sock"; }
  const std::string& dir() const { return dir_.path(); }
  // redis://127.0.0.1:<port><suffix>, e.g. url("/2?command_timeout_ms=300").
  std::string url(const std::string& suffix = "") const;

  // SIGKILL, as a crash: no goodbye to clients.
  void kill();
  // Starts again on the same ports with the same arguments (after kill()).
  ::testing::AssertionResult restart();
  // SIGSTOP / SIGCONT: the kernel still accepts connections and bytes, but
  // nothing answers.
  void pause();
  void resume();
  // The server's log, for failure messages.
  std::string log() const;

 private:
  RedisServer() = default;
  ::testing::AssertionResult launch();

  TempDir dir_;
  Config config_;
  std::uint16_t port_ = 0;
  std::uint16_t tls_port_ = 0;
  pid_t pid_ = -1;
  bool paused_ = false;
};

}  // namespace presence::cluster::testing
