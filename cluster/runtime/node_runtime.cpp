#include "runtime/node_runtime.h"

#include <utility>

namespace presence::cluster {

NodeRuntime::NodeRuntime(const RuntimeOptions& options, std::unique_ptr<EnginePort> engine)
    : options_(options), engine_(std::move(engine)) {}

RedisStatus NodeRuntime::start(const RuntimeOptions& options, std::unique_ptr<EnginePort> engine,
                               std::unique_ptr<NodeRuntime>* out) {
  if (!valid_cluster_name(options.cluster)) {
    return {RedisCode::kInvalidArgument, "the cluster name must be 1..64 bytes of [A-Za-z0-9_.-]"};
  }
  std::unique_ptr<NodeRuntime> runtime(new NodeRuntime(options, std::move(engine)));
  PE_REDIS_TRY(runtime->launch());
  if (!runtime->state_.wait_ready(options.start_timeout_ms)) {
    std::string error = runtime->state_.last_error();
    runtime->stop();
    if (error.empty()) error = "no answer from Redis";
    return {RedisCode::kIo, "cluster start failed within " +
                                std::to_string(options.start_timeout_ms) + " ms: " + error};
  }
  *out = std::move(runtime);
  return RedisStatus::ok();
}

RedisStatus NodeRuntime::launch() {
  std::unique_ptr<RedisConnection> connections[RuntimeState::kThreads];
  for (auto& connection : connections) {
    PE_REDIS_TRY(RedisConnection::create(options_.redis, &connection));
  }
  writer_ = std::make_unique<Writer>(options_, engine_.get(), &state_,
                                     std::move(connections[RuntimeState::kWriter]));
  follower_ = std::make_unique<Follower>(options_, engine_.get(), &state_,
                                         std::move(connections[RuntimeState::kFollower]));
  liveness_ = std::make_unique<Liveness>(options_, engine_.get(), &state_,
                                         std::move(connections[RuntimeState::kLiveness]));
  // The writer first: the mirror and the registration exist before this
  // node's liveness key makes other nodes read them.
  writer_thread_ = std::thread([this] { writer_->run(); });
  follower_thread_ = std::thread([this] { follower_->run(); });
  liveness_thread_ = std::thread([this] { liveness_->run(); });
  return RedisStatus::ok();
}

void NodeRuntime::stop() {
  if (state_.stopped.load()) return;
  // Liveness first, so that nothing renews the key the writer deletes.
  state_.request_stop(RuntimeState::kLiveness);
  if (liveness_thread_.joinable()) liveness_thread_.join();
  state_.request_stop(RuntimeState::kFollower);
  if (follower_) follower_->cancel();
  if (follower_thread_.joinable()) follower_thread_.join();
  state_.request_stop(RuntimeState::kWriter);
  if (writer_thread_.joinable()) writer_thread_.join();
  if (writer_) writer_->say_goodbye();
  for (int t = 0; t < RuntimeState::kThreads; ++t) {
    state_.set_connected(static_cast<RuntimeState::Thread>(t), false);
  }
  state_.stopped.store(true);
}

bool valid_cluster_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '.' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace presence::cluster
