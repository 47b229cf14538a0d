// Engine lifetime, configuration, time, wake-ups and statistics.
#include <thread>

#include "c_boundary.h"
#include "c_config.h"

using presence::capi::fail;
using presence::capi::guarded;
using presence::capi::null_argument;
using presence::capi::with_engine;

namespace {

thread_local bool t_in_event_callback = false;

}  // namespace

namespace presence::capi {

bool in_event_callback() {
  return t_in_event_callback;
}

void run_event_callback(pe_engine* handle, pe_event_callback callback, void* payload,
                        std::uint64_t seq) {
  const bool outer = t_in_event_callback;
  t_in_event_callback = true;
  callback(payload, seq);
  t_in_event_callback = outer;
  std::lock_guard<std::mutex> lock(handle->mutex);
  --handle->callbacks_running;
  handle->callbacks_done.notify_all();
}

}  // namespace presence::capi

namespace {

// Record sizes in ABI 1: the smallest struct_size a caller may pass.
constexpr std::size_t kConfigAbi1Size = sizeof(pe_config);
constexpr std::size_t kStatsAbi1Size = sizeof(pe_stats);

pe_config to_c(const presence::core::Config& c) {
  pe_config out{};
  out.struct_size = sizeof(pe_config);
  out.idle_after_ms = c.idle_after;
  out.away_after_ms = c.away_after;
  out.blur_tolerance_ms = c.blur_tolerance;
  out.heartbeat_active_ms = c.heartbeat_active;
  out.heartbeat_idle_ms = c.heartbeat_idle;
  out.heartbeat_hidden_ms = c.heartbeat_hidden;
  out.heartbeat_grace_ms = c.heartbeat_grace;
  out.reconnect_grace_ms = c.reconnect_grace;
  out.session_ttl_ms = c.session_ttl;
  out.debounce_active_ms = c.debounce_for(presence::core::State::kActive);
  out.debounce_idle_ms = c.debounce_for(presence::core::State::kIdle);
  out.debounce_away_ms = c.debounce_for(presence::core::State::kAway);
  out.debounce_stale_ms = c.debounce_for(presence::core::State::kStale);
  out.debounce_offline_ms = c.debounce_for(presence::core::State::kOffline);
  out.last_seen_retention_ms = c.last_seen_retention;
  out.last_seen_max_users = c.last_seen_max_users;
  out.event_buffer_capacity = c.event_buffer_capacity;
  out.max_id_bytes = c.max_id_bytes;
  out.max_meta_bytes = c.max_meta_bytes;
  out.max_sessions_per_user = c.max_sessions_per_user;
  out.max_sessions = c.max_sessions;
  out.room_arriving_ms = c.room_arriving;
  out.room_momentum_half_life_ms = c.room_momentum_half_life;
  out.max_rooms_per_session = c.max_rooms_per_session;
  out.max_rooms = c.max_rooms;
  out.readiness_weight_state = c.readiness_weight_state;
  out.readiness_weight_recency = c.readiness_weight_recency;
  out.readiness_recency_window_ms = c.readiness_recency_window;
  out.readiness_busy_factor = c.readiness_busy_factor;
  out.readiness_room_weight_members = c.readiness_room_weight_members;
  out.readiness_room_weight_density = c.readiness_room_weight_density;
  out.readiness_room_quorum = c.readiness_room_quorum;
  out.readiness_ready_threshold = c.readiness_ready_threshold;
  out.readiness_unready_threshold = c.readiness_unready_threshold;
  out.max_intents_per_caller = c.max_intents_per_caller;
  out.max_intent_ttl_ms = c.max_intent_ttl;
  out.max_catch_up_steps = c.max_catch_up_steps;
  out.require_resume_token = c.require_resume_token ? 1 : 0;
  out.node_id = c.node_id.empty() ? nullptr : c.node_id.c_str();
  out.node_id_len = c.node_id.size();
  out.node_timeout_ms = c.node_timeout;
  out.replication_buffer = c.replication_buffer;
  return out;
}

presence::core::Config from_c(const pe_config& c) {
  using presence::core::State;
  presence::core::Config out;
  out.idle_after = c.idle_after_ms;
  out.away_after = c.away_after_ms;
  out.blur_tolerance = c.blur_tolerance_ms;
  out.heartbeat_active = c.heartbeat_active_ms;
  out.heartbeat_idle = c.heartbeat_idle_ms;
  out.heartbeat_hidden = c.heartbeat_hidden_ms;
  out.heartbeat_grace = c.heartbeat_grace_ms;
  out.reconnect_grace = c.reconnect_grace_ms;
  out.session_ttl = c.session_ttl_ms;
  out.debounce[presence::core::index_of(State::kActive)] = c.debounce_active_ms;
  out.debounce[presence::core::index_of(State::kIdle)] = c.debounce_idle_ms;
  out.debounce[presence::core::index_of(State::kAway)] = c.debounce_away_ms;
  out.debounce[presence::core::index_of(State::kStale)] = c.debounce_stale_ms;
  out.debounce[presence::core::index_of(State::kOffline)] = c.debounce_offline_ms;
  out.last_seen_retention = c.last_seen_retention_ms;
  out.last_seen_max_users = c.last_seen_max_users;
  out.event_buffer_capacity = c.event_buffer_capacity;
  out.max_id_bytes = c.max_id_bytes;
  out.max_meta_bytes = c.max_meta_bytes;
  out.max_sessions_per_user = c.max_sessions_per_user;
  out.max_sessions = c.max_sessions;
  out.room_arriving = c.room_arriving_ms;
  out.room_momentum_half_life = c.room_momentum_half_life_ms;
  out.max_rooms_per_session = c.max_rooms_per_session;
  out.max_rooms = c.max_rooms;
  out.readiness_weight_state = c.readiness_weight_state;
  out.readiness_weight_recency = c.readiness_weight_recency;
  out.readiness_recency_window = c.readiness_recency_window_ms;
  out.readiness_busy_factor = c.readiness_busy_factor;
  out.readiness_room_weight_members = c.readiness_room_weight_members;
  out.readiness_room_weight_density = c.readiness_room_weight_density;
  out.readiness_room_quorum = c.readiness_room_quorum;
  out.readiness_ready_threshold = c.readiness_ready_threshold;
  out.readiness_unready_threshold = c.readiness_unready_threshold;
  out.max_intents_per_caller = c.max_intents_per_caller;
  out.max_intent_ttl = c.max_intent_ttl_ms;
  out.max_catch_up_steps = c.max_catch_up_steps;
  out.require_resume_token = c.require_resume_token != 0;
  if (c.node_id != nullptr) out.node_id.assign(c.node_id, c.node_id_len);
  out.node_timeout = c.node_timeout_ms;
  out.replication_buffer = c.replication_buffer;
  return out;
}

}  // namespace

namespace presence::capi {

pe_status read_config(const pe_config* config, core::Config* out) {
  // The file's own converters (capi:: has others of the same names).
  pe_config merged = ::to_c(core::Config{});
  if (config != nullptr) {
    const pe_status status = read_record(config, &merged, kConfigAbi1Size, "config");
    if (status != PE_OK) return status;
  }
  if (merged.node_id == nullptr && merged.node_id_len != 0) {
    return fail(PE_INVALID_ARGUMENT, "config->node_id is NULL but its length is not 0");
  }
  *out = ::from_c(merged);
  return PE_OK;
}

}  // namespace presence::capi

extern "C" {

PE_API void pe_config_init(pe_config* out) {
  if (out != nullptr) *out = to_c(presence::core::Config{});
}

PE_API pe_status pe_engine_create(const pe_config* config, pe_engine** out) {
  if (out == nullptr) return null_argument("out");
  *out = nullptr;
  return guarded([&]() -> pe_status {
    presence::core::Config merged;
    const pe_status read = presence::capi::read_config(config, &merged);
    if (read != PE_OK) return read;
    auto handle = std::make_unique<pe_engine>();
    const presence::core::Status status = presence::core::Engine::create(merged, &handle->engine);
    if (!status.is_ok()) return fail(status);
    *out = handle.release();
    return PE_OK;
  });
}

PE_API pe_status pe_engine_close(pe_engine* engine) {
  if (engine == nullptr) return null_argument("engine");
  // The ticker is stopped outside the lock (it may be waiting for it), and
  // again after the engine is gone, in case a racing start slipped between.
  engine->ticker.stop();
  std::unique_ptr<presence::core::Engine> doomed;
  {
    std::unique_lock<std::mutex> lock(engine->mutex);
    doomed = std::move(engine->engine);
    engine->callback = nullptr;
    engine->callback_payload = nullptr;
    engine->waker.close();
    // After close, no callback runs (but the one calling close, if any).
    const int own = presence::capi::in_event_callback() ? 1 : 0;
    engine->callbacks_done.wait(lock, [&] { return engine->callbacks_running <= own; });
  }
  engine->ticker.stop();
  return PE_OK;  // `doomed` is freed outside the lock
}

PE_API void pe_engine_destroy(pe_engine* engine) {
  delete engine;
}

PE_API pe_status pe_engine_now(pe_engine* engine, int64_t* out_ms) {
  if (out_ms == nullptr) return null_argument("out_ms");
  return with_engine(engine, [&](presence::core::Engine& e) {
    *out_ms = e.now();
    return presence::core::Status::ok();
  });
}

PE_API pe_status pe_engine_advance(pe_engine* engine, int64_t now_ms, size_t max_steps,
                                   int* out_more) {
  return with_engine(engine, [&](presence::core::Engine& e) {
    bool more = false;
    presence::core::Status status = e.advance(now_ms, max_steps, &more);
    if (status.is_ok() && out_more != nullptr) *out_more = more ? 1 : 0;
    return status;
  });
}

PE_API pe_status pe_engine_next_deadline(pe_engine* engine, int64_t* out_ms) {
  if (out_ms == nullptr) return null_argument("out_ms");
  return with_engine(engine, [&](presence::core::Engine& e) {
    *out_ms = e.next_deadline();
    return presence::core::Status::ok();
  });
}

PE_API pe_status pe_engine_set_event_callback(pe_engine* engine, pe_event_callback callback,
                                              void* payload) {
  if (engine == nullptr) return null_argument("engine");
  std::unique_lock<std::mutex> lock(engine->mutex);
  if (!engine->engine) return fail(PE_CLOSED, "the engine is closed");
  engine->callback = callback;
  engine->callback_payload = payload;
  // Once this returns, the previous callback is not running anywhere (but on
  // this thread, if called from inside it), so its payload may be freed.
  const int own = presence::capi::in_event_callback() ? 1 : 0;
  engine->callbacks_done.wait(lock, [&] { return engine->callbacks_running <= own; });
  return PE_OK;
}

PE_API pe_status pe_engine_event_fd(pe_engine* engine, int* out_fd) {
  if (out_fd == nullptr) return null_argument("out_fd");
  return with_engine(engine, [&](presence::core::Engine&) {
    const int fd = engine->waker.open();
    if (fd < 0) {
      return presence::core::Status(presence::core::Code::kUnsupported,
                                    "no event file descriptor on this platform");
    }
    *out_fd = fd;
    return presence::core::Status::ok();
  });
}

PE_API pe_status pe_engine_start_ticker(pe_engine* engine, int64_t period_ms) {
  if (engine == nullptr) return null_argument("engine");
  if (period_ms < 1 || period_ms > 60'000) {
    return fail(PE_INVALID_ARGUMENT, "period_ms must be between 1 and 60000");
  }
  if (engine->ticker.on_own_thread()) {
    return fail(PE_INVALID_ARGUMENT, "the ticker cannot be restarted from its own thread");
  }
  return guarded([&]() -> pe_status {
    engine->ticker.stop();  // outside the lock: the old ticker may be waiting for it
    std::lock_guard<std::mutex> lock(engine->mutex);
    if (!engine->engine) return fail(PE_CLOSED, "the engine is closed");
    engine->ticker.start(period_ms, [engine] {
      // Slices keep each hold of the lock short; between slices, callers
      // waiting for the lock go first (std::mutex is not fair). Stop once
      // caught up.
      int more = 1;
      while (more != 0 && pe_engine_advance(engine, PE_NOW, 256, &more) == PE_OK) {
        while (engine->waiting.load(std::memory_order_relaxed) > 0) std::this_thread::yield();
      }
    });
    return PE_OK;
  });
}

PE_API pe_status pe_engine_stop_ticker(pe_engine* engine) {
  if (engine == nullptr) return null_argument("engine");
  engine->ticker.stop();
  std::lock_guard<std::mutex> lock(engine->mutex);
  return engine->engine ? PE_OK : fail(PE_CLOSED, "the engine is closed");
}

PE_API pe_status pe_engine_release_event_fd(pe_engine* engine, int fd) {
  return with_engine(engine, [&](presence::core::Engine&) {
    if (!engine->waker.release(fd)) {
      return presence::core::invalid_argument("fd " + std::to_string(fd) +
                                              " is not an event fd of this engine");
    }
    return presence::core::Status::ok();
  });
}

PE_API pe_status pe_engine_get_config(pe_engine* engine, pe_config* out) {
  if (out == nullptr) return null_argument("out");
  pe_config full{};
  const pe_status status = with_engine(engine, [&](presence::core::Engine& e) {
    full = to_c(e.config());
    return presence::core::Status::ok();
  });
  if (status != PE_OK) return status;
  // The node id points into the engine, which outlives this call only while open.
  full.node_id = nullptr;
  full.node_id_len = 0;
  return presence::capi::write_record(full, out, kConfigAbi1Size, "out");
}

PE_API void pe_stats_init(pe_stats* out) {
  if (out == nullptr) return;
  *out = pe_stats{};
  out->struct_size = sizeof(pe_stats);
}

PE_API pe_status pe_engine_stats(pe_engine* engine, pe_stats* out) {
  if (out == nullptr) return null_argument("out");
  pe_stats full{};
  const pe_status status = with_engine(engine, [&](presence::core::Engine& e) {
    const presence::core::Stats s = e.stats();
    full.struct_size = sizeof(pe_stats);
    full.session_records = s.session_records;
    full.user_records = s.user_records;
    full.signals = s.signals;
    full.transitions = s.transitions;
    full.events_published = s.events_published;
    full.last_seq = s.last_seq;
    full.oldest_seq = s.oldest_seq;
    full.pending_timers = s.pending_timers;
    full.limit_rejections = s.limit_rejections;
    return presence::core::Status::ok();
  });
  if (status != PE_OK) return status;
  return presence::capi::write_record(full, out, kStatsAbi1Size, "out");
}

}  // extern "C"
