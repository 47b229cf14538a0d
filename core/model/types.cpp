#include "model/types.h"

namespace presence::core {

const char* state_name(State state) {
  switch (state) {
    case State::kOffline: return "offline";
    case State::kStale: return "stale";
    case State::kAway: return "away";
    case State::kIdle: return "idle";
    case State::kActive: return "active";
  }
  return "unknown";
}

}  // namespace presence::core
