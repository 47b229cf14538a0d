// Interest-based fan-out: presence traffic grows with the square of a room's
// size if everyone hears everything, so subscribers name the users and rooms
// they care about, and the engine says who must hear which change.
#include <algorithm>
#include <map>
#include <string>

#include "engine/engine.h"

namespace presence::core {

namespace {

// Adds `value` to the list under `key` once; returns false if it was there.
bool add_unique(std::unordered_map<std::string, std::vector<std::string>>& index,
                const std::string& key, const std::string& value) {
  std::vector<std::string>& values = index[key];
  if (std::find(values.begin(), values.end(), value) != values.end()) return false;
  values.push_back(value);
  return true;
}

void remove_value(std::unordered_map<std::string, std::vector<std::string>>& index,
                  const std::string& key, const std::string& value) {
  auto it = index.find(key);
  if (it == index.end()) return;
  auto& values = it->second;
  values.erase(std::remove(values.begin(), values.end(), value), values.end());
  if (values.empty()) index.erase(it);
}

}  // namespace

Status Engine::subscribe(std::string_view subscriber, TargetKind kind, std::string_view target) {
  PE_RETURN_IF_ERROR(check_id("subscriber id", subscriber));
  PE_RETURN_IF_ERROR(check_id(kind == TargetKind::kRoom ? "room id" : "user id", target));
  if (kind != TargetKind::kUser && kind != TargetKind::kRoom) {
    return invalid_argument("target kind must be USER or ROOM");
  }
  const std::string key = target_key(kind, target);
  const std::string who(subscriber);
  if (add_unique(subscribers_by_target_, key, who)) {
    add_unique(targets_by_subscriber_, who, key);
  }
  return Status::ok();
}

Status Engine::unsubscribe(std::string_view subscriber, TargetKind kind, std::string_view target) {
  PE_RETURN_IF_ERROR(check_id("subscriber id", subscriber));
  PE_RETURN_IF_ERROR(check_id(kind == TargetKind::kRoom ? "room id" : "user id", target));
  if (kind != TargetKind::kUser && kind != TargetKind::kRoom) {
    return invalid_argument("target kind must be USER or ROOM");
  }
  const std::string key = target_key(kind, target);
  const std::string who(subscriber);
  remove_value(subscribers_by_target_, key, who);
  remove_value(targets_by_subscriber_, who, key);
  return Status::ok();
}

Status Engine::unsubscribe_all(std::string_view subscriber) {
  PE_RETURN_IF_ERROR(check_id("subscriber id", subscriber));
  const auto it = targets_by_subscriber_.find(std::string(subscriber));
  if (it == targets_by_subscriber_.end()) return Status::ok();
  for (const std::string& key : it->second) {
    remove_value(subscribers_by_target_, key, it->first);
  }
  targets_by_subscriber_.erase(it);
  return Status::ok();
}

Status Engine::fanout(std::uint64_t after_seq, std::size_t max, FanoutBatch* out) const {
  out->events.clear();
  out->deliveries.clear();
  PE_RETURN_IF_ERROR(events_.read(after_seq, max, &out->events));
  out->seq = out->events.empty() ? after_seq : out->events.back().seq;
  // Subscribers in order of first delivery, each with its events in order.
  std::map<std::string, std::size_t> position;
  auto deliver = [&](const std::string& key, std::uint32_t event) {
    const auto it = subscribers_by_target_.find(key);
    if (it == subscribers_by_target_.end()) return;
    for (const std::string& who : it->second) {
      auto [at, added] = position.emplace(who, out->deliveries.size());
      if (added) out->deliveries.push_back(Delivery{who, {}});
      std::vector<std::uint32_t>& events = out->deliveries[at->second].events;
      if (events.empty() || events.back() != event) events.push_back(event);
    }
  };
  for (std::uint32_t i = 0; i < out->events.size(); ++i) {
    const EventRecord& e = out->events[i];
    switch (e.kind) {
      case EventKind::kSession:
        if (e.user_id) deliver(target_key(TargetKind::kUser, *e.user_id), i);
        break;
      case EventKind::kUser:
      case EventKind::kAvailability: {
        deliver(target_key(TargetKind::kUser, e.id), i);
        // Room watchers hear their members' changes, unless they asked for counts only.
        const std::uint32_t user = user_index_.find(e.id);
        if (user == kNoSlot) break;
        for (const std::uint32_t room : rooms_of_user(user)) {
          if (!rooms_[room].count_only()) {
            deliver(target_key(TargetKind::kRoom, rooms_[room].id.view()), i);
          }
        }
        break;
      }
      case EventKind::kMember:
        deliver(target_key(TargetKind::kRoom, *e.room_id), i);
        if (!e.guest) deliver(target_key(TargetKind::kUser, e.id), i);
        break;
      case EventKind::kReadiness: deliver(target_key(e.target_kind, e.id), i); break;
      case EventKind::kIntent:
        deliver(target_key(TargetKind::kUser, *e.from_id), i);
        deliver(target_key(e.target_kind, *e.target_id), i);
        break;
      case EventKind::kOccupancy: deliver(target_key(TargetKind::kRoom, e.id), i); break;
    }
  }
  return Status::ok();
}

}  // namespace presence::core
