// The liveness thread: renews this node's key (SET PX ttl) every ttl/3, so
// two renewals may fail before the key expires, and tells the engine which
// other nodes' keys are present (pe_engine_node_seen). A node whose key
// expired is no longer renewed: its sessions age through stale to offline
// in the engine after pe_config.node_timeout_ms.
#pragma once

#include <memory>

#include "redis/connection.h"
#include "runtime/engine_port.h"
#include "runtime/runtime_options.h"
#include "runtime/runtime_state.h"
#include "runtime/runtime_thread.h"

namespace presence::cluster {

class Liveness : RuntimeThread {
 public:
  Liveness(const RuntimeOptions& options, EnginePort* engine, RuntimeState* state,
           std::unique_ptr<RedisConnection> connection);
  void run();

 private:
  RedisStatus beat();
};

}  // namespace presence::cluster
