// Replication records: what one node tells the others about a session it
// owns. A node produces one for every change of its sessions' records
// (opens, transitions, ends, room membership, identification, transport
// drops) — never for heartbeats — and applies the others' records to mirror
// their sessions. The version decides: a record older than what a node holds
// is ignored, and a session that moves to another node is taken over with a
// higher version, so the old owner lets it go without a leave and a join.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/types.h"
#include "store/id_string.h"
#include "util/millis.h"

namespace presence::core {

struct Replica {
  std::string session_id;
  std::optional<std::string> user_id;  // none for a guest
  std::string node_id;                 // the owner
  std::uint64_t version = 0;
  State state = State::kOffline;
  bool reconnecting = false;
  bool visible = true;
  bool connected = true;
  bool ended = false;  // the session ended on its owner: gone everywhere
  Millis since = 0;    // when it entered `state`
  Millis last_signal_at = 0;
  Millis last_activity_at = 0;
  Millis heartbeat_interval = 0;
  std::optional<std::string> meta;
  std::vector<std::string> rooms;
};

// A node of the cluster as this engine knows it. Slot 0 is this engine.
struct Node {
  IdString id;
  Millis seen_at = 0;  // when it last renewed its liveness
  bool alive = false;
};

}  // namespace presence::core
