// Cluster mode, the engine's side: producing replication records for this
// node's sessions, applying the other nodes' records as remote sessions, and
// ageing a silent node's sessions like silent sessions.
#include <algorithm>
#include <string>

#include "engine/engine.h"
#include "util/utf8.h"

namespace presence::core {

namespace {

Status check_replica_text(const char* what, std::string_view text, std::size_t max_bytes,
                          bool empty_allowed) {
  if (!empty_allowed && text.empty()) return invalid_argument(std::string(what) + " is empty");
  if (text.size() > max_bytes || !is_valid_utf8(text)) {
    return invalid_argument(std::string(what) + " is not valid UTF-8 of at most " +
                            std::to_string(max_bytes) + " bytes");
  }
  return Status::ok();
}

Cadence cadence_of_interval(Millis interval, const Config& config) {
  if (interval >= config.heartbeat_hidden) return Cadence::kHidden;
  if (interval >= config.heartbeat_idle) return Cadence::kIdle;
  return Cadence::kActive;
}

}  // namespace

Replica Engine::replica_of(std::uint32_t slot) const {
  const Session& s = sessions_[slot];
  Replica r;
  r.session_id = std::string(s.id.view());
  if (s.user != kNoSlot) r.user_id = std::string(users_[s.user].id.view());
  r.node_id = std::string(nodes_[s.origin].id.view());
  r.version = s.version;
  r.state = s.state;
  r.reconnecting = s.reconnecting;
  r.visible = s.visible();
  r.connected = s.connected();
  r.ended = !is_alive(s.state);
  r.since = s.since;
  r.last_signal_at = s.last_signal_at;
  r.last_activity_at = s.last_activity_at;
  r.heartbeat_interval = interval_of(s.told, config_);
  if (s.extras && s.extras->has_meta) r.meta = s.extras->meta;
  for (std::uint32_t seat = s.first_seat; seat != kNoSlot; seat = seats_[seat].next_in_session) {
    r.rooms.emplace_back(rooms_[members_[seats_[seat].member].room].id.view());
  }
  return r;
}

void Engine::replicate(std::uint32_t slot) {
  if (!sessions_[slot].remote()) enqueue_replica(slot);
}

void Engine::enqueue_replica(std::uint32_t slot) {
  if (!replicating() || outbox_overflowed_) return;
  if (outbox_.size() >= config_.replication_buffer) {
    // Nobody takes the records: drop them, and say so (export again).
    outbox_.clear();
    outbox_.shrink_to_fit();
    outbox_overflowed_ = true;
    return;
  }
  // Several changes in one call (a transition during an open) make one record.
  if (!outbox_.empty() && outbox_.back().session_id == sessions_[slot].id.view()) {
    outbox_.back() = replica_of(slot);
    return;
  }
  outbox_.push_back(replica_of(slot));
}

Status Engine::take_replicas(std::size_t max, std::vector<Replica>* out) {
  out->clear();
  if (outbox_overflowed_) {
    outbox_overflowed_ = false;
    return {Code::kTooFarBehind,
            "replication records were dropped (replication_buffer): export them all again"};
  }
  const std::size_t count = max == 0 ? outbox_.size() : std::min(max, outbox_.size());
  out->assign(std::make_move_iterator(outbox_.begin()),
              std::make_move_iterator(outbox_.begin() + static_cast<std::ptrdiff_t>(count)));
  outbox_.erase(outbox_.begin(), outbox_.begin() + static_cast<std::ptrdiff_t>(count));
  return Status::ok();
}

Status Engine::export_replicas(std::uint64_t cursor, std::size_t limit, Millis now,
                               std::vector<Replica>* out, std::uint64_t* next_cursor) {
  if (limit < 1 || limit > 100'000) return invalid_argument("limit must be between 1 and 100000");
  PE_RETURN_IF_ERROR(begin(now));
  out->clear();
  std::uint64_t slot = cursor;
  for (; slot < sessions_.end() && out->size() < limit; ++slot) {
    const auto s = static_cast<std::uint32_t>(slot);
    if (sessions_[s].in_use() && !sessions_[s].remote() && is_alive(sessions_[s].state)) {
      out->push_back(replica_of(s));
    }
  }
  *next_cursor = slot < sessions_.end() ? slot : 0;
  return Status::ok();
}

std::uint16_t Engine::find_or_add_node(std::string_view node_id) {
  for (std::size_t i = 1; i < nodes_.size(); ++i) {
    if (nodes_[i].id.view() == node_id) return static_cast<std::uint16_t>(i);
  }
  Node node;
  node.id.assign(node_id);
  nodes_.push_back(std::move(node));
  return static_cast<std::uint16_t>(nodes_.size() - 1);
}

Status Engine::node_seen(std::string_view node_id, Millis seen_at) {
  PE_RETURN_IF_ERROR(check_replica_text("node id", node_id, config_.max_id_bytes, false));
  if (seen_at < 0 || seen_at > kMaxTime) return invalid_argument("seen_at_ms is out of range");
  if (node_id == config_.node_id) return Status::ok();
  if (nodes_.size() >= 65'535 && find_or_add_node(node_id) == 0) {
    return {Code::kLimitExceeded, "too many nodes"};
  }
  PE_RETURN_IF_ERROR(begin(seen_at));
  const std::uint16_t node = find_or_add_node(node_id);
  Node& n = nodes_[node];
  n.seen_at = std::max(n.seen_at, seen_at);
  node_timers_.schedule(node, n.seen_at + config_.node_timeout);
  if (!n.alive) {
    n.alive = true;
    refresh_node_sessions(node);
  }
  return Status::ok();
}

void Engine::node_lapsed(std::uint16_t node) {
  // Its sessions are silent since it was last seen: they age from there.
  node_timers_.cancel(node);
  nodes_[node].alive = false;
  refresh_node_sessions(node);
}

void Engine::refresh_node_sessions(std::uint16_t node) {
  for (std::uint32_t slot = 0; slot < sessions_.end(); ++slot) {
    if (sessions_[slot].in_use() && sessions_[slot].origin == node) refresh_session(slot);
  }
}

void Engine::sync_remote_rooms(std::uint32_t slot, const std::vector<std::string>& rooms) {
  // Leave what the owner left, join what it joined (no limits: the owner checked).
  for (std::uint32_t seat = sessions_[slot].first_seat; seat != kNoSlot;) {
    const std::uint32_t next = seats_[seat].next_in_session;
    const std::string_view room = rooms_[members_[seats_[seat].member].room].id.view();
    if (std::find(rooms.begin(), rooms.end(), room) == rooms.end()) {
      remove_seat(slot, seat, Departure::kLeave);
    }
    seat = next;
  }
  for (const std::string& room : rooms) {
    const std::uint32_t existing = room_index_.find(room);
    if (existing != kNoSlot && seat_in(sessions_[slot], existing) != kNoSlot) continue;
    const Status status = add_seat(slot, existing != kNoSlot ? existing : create_room(room));
    (void)status;  // only the per-member seat limit can refuse, and then the seat is skipped
  }
}

Status Engine::apply_replica(const Replica& r, Millis now) {
  PE_RETURN_IF_ERROR(check_id("session id", r.session_id));
  if (r.user_id) PE_RETURN_IF_ERROR(check_id("user id", *r.user_id));
  PE_RETURN_IF_ERROR(check_replica_text("node id", r.node_id, config_.max_id_bytes, false));
  if (r.meta) PE_RETURN_IF_ERROR(check_text("metadata", *r.meta, config_.max_meta_bytes));
  for (const std::string& room : r.rooms) PE_RETURN_IF_ERROR(check_id("room id", room));
  if (static_cast<int>(r.state) >= kStateCount) {
    return invalid_argument("state is not a pe_state value");
  }
  for (const Millis time : {r.since, r.last_signal_at, r.last_activity_at}) {
    if (time < 0 || time > kMaxTime) return invalid_argument("a replica time is out of range");
  }
  if (r.heartbeat_interval < 0) return invalid_argument("heartbeat_interval_ms is negative");
  if (r.version > UINT32_MAX) return invalid_argument("version does not fit 32 bits");
  if (r.node_id == config_.node_id) return Status::ok();  // our own record, echoed back
  PE_RETURN_IF_ERROR(begin(now));

  const std::uint16_t node = find_or_add_node(r.node_id);
  std::uint32_t slot = catch_up(session_index_.find(r.session_id), r.session_id);
  if (slot != kNoSlot && r.version <= sessions_[slot].version) return Status::ok();  // stale
  if (slot != kNoSlot && !is_alive(sessions_[slot].state)) {
    end_pending_session(slot);  // an ended record awaiting its publication
    slot = kNoSlot;
  }
  // Another node's newer record of a session of ours: it moved there.
  const bool moved_away = slot != kNoSlot && !sessions_[slot].remote();
  if (slot == kNoSlot) {
    if (r.ended) return Status::ok();
    slot = sessions_.allocate();
    Session& fresh = sessions_[slot];
    fresh.id.assign(r.session_id);
    fresh.since = r.since;
    session_index_.insert(r.session_id, slot);
  }
  Session& s = sessions_[slot];
  if (moved_away) unbind_transport(slot);  // no leave, no join
  s.origin = node;
  s.version = static_cast<std::uint32_t>(r.version);
  s.last_signal_at = std::max(s.last_signal_at, r.last_signal_at);
  s.last_activity_at = std::max(s.last_activity_at, r.last_activity_at);
  s.hidden_since = r.visible ? kNever : std::min(now_, r.since);
  s.disconnected_at = r.connected ? kNever : std::min(now_, std::max(r.since, s.last_signal_at));
  s.told = cadence_of_interval(r.heartbeat_interval, config_);
  s.left = r.ended;
  s.replica_state = r.ended ? State::kOffline : r.state;
  s.replica_reconnecting = r.reconnecting;
  if (r.meta) {
    if (!s.extras) s.extras = std::make_unique<SessionExtras>();
    s.extras->meta = *r.meta;
    s.extras->has_meta = true;
  }
  if (r.user_id && s.user == kNoSlot) attach_to_user(slot, find_or_create_user(*r.user_id));
  // The owner dated the transition; the mirror keeps that date.
  if (s.replica_state != s.state)
    transition_session(slot, s.replica_state, std::max(r.since, s.since));
  if (s.user != kNoSlot && users_[s.user].derived_state() != users_[s.user].state) {
    rederive_user(s.user, s.since);
  }
  if (is_alive(s.state)) sync_remote_rooms(slot, r.rooms);
  // Receiving a node's record is a sign of life.
  Node& n = nodes_[node];
  n.seen_at = std::max(n.seen_at, now_);
  node_timers_.schedule(node, n.seen_at + config_.node_timeout);
  n.alive = true;
  // The old owner hands the session over: its record, naming the new owner,
  // tells the transport to drop the session from this node's mirror.
  if (moved_away) enqueue_replica(slot);
  refresh_session(slot);
  return Status::ok();
}

Status Engine::find_local(std::string_view session_id, std::uint32_t* out) {
  PE_RETURN_IF_ERROR(find_alive(session_id, out));
  const Session& s = sessions_[*out];
  if (s.remote()) {
    return not_found("session '" + std::string(session_id) + "' is owned by node '" +
                     std::string(nodes_[s.origin].id.view()) +
                     "': open it here to move it to this node");
  }
  return Status::ok();
}

}  // namespace presence::core
