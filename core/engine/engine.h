// The presence engine: applies signals to sessions, derives sessions' and
// users' states as time passes, and publishes debounced transitions.
//
// Single-threaded by design (the C ABI adds the lock). Every public call
// first brings the engine up to `now` (see advance()), so reads are always
// the truth at the latest time seen. Time never runs backwards: an older
// `now` is treated as the latest time seen.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "engine/records.h"
#include "engine/views.h"
#include "events/event_log.h"
#include "model/config.h"
#include "query/user_order.h"
#include "store/id_index.h"
#include "store/slot_pool.h"
#include "timing/timer_queue.h"
#include "util/status.h"

namespace presence::core {

// Largest accepted time: 2^53 ms (year ~287,000), exact in every runtime's numbers.
inline constexpr Millis kMaxTime = Millis{1} << 53;

class Engine {
 public:
  // Validates the configuration; *out receives the engine.
  static Status create(const Config& config, std::unique_ptr<Engine>* out);

  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;
  ~Engine();

  // --- Signals ---------------------------------------------------------------
  Status open(std::string_view session_id, const OpenParams& params, Millis now, OpenResult* out);
  Status heartbeat(std::string_view session_id, Activity activity, Visibility visibility,
                   Millis now, Millis* out_interval);
  // Applies many heartbeats at one `now`, overlapping their memory accesses.
  // Items whose codes[i] is not kOk on entry are skipped (already refused by
  // the caller); the others get their status in codes[i] and their interval
  // in intervals[i]. *last_error receives the message of the last failure.
  Status heartbeat_batch(const HeartbeatItem* items, std::size_t count, Millis now, Code* codes,
                         Millis* intervals, std::string* last_error);
  Status activity(std::string_view session_id, Millis now);
  Status visibility(std::string_view session_id, Visibility visibility, Millis now);
  Status disconnect(std::string_view session_id, Millis now);
  Status disconnect_transport(std::string_view transport_id, Millis now);
  Status leave(std::string_view session_id, Millis now);
  Status identify(std::string_view session_id, std::string_view user_id, Millis now);

  // --- Time ------------------------------------------------------------------
  // Runs due timers up to `now`, at most `max_steps` of them (0 = all).
  Status advance(Millis now, std::size_t max_steps, bool* out_more);
  Millis next_deadline() const;
  Millis now() const { return now_; }

  // --- Reads -----------------------------------------------------------------
  Status counts(Millis now, Counts* out);
  Status count_seen(Millis window, Millis now, std::uint64_t* out);
  Status list_users(State min_state, std::string_view cursor, std::size_t limit, Millis now,
                    UserPage* out);
  Status get_user(std::string_view user_id, Millis now, UserDetail* out);
  Status get_session(std::string_view session_id, Millis now, SessionView* out);
  Status snapshot(Millis now, Snapshot* out);
  Status events_after(std::uint64_t after_seq, std::size_t max,
                      std::vector<EventRecord>* out) const;
  std::uint64_t last_seq() const { return events_.last_seq(); }
  Stats stats() const;

  const Config& config() const { return config_; }

 private:
  explicit Engine(const Config& config);

  struct SessionIdOf {
    const SessionPool* pool;
    std::string_view operator()(std::uint32_t slot) const { return (*pool)[slot].id.view(); }
  };
  struct TransportIdOf {
    const SessionPool* pool;
    std::string_view operator()(std::uint32_t slot) const {
      return (*pool)[slot].extras->transport_id.view();
    }
  };
  struct UserIdOf {
    const UserPool* pool;
    std::string_view operator()(std::uint32_t slot) const { return (*pool)[slot].id.view(); }
  };

  // Validation and time.
  Status check_id(const char* what, std::string_view id) const;
  Status check_text(const char* what, std::string_view text, std::size_t max_bytes) const;
  Status begin(Millis now);  // validates `now`, then advances to it
  void run_due(Millis until, std::size_t max_steps, bool* out_more);
  Status find_alive(std::string_view session_id, std::uint32_t* out) const;

  // Sessions.
  Status open_new(std::string_view session_id, const OpenParams& params, OpenResult* out);
  Status continue_session(std::uint32_t slot, const OpenParams& params, OpenResult* out);
  Status check_transport_free(std::string_view transport_id, std::uint32_t slot) const;
  void disconnect_slot(std::uint32_t slot);
  void bind_transport(std::uint32_t slot, std::string_view transport_id);
  void unbind_transport(std::uint32_t slot);
  bool apply_visibility(Session& session, Visibility visibility);
  Millis heartbeat_slot(std::uint32_t slot, Activity activity, Visibility visibility);
  void tell_cadence(std::uint32_t slot);
  void refresh_session(std::uint32_t slot);
  void transition_session(std::uint32_t slot, State next);
  void publish_session(std::uint32_t slot);
  void remove_session(std::uint32_t slot);
  void end_pending_session(std::uint32_t slot);
  SessionView session_view(std::uint32_t slot, State shown) const;

  // Users.
  Status check_user_capacity(std::string_view user_id);
  std::uint32_t find_or_create_user(std::string_view user_id);
  void attach_to_user(std::uint32_t session_slot, std::uint32_t user_slot);
  void detach_from_user(std::uint32_t session_slot);
  void count_session_state(const Session& session, State state, int delta);
  void rederive_user(std::uint32_t user_slot);
  void refresh_user(std::uint32_t user_slot);
  void publish_user(std::uint32_t user_slot);
  void link_offline(std::uint32_t user_slot);
  void unlink_offline(std::uint32_t user_slot);
  bool evictable(std::uint32_t user_slot) const;
  void forget_users();
  void evict_user(std::uint32_t user_slot);
  UserView user_view(std::uint32_t user_slot, State shown) const;
  Millis user_last_seen(std::uint32_t user_slot, Evidence* out_evidence) const;

  Config config_;
  HashKey hash_key_;
  SessionPool sessions_;
  UserPool users_;
  IdIndex<SessionIdOf> session_index_;
  IdIndex<TransportIdOf> transport_index_;
  IdIndex<UserIdOf> user_index_;
  TimerQueue session_timers_;
  TimerQueue user_timers_;
  UserOrder user_order_;
  EventLog events_;

  // Users that are offline, oldest first (forgetting their last-seen in order).
  std::uint32_t offline_head_ = kNoSlot;
  std::uint32_t offline_tail_ = kNoSlot;
  std::uint64_t offline_listed_ = 0;

  Counts counts_;
  Stats stats_;
  Millis now_ = 0;
};

}  // namespace presence::core
