// Rooms: persistent coordination spaces that sessions join and leave.
//
//   Session --(seat)--> Member --> Room
//
// A Seat says "this session is in this room" (8 bytes). A Member is a user
// (or a guest session) present in a room through one or more seats; its state
// in the room is the highest state among those sessions. Room counts are kept
// per state, so reading them is O(1); members are kept ordered by id, so a
// page of them is a binary search and a short walk.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "model/types.h"
#include "store/id_string.h"
#include "store/slot_pool.h"
#include "util/millis.h"

namespace presence::core {

struct Seat {
  std::uint32_t member = kNoSlot;
  std::uint32_t next_in_session = kNoSlot;  // the session's other seats; free-list link
};

struct Member {
  std::uint32_t room = kNoSlot;   // free-list link while the slot is free
  std::uint32_t owner = kNoSlot;  // user slot, or session slot for a guest
  // Seats per alive state, indexed by index_of(state) - 1 (stale..active).
  std::array<std::uint16_t, kStateCount - 1> seats = {};
  Millis joined_at = 0;  // when it last became present (kept across a debounced rejoin)
  // Unique per presence change (never 0): validates queued publications.
  std::uint32_t stamp = 0;
  State last_state = State::kOffline;  // its state while it was last present
  bool guest : 1;
  bool present : 1;    // has at least one seat
  bool published : 1;  // last presence announced by an event
  bool hidden : 1;     // the owner is invisible: not shown to readers
  bool arriving : 1;   // counted among its room's arriving members

  Member() noexcept
      : guest(false), present(false), published(false), hidden(false), arriving(false) {}

  std::uint32_t seat_count() const {
    return std::uint32_t{seats[0]} + seats[1] + seats[2] + seats[3];
  }
  State state() const {
    for (int i = kStateCount - 2; i >= 0; --i) {
      if (seats[static_cast<std::size_t>(i)] != 0) return static_cast<State>(i + 1);
    }
    return State::kOffline;
  }
};

// Per-room dashboards data, allocated when a room is first joined.
struct RoomMetrics {
  static constexpr std::size_t kBuckets = 8;  // histogram buckets (powers of 4 seconds)
  static constexpr std::size_t kCurve = 8;    // readiness curve points kept
  std::uint32_t joins = 0;
  std::uint32_t leaves = 0;     // explicit leaves
  std::uint32_t drop_offs = 0;  // left because their session ended without a leave
  std::uint32_t peak_members = 0;
  std::uint32_t peak_sessions = 0;
  std::array<std::uint32_t, kBuckets> dwell = {};      // how long members stayed
  std::array<std::uint32_t, kBuckets> attention = {};  // active runs before going idle
  // Readiness curve: the last points where the score changed.
  std::array<std::int64_t, kCurve> curve_at = {};
  std::array<float, kCurve> curve_score = {};
  std::uint32_t curve_points = 0;  // total recorded; the ring holds the last kCurve
};

// Momentum: exponentially weighted arrivals and departures.
struct Momentum {
  double arrivals = 0.0;
  double departures = 0.0;
  Millis updated_at = 0;
};

struct Room {
  IdString id;  // empty while the slot is free
  Millis created_at = 0;
  // Visible sessions and members per alive state (stale..active).
  std::array<std::uint32_t, kStateCount - 1> sessions = {};
  std::array<std::uint32_t, kStateCount - 1> members = {};
  std::uint32_t guests = 0;          // visible guest members
  std::uint32_t hidden_members = 0;  // present but invisible
  std::uint32_t arriving = 0;        // visible members within the arriving window
  std::int64_t presence_milli = 0;   // sum of visible members' presence (readiness)
  std::vector<std::uint32_t> order;  // member slots ordered by (id, guest)
  Momentum momentum;
  double readiness = 0.0;
  bool ready = false;            // readiness now, with hysteresis
  bool ready_published = false;  // last readiness announced by an event
  Millis ready_since = 0;        // when `ready` last flipped (for the debounce)
  bool count_only = false;
  bool occupancy_dirty = false;  // counts changed since the last occupancy event
  Millis occupancy_interval = 0;
  Millis occupancy_published_at = 0;
  Millis occupancy_dirty_since = 0;
  std::uint32_t next_free = kNoSlot;  // free-list link
  std::unique_ptr<RoomMetrics> metrics;

  bool in_use() const { return !id.empty(); }
  std::uint32_t member_count() const { return members[0] + members[1] + members[2] + members[3]; }
  std::uint32_t session_count() const {
    return sessions[0] + sessions[1] + sessions[2] + sessions[3];
  }
};

using SeatPool = SlotPool<Seat, &Seat::next_in_session>;
using MemberPool = SlotPool<Member, &Member::room>;
using RoomPool = SlotPool<Room, &Room::next_free>;

// Rooms ordered by id, for paging through them.
struct RoomOrder {
  using is_transparent = void;
  const RoomPool* rooms = nullptr;
  std::string_view key(std::uint32_t slot) const { return (*rooms)[slot].id.view(); }
  std::string_view key(std::string_view id) const { return id; }
  template <class A, class B>
  bool operator()(const A& a, const B& b) const {
    return key(a) < key(b);
  }
};
}  // namespace presence::core
