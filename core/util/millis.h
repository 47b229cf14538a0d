// Time as the engine sees it: milliseconds since the Unix epoch.
#pragma once

#include <cstdint>
#include <limits>

namespace presence::core {

using Millis = std::int64_t;

// "No such time": a deadline that never comes, a field that is unset.
inline constexpr Millis kNever = std::numeric_limits<Millis>::max();

// Pass as `now` to use the engine's clock (matches PE_NOW in the C ABI).
inline constexpr Millis kUseClock = -1;

// The system real-time clock, in milliseconds since the epoch.
Millis system_now();

}  // namespace presence::core
