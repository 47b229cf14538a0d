// Every threshold of the model, with its default. PRESENCE_MODEL.md rule 6:
// the engine exposes a signal you can shape; it does not impose a model.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "model/types.h"
#include "util/millis.h"
#include "util/status.h"

namespace presence::core {

struct Config {
  Millis idle_after = 60'000;
  Millis away_after = 300'000;
  Millis blur_tolerance = 10'000;
  Millis heartbeat_active = 15'000;
  Millis heartbeat_idle = 30'000;
  Millis heartbeat_hidden = 60'000;
  Millis heartbeat_grace = 10'000;
  Millis reconnect_grace = 30'000;
  Millis session_ttl = 120'000;
  // Indexed by State: how long a change to that state must hold before it is
  // published. Coming back up (to active) is published sooner than going down.
  std::array<Millis, kStateCount> debounce = {2'000, 2'000, 2'000, 2'000, 500};
  Millis last_seen_retention = 86'400'000;
  std::uint64_t last_seen_max_users = 1'000'000;
  std::uint64_t event_buffer_capacity = 65'536;
  std::uint32_t max_id_bytes = 128;
  std::uint32_t max_meta_bytes = 1'024;
  std::uint32_t max_sessions_per_user = 64;  // 1..65535
  std::uint64_t max_sessions = 0;            // 0 = unlimited
  // Timer steps a call (other than advance) runs to catch up; 0 = all.
  std::uint32_t max_catch_up_steps = 0;
  // Continuing a session from another transport needs its resume token.
  bool require_resume_token = false;

  // Cluster mode: this engine's node id (empty: standalone), how long a node
  // counts as alive after it was last seen, and how many replication records
  // wait for take_replicas() before the outbox overflows.
  std::string node_id;
  Millis node_timeout = 10'000;
  std::uint64_t replication_buffer = 1'000'000;

  // Rooms.
  Millis room_arriving = 60'000;             // joined within this: "arriving"
  Millis room_momentum_half_life = 300'000;  // EWMA of arrivals and departures
  std::uint32_t max_rooms_per_session = 32;  // 0 = unlimited
  std::uint64_t max_rooms = 0;               // 0 = unlimited

  // Readiness.
  double readiness_weight_state = 0.7;
  double readiness_weight_recency = 0.3;
  Millis readiness_recency_window = 300'000;
  double readiness_busy_factor = 0.5;
  double readiness_room_weight_members = 0.5;
  double readiness_room_weight_density = 0.5;
  std::uint32_t readiness_room_quorum = 2;  // active members for full density
  double readiness_ready_threshold = 0.7;
  double readiness_unready_threshold = 0.5;

  // Intents.
  std::uint32_t max_intents_per_caller = 32;  // 0 = unlimited
  Millis max_intent_ttl = 86'400'000;

  Millis debounce_for(State state) const { return debounce[index_of(state)]; }

  // Checks the constraints documented on pe_config; the message names the field.
  Status validate() const;

 private:
  Status validate_readiness() const;
};

// Hard ceiling on max_id_bytes, so ids always fit the compact id storage.
inline constexpr std::uint32_t kMaxIdBytesCeiling = 1024;

}  // namespace presence::core
