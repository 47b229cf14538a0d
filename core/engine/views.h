// What the engine's reads return: plain values, copied out under the lock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/types.h"
#include "util/millis.h"

namespace presence::core {

struct OpenParams {
  std::optional<std::string_view> user_id;
  std::optional<std::string_view> meta;
  std::optional<std::string_view> transport_id;
  Visibility visibility = Visibility::kUnknown;
};

// One item of Engine::heartbeat_batch().
struct HeartbeatItem {
  std::string_view session_id;
  Activity activity = Activity::kUnknown;
  Visibility visibility = Visibility::kUnknown;
};

struct OpenResult {
  bool continued = false;
  Millis heartbeat_interval = 0;
  State state = State::kOffline;
};

struct SessionView {
  std::string id;
  std::optional<std::string> user_id;
  State state = State::kOffline;
  bool reconnecting = false;
  bool visible = true;
  bool connected = true;
  double confidence = 0.0;
  ConfidenceBucket bucket = ConfidenceBucket::kLow;
  Millis last_signal_at = 0;
  Millis last_activity_at = 0;
  Millis since = 0;
  Millis heartbeat_interval = 0;
  std::optional<std::string> meta;
  std::optional<std::string> transport_id;
  std::uint32_t origin_node = 0;
  std::uint64_t version = 0;
};

struct UserView {
  std::string id;
  State state = State::kOffline;
  Millis since = 0;
  Millis last_seen_at = 0;
  Evidence last_evidence = Evidence::kNone;
  std::uint32_t session_count = 0;
  double confidence = 0.0;
  ConfidenceBucket bucket = ConfidenceBucket::kLow;
};

struct Counts {
  std::uint64_t sessions[kStateCount] = {};  // by state; [offline] is always 0
  std::uint64_t sessions_reconnecting = 0;
  std::uint64_t sessions_alive = 0;
  std::uint64_t guest_sessions = 0;
  std::uint64_t users[kStateCount] = {};  // by state; [offline] = remembered offline users
  std::uint64_t users_alive = 0;
};

struct UserPage {
  std::vector<UserView> users;
  std::string next_cursor;  // empty on the last page
};

struct UserDetail {
  UserView user;
  std::vector<SessionView> sessions;
};

// The published view at `seq`: states are the last published ones.
struct Snapshot {
  std::uint64_t seq = 0;
  std::vector<UserView> users;
  std::vector<SessionView> sessions;
};

struct Stats {
  std::uint64_t session_records = 0;
  std::uint64_t user_records = 0;
  std::uint64_t signals = 0;
  std::uint64_t transitions = 0;
  std::uint64_t events_published = 0;
  std::uint64_t last_seq = 0;
  std::uint64_t oldest_seq = 0;
  std::uint64_t pending_timers = 0;
  std::uint64_t limit_rejections = 0;
};

}  // namespace presence::core
