// Enum values cross the boundary unchanged; these checks keep the C and C++
// enums in step, and the converters reject values a caller made up.
#pragma once

#include "model/types.h"
#include "presence/presence.h"
#include "util/status.h"

namespace presence::capi {

using core::Activity;
using core::Availability;
using core::Code;
using core::ConfidenceBucket;
using core::EventKind;
using core::Evidence;
using core::GateReason;
using core::IntentState;
using core::kStateCount;
using core::State;
using core::TargetKind;
using core::Visibility;

#define PE_SAME_VALUE(c_value, cpp_value) \
  static_assert(static_cast<int>(c_value) == static_cast<int>(cpp_value), #c_value)
PE_SAME_VALUE(PE_STATE_OFFLINE, State::kOffline);
PE_SAME_VALUE(PE_STATE_STALE, State::kStale);
PE_SAME_VALUE(PE_STATE_AWAY, State::kAway);
PE_SAME_VALUE(PE_STATE_IDLE, State::kIdle);
PE_SAME_VALUE(PE_STATE_ACTIVE, State::kActive);
PE_SAME_VALUE(PE_STATE_COUNT, kStateCount);
PE_SAME_VALUE(PE_ACTIVITY_UNKNOWN, Activity::kUnknown);
PE_SAME_VALUE(PE_ACTIVITY_ACTIVE, Activity::kActive);
PE_SAME_VALUE(PE_ACTIVITY_IDLE, Activity::kIdle);
PE_SAME_VALUE(PE_VISIBILITY_UNKNOWN, Visibility::kUnknown);
PE_SAME_VALUE(PE_VISIBILITY_VISIBLE, Visibility::kVisible);
PE_SAME_VALUE(PE_VISIBILITY_HIDDEN, Visibility::kHidden);
PE_SAME_VALUE(PE_EVIDENCE_NONE, Evidence::kNone);
PE_SAME_VALUE(PE_EVIDENCE_OPEN, Evidence::kOpen);
PE_SAME_VALUE(PE_EVIDENCE_HEARTBEAT, Evidence::kHeartbeat);
PE_SAME_VALUE(PE_EVIDENCE_ACTIVITY, Evidence::kActivity);
PE_SAME_VALUE(PE_EVIDENCE_VISIBILITY, Evidence::kVisibility);
PE_SAME_VALUE(PE_EVIDENCE_LEAVE, Evidence::kLeave);
PE_SAME_VALUE(PE_CONFIDENCE_LOW, ConfidenceBucket::kLow);
PE_SAME_VALUE(PE_CONFIDENCE_MEDIUM, ConfidenceBucket::kMedium);
PE_SAME_VALUE(PE_CONFIDENCE_HIGH, ConfidenceBucket::kHigh);
PE_SAME_VALUE(PE_EVENT_SESSION, EventKind::kSession);
PE_SAME_VALUE(PE_EVENT_USER, EventKind::kUser);
PE_SAME_VALUE(PE_EVENT_MEMBER, EventKind::kMember);
PE_SAME_VALUE(PE_EVENT_READINESS, EventKind::kReadiness);
PE_SAME_VALUE(PE_EVENT_INTENT, EventKind::kIntent);
PE_SAME_VALUE(PE_EVENT_OCCUPANCY, EventKind::kOccupancy);
PE_SAME_VALUE(PE_EVENT_AVAILABILITY, EventKind::kAvailability);
PE_SAME_VALUE(PE_AVAILABILITY_AVAILABLE, Availability::kAvailable);
PE_SAME_VALUE(PE_AVAILABILITY_BUSY, Availability::kBusy);
PE_SAME_VALUE(PE_AVAILABILITY_DO_NOT_DISTURB, Availability::kDoNotDisturb);
PE_SAME_VALUE(PE_AVAILABILITY_INVISIBLE, Availability::kInvisible);
PE_SAME_VALUE(PE_TARGET_USER, TargetKind::kUser);
PE_SAME_VALUE(PE_TARGET_ROOM, TargetKind::kRoom);
PE_SAME_VALUE(PE_INTENT_PENDING, IntentState::kPending);
PE_SAME_VALUE(PE_INTENT_READY, IntentState::kReady);
PE_SAME_VALUE(PE_INTENT_EXPIRED, IntentState::kExpired);
PE_SAME_VALUE(PE_INTENT_CANCELLED, IntentState::kCancelled);
PE_SAME_VALUE(PE_GATE_READY, GateReason::kReady);
PE_SAME_VALUE(PE_GATE_UNKNOWN, GateReason::kUnknown);
PE_SAME_VALUE(PE_GATE_OFFLINE, GateReason::kOffline);
PE_SAME_VALUE(PE_GATE_DO_NOT_DISTURB, GateReason::kDoNotDisturb);
PE_SAME_VALUE(PE_GATE_NOT_READY, GateReason::kNotReady);
PE_SAME_VALUE(PE_GATE_EMPTY, GateReason::kEmpty);
PE_SAME_VALUE(PE_OK, Code::kOk);
PE_SAME_VALUE(PE_INVALID_ARGUMENT, Code::kInvalidArgument);
PE_SAME_VALUE(PE_NOT_FOUND, Code::kNotFound);
PE_SAME_VALUE(PE_CONFLICT, Code::kConflict);
PE_SAME_VALUE(PE_LIMIT_EXCEEDED, Code::kLimitExceeded);
PE_SAME_VALUE(PE_TOO_FAR_BEHIND, Code::kTooFarBehind);
PE_SAME_VALUE(PE_CLOSED, Code::kClosed);
PE_SAME_VALUE(PE_OUT_OF_MEMORY, Code::kOutOfMemory);
PE_SAME_VALUE(PE_UNSUPPORTED, Code::kUnsupported);
PE_SAME_VALUE(PE_INTERNAL, Code::kInternal);
PE_SAME_VALUE(PE_DENIED, Code::kDenied);
PE_SAME_VALUE(PE_IO_ERROR, Code::kIoError);
PE_SAME_VALUE(PE_CORRUPT, Code::kCorrupt);
#undef PE_SAME_VALUE

// Each converter returns false for a value outside the enum.
inline bool from_c(pe_state value, State* out) {
  const int v = static_cast<int>(value);
  if (v < 0 || v >= kStateCount) return false;
  *out = static_cast<State>(v);
  return true;
}

inline bool from_c(pe_activity value, Activity* out) {
  const int v = static_cast<int>(value);
  if (v < PE_ACTIVITY_UNKNOWN || v > PE_ACTIVITY_IDLE) return false;
  *out = static_cast<Activity>(v);
  return true;
}

inline bool from_c(pe_visibility value, Visibility* out) {
  const int v = static_cast<int>(value);
  if (v < PE_VISIBILITY_UNKNOWN || v > PE_VISIBILITY_HIDDEN) return false;
  *out = static_cast<Visibility>(v);
  return true;
}

inline bool from_c(pe_availability value, Availability* out) {
  const int v = static_cast<int>(value);
  if (v < PE_AVAILABILITY_AVAILABLE || v > PE_AVAILABILITY_INVISIBLE) return false;
  *out = static_cast<Availability>(v);
  return true;
}

inline bool from_c(pe_target_kind value, TargetKind* out) {
  const int v = static_cast<int>(value);
  if (v != PE_TARGET_USER && v != PE_TARGET_ROOM) return false;
  *out = static_cast<TargetKind>(v);
  return true;
}

}  // namespace presence::capi
