// Intents: "connect me when they are ready", with a time to live.
#include <algorithm>
#include <string>

#include "engine/engine.h"

namespace presence::core {

std::string Engine::target_key(TargetKind kind, std::string_view id) {
  std::string key(kind == TargetKind::kRoom ? "r:" : "u:");
  key.append(id);
  return key;
}

namespace {

void erase_value(std::unordered_map<std::string, std::vector<std::uint32_t>>& index,
                 const std::string& key, std::uint32_t value) {
  auto it = index.find(key);
  if (it == index.end()) return;
  std::vector<std::uint32_t>& values = it->second;
  values.erase(std::remove(values.begin(), values.end(), value), values.end());
  if (values.empty()) index.erase(it);
}

}  // namespace

IntentView Engine::intent_view(std::uint32_t slot) const {
  const Intent& intent = intents_[slot];
  IntentView v;
  v.id = std::string(intent.id.view());
  v.from = std::string(intent.from.view());
  v.target_kind = intent.target_kind;
  v.target = std::string(intent.target.view());
  v.kind = intent.kind;
  v.created_at = intent.created_at;
  v.expires_at = intent.expires_at;
  v.state = IntentState::kPending;
  return v;
}

void Engine::end_intent(std::uint32_t slot, IntentState state) {
  const IntentView view = intent_view(slot);
  EventRecord event;
  event.kind = EventKind::kIntent;
  event.at = now_;
  event.published_at = now_;
  event.id = view.id;
  event.intent_id = view.id;
  event.intent_kind = view.kind;
  event.from_id = view.from;
  event.target_id = view.target;
  event.target_kind = view.target_kind;
  event.intent_state = state;
  if (view.target_kind == TargetKind::kRoom) event.room_id = view.target;
  events_.append(std::move(event));
  ++stats_.events_published;

  intent_timers_.cancel(slot);
  erase_value(intents_by_target_, target_key(view.target_kind, view.target), slot);
  erase_value(intents_by_caller_, view.from, slot);
  intent_index_.erase(view.id, slot);
  intents_.release(slot);
}

void Engine::target_ready(TargetKind kind, std::string_view id) {
  const auto it = intents_by_target_.find(target_key(kind, id));
  if (it == intents_by_target_.end()) return;
  // Oldest first; end_intent edits the index, so work on a copy.
  std::vector<std::uint32_t> waiting = it->second;
  for (const std::uint32_t slot : waiting) end_intent(slot, IntentState::kReady);
}

Status Engine::open_intent(std::string_view from, TargetKind target_kind, std::string_view target,
                           std::string_view kind, Millis ttl, Millis now, IntentView* out) {
  PE_RETURN_IF_ERROR(check_id("caller id", from));
  PE_RETURN_IF_ERROR(check_id(target_kind == TargetKind::kRoom ? "room id" : "user id", target));
  PE_RETURN_IF_ERROR(check_id("intent kind", kind));
  if (target_kind != TargetKind::kUser && target_kind != TargetKind::kRoom) {
    return invalid_argument("target kind must be USER or ROOM");
  }
  if (ttl < 1 || ttl > config_.max_intent_ttl) {
    return invalid_argument("ttl_ms must be between 1 and max_intent_ttl_ms (" +
                            std::to_string(config_.max_intent_ttl) + ")");
  }
  PE_RETURN_IF_ERROR(begin(now));
  const std::string caller(from);
  const auto pending = intents_by_caller_.find(caller);
  if (config_.max_intents_per_caller != 0 && pending != intents_by_caller_.end() &&
      pending->second.size() >= config_.max_intents_per_caller) {
    ++stats_.limit_rejections;
    return {Code::kLimitExceeded, "caller '" + caller + "' already has " +
                                      std::to_string(config_.max_intents_per_caller) +
                                      " pending intents (max_intents_per_caller)"};
  }
  const std::string id = "intent-" + std::to_string(next_intent_++);
  const std::uint32_t slot = intents_.allocate();
  Intent& intent = intents_[slot];
  intent.id.assign(id);
  intent.from.assign(from);
  intent.target.assign(target);
  intent.kind = std::string(kind);
  intent.target_kind = target_kind;
  intent.created_at = now_;
  intent.expires_at = now_ + ttl;
  intent_index_.insert(id, slot);
  intents_by_target_[target_key(target_kind, target)].push_back(slot);
  intents_by_caller_[caller].push_back(slot);
  intent_timers_.schedule(slot, intent.expires_at);
  *out = intent_view(slot);

  // A target that is ready already answers at once.
  bool ready = false;
  if (target_kind == TargetKind::kUser) {
    const std::uint32_t user = user_index_.find(target);
    ready = user != kNoSlot && users_[user].ready;
  } else {
    const std::uint32_t room = room_index_.find(target);
    ready = room != kNoSlot && rooms_[room].ready;
  }
  if (ready) {
    end_intent(slot, IntentState::kReady);
    out->state = IntentState::kReady;
  }
  return Status::ok();
}

Status Engine::cancel_intent(std::string_view intent_id, Millis now) {
  PE_RETURN_IF_ERROR(check_id("intent id", intent_id));
  PE_RETURN_IF_ERROR(begin(now));
  const std::uint32_t slot = intent_index_.find(intent_id);
  if (slot == kNoSlot) {
    return not_found("no pending intent '" + std::string(intent_id) + "'");
  }
  end_intent(slot, IntentState::kCancelled);
  return Status::ok();
}

Status Engine::list_intents(bool by_caller, TargetKind target_kind, std::string_view id, Millis now,
                            std::vector<IntentView>* out) {
  PE_RETURN_IF_ERROR(check_id(by_caller ? "caller id" : "target id", id));
  if (!by_caller && target_kind != TargetKind::kUser && target_kind != TargetKind::kRoom) {
    return invalid_argument("target kind must be USER or ROOM");
  }
  PE_RETURN_IF_ERROR(begin(now));
  out->clear();
  const auto& index = by_caller ? intents_by_caller_ : intents_by_target_;
  const auto it = index.find(by_caller ? std::string(id) : target_key(target_kind, id));
  if (it == index.end()) return Status::ok();
  for (const std::uint32_t slot : it->second) out->push_back(intent_view(slot));
  return Status::ok();
}

}  // namespace presence::core
