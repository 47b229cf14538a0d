// One node of a cluster: the writer, follower and liveness threads around
// one engine, each with its own Redis connection (connections are not
// shared between threads). Started and stopped by pe_cluster_start/stop.
#pragma once

#include <memory>
#include <string>
#include <thread>

#include "runtime/engine_port.h"
#include "runtime/follower.h"
#include "runtime/liveness.h"
#include "runtime/runtime_options.h"
#include "runtime/runtime_state.h"
#include "runtime/writer.h"

namespace presence::cluster {

class NodeRuntime {
 public:
  // Starts the threads and waits until the node's mirror is written, the
  // cluster bootstrapped and its liveness key set, or until the start
  // timeout or a failure no retry can fix (then *out is empty, the threads
  // are stopped, and the status says why).
  static RedisStatus start(const RuntimeOptions& options, std::unique_ptr<EnginePort> engine,
                           std::unique_ptr<NodeRuntime>* out);
  ~NodeRuntime() { stop(); }
  NodeRuntime(const NodeRuntime&) = delete;
  NodeRuntime& operator=(const NodeRuntime&) = delete;

  // Idempotent; bounded by the connections' timeouts.
  void stop();
  void stats(pe_cluster_stats* out) const { state_.fill(out); }
  std::string last_error() const { return state_.last_error(); }

 private:
  NodeRuntime(const RuntimeOptions& options, std::unique_ptr<EnginePort> engine);
  RedisStatus launch();

  RuntimeOptions options_;
  std::unique_ptr<EnginePort> engine_;
  RuntimeState state_;
  std::unique_ptr<Writer> writer_;
  std::unique_ptr<Follower> follower_;
  std::unique_ptr<Liveness> liveness_;
  std::thread writer_thread_;
  std::thread follower_thread_;
  std::thread liveness_thread_;
};

}  // namespace presence::cluster
