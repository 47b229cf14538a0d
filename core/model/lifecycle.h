// The lifecycle rules of PRESENCE_MODEL.md as pure functions of a session's
// facts and a point in time. Nothing here stores state: the engine keeps the
// facts, and asks these functions what they mean at a given `now`.
#pragma once

#include "model/config.h"
#include "model/types.h"
#include "util/millis.h"

namespace presence::core {

// Which heartbeat interval a session was last told (adaptive heartbeats).
enum class Cadence : std::uint8_t { kActive = 0, kIdle = 1, kHidden = 2 };

// The facts a session's state is derived from.
struct Liveness {
  Millis last_signal_at = 0;
  Millis last_activity_at = 0;
  Millis hidden_since = kNever;     // kNever while visible
  Millis disconnected_at = kNever;  // kNever while the transport is up
  Cadence told = Cadence::kActive;
  bool left = false;

  bool visible() const { return hidden_since == kNever; }
  bool connected() const { return disconnected_at == kNever; }
};

struct Derived {
  State state = State::kOffline;
  bool reconnecting = false;
  // The earliest time after `now` at which the derivation may change; kNever
  // if only a new signal can change it.
  Millis next_change = kNever;
  // When time alone brought the session into `state` (idle, away, stale,
  // offline); kNever when a signal did. Lets a late evaluation still date a
  // transition exactly.
  Millis entered_at = kNever;
};

// The session's state at `now` (rules 1-4 of the model).
Derived derive(const Liveness& facts, Millis now, const Config& config);

// The state of a session owned by another node (cluster mode). While its
// node is alive, the owner's replicated state holds: the owner replicates
// every transition. Once the node stops renewing its liveness, the session
// is silent since the node was last seen, and ages like any silent session:
// stale after its told interval plus grace, offline after the TTL.
Derived derive_remote(const Liveness& facts, State replica_state, bool replica_reconnecting,
                      bool node_alive, Millis node_seen_at, Millis now, const Config& config);

// Interval length of a cadence.
Millis interval_of(Cadence cadence, const Config& config);

// The cadence to tell a session in `state` (rule 5): hidden tabs get the
// longest interval because browsers throttle their timers.
Cadence cadence_for(const Liveness& facts, State state);

// Confidence in [0, 1]: full while the last signal is fresh relative to the
// told interval, decaying with silence, <= 0.3 when stale, 0 when offline.
double confidence(const Liveness& facts, const Derived& derived, Millis now, const Config& config);

ConfidenceBucket bucket_of(double confidence);

}  // namespace presence::core
