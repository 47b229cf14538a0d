#include "runtime/liveness.h"

#include <string>
#include <utility>
#include <vector>

#include "redis/hashes.h"
#include "redis/keys.h"

namespace presence::cluster {

Liveness::Liveness(const RuntimeOptions& options, EnginePort* engine, RuntimeState* state,
                   std::unique_ptr<RedisConnection> connection)
    : RuntimeThread(options, engine, state, std::move(connection)) {}

void Liveness::run() {
  wait_for_redis(state_, RuntimeState::kLiveness, connection_.get());
  const std::int64_t interval = options_.node_ttl_ms / 3;
  while (state_->running(RuntimeState::kLiveness)) {
    RedisStatus status = beat();
    state_->set_connected(RuntimeState::kLiveness, status.is_ok());
    if (status.is_ok()) {
      state_->mark_ready(RuntimeState::kLiveness);
    } else {
      state_->record_error(RuntimeState::kLiveness, status);
    }
    state_->sleep_for(RuntimeState::kLiveness, interval);
  }
}

RedisStatus Liveness::beat() {
  const std::int64_t now = wall_clock_ms();
  const std::string& self = engine_->node_id();
  PE_REDIS_TRY(set_px(*connection_, keys_.alive(self), std::to_string(now), options_.node_ttl_ms));
  std::vector<std::string> live;
  PE_REDIS_TRY(find_nodes(&live, nullptr));
  state_->nodes_alive.store(live.size(), std::memory_order_relaxed);
  return RedisStatus::ok();
}

}  // namespace presence::cluster
