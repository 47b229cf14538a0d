// Reads: who's online, derived at read time from the sessions.
#include <algorithm>
#include <string>

#include "coord/readiness.h"
#include "engine/engine.h"

namespace presence::core {

namespace {

constexpr std::size_t kMaxPageSize = 10'000;

template <class View>
void sort_by_id(std::vector<View>* views) {
  std::sort(views->begin(), views->end(), [](const View& a, const View& b) { return a.id < b.id; });
}

}  // namespace

SessionView Engine::session_view(std::uint32_t slot, State shown_state) const {
  const Session& s = sessions_[slot];
  SessionView v;
  v.id = std::string(s.id.view());
  if (s.user != kNoSlot) v.user_id = std::string(users_[s.user].id.view());
  v.state = shown_state;
  v.true_state = s.state;
  v.reconnecting = s.reconnecting;
  v.visible = s.visible();
  v.connected = s.connected();
  v.confidence = confidence(s.liveness(), Derived{s.state, s.reconnecting, kNever}, now_, config_);
  v.bucket = bucket_of(v.confidence);
  v.last_signal_at = s.last_signal_at;
  v.last_activity_at = s.last_activity_at;
  v.since = shown_since(s);
  v.heartbeat_interval = interval_of(s.told, config_);
  if (s.extras) {
    if (s.extras->has_meta) v.meta = s.extras->meta;
    if (!s.extras->transport_id.empty())
      v.transport_id = std::string(s.extras->transport_id.view());
  }
  v.origin_node = s.origin;
  v.node_id = std::string(nodes_[s.origin].id.view());
  v.version = s.version;
  return v;
}

Millis Engine::user_last_seen(std::uint32_t user_slot, Evidence* out_evidence) const {
  const User& u = users_[user_slot];
  Millis seen = u.ended_last_seen;
  Evidence evidence = u.ended_evidence;
  for (std::uint32_t s = u.first_session; s != kNoSlot; s = sessions_[s].next_in_user) {
    const Session& session = sessions_[s];
    if (session.last_signal_at >= seen) {
      seen = session.last_signal_at;
      evidence = session.evidence;
    }
  }
  if (out_evidence != nullptr) *out_evidence = evidence;
  return seen;
}

UserView Engine::user_view(std::uint32_t user_slot, State shown_state) const {
  const User& u = users_[user_slot];
  UserView v;
  v.id = std::string(u.id.view());
  v.state = shown_state;
  v.since = shown_since(u);
  v.true_state = u.state;
  v.true_availability = u.availability;
  v.readiness =
      user_readiness(u.state, user_last_activity(user_slot), u.availability, now_, config_);
  v.ready = u.ready;
  if (u.invisible()) {
    // Readers see an offline user, last seen when it went invisible.
    v.last_seen_at = u.shown_last_seen;
    v.last_evidence = Evidence::kNone;
    return v;
  }
  v.availability = u.availability;
  v.last_seen_at = user_last_seen(user_slot, &v.last_evidence);
  v.session_count = u.alive_count();
  // The user's confidence is that of the session that gives it its state.
  for (std::uint32_t s = u.first_session; s != kNoSlot; s = sessions_[s].next_in_user) {
    const Session& session = sessions_[s];
    if (session.state != u.state || !is_alive(session.state)) continue;
    const double c = confidence(
        session.liveness(), Derived{session.state, session.reconnecting, kNever}, now_, config_);
    v.confidence = std::max(v.confidence, c);
  }
  v.bucket = bucket_of(v.confidence);
  return v;
}

Status Engine::counts(Millis now, Counts* out) {
  PE_RETURN_IF_ERROR(begin(now));
  *out = counts_;
  return Status::ok();
}

Status Engine::count_seen(Millis window, Millis now, std::uint64_t* out) {
  if (window < 0) return invalid_argument("window_ms must be >= 0");
  PE_RETURN_IF_ERROR(begin(now));
  const Millis threshold = now_ - std::min(window, now_);
  std::uint64_t seen = 0;
  if (window >= config_.session_ttl) {
    // Every alive session signalled within the TTL, so every alive user counts.
    seen = counts_.users_alive;
  } else {
    for (int s = index_of(State::kStale); s < kStateCount; ++s) {
      user_order_.for_each_in(static_cast<State>(s), [&](std::uint32_t user) {
        if (user_last_seen(user, nullptr) >= threshold) ++seen;
      });
    }
  }
  // Offline users went offline after their last signal: walk back from the
  // most recent until they went offline before the window.
  for (std::uint32_t u = offline_tail_; u != kNoSlot && users_[u].since >= threshold;
       u = users_[u].offline_prev) {
    if (user_last_seen(u, nullptr) >= threshold) ++seen;
  }
  *out = seen;
  return Status::ok();
}

Status Engine::list_users(State min_state, std::string_view cursor, std::size_t limit, Millis now,
                          UserPage* out) {
  if (limit < 1 || limit > kMaxPageSize) {
    return invalid_argument("limit must be between 1 and " + std::to_string(kMaxPageSize));
  }
  PE_RETURN_IF_ERROR(check_text("cursor", cursor, config_.max_id_bytes));
  PE_RETURN_IF_ERROR(begin(now));
  std::vector<std::uint32_t> slots;
  slots.reserve(limit);
  const bool more = user_order_.page(min_state, cursor, limit, &slots);
  out->users.clear();
  out->users.reserve(slots.size());
  for (std::uint32_t slot : slots) out->users.push_back(user_view(slot, users_[slot].shown()));
  out->next_cursor = more ? out->users.back().id : std::string();
  return Status::ok();
}

Status Engine::get_user(std::string_view user_id, Millis now, UserDetail* out) {
  PE_RETURN_IF_ERROR(check_id("user id", user_id));
  PE_RETURN_IF_ERROR(begin(now));
  const std::uint32_t slot = user_index_.find(user_id);
  if (slot == kNoSlot) return not_found("no user '" + std::string(user_id) + "'");
  out->user = user_view(slot, users_[slot].shown());
  out->sessions.clear();
  // An invisible user's sessions are not shown.
  if (users_[slot].invisible()) return Status::ok();
  for (std::uint32_t s = users_[slot].first_session; s != kNoSlot; s = sessions_[s].next_in_user) {
    if (is_alive(sessions_[s].state)) out->sessions.push_back(session_view(s, sessions_[s].state));
  }
  sort_by_id(&out->sessions);
  return Status::ok();
}

Status Engine::get_session(std::string_view session_id, Millis now, SessionView* out) {
  PE_RETURN_IF_ERROR(check_id("session id", session_id));
  PE_RETURN_IF_ERROR(begin(now));
  std::uint32_t slot = kNoSlot;
  PE_RETURN_IF_ERROR(find_alive(session_id, &slot));
  *out = session_view(slot, shown(sessions_[slot]));
  return Status::ok();
}

Status Engine::snapshot(Millis now, Snapshot* out) {
  PE_RETURN_IF_ERROR(begin(now));
  out->seq = events_.last_seq();
  out->sessions.clear();
  out->users.clear();
  for (std::uint32_t slot = 0; slot < sessions_.end(); ++slot) {
    const Session& s = sessions_[slot];
    if (s.in_use() && is_alive(s.published))
      out->sessions.push_back(session_view(slot, s.published));
  }
  for (std::uint32_t slot = 0; slot < users_.end(); ++slot) {
    const User& u = users_[slot];
    if (u.in_use() && is_alive(u.published)) out->users.push_back(user_view(slot, u.published));
  }
  sort_by_id(&out->sessions);
  sort_by_id(&out->users);
  return Status::ok();
}

Status Engine::events_after(std::uint64_t after_seq, std::size_t max,
                            std::vector<EventRecord>* out) const {
  return events_.read(after_seq, max, out);
}

}  // namespace presence::core
