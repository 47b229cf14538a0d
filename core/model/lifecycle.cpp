#include "model/lifecycle.h"

#include <algorithm>

namespace presence::core {

namespace {

// Confidence levels (documented in the C header and the README).
constexpr double kStaleCeiling = 0.3;
constexpr double kReconnectingHigh = 0.6;
constexpr double kReconnectingLow = 0.4;
constexpr double kAtStaleDeadline = 0.5;
constexpr double kHighFloor = 0.75;
constexpr double kMediumFloor = 0.4;

Millis stale_deadline(const Liveness& facts, const Config& config) {
  return facts.last_signal_at + interval_of(facts.told, config) + config.heartbeat_grace;
}

// The state of a session whose transport is up, at `now`.
Derived derive_connected(const Liveness& facts, Millis now, const Config& config) {
  const Millis stale_at = stale_deadline(facts, config);
  if (now >= stale_at) return {State::kStale, false, kNever, stale_at};

  const Millis idle_at = facts.last_activity_at + config.idle_after;
  const Millis away_at = facts.last_activity_at + config.away_after;
  const Millis blur_over_at = facts.visible() ? kNever : facts.hidden_since + config.blur_tolerance;

  Derived result{State::kActive, false, stale_at, kNever};
  if (now >= blur_over_at || now >= away_at) {
    result.state = State::kAway;
    result.entered_at = std::min(blur_over_at, away_at);
  } else if (now >= idle_at) {
    result.state = State::kIdle;
    result.entered_at = idle_at;
    result.next_change = std::min({result.next_change, away_at, blur_over_at});
  } else {
    result.next_change = std::min({result.next_change, idle_at, blur_over_at});
  }
  return result;
}

}  // namespace

Derived derive(const Liveness& facts, Millis now, const Config& config) {
  if (facts.left) return {State::kOffline, false, kNever, kNever};
  const Millis expires_at = facts.last_signal_at + config.session_ttl;
  if (now >= expires_at) return {State::kOffline, false, kNever, expires_at};

  if (!facts.connected()) {
    const Millis grace_over_at = facts.disconnected_at + config.reconnect_grace;
    // Rule 2: inside the grace window the state is held as it was at the
    // disconnect, and nothing transitions.
    const Derived held = derive_connected(facts, facts.disconnected_at, config);
    if (now < grace_over_at) {
      return {held.state, true, std::min(grace_over_at, expires_at), held.entered_at};
    }
    const Millis stale_since = held.state == State::kStale ? held.entered_at : grace_over_at;
    return {State::kStale, false, expires_at, stale_since};
  }

  Derived result = derive_connected(facts, now, config);
  result.next_change = std::min(result.next_change, expires_at);
  return result;
}

Derived derive_remote(const Liveness& facts, State replica_state, bool replica_reconnecting,
                      bool node_alive, Millis node_seen_at, Millis now, const Config& config) {
  if (facts.left || !is_alive(replica_state)) return {State::kOffline, false, kNever, kNever};
  if (node_alive) return {replica_state, replica_reconnecting, kNever, kNever};
  const Millis silent_since = std::max(facts.last_signal_at, node_seen_at);
  const Millis expires_at = silent_since + config.session_ttl;
  if (now >= expires_at) return {State::kOffline, false, kNever, expires_at};
  const Millis stale_at = silent_since + interval_of(facts.told, config) + config.heartbeat_grace;
  if (now >= stale_at || replica_state == State::kStale) {
    return {State::kStale, false, expires_at, std::min(stale_at, now)};
  }
  return {replica_state, false, stale_at, kNever};
}

Millis interval_of(Cadence cadence, const Config& config) {
  switch (cadence) {
    case Cadence::kActive: return config.heartbeat_active;
    case Cadence::kIdle: return config.heartbeat_idle;
    case Cadence::kHidden: return config.heartbeat_hidden;
  }
  return config.heartbeat_active;
}

Cadence cadence_for(const Liveness& facts, State state) {
  if (!facts.visible()) return Cadence::kHidden;
  return state == State::kActive ? Cadence::kActive : Cadence::kIdle;
}

double confidence(const Liveness& facts, const Derived& derived, Millis now, const Config& config) {
  const double silence = static_cast<double>(now - facts.last_signal_at);
  switch (derived.state) {
    case State::kOffline: return 0.0;
    case State::kStale: {
      const double left = 1.0 - silence / static_cast<double>(config.session_ttl);
      return kStaleCeiling * std::clamp(left, 0.0, 1.0);
    }
    default: break;
  }
  if (derived.reconnecting) {
    const double progress = static_cast<double>(now - facts.disconnected_at) /
                            static_cast<double>(config.reconnect_grace);
    return kReconnectingHigh -
           (kReconnectingHigh - kReconnectingLow) * std::clamp(progress, 0.0, 1.0);
  }
  const double interval = static_cast<double>(interval_of(facts.told, config));
  if (silence <= interval) return 1.0;
  const double late = (silence - interval) / static_cast<double>(config.heartbeat_grace);
  return 1.0 - (1.0 - kAtStaleDeadline) * std::clamp(late, 0.0, 1.0);
}

ConfidenceBucket bucket_of(double confidence) {
  if (confidence >= kHighFloor) return ConfidenceBucket::kHigh;
  if (confidence >= kMediumFloor) return ConfidenceBucket::kMedium;
  return ConfidenceBucket::kLow;
}

}  // namespace presence::core
