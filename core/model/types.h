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

enum class EventKind : std::uint8_t { kSession = 1, kUser = 2 };

const char* state_name(State state);

}  // namespace presence::core
