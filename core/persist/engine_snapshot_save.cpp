// Writing a snapshot: the engine's records in the payload layout documented
// in engine_snapshot.h. Derived data (counts, indexes, timers, orders) is not
// written: the loader rebuilds it from the records.
#include <algorithm>
#include <unordered_map>

#include "persist/engine_snapshot.h"
#include "persist/intent_number.h"
#include "persist/snapshot_frame.h"

namespace presence::core {

namespace {

void save_key(const HashKey& key, ByteWriter& out) {
  out.u64(key.k0);
  out.u64(key.k1);
}

void save_metrics(const RoomMetrics& m, ByteWriter& out) {
  out.u32(m.joins);
  out.u32(m.leaves);
  out.u32(m.drop_offs);
  out.u32(m.peak_members);
  out.u32(m.peak_sessions);
  for (const std::uint32_t v : m.dwell) out.u32(v);
  for (const std::uint32_t v : m.attention) out.u32(v);
  for (const std::uint32_t v : m.curve_at_s) out.u32(v);
  for (const float v : m.curve_score) out.f32(v);
  out.u32(m.curve_points);
}

}  // namespace

Status EngineSnapshot::save(Engine& engine, Millis now, std::string* out) {
  if (engine.replicating()) {
    // Its sessions are shared with peers that hold them too: a restored
    // copy would contradict what they replicated since.
    return {Code::kUnsupported,
            "a cluster node (node_id set) cannot be snapshotted: its peers "
            "hold its sessions, and send them again when it rejoins"};
  }
  PE_RETURN_IF_ERROR(engine.begin(now));
  ByteWriter payload;
  save_engine(engine, payload);
  const std::vector<std::uint32_t> user_index = save_users(engine, payload);
  const std::vector<std::uint32_t> room_index = save_rooms(engine, payload);
  const std::vector<std::uint32_t> session_index = save_sessions(engine, user_index, payload);
  save_members(engine, user_index, room_index, session_index, payload);
  save_intents(engine, payload);
  *out = frame_snapshot(payload.take());
  return Status::ok();
}

void EngineSnapshot::save_engine(const Engine& e, ByteWriter& out) {
  out.i64(e.now_);
  out.u64(e.events_.last_seq());
  out.u64(e.next_intent_);
  out.u64(e.stats_.signals);
  out.u64(e.stats_.transitions);
  out.u64(e.stats_.events_published);
  out.u64(e.stats_.limit_rejections);
  save_key(e.hash_key_, out);
  save_key(e.resume_tokens_.high_key(), out);
  save_key(e.resume_tokens_.low_key(), out);
}

std::vector<std::uint32_t> EngineSnapshot::save_users(const Engine& e, ByteWriter& out) {
  // Remembered offline users first, oldest first: the loader rebuilds that
  // list (which decides who is forgotten first) in file order.
  std::vector<std::uint32_t> order;
  order.reserve(e.users_.live());
  for (std::uint32_t u = e.offline_head_; u != kNoSlot; u = e.users_[u].offline_next) {
    order.push_back(u);
  }
  for (std::uint32_t slot = 0; slot < e.users_.end(); ++slot) {
    if (e.users_[slot].in_use() && !e.users_[slot].in_offline_list) order.push_back(slot);
  }
  std::vector<std::uint32_t> index(e.users_.end(), kNoIndex);
  out.u32(static_cast<std::uint32_t>(order.size()));
  for (std::uint32_t i = 0; i < order.size(); ++i) {
    const User& u = e.users_[order[i]];
    index[order[i]] = i;
    out.text(u.id.view());
    out.boolean(u.in_offline_list);
    out.u8(static_cast<std::uint8_t>(u.availability));
    out.i64(u.since);
    out.u8(static_cast<std::uint8_t>(u.published));
    out.i64(u.ended_last_seen);
    out.u8(static_cast<std::uint8_t>(u.ended_evidence));
    out.boolean(u.ready);
    out.boolean(u.ready_published);
    out.i64(u.ready_since);
    out.i64(u.shown_last_seen);
    out.i64(u.visibility_at);
  }
  return index;
}

std::vector<std::uint32_t> EngineSnapshot::save_rooms(const Engine& e, ByteWriter& out) {
  std::vector<std::uint32_t> index(e.rooms_.end(), kNoIndex);
  out.u32(static_cast<std::uint32_t>(e.room_order_.size()));
  std::uint32_t i = 0;
  for (const std::uint32_t slot : e.room_order_) {
    const Room& room = e.rooms_[slot];
    index[slot] = i++;
    out.text(room.id.view());
    out.i64(room.created_at);
    out.f32(room.momentum.arrivals);
    out.f32(room.momentum.departures);
    out.i64(room.momentum.updated_at);
    out.f32(room.readiness);
    out.boolean(room.ready);
    out.boolean(room.ready_published);
    out.i64(room.ready_since);
    out.boolean(room.count_only());
    if (room.count_only()) {
      out.i64(room.occupancy->interval);
      out.i64(room.occupancy->published_at);
      out.i64(room.occupancy->dirty_since);
      out.boolean(room.occupancy->dirty);
      for (const std::uint32_t n : room.occupancy->members_published) out.u32(n);
      for (const std::uint32_t n : room.occupancy->sessions_published) out.u32(n);
    }
    save_metrics(room.metrics, out);
  }
  return index;
}

std::vector<std::uint32_t> EngineSnapshot::save_sessions(
    const Engine& e, const std::vector<std::uint32_t>& user_index, ByteWriter& out) {
  std::vector<std::uint32_t> index(e.sessions_.end(), kNoIndex);
  out.u32(static_cast<std::uint32_t>(e.sessions_.live()));
  std::uint32_t i = 0;
  for (std::uint32_t slot = 0; slot < e.sessions_.end(); ++slot) {
    const Session& s = e.sessions_[slot];
    if (!s.in_use()) continue;
    index[slot] = i++;
    out.text(s.id.view());
    out.u32(s.user == kNoSlot ? kNoIndex : user_index[s.user]);
    out.i64(s.last_signal_at);
    out.i64(s.last_activity_at);
    out.i64(s.hidden_since);
    out.i64(s.disconnected_at);
    out.i64(s.since);
    out.u8(static_cast<std::uint8_t>(s.state));
    out.u8(static_cast<std::uint8_t>(s.published));
    out.u8(static_cast<std::uint8_t>(s.evidence));
    out.u8(static_cast<std::uint8_t>(s.told));
    out.u32(s.version);
    const bool has_meta = s.extras && s.extras->has_meta;
    out.boolean(has_meta);
    if (has_meta) out.text(s.extras->meta);
  }
  return index;
}

void EngineSnapshot::save_members(const Engine& e, const std::vector<std::uint32_t>& user_index,
                                  const std::vector<std::uint32_t>& room_index,
                                  const std::vector<std::uint32_t>& session_index,
                                  ByteWriter& out) {
  // The queued presence change of each member still waiting for its
  // debounce: the one stamped with the member's latest change.
  std::unordered_map<std::uint32_t, Engine::PendingPresence> pending;
  for (const auto* queue : {&e.pending_joins_, &e.pending_leaves_}) {
    for (const Engine::PendingPresence& p : *queue) {
      if (e.members_[p.member].stamp == p.stamp) pending[p.member] = p;
    }
  }
  out.u32(static_cast<std::uint32_t>(e.members_.live()));
  std::vector<std::uint32_t> seated;
  for (const std::uint32_t room_slot : e.room_order_) {
    const MemberOrder& order = e.rooms_[room_slot].order;
    for (auto at = order.begin(); !order.at_end(at); at = order.next(at)) {
      const std::uint32_t slot = order.at(at);
      const Member& m = e.members_[slot];
      // The sessions seated in this member: the owner's sessions' seats.
      seated.clear();
      const auto collect = [&](std::uint32_t session) {
        for (std::uint32_t seat = e.sessions_[session].first_seat; seat != kNoSlot;
             seat = e.seats_[seat].next_in_session) {
          if (e.seats_[seat].member == slot) seated.push_back(session_index[session]);
        }
      };
      if (m.guest) {
        collect(m.owner);
      } else {
        for (std::uint32_t s = e.users_[m.owner].first_session; s != kNoSlot;
             s = e.sessions_[s].next_in_user) {
          collect(s);
        }
      }
      out.u32(room_index[room_slot]);
      out.boolean(m.guest);
      out.u32(m.guest ? session_index[m.owner] : user_index[m.owner]);
      out.i64(m.joined_at);
      out.boolean(m.published);
      out.u32(static_cast<std::uint32_t>(seated.size()));
      for (const std::uint32_t session : seated) out.u32(session);
      if (!seated.empty() != static_cast<bool>(m.published)) {
        // member_arrived() and member_departed() queue every such change.
        const Engine::PendingPresence& change = pending[slot];
        out.i64(change.at);
        out.u8(static_cast<std::uint8_t>(change.departure));
        out.u8(static_cast<std::uint8_t>(change.last_state));
      }
    }
  }
}

void EngineSnapshot::save_intents(const Engine& e, ByteWriter& out) {
  // Oldest first, so that the loader keeps the order in which a target's
  // intents are answered.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> order;
  for (std::uint32_t slot = 0; slot < e.intents_.end(); ++slot) {
    std::uint64_t number = 0;
    if (e.intents_[slot].in_use() && intent_number(e.intents_[slot].id.view(), &number)) {
      order.emplace_back(number, slot);
    }
  }
  std::sort(order.begin(), order.end());
  out.u32(static_cast<std::uint32_t>(order.size()));
  for (const auto& [number, slot] : order) {
    const Intent& intent = e.intents_[slot];
    out.text(intent.id.view());
    out.text(intent.from.view());
    out.u8(static_cast<std::uint8_t>(intent.target_kind));
    out.text(intent.target.view());
    out.text(intent.kind);
    out.i64(intent.created_at);
    out.i64(intent.expires_at);
  }
}

}  // namespace presence::core
