// Intents: "connect me to this user (or room) when they are ready". Instead
// of ringing blindly, a caller records an intent with a time to live; the
// engine reports it ready when the target's readiness crosses its threshold,
// or expired at the deadline.
#pragma once

#include <cstdint>
#include <string>

#include "model/types.h"
#include "store/id_string.h"
#include "store/slot_pool.h"
#include "util/millis.h"

namespace presence::core {

struct Intent {
  IdString id;  // empty while the slot is free
  IdString from;
  IdString target;
  std::string kind;  // application-defined: "call", "huddle", ...
  TargetKind target_kind = TargetKind::kUser;
  Millis created_at = 0;
  Millis expires_at = 0;
  std::uint32_t next_free = kNoSlot;  // free-list link

  bool in_use() const { return !id.empty(); }
};

using IntentPool = SlotPool<Intent, &Intent::next_free>;

}  // namespace presence::core
