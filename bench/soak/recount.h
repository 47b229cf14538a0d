// Counts recounted from the engine's own lists, user by user and session by
// session, against the counts it maintains incrementally.
#pragma once

#include <cstdint>
#include <string>

#include "presence/presence.h"

namespace soak {

// True when every count equals the recount at `now`; otherwise *why says
// which differs. The soak's sessions all belong to users (no guests, no
// invisible users), so the users' sessions are every session.
bool counts_match_recount(pe_engine* engine, std::int64_t now, std::string* why);

}  // namespace soak
