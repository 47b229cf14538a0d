// The vocabulary of the presence model. Numeric values equal the C ABI's
// enums (checked in capi/), so values cross the boundary unchanged.
#pragma once

#include <cstdint>

namespace presence::core {

// Lifecycle state; the numeric order is precedence.
enum class State : std::uint8_t { kOffline = 0, kStale = 1, kAway = 2, kIdle = 3, kActive = 4 };
inline constexpr int kStateCount = 5;

inline constexpr int index_of(State state) {
  return static_cast<int>(state);
}
inline constexpr bool is_alive(State state) {
  return state != State::kOffline;
}

enum class Activity : std::uint8_t { kUnknown = 0, kActive = 1, kIdle = 2 };
enum class Visibility : std::uint8_t { kUnknown = 0, kVisible = 1, kHidden = 2 };

// The kind of signal that last proved someone was there.
enum class Evidence : std::uint8_t {
  kNone = 0,
  kOpen = 1,
  kHeartbeat = 2,
  kActivity = 3,
  kVisibility = 4,
  kLeave = 5,
};

enum class ConfidenceBucket : std::uint8_t { kLow = 0, kMedium = 1, kHigh = 2 };

// Declared by the user (or the application for them); overlays derived state.
enum class Availability : std::uint8_t {
  kAvailable = 0,
  kBusy = 1,
  kDoNotDisturb = 2,
  kInvisible = 3,  // present to the engine, shown offline to every reader
};

enum class EventKind : std::uint8_t {
  kSession = 1,       // a session's published state changed
  kUser = 2,          // a user's published state changed
  kMember = 3,        // a user (or guest) joined or left a room
  kReadiness = 4,     // a user or room became ready or stopped being ready
  kIntent = 5,        // an intent became ready, expired or was cancelled
  kOccupancy = 6,     // a count-only room's occupancy, at its interval
  kAvailability = 7,  // a user's declared availability changed
};

enum class TargetKind : std::uint8_t { kUser = 1, kRoom = 2 };

enum class IntentState : std::uint8_t { kPending = 0, kReady = 1, kExpired = 2, kCancelled = 3 };

// Why a call may or may not be placed now (the call gate).
enum class GateReason : std::uint8_t {
  kReady = 0,         // go ahead
  kUnknown = 1,       // no such user or room
  kOffline = 2,       // offline (or invisible)
  kDoNotDisturb = 3,  // declared do-not-disturb
  kNotReady = 4,      // present, but readiness is below the threshold
  kEmpty = 5,         // a room with nobody in it
};

const char* state_name(State state);

}  // namespace presence::core
