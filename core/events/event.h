// A published change: what consumers of the event stream receive.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "model/types.h"
#include "util/millis.h"

namespace presence::core {

struct EventRecord {
  std::uint64_t seq = 0;
  EventKind kind = EventKind::kSession;
  Millis at = 0;                       // when the change happened
  Millis published_at = 0;             // when it held long enough to be published
  std::string id;                      // session id or user id
  std::optional<std::string> user_id;  // owner of a session; none for guests and user events
  State old_state = State::kOffline;
  State new_state = State::kOffline;
  std::uint32_t session_count = 0;
  double confidence = 0.0;
  ConfidenceBucket bucket = ConfidenceBucket::kLow;
  Millis last_seen_at = 0;
};

}  // namespace presence::core
