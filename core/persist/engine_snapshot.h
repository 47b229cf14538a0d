// Snapshots of a whole engine, so that a restart (a deploy) does not mark
// every user offline: everything the engine needs to continue, in a
// versioned binary payload inside the envelope of snapshot_frame.h.
//
// What is kept: sessions with their facts (times, visibility, transport
// up/down, state, published state, metadata), users (availability, readiness,
// last seen, which offline users are remembered), rooms (membership,
// count-only mode, momentum, readiness, metrics) with their members and the
// presence changes still waiting for their debounce, pending intents, the
// secrets (the id-hash key and the resume-token keys, so tokens given before
// the restart stay valid) and the last event seq. Not kept: the event buffer
// (a consumer behind the last seq is told it fell too far behind), fan-out
// subscriptions (they belong to connections, which a restart closes) and
// transport ids (the transports are gone).
//
// Restoring ages the engine from the snapshot's time to `now` as if it had
// run all along without hearing from anyone: sessions age from their last
// signal (stale, then offline past the TTL) and publish those transitions
// with their exact times. Every session still alive then lost its transport
// in the restart: it is disconnected at `now`, so its client has the
// reconnect grace window to come back (a reconnect continues the session).
//
// Payload, format version 1. Integers little-endian; text is a u32 length
// and UTF-8 bytes; times are i64 ms since the epoch (kNever where unset);
// references are indexes into earlier sections (0xFFFFFFFF: none).
//   engine    saved_at, last_seq, next_intent, signals, transitions,
//             events_published, limit_rejections (i64/u64), then the id-hash
//             key and the two resume-token keys (2 x u64 each)
//   users     u32 count; id, remembered, availability, since, published,
//             ended_last_seen, ended_evidence, ready, ready_published,
//             ready_since, shown_last_seen, visibility_at
//   rooms     u32 count; id, created_at, momentum (arrivals f32,
//             departures f32, updated_at), readiness f32, ready,
//             ready_published, ready_since, count_only [interval,
//             published_at, dirty_since, dirty, members_published[4],
//             sessions_published[4]], metrics (joins, leaves,
//             drop_offs, peak_members, peak_sessions, dwell[8], attention[8],
//             curve_at_s[8], curve_score[8] f32, curve_points)
//   sessions  u32 count; id, user, last_signal_at, last_activity_at,
//             hidden_since, disconnected_at, since, state, published,
//             evidence, told, version u32, has_meta [meta]
//   members   u32 count; room, guest, owner (a user, or for a guest its
//             session), joined_at, published, u32 seats then that many
//             session indexes; when present (seats > 0) differs from
//             published, the change waiting for its debounce: at, departure,
//             last_state
//   intents   u32 count, oldest first; id, from, target_kind, target, kind,
//             created_at, expires_at
// A cluster node (config node_id set) is neither saved nor restored
// (kUnsupported): its peers hold its sessions and send them when it rejoins.
// A loader checks every value and every reference (ranges, uniqueness,
// ownership, times no later than saved_at) and refuses the whole file on
// the first problem: an engine is never half-loaded.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/engine.h"
#include "persist/byte_io.h"

namespace presence::core {

class EngineSnapshot {
 public:
  // Brings `engine` up to `now`, then writes a whole snapshot file's bytes
  // (envelope and payload) to *out.
  static Status save(Engine& engine, Millis now, std::string* out);

  // A new engine with `config`, restored from a snapshot file's bytes and
  // aged to `now` (the snapshot's time if later). kCorrupt or kUnsupported
  // (see open_snapshot_frame) name what is wrong; *out is untouched then.
  static Status load(const Config& config, std::string_view file, Millis now,
                     std::unique_ptr<Engine>* out);

 private:
  static constexpr std::uint32_t kNoIndex = UINT32_MAX;

  EngineSnapshot(Engine& engine, std::string_view payload) : e_(engine), in_(payload) {}

  // Saving, section by section (indexes map slots to positions in the file).
  static void save_engine(const Engine& e, ByteWriter& out);
  static std::vector<std::uint32_t> save_users(const Engine& e, ByteWriter& out);
  static std::vector<std::uint32_t> save_rooms(const Engine& e, ByteWriter& out);
  static std::vector<std::uint32_t> save_sessions(const Engine& e,
                                                  const std::vector<std::uint32_t>& user_index,
                                                  ByteWriter& out);
  static void save_members(const Engine& e, const std::vector<std::uint32_t>& user_index,
                           const std::vector<std::uint32_t>& room_index,
                           const std::vector<std::uint32_t>& session_index, ByteWriter& out);
  static void save_intents(const Engine& e, ByteWriter& out);

  // Loading, in payload order; each refuses the file on the first problem.
  Status load_engine();
  Status load_users();
  Status load_rooms();
  Status load_sessions();
  Status load_members();
  Status load_member_seats(std::size_t index, std::uint32_t member_slot, bool guest,
                           std::uint32_t owner_slot);
  Status load_intents();
  Status read_count(const char* section, std::size_t min_record_bytes, std::uint32_t* out);
  // Derived state at the snapshot's time, then the passage of time to `now`
  // and the transports lost in the restart.
  void settle(Millis now);

  bool is_time(Millis t) const { return t >= 0 && t <= saved_at_; }
  bool is_time_or_never(Millis t) const { return t == kNever || is_time(t); }

  // A count-only room's occupancy, applied once its members are counted
  // (counting marks a count-only room as changed).
  struct SavedOccupancy {
    std::uint32_t room = kNoSlot;
    Occupancy occupancy;
  };

  Engine& e_;
  ByteReader in_;
  Millis saved_at_ = 0;
  std::uint64_t next_intent_ = 0;
  // Positions in the file -> slots in the engine.
  std::vector<std::uint32_t> users_;
  std::vector<bool> remembered_;  // per user: in the list of remembered offline users
  std::vector<std::uint32_t> rooms_;
  std::vector<std::uint32_t> sessions_;
  std::vector<SavedOccupancy> occupancies_;
};

}  // namespace presence::core
