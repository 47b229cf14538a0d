// A cluster node in a child process, for what one process cannot do to
// itself: die by SIGKILL (no goodbye, no destructor) or freeze (SIGSTOP)
// while the others carry on. The child runs `body`, which talks to the
// parent through two bytes: it signals "ready" and waits for "go".
#pragma once

#include <gtest/gtest.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <functional>

namespace presence::cluster::testing {

class ChildNode {
 public:
  // Child side of the pipes, given to `body`.
  struct Channel {
    int to_parent;
    int from_parent;
    void ready() const { (void)!write(to_parent, "r", 1); }
    void wait_go() const {
      char byte = 0;
      (void)!read(from_parent, &byte, 1);
    }
  };

  // Forks; the child runs body and exits with its result (0 = success).
  // Fork before this process starts threads of its own (nodes, servers'
  // watchers): the child then starts from a single-threaded copy.
  explicit ChildNode(const std::function<int(const Channel&)>& body) {
    int up[2];
    int down[2];
    if (pipe(up) != 0 || pipe(down) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive the test
      close(up[0]);
      close(down[1]);
      _exit(body(Channel{up[1], down[0]}));
    }
    close(up[1]);
    close(down[0]);
    from_child_ = up[0];
    to_child_ = down[1];
  }
  ~ChildNode() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (from_child_ >= 0) close(from_child_);
    if (to_child_ >= 0) close(to_child_);
  }
  ChildNode(const ChildNode&) = delete;
  ChildNode& operator=(const ChildNode&) = delete;

  bool started() const { return pid_ > 0; }
  // Blocks until the child said ready; false if it died first.
  bool wait_ready() const {
    char byte = 0;
    return read(from_child_, &byte, 1) == 1;
  }
  void go() const { (void)!write(to_child_, "g", 1); }
  void signal(int sig) const { kill(pid_, sig); }
  // Waits for the child's exit; its status (or -1 after SIGKILL).
  int wait_exit() {
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  pid_t pid_ = -1;
  int from_child_ = -1;
  int to_child_ = -1;
};

}  // namespace presence::cluster::testing
