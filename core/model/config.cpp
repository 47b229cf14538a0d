#include "model/config.h"

#include <string>

#include "util/utf8.h"

namespace presence::core {

namespace {

// Durations are stored in 32 bits per session (heartbeat intervals) and added
// to epoch milliseconds, so they are bounded well below overflow.
constexpr Millis kMaxDuration = Millis{1} << 40;  // ~34 years

Status check_duration(const char* name, Millis value, bool zero_allowed) {
  if (value < 0 || (!zero_allowed && value == 0) || value > kMaxDuration) {
    return invalid_argument(std::string(name) + " must be " + (zero_allowed ? ">= 0" : "> 0") +
                            " and at most 2^40 ms, got " + std::to_string(value));
  }
  return Status::ok();
}

}  // namespace

Status Config::validate() const {
  const struct {
    const char* name;
    Millis value;
  } positive[] = {
      {"idle_after_ms", idle_after},
      {"away_after_ms", away_after},
      {"blur_tolerance_ms", blur_tolerance},
      {"heartbeat_active_ms", heartbeat_active},
      {"heartbeat_idle_ms", heartbeat_idle},
      {"heartbeat_hidden_ms", heartbeat_hidden},
      {"heartbeat_grace_ms", heartbeat_grace},
      {"reconnect_grace_ms", reconnect_grace},
      {"session_ttl_ms", session_ttl},
      {"last_seen_retention_ms", last_seen_retention},
      {"room_arriving_ms", room_arriving},
      {"room_momentum_half_life_ms", room_momentum_half_life},
      {"readiness_recency_window_ms", readiness_recency_window},
      {"max_intent_ttl_ms", max_intent_ttl},
      {"node_timeout_ms", node_timeout},
  };
  for (const auto& field : positive) {
    Status status = check_duration(field.name, field.value, false);
    if (!status.is_ok()) return status;
  }
  static const char* const kDebounceNames[kStateCount] = {"debounce_offline_ms",
                                                          "debounce_stale_ms", "debounce_away_ms",
                                                          "debounce_idle_ms", "debounce_active_ms"};
  for (int i = 0; i < kStateCount; ++i) {
    Status status = check_duration(kDebounceNames[i], debounce[i], true);
    if (!status.is_ok()) return status;
  }
  if (heartbeat_hidden > Millis{UINT32_MAX}) {
    return invalid_argument("heartbeat_hidden_ms must fit in 32 bits");
  }
  if (idle_after >= away_after) {
    return invalid_argument("idle_after_ms must be less than away_after_ms");
  }
  if (heartbeat_active > heartbeat_idle || heartbeat_idle > heartbeat_hidden) {
    return invalid_argument(
        "heartbeat intervals must satisfy heartbeat_active_ms <= heartbeat_idle_ms <= "
        "heartbeat_hidden_ms");
  }
  if (session_ttl <= heartbeat_hidden + heartbeat_grace) {
    return invalid_argument(
        "session_ttl_ms must exceed heartbeat_hidden_ms + heartbeat_grace_ms, or a throttled "
        "background tab would expire between two heartbeats");
  }
  if (session_ttl <= reconnect_grace) {
    return invalid_argument("session_ttl_ms must exceed reconnect_grace_ms");
  }
  if (max_id_bytes < 1 || max_id_bytes > kMaxIdBytesCeiling) {
    return invalid_argument("max_id_bytes must be between 1 and 1024");
  }
  // A member's sessions in one room are counted in 16 bits.
  if (max_sessions_per_user < 1 || max_sessions_per_user > 65'535) {
    return invalid_argument("max_sessions_per_user must be between 1 and 65535");
  }
  if (event_buffer_capacity < 1 || event_buffer_capacity > (std::uint64_t{1} << 32)) {
    return invalid_argument("event_buffer_capacity must be between 1 and 2^32");
  }
  if (node_id.size() > max_id_bytes || !is_valid_utf8(node_id)) {
    return invalid_argument("node_id must be valid UTF-8 of at most max_id_bytes bytes");
  }
  if (replication_buffer < 1) return invalid_argument("replication_buffer must be >= 1");
  return validate_readiness();
}

Status Config::validate_readiness() const {
  const struct {
    const char* name;
    double value;
  } unit[] = {
      {"readiness_weight_state", readiness_weight_state},
      {"readiness_weight_recency", readiness_weight_recency},
      {"readiness_busy_factor", readiness_busy_factor},
      {"readiness_room_weight_members", readiness_room_weight_members},
      {"readiness_room_weight_density", readiness_room_weight_density},
      {"readiness_ready_threshold", readiness_ready_threshold},
      {"readiness_unready_threshold", readiness_unready_threshold},
  };
  for (const auto& field : unit) {
    // Written so that NaN fails too.
    if (!(field.value >= 0.0 && field.value <= 1.0)) {
      return invalid_argument(std::string(field.name) + " must be between 0 and 1");
    }
  }
  if (readiness_weight_state + readiness_weight_recency <= 0.0) {
    return invalid_argument("readiness_weight_state + readiness_weight_recency must be > 0");
  }
  if (readiness_room_weight_members + readiness_room_weight_density <= 0.0) {
    return invalid_argument(
        "readiness_room_weight_members + readiness_room_weight_density must be > 0");
  }
  if (readiness_unready_threshold > readiness_ready_threshold) {
    return invalid_argument(
        "readiness_unready_threshold must not exceed readiness_ready_threshold (hysteresis)");
  }
  if (readiness_room_quorum < 1) return invalid_argument("readiness_room_quorum must be >= 1");
  return Status::ok();
}

}  // namespace presence::core
