// What each of the runtime's threads holds: the options, the engine, the
// shared state, its own Redis connection (never shared between threads) and
// the cluster's key names.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "redis/connection.h"
#include "runtime/engine_port.h"
#include "runtime/runtime_options.h"
#include "runtime/runtime_state.h"

namespace presence::cluster {

class RuntimeThread {
 protected:
  RuntimeThread(const RuntimeOptions& options, EnginePort* engine, RuntimeState* state,
                std::unique_ptr<RedisConnection> connection)
      : options_(options),
        engine_(engine),
        state_(state),
        connection_(std::move(connection)),
        keys_(options.cluster) {}

  // The other nodes in the registry: `live` those whose liveness key is
  // present (each also reported to the engine as seen now); `mirrored`
  // (nullable) those whose mirror is worth reading: the live ones, and those
  // registered within two TTLs, whose key may not be back yet after Redis
  // lost its data. A node gone for longer is left out, so its sessions are
  // not brought back to age out again on every bootstrap.
  RedisStatus find_nodes(std::vector<std::string>* live, std::vector<std::string>* mirrored);

  const RuntimeOptions& options_;
  EnginePort* engine_;
  RuntimeState* state_;
  std::unique_ptr<RedisConnection> connection_;
  ClusterKeys keys_;
};

}  // namespace presence::cluster
