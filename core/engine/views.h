// What the engine's reads return: plain values, copied out under the lock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "events/event.h"
#include "model/types.h"
#include "util/millis.h"

namespace presence::core {

struct OpenParams {
  std::optional<std::string_view> user_id;
  std::optional<std::string_view> meta;
  std::optional<std::string_view> transport_id;
  Visibility visibility = Visibility::kUnknown;
  std::optional<std::string_view> resume_token;
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
  std::string resume_token;
};

struct SessionView {
  std::string id;
  std::optional<std::string> user_id;
  State state = State::kOffline;       // as shown (offline for an invisible user's session)
  State true_state = State::kOffline;  // for the server's own use
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
  std::string node_id;  // the owning node; empty when standalone
  std::uint64_t version = 0;
};

struct UserView {
  std::string id;
  State state = State::kOffline;  // as shown to readers (invisible users: offline)
  Millis since = 0;
  Millis last_seen_at = 0;
  Evidence last_evidence = Evidence::kNone;
  std::uint32_t session_count = 0;
  double confidence = 0.0;
  ConfidenceBucket bucket = ConfidenceBucket::kLow;
  Availability availability = Availability::kAvailable;  // as shown (never "invisible")
  // For the server's own use, never for other readers: the truth behind the above.
  State true_state = State::kOffline;
  Availability true_availability = Availability::kAvailable;
  double readiness = 0.0;
  bool ready = false;
};

struct Counts {
  std::uint64_t sessions[kStateCount] = {};  // by state; [offline] is always 0
  std::uint64_t sessions_reconnecting = 0;
  std::uint64_t sessions_alive = 0;
  std::uint64_t guest_sessions = 0;
  std::uint64_t users[kStateCount] = {};  // by state; [offline] = remembered offline users
  std::uint64_t users_alive = 0;
  // Present to the engine but shown offline (counted above as offline).
  std::uint64_t users_invisible = 0;
  std::uint64_t sessions_invisible = 0;
  std::uint64_t rooms = 0;
};

// A room as read: counts by state are O(1).
struct RoomView {
  std::string id;
  Millis created_at = 0;
  std::uint32_t sessions[kStateCount] = {};  // visible sessions in the room, by state
  std::uint32_t members[kStateCount] = {};   // visible members (users and guests), by state
  std::uint32_t guests = 0;
  std::uint32_t arriving = 0;          // members who joined within the arriving window
  std::uint32_t density = 0;           // active members
  double arrivals_per_minute = 0.0;    // momentum: EWMA of arrivals
  double departures_per_minute = 0.0;  // and of departures
  double readiness = 0.0;
  bool ready = false;
  bool count_only = false;
  Millis occupancy_interval = 0;
};

struct RoomPage {
  std::vector<RoomView> rooms;
  std::string next_cursor;
};

// A member of a room: a user, or a guest session.
struct MemberView {
  std::string id;  // user id, or the session id of a guest
  bool guest = false;
  State state = State::kOffline;  // the highest state among its sessions in the room
  Millis joined_at = 0;
  bool arriving = false;
  std::uint32_t session_count = 0;  // its sessions in the room
  Millis last_seen_at = 0;
  double confidence = 0.0;
  ConfidenceBucket bucket = ConfidenceBucket::kLow;
  Availability availability = Availability::kAvailable;
};

struct MemberPage {
  std::vector<MemberView> members;
  std::string next_cursor;
};

// Readiness of a user or a room, and the call gate's answer.
struct ReadinessView {
  TargetKind kind = TargetKind::kUser;
  std::string id;
  double score = 0.0;
  bool ready = false;
  bool can_call = false;
  GateReason reason = GateReason::kUnknown;
  State state = State::kOffline;  // user: shown state; room: highest member state
  Availability availability = Availability::kAvailable;
};

struct IntentView {
  std::string id;
  std::string from;
  TargetKind target_kind = TargetKind::kUser;
  std::string target;
  std::string kind;
  Millis created_at = 0;
  Millis expires_at = 0;
  IntentState state = IntentState::kPending;
};

struct RoomMetricsView {
  std::string room_id;
  std::uint32_t joins = 0;
  std::uint32_t leaves = 0;
  std::uint32_t drop_offs = 0;
  std::uint32_t peak_members = 0;
  std::uint32_t peak_sessions = 0;
  // Histogram bucket upper bounds in ms (the last bucket is open).
  std::vector<Millis> bucket_bounds;
  std::vector<std::uint32_t> dwell;
  std::vector<std::uint32_t> attention;
  std::vector<std::pair<Millis, double>> readiness_curve;  // oldest first
};

// One subscriber and the events (indexes into FanoutBatch::events) it must hear.
struct Delivery {
  std::string subscriber;
  std::vector<std::uint32_t> events;
};

struct FanoutBatch {
  std::uint64_t seq = 0;  // the last event considered
  std::vector<EventRecord> events;
  std::vector<Delivery> deliveries;
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
