// What the runtime needs from an engine, as an interface: the C boundary
// implements it over a pe_engine (capi/src/cluster_c.cpp), so the runtime
// depends only on the public header and tests can reason about it alone.
// Every call takes the engine's lock briefly and never waits for Redis.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "presence/presence.h"
#include "runtime/replica_codec.h"

namespace presence::cluster {

using RecordSink = std::function<void(const pe_replica&)>;
using RemoteSessionSink = std::function<void(std::string_view session_id, std::string_view node_id,
                                             std::uint64_t version)>;

class EnginePort {
 public:
  virtual ~EnginePort() = default;

  // This engine's node id (pe_config.node_id).
  virtual const std::string& node_id() const = 0;
  // Takes up to `max` records of this node's changes (pe_engine_take_replicas):
  // PE_OK, PE_TOO_FAR_BEHIND (the outbox overflowed: rewrite the mirror), PE_CLOSED.
  virtual pe_status take(std::size_t max, const RecordSink& each) = 0;
  // One page of every live local session (pe_engine_export_replicas); *next
  // is 0 after the last page.
  virtual pe_status export_page(std::uint64_t cursor, std::size_t limit, const RecordSink& each,
                                std::uint64_t* next) = 0;
  // Applies other nodes' records; a record the engine refuses is skipped
  // (it is older than what the engine holds, or names an unknown room...).
  virtual pe_status apply(std::vector<OwnedReplica>* records) = 0;
  virtual pe_status node_seen(std::string_view node_id, std::int64_t at_ms) = 0;
  // Every session this engine holds for another node.
  virtual pe_status remote_sessions(const RemoteSessionSink& each) = 0;
};

}  // namespace presence::cluster
