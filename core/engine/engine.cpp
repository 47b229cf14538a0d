// Engine construction, time, and the derivation pipeline shared by every
// signal: refresh -> transition -> (user re-derivation) -> debounced publish.
#include "engine/engine.h"

#include <algorithm>
#include <string>

#include "coord/readiness.h"
#include "util/utf8.h"

namespace presence::core {

Status Engine::create(const Config& config, std::unique_ptr<Engine>* out) {
  Status status = config.validate();
  if (!status.is_ok()) return status;
  out->reset(new Engine(config));
  return Status::ok();
}

Engine::Engine(const Config& config)
    : config_(config),
      hash_key_(HashKey::random()),
      session_index_(hash_key_, SessionIdOf{&sessions_}),
      transport_index_(hash_key_, TransportIdOf{&sessions_}),
      user_index_(hash_key_, UserIdOf{&users_}),
      user_order_(&users_),
      events_(static_cast<std::size_t>(config.event_buffer_capacity)),
      member_index_(MemberKeyOf{&members_}),
      room_index_(hash_key_, RoomIdOf{&rooms_}),
      room_order_(RoomOrder{&rooms_}),
      intent_index_(hash_key_, IntentIdOf{&intents_}) {
  // New activity on an already active session can only move readiness when
  // recency decides it: when the active state alone is not ready yet, but
  // active and fresh would be.
  // Node 0 is this engine (its id is empty when standalone).
  nodes_.emplace_back();
  nodes_[0].id.assign(config.node_id);
  nodes_[0].alive = true;
  for (std::size_t a = 0; a < activity_moves_readiness_.size(); ++a) {
    const auto availability = static_cast<Availability>(a);
    const double stale_activity =
        user_readiness(State::kActive, 0, availability, config.readiness_recency_window, config);
    const double fresh_activity = user_readiness(State::kActive, 0, availability, 0, config);
    activity_moves_readiness_[a] = stale_activity < config.readiness_ready_threshold &&
                                   fresh_activity >= config.readiness_unready_threshold;
    for (int s = 0; s < kStateCount; ++s) {
      presence_milli_[static_cast<std::size_t>(s)][a] =
          member_presence_milli(static_cast<State>(s), availability, config);
    }
  }
}

Engine::~Engine() = default;

// --- Validation and time -----------------------------------------------------

Status Engine::check_text(const char* what, std::string_view text, std::size_t max_bytes) const {
  if (text.size() > max_bytes) {
    return invalid_argument(std::string(what) + " is " + std::to_string(text.size()) +
                            " bytes; the limit is " + std::to_string(max_bytes));
  }
  if (!is_valid_utf8(text)) return invalid_argument(std::string(what) + " is not valid UTF-8");
  return Status::ok();
}

Status Engine::check_id(const char* what, std::string_view id) const {
  if (id.empty()) return invalid_argument(std::string(what) + " is empty");
  return check_text(what, id, config_.max_id_bytes);
}

Status Engine::begin(Millis now) {
  if (now == kUseClock) {
    now = system_now();
  } else if (now < 0 || now > kMaxTime) {
    return invalid_argument(
        "now_ms must be between 0 and 2^53, or -1 for the engine's clock; got " +
        std::to_string(now));
  }
  const Millis until = std::max(now, now_);
  bool more = false;
  run_due(until, config_.max_catch_up_steps, &more);
  if (more) {
    // A storm of due transitions is left to pe_engine_advance (the ticker):
    // the engine moves on to `now`, and what it touches catches up first.
    now_ = until;
    behind_ = true;
  }
  return Status::ok();
}

std::uint32_t Engine::catch_up(std::uint32_t slot, std::string_view session_id) {
  if (!behind_ || slot == kNoSlot || session_timers_.deadline_of(slot) > now_) return slot;
  refresh_session(slot);  // may end the record
  return session_index_.find(session_id);
}

Millis Engine::next_deadline() const {
  // Member publications first at equal times: they name their owners, whose
  // records a session or user timer at the same instant may release.
  Millis due = kNever;
  if (!pending_joins_.empty()) {
    due = std::min(due, pending_joins_.front().at + config_.debounce_for(State::kActive));
  }
  if (!pending_leaves_.empty()) {
    due = std::min(due, pending_leaves_.front().at + config_.debounce_for(State::kOffline));
  }
  if (!arrivals_.empty()) due = std::min(due, arrivals_.front().joined_at + config_.room_arriving);
  due = std::min({due, session_timers_.top_deadline(), user_timers_.top_deadline(),
                  room_timers_.top_deadline(), intent_timers_.top_deadline(),
                  node_timers_.top_deadline()});
  return due;
}

void Engine::run_step(Millis due) {
  // Each step runs at its own deadline, so events carry exact times. The
  // order at equal times is fixed, so every run gives the same events.
  now_ = std::max(now_, due);
  if (!pending_joins_.empty() &&
      pending_joins_.front().at + config_.debounce_for(State::kActive) == due) {
    const PendingPresence pending = pending_joins_.front();
    pending_joins_.pop_front();
    publish_member(pending, true);
  } else if (!pending_leaves_.empty() &&
             pending_leaves_.front().at + config_.debounce_for(State::kOffline) == due) {
    const PendingPresence pending = pending_leaves_.front();
    pending_leaves_.pop_front();
    publish_member(pending, false);
  } else if (!arrivals_.empty() && arrivals_.front().joined_at + config_.room_arriving == due) {
    const PendingArrival arrival = arrivals_.front();
    arrivals_.pop_front();
    expire_arrival(arrival);
  } else if (session_timers_.top_deadline() == due) {
    refresh_session(session_timers_.top_slot());
  } else if (user_timers_.top_deadline() == due) {
    refresh_user(user_timers_.top_slot());
  } else if (room_timers_.top_deadline() == due) {
    refresh_room(room_timers_.top_slot());
  } else if (node_timers_.top_deadline() == due) {
    node_lapsed(static_cast<std::uint16_t>(node_timers_.top_slot()));
  } else {
    end_intent(intent_timers_.top_slot(), IntentState::kExpired);
  }
}

void Engine::run_due(Millis until, std::size_t max_steps, bool* out_more) {
  for (std::size_t steps = 0;; ++steps) {
    const Millis due = next_deadline();
    if (due > until) break;
    if (max_steps != 0 && steps == max_steps) {
      if (out_more != nullptr) *out_more = true;
      return;
    }
    run_step(due);
  }
  now_ = std::max(now_, until);
  behind_ = false;
  forget_users();
  if (out_more != nullptr) *out_more = false;
}

Status Engine::advance(Millis now, std::size_t max_steps, bool* out_more) {
  if (now == kUseClock) {
    now = system_now();
  } else if (now < 0 || now > kMaxTime) {
    return invalid_argument(
        "now_ms must be between 0 and 2^53, or -1 for the engine's clock; got " +
        std::to_string(now));
  }
  run_due(std::max(now, now_), max_steps, out_more);
  return Status::ok();
}

Status Engine::find_alive(std::string_view session_id, std::uint32_t* out) {
  const std::uint32_t slot = catch_up(session_index_.find(session_id), session_id);
  if (slot == kNoSlot || !is_alive(sessions_[slot].state)) {
    return not_found("no live session '" + std::string(session_id) + "'");
  }
  *out = slot;
  return Status::ok();
}

// --- The derivation pipeline --------------------------------------------------

void Engine::tell_cadence(std::uint32_t slot) {
  Session& s = sessions_[slot];
  s.told = cadence_for(s.liveness(), derive(s.liveness(), now_, config_).state);
}

void Engine::refresh_session(std::uint32_t slot) {
  Session& s = sessions_[slot];
  const Derived derived =
      s.remote() ? derive_remote(s.liveness(), s.replica_state, s.replica_reconnecting,
                                 nodes_[s.origin].alive, nodes_[s.origin].seen_at, now_, config_)
                 : derive(s.liveness(), now_, config_);
  if (derived.reconnecting != s.reconnecting) {
    count_reconnecting(s, -1);
    s.reconnecting = derived.reconnecting;
    count_reconnecting(s, +1);
  }
  const bool changed = derived.state != s.state;
  if (changed) {
    // Evaluated late (the engine was behind), the change is still dated when
    // time brought it, not when it was noticed.
    const Millis at =
        derived.entered_at <= now_ && derived.entered_at >= s.since ? derived.entered_at : now_;
    transition_session(slot, derived.state, at);
  }

  // Readers see the shown state (offline for an invisible user's sessions).
  const State visible_state = shown(s);
  const Millis publish_at = shown_since(s) + config_.debounce_for(visible_state);
  if (visible_state != s.published && now_ >= publish_at) publish_session(slot);
  // The user follows its session, so its event comes after the session's.
  if (changed && s.user != kNoSlot) rederive_user(s.user, s.since);
  if (s.state == State::kOffline && s.published == State::kOffline) {
    remove_session(slot);
    return;
  }
  Millis next = derived.next_change;
  if (visible_state != s.published) next = std::min(next, publish_at);
  session_timers_.schedule(slot, next);
}

void Engine::count_reconnecting(const Session& session, int sign) {
  if (session.reconnecting && !hidden(session)) {
    counts_.sessions_reconnecting += static_cast<std::uint64_t>(static_cast<std::int64_t>(sign));
  }
}

void Engine::count_session_state(const Session& session, State state, int delta) {
  if (!is_alive(state)) return;
  const auto d = static_cast<std::uint64_t>(static_cast<std::int64_t>(delta));
  if (session.user == kNoSlot) {
    counts_.guest_sessions += d;
  } else {
    users_[session.user].alive[static_cast<std::size_t>(index_of(state) - 1)] +=
        static_cast<std::uint32_t>(d);
  }
  if (hidden(session)) {
    counts_.sessions_invisible += d;  // shown offline: not in the shown counts
    return;
  }
  counts_.sessions[index_of(state)] += d;
  counts_.sessions_alive += d;
}

void Engine::transition_session(std::uint32_t slot, State next, Millis at) {
  Session& s = sessions_[slot];
  // Seats follow the session: an ended session leaves every room.
  if (is_alive(next)) {
    move_seats(slot, s.state, next, s.since);
  } else {
    leave_all_rooms(slot, s.left ? Departure::kLeave : Departure::kDropOff);
    unbind_transport(slot);  // an ended session holds no transport
  }
  count_session_state(s, s.state, -1);
  count_session_state(s, next, +1);
  s.state = next;
  s.since = at;
  ++stats_.transitions;
  if (!s.remote()) {
    ++s.version;  // a remote session's version is its owner's
    replicate(slot);
  }
}

void Engine::publish_session(std::uint32_t slot) {
  Session& s = sessions_[slot];
  EventRecord event;
  event.kind = EventKind::kSession;
  event.at = shown_since(s);
  event.published_at = now_;
  event.id = std::string(s.id.view());
  if (s.user != kNoSlot) event.user_id = std::string(users_[s.user].id.view());
  event.old_state = s.published;
  event.new_state = shown(s);
  if (is_alive(event.new_state)) {
    event.confidence =
        confidence(s.liveness(), Derived{s.state, s.reconnecting, kNever}, now_, config_);
  }
  event.bucket = bucket_of(event.confidence);
  event.last_seen_at = s.last_signal_at;
  const State published = event.new_state;
  events_.append(std::move(event));
  s.published = published;
  ++stats_.events_published;
}

void Engine::remove_session(std::uint32_t slot) {
  Session& s = sessions_[slot];
  if (s.user == kNoSlot) {
    // A guest's rooms name their members by this session's id: publish what
    // is still waiting before the record goes.
    for (const PendingPresence& pending : pending_leaves_) {
      const Member& m = members_[pending.member];
      if (m.guest && m.owner == slot && m.stamp == pending.stamp) publish_member(pending, false);
    }
  }
  session_timers_.cancel(slot);
  unbind_transport(slot);
  session_index_.erase(s.id.view(), slot);
  if (s.user != kNoSlot) detach_from_user(slot);
  sessions_.release(slot);
}

void Engine::end_pending_session(std::uint32_t slot) {
  // An ended session whose end was not yet published: publish it now, so the
  // id can start a new session with a clean record.
  if (sessions_[slot].published != State::kOffline) publish_session(slot);
  remove_session(slot);
}

// --- Users --------------------------------------------------------------------

std::uint32_t Engine::find_or_create_user(std::string_view user_id) {
  std::uint32_t slot = user_index_.find(user_id);
  if (slot != kNoSlot) return slot;
  slot = users_.allocate();
  User& u = users_[slot];
  u.id.assign(user_id);
  u.since = now_;
  user_index_.insert(user_id, slot);
  user_order_.insert(slot, State::kOffline);
  ++counts_.users[index_of(State::kOffline)];
  return slot;
}

void Engine::attach_to_user(std::uint32_t session_slot, std::uint32_t user_slot) {
  Session& s = sessions_[session_slot];
  count_session_state(s, s.state, -1);  // leaves the guests' count
  count_reconnecting(s, -1);            // the user may be invisible
  s.user = user_slot;
  User& u = users_[user_slot];
  s.next_in_user = u.first_session;
  u.first_session = session_slot;
  count_session_state(s, s.state, +1);
  count_reconnecting(s, +1);
  rederive_user(user_slot, now_);
  if (s.first_seat != kNoSlot) identify_seats(session_slot);  // a guest in rooms
}

void Engine::detach_from_user(std::uint32_t session_slot) {
  Session& s = sessions_[session_slot];
  User& u = users_[s.user];
  if (s.last_signal_at >= u.ended_last_seen) {
    u.ended_last_seen = s.last_signal_at;
    u.ended_evidence = s.evidence;
  }
  std::uint32_t* link = &u.first_session;
  while (*link != session_slot) link = &sessions_[*link].next_in_user;
  *link = s.next_in_user;
  s.next_in_user = kNoSlot;
  s.user = kNoSlot;
}

void Engine::rederive_user(std::uint32_t user_slot, Millis at) {
  User& u = users_[user_slot];
  const State next = u.derived_state();
  if (next == u.state) return;
  const State prev = u.state;
  const State shown_before = u.shown();
  count_invisible(u, -1);
  if (!is_alive(prev)) unlink_offline(user_slot);
  u.state = next;
  u.since = std::max(at, u.since);
  if (!is_alive(next)) link_offline(user_slot);
  count_invisible(u, +1);
  if (u.shown() != shown_before) move_shown_user(user_slot, shown_before, u.shown());
  refresh_user(user_slot);
}

Millis Engine::shown_since(const User& owner, State state, Millis since) const {
  if (owner.invisible()) {
    // Shown offline since turning invisible, or since ending if it ended first.
    return is_alive(state) ? owner.visibility_at : std::min(since, owner.visibility_at);
  }
  return is_alive(state) ? std::max(since, owner.visibility_at) : since;
}

void Engine::count_invisible(const User& user, int sign) {
  if (user.invisible() && is_alive(user.state)) {
    counts_.users_invisible += static_cast<std::uint64_t>(static_cast<std::int64_t>(sign));
  }
}

void Engine::move_shown_user(std::uint32_t user_slot, State from, State to) {
  user_order_.move(user_slot, from, to);
  --counts_.users[index_of(from)];
  ++counts_.users[index_of(to)];
  if (!is_alive(from)) ++counts_.users_alive;
  if (!is_alive(to)) --counts_.users_alive;
}

void Engine::refresh_user(std::uint32_t user_slot) {
  User& u = users_[user_slot];
  const State visible_state = u.shown();
  const Millis publish_at = shown_since(u) + config_.debounce_for(visible_state);
  if (visible_state != u.published && now_ >= publish_at) publish_user(user_slot);
  const Millis readiness_due = refresh_readiness(user_slot);
  const Millis state_due = visible_state != u.published ? publish_at : kNever;
  user_timers_.schedule(user_slot, std::min({state_due, readiness_due, unready_at(user_slot)}));
}

void Engine::publish_user(std::uint32_t user_slot) {
  User& u = users_[user_slot];
  const UserView view = user_view(user_slot, u.shown());
  EventRecord event;
  event.kind = EventKind::kUser;
  event.at = shown_since(u);
  event.published_at = now_;
  event.id = view.id;
  event.old_state = u.published;
  event.new_state = view.state;
  event.session_count = view.session_count;
  event.confidence = view.confidence;
  event.bucket = view.bucket;
  event.last_seen_at = view.last_seen_at;
  event.availability = view.availability;
  events_.append(std::move(event));
  u.published = view.state;
  ++stats_.events_published;
}

void Engine::link_offline(std::uint32_t user_slot) {
  User& u = users_[user_slot];
  u.offline_prev = offline_tail_;
  u.offline_next = kNoSlot;
  if (offline_tail_ == kNoSlot) {
    offline_head_ = user_slot;
  } else {
    users_[offline_tail_].offline_next = user_slot;
  }
  offline_tail_ = user_slot;
  u.in_offline_list = true;
  ++offline_listed_;
}

void Engine::unlink_offline(std::uint32_t user_slot) {
  User& u = users_[user_slot];
  if (!u.in_offline_list) return;
  if (u.offline_prev == kNoSlot) {
    offline_head_ = u.offline_next;
  } else {
    users_[u.offline_prev].offline_next = u.offline_next;
  }
  if (u.offline_next == kNoSlot) {
    offline_tail_ = u.offline_prev;
  } else {
    users_[u.offline_next].offline_prev = u.offline_prev;
  }
  u.offline_prev = u.offline_next = kNoSlot;
  u.in_offline_list = false;
  --offline_listed_;
}

bool Engine::evictable(std::uint32_t user_slot) const {
  const User& u = users_[user_slot];
  return u.state == State::kOffline && u.published == State::kOffline &&
         u.first_session == kNoSlot && u.members == 0;
}

void Engine::forget_users() {
  // The list is in the order users went offline, so the oldest come first.
  // A head still publishing its offline change waits (for a debounce window).
  while (offline_head_ != kNoSlot) {
    const std::uint32_t head = offline_head_;
    const bool expired = users_[head].since + config_.last_seen_retention <= now_;
    const bool too_many = offline_listed_ > config_.last_seen_max_users;
    if ((!expired && !too_many) || !evictable(head)) break;
    evict_user(head);
  }
}

void Engine::evict_user(std::uint32_t user_slot) {
  User& u = users_[user_slot];
  user_timers_.cancel(user_slot);
  unlink_offline(user_slot);
  user_order_.erase(user_slot, u.state);
  --counts_.users[index_of(u.state)];
  user_index_.erase(u.id.view(), user_slot);
  users_.release(user_slot);
}

Stats Engine::stats() const {
  Stats s = stats_;
  s.session_records = sessions_.live();
  s.user_records = users_.live();
  s.last_seq = events_.last_seq();
  s.oldest_seq = events_.oldest_seq();
  s.pending_timers = session_timers_.size() + user_timers_.size();
  return s;
}

}  // namespace presence::core
