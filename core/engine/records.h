// The engine's stored records. Sizes matter: the engine holds a million
// sessions in well under 200 bytes each (see bench/README.md).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>

#include "model/lifecycle.h"
#include "model/types.h"
#include "store/id_index.h"
#include "store/id_string.h"
#include "store/slot_pool.h"
#include "util/millis.h"

namespace presence::core {

// Rarely present session data, allocated only when a session has any.
struct SessionExtras {
  std::string meta;
  bool has_meta = false;
  IdString transport_id;  // empty when unbound
};

// The facts of Liveness are stored flat rather than as a member, so that the
// small fields pack together (104 bytes per session instead of 112).
struct Session {
  IdString id;  // empty while the slot is free
  Millis last_signal_at = 0;
  Millis last_activity_at = 0;
  Millis hidden_since = kNever;     // kNever while visible
  Millis disconnected_at = kNever;  // kNever while the transport is up
  Millis since = 0;                 // when `state` was entered
  std::uint32_t user = kNoSlot;     // kNoSlot: a guest
  std::uint32_t next_in_user = kNoSlot;
  std::uint32_t first_seat = kNoSlot;  // the rooms it is in (coord/room_records.h)
  std::uint32_t version = 0;           // bumped by every change of the record (replication)
  std::uint16_t origin = 0;            // owning node; 0 = this engine
  State state = State::kOffline;       // derived, current as of the engine's time
  State published = State::kOffline;   // last state announced by an event
  Evidence evidence = Evidence::kNone;
  Cadence told = Cadence::kActive;  // the heartbeat interval it was last told
  // A remote session (origin != 0) takes its state from its owner's replica.
  State replica_state = State::kOffline;
  bool left : 1;
  bool reconnecting : 1;
  bool replica_reconnecting : 1;
  std::unique_ptr<SessionExtras> extras;

  Session() noexcept : left(false), reconnecting(false), replica_reconnecting(false) {}

  bool in_use() const { return !id.empty(); }
  bool remote() const { return origin != 0; }
  bool visible() const { return hidden_since == kNever; }
  bool connected() const { return disconnected_at == kNever; }
  Liveness liveness() const {
    return Liveness{last_signal_at, last_activity_at, hidden_since, disconnected_at, told, left};
  }
};

struct User {
  IdString id;       // empty while the slot is free
  Millis since = 0;  // when `state` was entered (for offline users: when they left)
  // Latest signal among sessions that already ended, and its kind.
  Millis ended_last_seen = 0;
  Evidence ended_evidence = Evidence::kNone;
  State state = State::kOffline;      // derived from sessions, current (the truth)
  State published = State::kOffline;  // last shown state announced by an event
  bool in_offline_list = false;
  Availability availability = Availability::kAvailable;
  bool ready = false;            // readiness now, with hysteresis
  bool ready_published = false;  // last readiness announced by an event
  Millis ready_since = 0;        // when `ready` last flipped (for the debounce)
  Millis shown_last_seen = 0;    // while invisible: the last-seen readers keep seeing
  Millis visibility_at = 0;      // when it last turned invisible, or visible again
  // Alive sessions per state, indexed by index_of(state) - 1 (stale..active).
  std::array<std::uint32_t, kStateCount - 1> alive = {};
  std::uint32_t first_session = kNoSlot;  // every session record of the user
  // Room member records it owns: a member still to be announced leaving
  // names its user, so the user is not forgotten before it.
  std::uint32_t members = 0;
  // Links of the list of offline users, in the order they went offline.
  std::uint32_t offline_prev = kNoSlot;
  std::uint32_t offline_next = kNoSlot;

  bool in_use() const { return !id.empty(); }
  bool invisible() const { return availability == Availability::kInvisible; }
  // What readers see: an invisible user is shown offline.
  State shown() const { return invisible() ? State::kOffline : state; }
  std::uint32_t alive_count() const { return alive[0] + alive[1] + alive[2] + alive[3]; }
  State derived_state() const {
    for (int i = kStateCount - 2; i >= 0; --i) {
      if (alive[static_cast<std::size_t>(i)] != 0) return static_cast<State>(i + 1);
    }
    return State::kOffline;
  }
};

}  // namespace presence::core

namespace presence::core {

// Free records thread the pools' free lists through a link they do not use.
using SessionPool = SlotPool<Session, &Session::next_in_user>;
using UserPool = SlotPool<User, &User::offline_next>;

}  // namespace presence::core
