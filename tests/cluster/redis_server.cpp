#include "redis_server.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace presence::cluster::testing {

namespace {

// How long a starting server may take to answer (sanitizer builds on two
// shared cores are slow to fork and exec).
constexpr auto kStartTimeout = std::chrono::seconds(15);

// True when something on 127.0.0.1:port answers an inline PING with a RESP
// status or error line (an error, NOAUTH, still means "up").
bool answers_ping(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = false;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::send(fd, "PING\r\n", 6, MSG_NOSIGNAL) == 6) {
    pollfd p = {fd, POLLIN, 0};
    char c = 0;
    ok = ::poll(&p, 1, 1000) == 1 && ::recv(fd, &c, 1, 0) == 1 && (c == '+' || c == '-');
  }
  ::close(fd);
  return ok;
}

}  // namespace

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base != nullptr ? base : "/tmp") + "/pe-redis-XXXXXX";
  if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
}

std::uint16_t free_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  std::uint16_t port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0) {
    port = ntohs(address.sin_port);
  }
  ::close(fd);
  return port;
}

int run_program(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  const int spawned = ::posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return -1;
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

::testing::AssertionResult RedisServer::start(const Config& config,
                                              std::unique_ptr<RedisServer>* out) {
  std::unique_ptr<RedisServer> server(new RedisServer());
  if (server->dir_.path().empty()) return ::testing::AssertionFailure() << "mkdtemp failed";
  server->config_ = config;
  // A port found free can be taken before the server binds it: try again.
  ::testing::AssertionResult result = ::testing::AssertionFailure();
  for (int attempt = 0; attempt < 5; ++attempt) {
    server->port_ = free_loopback_port();
    server->tls_port_ = config.tls_port ? free_loopback_port() : 0;
    result = server->launch();
    if (result) break;
  }
  if (result) *out = std::move(server);
  return result;
}

::testing::AssertionResult RedisServer::launch() {
  const std::string& dir = dir_.path();
  std::vector<std::string> argv = {PE_REDIS_SERVER_PATH,
                                   "--port",
                                   std::to_string(port_),
                                   "--bind",
                                   "127.0.0.1",
                                   "--save",
                                   "",
                                   "--appendonly",
                                   "no",
                                   "--dir",
                                   dir,
                                   "--logfile",
                                   dir + "/redis.log",
                                   "--unixsocket",
                                   unix_socket(),
                                   "--unixsocketperm",
                                   "700",
                                   "--daemonize",
                                   "no"};
  if (tls_port_ != 0) {
    argv.push_back("--tls-port");
    argv.push_back(std::to_string(tls_port_));
  }
  argv.insert(argv.end(), config_.args.begin(), config_.args.end());
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (std::string& arg : argv) args.push_back(arg.data());
  args.push_back(nullptr);

  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) return ::testing::AssertionFailure() << "fork failed";
  if (pid == 0) {
    // The server dies with the test process, even if that one crashes.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    const int null = ::open("/dev/null", O_RDWR);
    ::dup2(null, STDIN_FILENO);
    ::dup2(null, STDOUT_FILENO);
    ::dup2(null, STDERR_FILENO);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  pid_ = pid;
  paused_ = false;
  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return ::testing::AssertionFailure() << "redis-server exited at start; log:\n" << log();
    }
    if (answers_ping(port_)) return ::testing::AssertionSuccess();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill();
  return ::testing::AssertionFailure() << "redis-server did not answer; log:\n" << log();
}

RedisServer::~RedisServer() {
  kill();
}

std::string RedisServer::url(const std::string& suffix) const {
  return "redis://127.0.0.1:" + std::to_string(port_) + suffix;
}

void RedisServer::kill() {
  if (pid_ < 0) return;
  ::kill(pid_, SIGKILL);  // also ends a stopped (SIGSTOP) process
  while (::waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  paused_ = false;
}

::testing::AssertionResult RedisServer::restart() {
  kill();
  return launch();
}

void RedisServer::pause() {
  if (pid_ >= 0 && ::kill(pid_, SIGSTOP) == 0) paused_ = true;
}

void RedisServer::resume() {
  if (pid_ >= 0 && paused_ && ::kill(pid_, SIGCONT) == 0) paused_ = false;
}

std::string RedisServer::log() const {
  std::ifstream file(dir_.path() + "/redis.log");
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace presence::cluster::testing
