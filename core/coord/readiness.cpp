#include "coord/readiness.h"

#include <algorithm>
#include <cmath>

namespace presence::core {

double state_score(State state) {
  switch (state) {
    case State::kActive: return 1.0;
    case State::kIdle: return 0.6;
    case State::kAway: return 0.25;
    case State::kStale:
    case State::kOffline: return 0.0;
  }
  return 0.0;
}

double availability_factor(Availability availability, const Config& config) {
  switch (availability) {
    case Availability::kAvailable: return 1.0;
    case Availability::kBusy: return config.readiness_busy_factor;
    case Availability::kDoNotDisturb:
    case Availability::kInvisible: return 0.0;
  }
  return 0.0;
}

namespace {

double recency_score(Millis last_activity, Millis now, const Config& config) {
  const double elapsed = static_cast<double>(now - last_activity);
  return 1.0 - std::clamp(elapsed / static_cast<double>(config.readiness_recency_window), 0.0, 1.0);
}

double weights(const Config& config) {
  return config.readiness_weight_state + config.readiness_weight_recency;
}

}  // namespace

double user_readiness(State state, Millis last_activity, Availability availability, Millis now,
                      const Config& config) {
  if (!is_alive(state)) return 0.0;
  const double blended =
      config.readiness_weight_state * state_score(state) +
      config.readiness_weight_recency * recency_score(last_activity, now, config);
  return availability_factor(availability, config) * blended / weights(config);
}

Millis user_unready_at(State state, Millis last_activity, Availability availability,
                       const Config& config) {
  const double factor = availability_factor(availability, config);
  if (factor <= 0.0 || !is_alive(state)) return kNever;       // never ready in the first place
  if (config.readiness_weight_recency <= 0.0) return kNever;  // nothing decays
  // Solve factor * (ws * S + wr * R) / (ws + wr) = unready threshold for R.
  const double needed_recency = (config.readiness_unready_threshold * weights(config) / factor -
                                 config.readiness_weight_state * state_score(state)) /
                                config.readiness_weight_recency;
  if (needed_recency <= 0.0) return kNever;  // the state alone keeps it ready
  const double window = static_cast<double>(config.readiness_recency_window);
  const double after = window * (1.0 - std::min(needed_recency, 1.0));
  return last_activity + static_cast<Millis>(std::ceil(after));
}

std::int64_t member_presence_milli(State state, Availability availability, const Config& config) {
  return std::llround(1000.0 * state_score(state) * availability_factor(availability, config));
}

double room_readiness(std::int64_t presence_sum_milli, std::uint32_t members,
                      std::uint32_t active_members, const Config& config) {
  if (members == 0) return 0.0;
  const double presence =
      static_cast<double>(presence_sum_milli) / (1000.0 * static_cast<double>(members));
  const double density = std::min(
      1.0, static_cast<double>(active_members) / static_cast<double>(config.readiness_room_quorum));
  const double wm = config.readiness_room_weight_members;
  const double wd = config.readiness_room_weight_density;
  return (wm * presence + wd * density) / (wm + wd);
}

bool next_ready(bool ready, double score, const Config& config) {
  return ready ? score >= config.readiness_unready_threshold
               : score >= config.readiness_ready_threshold;
}

Millis readiness_debounce(bool ready, const Config& config) {
  return config.debounce_for(ready ? State::kActive : State::kIdle);
}

}  // namespace presence::core
