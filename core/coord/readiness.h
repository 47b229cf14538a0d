// Readiness: is someone (or a room) ready to be called right now? A score in
// [0, 1] built from lifecycle state, recency of interaction, declared
// availability and, for rooms, density; ready/not-ready flips with
// hysteresis. Pure functions: the engine decides when to evaluate them.
#pragma once

#include <cstdint>

#include "model/config.h"
#include "model/types.h"
#include "util/millis.h"

namespace presence::core {

// How much each lifecycle state says "reachable now" (documented in the header).
double state_score(State state);

// Declared availability scales a user's score: available 1, busy
// readiness_busy_factor, do-not-disturb and invisible 0.
double availability_factor(Availability availability, const Config& config);

// A user's score at `now`, with `last_activity` its latest interaction.
double user_readiness(State state, Millis last_activity, Availability availability, Millis now,
                      const Config& config);

// When a ready user's score falls below the unready threshold through the
// passage of time alone (recency decaying while nothing else changes);
// kNever if it never does.
Millis user_unready_at(State state, Millis last_activity, Availability availability,
                       const Config& config);

// A member's contribution to its room, in thousandths (sums stay exact).
std::int64_t member_presence_milli(State state, Availability availability, const Config& config);

// A room's score from the sum of its members' presence (thousandths), how
// many members are present, and how many of them are active (density).
double room_readiness(std::int64_t presence_sum_milli, std::uint32_t members,
                      std::uint32_t active_members, const Config& config);

// Hysteresis: ready at >= the ready threshold, not ready below the unready one.
bool next_ready(bool ready, double score, const Config& config);

// Anti-flap: becoming ready is published after the debounce of coming back
// (to active), no longer being ready after that of going down (to idle).
Millis readiness_debounce(bool ready, const Config& config);

}  // namespace presence::core
