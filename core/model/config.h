// Every threshold of the model, with its default. PRESENCE_MODEL.md rule 6:
// the engine exposes a signal you can shape; it does not impose a model.
#pragma once

#include <array>
#include <cstdint>

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
  std::uint32_t max_sessions_per_user = 64;  // 0 = unlimited
  std::uint64_t max_sessions = 0;            // 0 = unlimited

  Millis debounce_for(State state) const { return debounce[index_of(state)]; }

  // Checks the constraints documented on pe_config; the message names the field.
  Status validate() const;
};

// Hard ceiling on max_id_bytes, so ids always fit the compact id storage.
inline constexpr std::uint32_t kMaxIdBytesCeiling = 1024;

}  // namespace presence::core
