// Scoped reads: what a reader limited to one room may see — that room's
// visible members and their sessions in it, never invisible users.
#include <algorithm>
#include <string>

#include "engine/engine.h"

namespace presence::core {

namespace {

Status no_room(std::string_view room_id) {
  return not_found("no room '" + std::string(room_id) + "'");
}

}  // namespace

Status Engine::room_counts(std::string_view room_id, Millis now, Counts* out) {
  PE_RETURN_IF_ERROR(check_id("room id", room_id));
  PE_RETURN_IF_ERROR(begin(now));
  const std::uint32_t slot = room_index_.find(room_id);
  if (slot == kNoSlot) return no_room(room_id);
  const Room& room = rooms_[slot];
  Counts c;
  for (int s = 1; s < kStateCount; ++s) {
    c.sessions[s] = room.sessions[static_cast<std::size_t>(s - 1)];
    c.users[s] = room.members[static_cast<std::size_t>(s - 1)];
    c.sessions_alive += c.sessions[s];
    c.users_alive += c.users[s];
  }
  c.guest_sessions = room.guests;
  c.rooms = 1;
  *out = c;
  return Status::ok();
}

Status Engine::room_user(std::string_view room_id, std::string_view user_id, Millis now,
                         UserDetail* out) {
  PE_RETURN_IF_ERROR(check_id("room id", room_id));
  PE_RETURN_IF_ERROR(check_id("user id", user_id));
  PE_RETURN_IF_ERROR(begin(now));
  const std::uint32_t room = room_index_.find(room_id);
  if (room == kNoSlot) return no_room(room_id);
  const std::uint32_t user = user_index_.find(user_id);
  const std::uint32_t member = user == kNoSlot ? kNoSlot : find_member(room, user, false);
  if (member == kNoSlot || !members_[member].present || members_[member].hidden) {
    return not_found("no user '" + std::string(user_id) + "' in room '" + std::string(room_id) +
                     "'");
  }
  out->user = user_view(user, users_[user].shown());
  out->sessions.clear();
  for (std::uint32_t s = users_[user].first_session; s != kNoSlot; s = sessions_[s].next_in_user) {
    if (is_alive(sessions_[s].state) && seat_in(sessions_[s], room) != kNoSlot) {
      out->sessions.push_back(session_view(s, shown(sessions_[s])));
    }
  }
  std::sort(out->sessions.begin(), out->sessions.end(),
            [](const SessionView& a, const SessionView& b) { return a.id < b.id; });
  return Status::ok();
}

Status Engine::room_snapshot(std::string_view room_id, Millis now, Snapshot* out) {
  PE_RETURN_IF_ERROR(check_id("room id", room_id));
  PE_RETURN_IF_ERROR(begin(now));
  const std::uint32_t room = room_index_.find(room_id);
  if (room == kNoSlot) return no_room(room_id);
  out->seq = events_.last_seq();
  out->users.clear();
  out->sessions.clear();
  const MemberOrder& order = rooms_[room].order;
  for (auto at = order.begin(); !order.at_end(at); at = order.next(at)) {
    const Member& m = members_[order.at(at)];
    if (!m.present || m.hidden) continue;
    if (!m.guest && is_alive(users_[m.owner].published)) {
      out->users.push_back(user_view(m.owner, users_[m.owner].published));
    }
    const auto add_session = [&](std::uint32_t s) {
      if (is_alive(sessions_[s].published) && seat_in(sessions_[s], room) != kNoSlot) {
        out->sessions.push_back(session_view(s, sessions_[s].published));
      }
    };
    if (m.guest) {
      add_session(m.owner);
    } else {
      for (std::uint32_t s = users_[m.owner].first_session; s != kNoSlot;
           s = sessions_[s].next_in_user) {
        add_session(s);
      }
    }
  }
  std::sort(out->sessions.begin(), out->sessions.end(),
            [](const SessionView& a, const SessionView& b) { return a.id < b.id; });
  return Status::ok();
}

Status Engine::room_events_after(std::string_view room_id, std::uint64_t after_seq, std::size_t max,
                                 std::vector<EventRecord>* out, std::uint64_t* last_seq) {
  PE_RETURN_IF_ERROR(check_id("room id", room_id));
  const std::uint32_t room = room_index_.find(room_id);
  if (room == kNoSlot) return no_room(room_id);
  std::vector<EventRecord> all;
  PE_RETURN_IF_ERROR(events_.read(after_seq, max, &all));
  *last_seq = all.empty() ? after_seq : all.back().seq;
  // Who is in the room now decides which user and session events belong to it.
  const auto visible_member = [&](std::string_view user_id) {
    const std::uint32_t user = user_index_.find(user_id);
    if (user == kNoSlot) return false;
    const std::uint32_t member = find_member(room, user, false);
    return member != kNoSlot && members_[member].present && !members_[member].hidden;
  };
  out->clear();
  for (EventRecord& e : all) {
    bool keep = false;
    switch (e.kind) {
      case EventKind::kMember:
      case EventKind::kOccupancy: keep = e.room_id && *e.room_id == room_id; break;
      case EventKind::kReadiness:
        keep = e.target_kind == TargetKind::kRoom ? e.id == room_id : visible_member(e.id);
        break;
      case EventKind::kUser:
      case EventKind::kAvailability: keep = visible_member(e.id); break;
      case EventKind::kSession: keep = e.user_id && visible_member(*e.user_id); break;
      case EventKind::kIntent:
        keep = e.target_kind == TargetKind::kRoom && e.target_id && *e.target_id == room_id;
        break;
    }
    if (keep) out->push_back(std::move(e));
  }
  return Status::ok();
}

}  // namespace presence::core
