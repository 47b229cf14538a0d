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

#include "coord/member_order.h"
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
  Millis joined_at = 0;           // when it last became present (kept across a debounced rejoin)
  // Seats per alive state, indexed by index_of(state) - 1 (stale..active);
  // at most kMaxSeats in all (a limit of the room join).
  std::array<std::uint8_t, kStateCount - 1> seats = {};
  // Low 24 bits of the engine's presence-change counter at its last presence
  // change: validates queued publications (never 0 while one is queued).
  std::uint32_t stamp : 24;
  std::uint32_t guest : 1;
  std::uint32_t present : 1;    // has at least one seat
  std::uint32_t published : 1;  // last presence announced by an event
  std::uint32_t hidden : 1;     // the owner is invisible: not shown to readers
  std::uint32_t arriving : 1;   // counted among its room's arriving members

  static constexpr std::uint32_t kMaxSeats = 255;

  Member() noexcept : stamp(0), guest(0), present(0), published(0), hidden(0), arriving(0) {}

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

static_assert(sizeof(Member) == 24, "a member is one per membership: keep it small");

// Per-room dashboards data.
struct RoomMetrics {
  static constexpr std::size_t kBuckets = 8;  // histogram buckets (up to 4^k seconds)
  static constexpr std::size_t kCurve = 8;    // readiness curve points kept
  std::uint32_t joins = 0;
  std::uint32_t leaves = 0;     // explicit leaves
  std::uint32_t drop_offs = 0;  // left because their session ended without a leave
  std::uint32_t peak_members = 0;
  std::uint32_t peak_sessions = 0;
  std::array<std::uint32_t, kBuckets> dwell = {};      // how long members stayed
  std::array<std::uint32_t, kBuckets> attention = {};  // active runs before going idle
  std::uint64_t dwell_sum_ms = 0;                      // the histograms' sums
  std::uint64_t attention_sum_ms = 0;
  // Readiness curve: the last points where the score changed, in seconds
  // after the room was created.
  std::array<std::uint32_t, kCurve> curve_at_s = {};
  std::array<float, kCurve> curve_score = {};
  std::uint32_t curve_points = 0;  // total recorded; the ring holds the last kCurve
};

// Momentum: exponentially weighted arrivals and departures.
struct Momentum {
  float arrivals = 0.0F;
  float departures = 0.0F;
  Millis updated_at = 0;
};

// A count-only room's occupancy publication (few rooms have one).
struct Occupancy {
  Millis interval = 0;
  Millis published_at = 0;
  Millis dirty_since = 0;
  bool dirty = false;  // counts changed since the last occupancy event
  // The counts last published: a change that came back to them is no news.
  std::array<std::uint32_t, kStateCount - 1> members_published = {};
  std::array<std::uint32_t, kStateCount - 1> sessions_published = {};
};

struct Room {
  IdString id;  // empty while the slot is free
  Millis created_at = 0;
  // Visible sessions and members per alive state (stale..active).
  std::array<std::uint32_t, kStateCount - 1> sessions = {};
  std::array<std::uint32_t, kStateCount - 1> members = {};
  std::uint32_t guests = 0;           // visible guest members
  std::uint32_t hidden_members = 0;   // present but invisible
  std::uint32_t arriving = 0;         // visible members within the arriving window
  std::uint32_t next_free = kNoSlot;  // free-list link
  std::int64_t presence_milli = 0;    // sum of visible members' presence (readiness)
  MemberOrder order;                  // member slots ordered by (id, guest)
  Momentum momentum;
  Millis ready_since = 0;  // when `ready` last flipped (for the debounce)
  float readiness = 0.0F;
  bool ready = false;                    // readiness now, with hysteresis
  bool ready_published = false;          // last readiness announced by an event
  std::unique_ptr<Occupancy> occupancy;  // set while the room is count-only
  RoomMetrics metrics;

  bool in_use() const { return !id.empty(); }
  bool count_only() const { return occupancy != nullptr; }
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
