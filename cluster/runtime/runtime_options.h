// Options of a node runtime (what pe_cluster_options carries) and the Redis
// keys they lead to.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "redis/options.h"

namespace presence::cluster {

struct RuntimeOptions {
  RedisOptions redis;
  std::string cluster = "default";
  std::int64_t node_ttl_ms = 6000;
  std::size_t stream_max_len = 100000;
  std::int64_t batch_interval_ms = 5;
  std::int64_t start_timeout_ms = 5000;
};

// 1..64 bytes of [A-Za-z0-9_.-]: safe inside a key and in SCAN patterns.
bool valid_cluster_name(std::string_view name);

// Every key of one cluster, under "pe:<cluster>:".
class ClusterKeys {
 public:
  explicit ClusterKeys(const std::string& cluster) : prefix_("pe:" + cluster + ":") {}
  // The stream of record batches.
  std::string log() const { return prefix_ + "log"; }
  // Node id -> the time it registered; lists the nodes to bootstrap from.
  std::string nodes() const { return prefix_ + "nodes"; }
  // A node's mirror: session id -> encoded record, plus kMirrorMarker.
  std::string sessions(std::string_view node) const { return key("sessions:", node); }
  // Present while the node lives (SET PX ttl).
  std::string alive(std::string_view node) const { return key("alive:", node); }

 private:
  std::string key(const char* kind, std::string_view node) const {
    std::string out = prefix_ + kind;
    out.append(node);
    return out;
  }
  std::string prefix_;
};

// The mirror's marker field: the empty string is no valid session id. Its
// value names the writer's incarnation, so a writer that reconnects can tell
// whether Redis still holds what it wrote (a restarted Redis without
// persistence does not).
inline constexpr std::string_view kMirrorMarker = "";

// Fields of a stream entry.
inline constexpr std::string_view kFieldNode = "node";
inline constexpr std::string_view kFieldRecords = "records";
// An entry with this field (and no records) says: the node rewrote its
// mirror; read it again.
inline constexpr std::string_view kFieldResync = "resync";

}  // namespace presence::cluster
