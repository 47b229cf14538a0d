// Signals: what clients and transports tell the engine. Each one validates
// everything before it changes anything, so an error leaves no trace.
#include <algorithm>
#include <string>

#include "engine/engine.h"

namespace presence::core {

namespace {

Status check_visibility(Visibility visibility, bool unknown_allowed) {
  switch (visibility) {
    case Visibility::kVisible:
    case Visibility::kHidden: return Status::ok();
    case Visibility::kUnknown:
      if (unknown_allowed) return Status::ok();
      break;
  }
  return invalid_argument("visibility must be VISIBLE or HIDDEN");
}

Status check_activity(Activity activity) {
  switch (activity) {
    case Activity::kUnknown:
    case Activity::kActive:
    case Activity::kIdle: return Status::ok();
  }
  return invalid_argument("activity must be UNKNOWN, ACTIVE or IDLE");
}

}  // namespace

// --- open -----------------------------------------------------------------------

Status Engine::open(std::string_view session_id, const OpenParams& params, Millis now,
                    OpenResult* out) {
  PE_RETURN_IF_ERROR(check_id("session id", session_id));
  if (params.user_id) PE_RETURN_IF_ERROR(check_id("user id", *params.user_id));
  if (params.transport_id) PE_RETURN_IF_ERROR(check_id("transport id", *params.transport_id));
  if (params.meta) PE_RETURN_IF_ERROR(check_text("metadata", *params.meta, config_.max_meta_bytes));
  if (params.resume_token) PE_RETURN_IF_ERROR(check_text("resume token", *params.resume_token, 64));
  PE_RETURN_IF_ERROR(check_visibility(params.visibility, true));
  PE_RETURN_IF_ERROR(begin(now));

  const std::uint32_t slot = catch_up(session_index_.find(session_id), session_id);
  OpenResult result;
  Status status = (slot != kNoSlot && is_alive(sessions_[slot].state))
                      ? continue_session(slot, params, &result)
                      : open_new(session_id, params, &result);
  if (status.is_ok()) {
    ++stats_.signals;
    replicate(session_index_.find(session_id));
    result.resume_token = resume_tokens_.token_for(session_id);
    if (out != nullptr) *out = std::move(result);
  }
  return status;
}

Status Engine::check_user_capacity(std::string_view user_id) {
  const std::uint32_t user = user_index_.find(user_id);
  if (user != kNoSlot && users_[user].alive_count() >= config_.max_sessions_per_user) {
    ++stats_.limit_rejections;
    return {Code::kLimitExceeded, "user '" + std::string(user_id) + "' already has " +
                                      std::to_string(config_.max_sessions_per_user) +
                                      " live sessions (max_sessions_per_user)"};
  }
  return Status::ok();
}

Status Engine::check_transport_free(std::string_view transport_id, std::uint32_t slot) const {
  const std::uint32_t bound = transport_index_.find(transport_id);
  if (bound != kNoSlot && bound != slot) {
    return {Code::kConflict,
            "transport id '" + std::string(transport_id) + "' is bound to another session"};
  }
  return Status::ok();
}

Status Engine::open_new(std::string_view session_id, const OpenParams& params, OpenResult* out) {
  if (params.transport_id) PE_RETURN_IF_ERROR(check_transport_free(*params.transport_id, kNoSlot));
  if (config_.max_sessions != 0 && counts_.sessions_alive >= config_.max_sessions) {
    ++stats_.limit_rejections;
    return {Code::kLimitExceeded, "the engine holds " + std::to_string(config_.max_sessions) +
                                      " live sessions (max_sessions)"};
  }
  if (params.user_id) PE_RETURN_IF_ERROR(check_user_capacity(*params.user_id));

  // An ended session keeps its record until its end is published. Reopened
  // by the same owner inside that window (a page reload), the record starts
  // the new session, so only the net change is published: nothing.
  std::uint32_t slot = session_index_.find(session_id);
  if (slot != kNoSlot && !same_owner(sessions_[slot], params.user_id)) {
    end_pending_session(slot);
    slot = kNoSlot;
  }
  const bool reopened = slot != kNoSlot;
  if (!reopened) slot = sessions_.allocate();
  Session& s = sessions_[slot];
  s.last_signal_at = now_;
  s.last_activity_at = now_;  // a new session is an interaction
  s.hidden_since = params.visibility == Visibility::kHidden ? now_ : kNever;
  s.disconnected_at = kNever;
  s.left = false;
  s.since = now_;
  s.evidence = Evidence::kOpen;
  ++s.version;
  s.extras.reset();
  if (params.meta) {
    s.extras = std::make_unique<SessionExtras>();
    s.extras->meta = std::string(*params.meta);
    s.extras->has_meta = true;
  }
  if (!reopened) {
    s.id.assign(session_id);
    session_index_.insert(session_id, slot);
  }
  if (params.transport_id) bind_transport(slot, *params.transport_id);
  if (params.user_id && !reopened) attach_to_user(slot, find_or_create_user(*params.user_id));

  tell_cadence(slot);
  refresh_session(slot);
  out->continued = false;
  out->heartbeat_interval = interval_of(s.told, config_);
  out->state = s.state;
  return Status::ok();
}

Status Engine::check_resumption(const Session& s, const OpenParams& params) const {
  if (!config_.require_resume_token) return Status::ok();
  // The same live transport saying hello again needs no proof; anything else
  // continuing the session does.
  const bool same_transport = s.connected() && params.transport_id && s.extras &&
                              s.extras->transport_id.view() == *params.transport_id;
  if (same_transport) return Status::ok();
  if (params.resume_token && resume_tokens_.matches(s.id.view(), *params.resume_token)) {
    return Status::ok();
  }
  return {Code::kDenied, "continuing session '" + std::string(s.id.view()) +
                             "' from another transport needs its resume token"};
}

bool Engine::same_owner(const Session& session,
                        const std::optional<std::string_view>& user_id) const {
  if (!user_id) return session.user == kNoSlot;
  return session.user != kNoSlot && users_[session.user].id.view() == *user_id;
}

Status Engine::continue_session(std::uint32_t slot, const OpenParams& params, OpenResult* out) {
  Session& s = sessions_[slot];
  const bool identifies = params.user_id && s.user == kNoSlot;
  if (params.user_id && s.user != kNoSlot && users_[s.user].id.view() != *params.user_id) {
    return {Code::kConflict, "session '" + std::string(s.id.view()) + "' belongs to another user"};
  }
  if (identifies) PE_RETURN_IF_ERROR(check_user_capacity(*params.user_id));
  if (params.transport_id) PE_RETURN_IF_ERROR(check_transport_free(*params.transport_id, slot));
  PE_RETURN_IF_ERROR(check_resumption(s, params));

  // A session owned by another node moves here, continued (its version,
  // bumped below, tells the old owner to let it go).
  s.origin = 0;
  // A reconnect restores the session: not activity, no forced state.
  s.last_signal_at = now_;
  s.disconnected_at = kNever;
  s.evidence = Evidence::kOpen;
  if (params.meta) {
    if (!s.extras) s.extras = std::make_unique<SessionExtras>();
    s.extras->meta = std::string(*params.meta);
    s.extras->has_meta = true;
  }
  if (params.transport_id) bind_transport(slot, *params.transport_id);
  apply_visibility(s, params.visibility);
  if (identifies) attach_to_user(slot, find_or_create_user(*params.user_id));
  ++s.version;

  tell_cadence(slot);
  refresh_session(slot);
  out->continued = true;
  out->heartbeat_interval = interval_of(s.told, config_);
  out->state = s.state;
  return Status::ok();
}

void Engine::bind_transport(std::uint32_t slot, std::string_view transport_id) {
  Session& s = sessions_[slot];
  if (s.extras && s.extras->transport_id.view() == transport_id) return;
  unbind_transport(slot);
  if (!s.extras) s.extras = std::make_unique<SessionExtras>();
  s.extras->transport_id.assign(transport_id);
  transport_index_.insert(transport_id, slot);
}

void Engine::unbind_transport(std::uint32_t slot) {
  Session& s = sessions_[slot];
  if (!s.extras || s.extras->transport_id.empty()) return;
  transport_index_.erase(s.extras->transport_id.view(), slot);
  s.extras->transport_id = IdString{};
}

bool Engine::apply_visibility(Session& session, Visibility visibility) {
  if (visibility == Visibility::kHidden && session.visible()) {
    session.hidden_since = now_;
    return true;
  }
  if (visibility == Visibility::kVisible && !session.visible()) {
    session.hidden_since = kNever;
    session.last_activity_at = now_;  // coming back to the tab is an interaction
    return true;
  }
  return false;
}

// --- heartbeat, activity, visibility -----------------------------------------------

Status Engine::heartbeat(std::string_view session_id, Activity activity, Visibility visibility,
                         Millis now, Millis* out_interval) {
  PE_RETURN_IF_ERROR(check_id("session id", session_id));
  PE_RETURN_IF_ERROR(check_activity(activity));
  PE_RETURN_IF_ERROR(check_visibility(visibility, true));
  PE_RETURN_IF_ERROR(begin(now));
  std::uint32_t slot = kNoSlot;
  PE_RETURN_IF_ERROR(find_local(session_id, &slot));
  if (config_.require_resume_token && !sessions_[slot].connected()) return denied_reconnect(slot);
  const Millis interval = heartbeat_slot(slot, activity, visibility);
  if (out_interval != nullptr) *out_interval = interval;
  return Status::ok();
}

Status Engine::heartbeat_batch(const HeartbeatItem* items, std::size_t count, Millis now,
                               Code* codes, Millis* intervals, std::string* last_error) {
  PE_RETURN_IF_ERROR(begin(now));
  // A three-stage pipeline: hash item i and prefetch its index bucket; find
  // item i - kAhead (bucket now cached) and prefetch its record; apply item
  // i - 2 * kAhead (record now cached). Random ids then cost about what
  // sequential ones do.
  constexpr std::size_t kAhead = 8;
  std::uint32_t tags[kAhead] = {};
  std::uint32_t slots[kAhead] = {};
  auto fail = [&](std::size_t i, Status status) {
    codes[i] = status.code();
    intervals[i] = 0;
    *last_error = status.message();
  };
  // Stages run last-first, so each reads its ring entry before the earlier
  // stage overwrites it for a later item.
  for (std::size_t i = 0; i < count + 2 * kAhead; ++i) {
    if (i >= 2 * kAhead && codes[i - 2 * kAhead] == Code::kOk) {
      const std::size_t k = i - 2 * kAhead;
      intervals[k] = heartbeat_slot(slots[k % kAhead], items[k].activity, items[k].visibility);
    }
    if (i >= kAhead && i - kAhead < count && codes[i - kAhead] == Code::kOk) {
      const std::size_t j = i - kAhead;
      const std::uint32_t slot =
          catch_up(session_index_.find(items[j].session_id, tags[j % kAhead]), items[j].session_id);
      slots[j % kAhead] = slot;
      if (slot == kNoSlot || !is_alive(sessions_[slot].state) || sessions_[slot].remote()) {
        fail(j,
             not_found("no live session '" + std::string(items[j].session_id) + "' on this node"));
      } else if (config_.require_resume_token && !sessions_[slot].connected()) {
        fail(j, denied_reconnect(slot));
      } else {
        __builtin_prefetch(&sessions_[slot]);
      }
    }
    if (i < count && codes[i] == Code::kOk) {
      const HeartbeatItem& item = items[i];
      Status status = check_id("session id", item.session_id);
      if (status.is_ok()) status = check_activity(item.activity);
      if (status.is_ok()) status = check_visibility(item.visibility, true);
      if (status.is_ok()) {
        tags[i % kAhead] = session_index_.tag_of(item.session_id);
        session_index_.prefetch(tags[i % kAhead]);
      } else {
        fail(i, std::move(status));
      }
    }
  }
  return Status::ok();
}

Status Engine::denied_reconnect(std::uint32_t slot) const {
  return {Code::kDenied, "session '" + std::string(sessions_[slot].id.view()) +
                             "' lost its transport: open it again with its resume token"};
}

Millis Engine::heartbeat_slot(std::uint32_t slot, Activity activity, Visibility visibility) {
  ++stats_.signals;
  Session& s = sessions_[slot];
  const bool reconnected = !s.connected();
  s.last_signal_at = now_;
  s.evidence = Evidence::kHeartbeat;
  if (activity == Activity::kActive) {
    s.last_activity_at = now_;
    s.evidence = Evidence::kActivity;
  }
  const bool visibility_changed = apply_visibility(s, visibility);
  if (reconnected) {
    s.disconnected_at = kNever;
    ++s.version;
  }
  const Derived derived = derive(s.liveness(), now_, config_);
  const Cadence cadence = cadence_for(s.liveness(), derived.state);
  const bool sooner = interval_of(cadence, config_) < interval_of(s.told, config_);
  s.told = cadence;
  // The hot path: when only times moved forward, every deadline moved later,
  // so the queued timer (which re-derives when it fires) needs no update.
  if (reconnected || visibility_changed || sooner || derived.state != s.state ||
      derived.reconnecting != s.reconnecting) {
    refresh_session(slot);
  }
  return interval_of(cadence, config_);
}

Status Engine::activity(std::string_view session_id, Millis now) {
  PE_RETURN_IF_ERROR(check_id("session id", session_id));
  PE_RETURN_IF_ERROR(begin(now));
  std::uint32_t slot = kNoSlot;
  PE_RETURN_IF_ERROR(find_local(session_id, &slot));
  ++stats_.signals;
  Session& s = sessions_[slot];
  s.last_signal_at = now_;
  s.last_activity_at = now_;
  s.evidence = Evidence::kActivity;
  const Derived derived = derive(s.liveness(), now_, config_);
  if (derived.state != s.state || derived.reconnecting != s.reconnecting) refresh_session(slot);
  return Status::ok();
}

Status Engine::visibility(std::string_view session_id, Visibility visibility, Millis now) {
  PE_RETURN_IF_ERROR(check_id("session id", session_id));
  PE_RETURN_IF_ERROR(check_visibility(visibility, false));
  PE_RETURN_IF_ERROR(begin(now));
  std::uint32_t slot = kNoSlot;
  PE_RETURN_IF_ERROR(find_local(session_id, &slot));
  ++stats_.signals;
  Session& s = sessions_[slot];
  s.last_signal_at = now_;
  s.evidence = Evidence::kVisibility;
  apply_visibility(s, visibility);
  // A hidden tab's timers are throttled: grant the hidden interval at once.
  if (visibility == Visibility::kHidden) s.told = Cadence::kHidden;
  refresh_session(slot);
  return Status::ok();
}

// --- disconnect, leave, identify -------------------------------------------------------

Status Engine::disconnect(std::string_view session_id, Millis now) {
  PE_RETURN_IF_ERROR(check_id("session id", session_id));
  PE_RETURN_IF_ERROR(begin(now));
  std::uint32_t slot = kNoSlot;
  PE_RETURN_IF_ERROR(find_local(session_id, &slot));
  disconnect_slot(slot);
  return Status::ok();
}

Status Engine::disconnect_transport(std::string_view transport_id, Millis now) {
  PE_RETURN_IF_ERROR(check_id("transport id", transport_id));
  PE_RETURN_IF_ERROR(begin(now));
  std::uint32_t slot = transport_index_.find(transport_id);
  if (slot != kNoSlot) slot = catch_up(slot, sessions_[slot].id.view());
  if (slot == kNoSlot || !is_alive(sessions_[slot].state)) {
    return not_found("no live session is bound to transport '" + std::string(transport_id) + "'");
  }
  disconnect_slot(slot);
  return Status::ok();
}

void Engine::disconnect_slot(std::uint32_t slot) {
  Session& s = sessions_[slot];
  if (!s.connected()) return;  // already disconnected: the first drop counts
  s.disconnected_at = now_;
  ++s.version;
  refresh_session(slot);
  replicate(slot);
}

Status Engine::leave(std::string_view session_id, Millis now) {
  PE_RETURN_IF_ERROR(check_id("session id", session_id));
  PE_RETURN_IF_ERROR(begin(now));
  std::uint32_t slot = kNoSlot;
  PE_RETURN_IF_ERROR(find_local(session_id, &slot));
  ++stats_.signals;
  Session& s = sessions_[slot];
  s.last_signal_at = now_;
  s.left = true;
  s.evidence = Evidence::kLeave;
  ++s.version;
  unbind_transport(slot);
  refresh_session(slot);
  return Status::ok();
}

Status Engine::identify(std::string_view session_id, std::string_view user_id, Millis now) {
  PE_RETURN_IF_ERROR(check_id("session id", session_id));
  PE_RETURN_IF_ERROR(check_id("user id", user_id));
  PE_RETURN_IF_ERROR(begin(now));
  std::uint32_t slot = kNoSlot;
  PE_RETURN_IF_ERROR(find_local(session_id, &slot));
  Session& s = sessions_[slot];
  if (s.user != kNoSlot) {
    if (users_[s.user].id.view() == user_id) return Status::ok();
    return {Code::kConflict,
            "session '" + std::string(session_id) + "' already belongs to another user"};
  }
  PE_RETURN_IF_ERROR(check_user_capacity(user_id));
  attach_to_user(slot, find_or_create_user(user_id));
  ++s.version;
  replicate(slot);
  return Status::ok();
}

}  // namespace presence::core
