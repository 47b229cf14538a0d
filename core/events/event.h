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
  // Coordination events (member, readiness, intent, occupancy, availability).
  std::optional<std::string> room_id;
  bool guest = false;                          // member events: the member is a guest session
  TargetKind target_kind = TargetKind::kUser;  // readiness and intent events
  bool ready = false;                          // readiness events
  double readiness = 0.0;                      // readiness score at publication
  std::optional<std::string> intent_id;        // intent events
  std::optional<std::string> intent_kind;
  std::optional<std::string> from_id;    // intent events: the caller
  std::optional<std::string> target_id;  // intent events: the user or room called
  IntentState intent_state = IntentState::kPending;
  Availability availability = Availability::kAvailable;  // user and availability events
  // Occupancy events: the room's visible members and sessions by state.
  std::uint32_t members[kStateCount] = {};
  std::uint32_t sessions[kStateCount] = {};
};

}  // namespace presence::core
