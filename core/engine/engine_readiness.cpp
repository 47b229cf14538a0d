// Declared availability (with invisibility), readiness with hysteresis, and
// the call gate.
#include <algorithm>
#include <string>

#include "coord/readiness.h"
#include "engine/engine.h"

namespace presence::core {

Millis Engine::user_last_activity(std::uint32_t user_slot) const {
  Millis latest = 0;
  for (std::uint32_t s = users_[user_slot].first_session; s != kNoSlot;
       s = sessions_[s].next_in_user) {
    if (is_alive(sessions_[s].state)) latest = std::max(latest, sessions_[s].last_activity_at);
  }
  return latest;
}

Millis Engine::unready_at(std::uint32_t user_slot) const {
  const User& u = users_[user_slot];
  if (!u.ready) return kNever;
  const Millis at =
      user_unready_at(u.state, user_last_activity(user_slot), u.availability, config_);
  return at == kNever ? kNever : std::max(at, now_ + 1);
}

Millis Engine::refresh_readiness(std::uint32_t user_slot) {
  User& u = users_[user_slot];
  const double score =
      user_readiness(u.state, user_last_activity(user_slot), u.availability, now_, config_);
  const bool ready = next_ready(u.ready, score, config_);
  if (ready != u.ready) {
    u.ready = ready;
    u.ready_since = now_;
  }
  if (u.ready == u.ready_published) return kNever;
  const Millis publish_at = u.ready_since + readiness_debounce(u.ready, config_);
  if (now_ < publish_at) return publish_at;
  // The invisible are never ready (availability factor 0): these events
  // reveal nothing about them.
  u.ready_published = u.ready;
  publish_readiness(TargetKind::kUser, u.id.view(), u.ready, score, u.ready_since);
  if (u.ready) target_ready(TargetKind::kUser, u.id.view());
  return kNever;
}

void Engine::publish_readiness(TargetKind kind, std::string_view id, bool ready, double score,
                               Millis at) {
  EventRecord event;
  event.kind = EventKind::kReadiness;
  event.at = at;
  event.published_at = now_;
  event.id = std::string(id);
  if (kind == TargetKind::kRoom) event.room_id = event.id;
  event.target_kind = kind;
  event.ready = ready;
  event.readiness = score;
  events_.append(std::move(event));
  ++stats_.events_published;
}

void Engine::publish_availability(std::uint32_t user_slot) {
  const User& u = users_[user_slot];
  EventRecord event;
  event.kind = EventKind::kAvailability;
  event.at = now_;
  event.published_at = now_;
  event.id = std::string(u.id.view());
  event.availability = u.availability;
  event.old_state = u.published;
  event.new_state = u.published;
  events_.append(std::move(event));
  ++stats_.events_published;
}

Status Engine::set_availability(std::string_view user_id, Availability availability, Millis now) {
  PE_RETURN_IF_ERROR(check_id("user id", user_id));
  switch (availability) {
    case Availability::kAvailable:
    case Availability::kBusy:
    case Availability::kDoNotDisturb:
    case Availability::kInvisible: break;
    default: return invalid_argument("availability is not a pe_availability value");
  }
  PE_RETURN_IF_ERROR(begin(now));
  // Availability may be declared before the user's first session.
  const std::uint32_t slot = find_or_create_user(user_id);
  User& u = users_[slot];
  if (u.availability == availability) return Status::ok();
  const bool was_invisible = u.invisible();
  const bool becomes_invisible = availability == Availability::kInvisible;
  const State shown_before = u.shown();
  // Shown counts and room counts move with visibility; presence in rooms
  // depends on availability, so the member contributions are redone.
  for (std::uint32_t s = u.first_session; s != kNoSlot; s = sessions_[s].next_in_user) {
    count_session_state(sessions_[s], sessions_[s].state, -1);
    count_reconnecting(sessions_[s], -1);
  }
  const std::vector<std::uint32_t> rooms = rooms_of_user(slot);
  std::vector<std::uint32_t> members;
  members.reserve(rooms.size());
  for (const std::uint32_t room : rooms) members.push_back(find_member(room, slot, false));
  for (const std::uint32_t member : members) count_member(members_[member], -1);
  if (becomes_invisible) u.shown_last_seen = user_last_seen(slot, nullptr);
  if (was_invisible != becomes_invisible) u.visibility_at = now_;
  count_invisible(u, -1);
  u.availability = availability;
  count_invisible(u, +1);
  for (std::uint32_t s = u.first_session; s != kNoSlot; s = sessions_[s].next_in_user) {
    count_session_state(sessions_[s], sessions_[s].state, +1);
    count_reconnecting(sessions_[s], +1);
  }
  for (std::size_t i = 0; i < rooms.size(); ++i) {
    Member& m = members_[members[i]];
    const bool was_hidden = m.hidden;
    m.hidden = becomes_invisible;
    count_member(m, +1);
    if (m.hidden != was_hidden) announce_member_visibility(m);
    refresh_room(rooms[i]);
  }
  const State shown_after = u.shown();
  if (shown_before != shown_after) move_shown_user(slot, shown_before, shown_after);
  // The declaration comes first, then what it changes. Invisibility is never
  // announced as such: readers see the user go offline.
  if (!was_invisible && !becomes_invisible) publish_availability(slot);
  if (was_invisible && !becomes_invisible && availability != Availability::kAvailable) {
    publish_availability(slot);
  }
  // Sessions and the user publish what readers now see (debounced as usual).
  for (std::uint32_t s = u.first_session; s != kNoSlot; s = sessions_[s].next_in_user) {
    refresh_session(s);
  }
  refresh_user(slot);
  return Status::ok();
}

Status Engine::readiness(TargetKind kind, std::string_view id, Millis now, ReadinessView* out) {
  PE_RETURN_IF_ERROR(check_id(kind == TargetKind::kRoom ? "room id" : "user id", id));
  if (kind != TargetKind::kUser && kind != TargetKind::kRoom) {
    return invalid_argument("target kind must be USER or ROOM");
  }
  PE_RETURN_IF_ERROR(begin(now));
  ReadinessView v;
  v.kind = kind;
  v.id = std::string(id);
  if (kind == TargetKind::kUser) {
    const std::uint32_t slot = user_index_.find(id);
    if (slot == kNoSlot) {
      v.reason = GateReason::kUnknown;
    } else {
      const User& u = users_[slot];
      v.state = u.shown();
      v.availability = u.invisible() ? Availability::kAvailable : u.availability;
      v.score = user_readiness(u.state, user_last_activity(slot), u.availability, now_, config_);
      v.ready = u.ready;
      if (!is_alive(v.state)) {
        v.reason = GateReason::kOffline;
      } else if (u.availability == Availability::kDoNotDisturb) {
        v.reason = GateReason::kDoNotDisturb;
      } else {
        v.reason = u.ready ? GateReason::kReady : GateReason::kNotReady;
      }
    }
  } else {
    const std::uint32_t slot = room_index_.find(id);
    if (slot == kNoSlot) {
      v.reason = GateReason::kUnknown;
    } else {
      const Room& room = rooms_[slot];
      v.score = room.readiness;
      v.ready = room.ready;
      for (int s = kStateCount - 1; s > 0; --s) {
        if (room.members[static_cast<std::size_t>(s - 1)] != 0) {
          v.state = static_cast<State>(s);
          break;
        }
      }
      if (room.member_count() == 0) {
        v.reason = GateReason::kEmpty;
      } else {
        v.reason = room.ready ? GateReason::kReady : GateReason::kNotReady;
      }
    }
  }
  v.can_call = v.reason == GateReason::kReady;
  *out = std::move(v);
  return Status::ok();
}

}  // namespace presence::core
