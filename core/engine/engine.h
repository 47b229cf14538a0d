// The presence engine: applies signals to sessions, derives sessions' and
// users' states as time passes, and publishes debounced transitions.
//
// Single-threaded by design (the C ABI adds the lock). Every public call
// first brings the engine up to `now` (see advance()), so reads are always
// the truth at the latest time seen. Time never runs backwards: an older
// `now` is treated as the latest time seen.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cluster/replica.h"
#include "coord/intent_records.h"
#include "coord/member_index.h"
#include "coord/room_records.h"
#include "engine/records.h"
#include "engine/views.h"
#include "events/event_log.h"
#include "model/config.h"
#include "query/user_order.h"
#include "store/fifo.h"
#include "store/id_index.h"
#include "store/slot_pool.h"
#include "timing/timer_queue.h"
#include "util/resume_token.h"
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

  // --- Rooms (coordination) -------------------------------------------------
  // A session joins a room (created on first use); joining twice is a no-op.
  Status join_room(std::string_view session_id, std::string_view room_id, Millis now);
  Status leave_room(std::string_view session_id, std::string_view room_id, Millis now);
  // Count-only rooms publish occupancy every `interval` instead of member events.
  Status set_room_count_only(std::string_view room_id, bool count_only, Millis interval,
                             Millis now);
  Status get_room(std::string_view room_id, Millis now, RoomView* out);
  Status list_rooms(std::string_view cursor, std::size_t limit, Millis now, RoomPage* out);
  Status list_members(std::string_view room_id, State min_state, std::string_view cursor,
                      std::size_t limit, Millis now, MemberPage* out);
  Status user_rooms(std::string_view user_id, Millis now, std::vector<RoomView>* out);
  Status room_metrics(std::string_view room_id, Millis now, RoomMetricsView* out);

  // --- Availability, readiness, the call gate ------------------------------
  Status set_availability(std::string_view user_id, Availability availability, Millis now);
  Status readiness(TargetKind kind, std::string_view id, Millis now, ReadinessView* out);

  // --- Intents ---------------------------------------------------------------
  Status open_intent(std::string_view from, TargetKind target_kind, std::string_view target,
                     std::string_view kind, Millis ttl, Millis now, IntentView* out);
  Status cancel_intent(std::string_view intent_id, Millis now);
  // Pending intents to a target (by_caller false) or from a caller (true).
  Status list_intents(bool by_caller, TargetKind target_kind, std::string_view id, Millis now,
                      std::vector<IntentView>* out);

  // --- Interest-based fan-out ------------------------------------------------
  Status subscribe(std::string_view subscriber, TargetKind kind, std::string_view target);
  Status unsubscribe(std::string_view subscriber, TargetKind kind, std::string_view target);
  Status unsubscribe_all(std::string_view subscriber);
  // Events after `after_seq` and, per subscriber, which of them it must hear.
  Status fanout(std::uint64_t after_seq, std::size_t max, FanoutBatch* out) const;

  // --- Scoped reads: one room's view (for readers limited to a room) ----------
  // Whether `room_id` could name a room (non-empty, UTF-8, within max_id_bytes).
  Status check_room_id(std::string_view room_id) const { return check_id("room id", room_id); }
  // The room's counts: members as users, its sessions as sessions.
  Status room_counts(std::string_view room_id, Millis now, Counts* out);
  // A visible member of the room, with its sessions in the room.
  Status room_user(std::string_view room_id, std::string_view user_id, Millis now, UserDetail* out);
  // The published view of the room's visible members and their sessions in it.
  Status room_snapshot(std::string_view room_id, Millis now, Snapshot* out);
  // Events after `after_seq` about the room or its current members; *last_seq
  // is the seq of the last event considered (kept or not).
  Status room_events_after(std::string_view room_id, std::uint64_t after_seq, std::size_t max,
                           std::vector<EventRecord>* out, std::uint64_t* last_seq);

  // --- Cluster mode (replication) --------------------------------------------
  // Replication records of this node's sessions changed since the last call
  // (at most `max`, 0 = all). kTooFarBehind when the outbox overflowed: then
  // export_replicas() gives the full picture again.
  Status take_replicas(std::size_t max, std::vector<Replica>* out);
  // A page of records of every live session this node owns, from slot
  // `cursor`; *next_cursor is 0 on the last page.
  Status export_replicas(std::uint64_t cursor, std::size_t limit, Millis now,
                         std::vector<Replica>* out, std::uint64_t* next_cursor);
  // Applies another node's record (its own records are ignored).
  Status apply_replica(const Replica& replica, Millis now);
  // Another node renewed its liveness at `seen_at`.
  Status node_seen(std::string_view node_id, Millis seen_at);

  // --- Metrics -----------------------------------------------------------------
  // Prometheus text exposition: engine-wide, plus one room or (empty) all rooms.
  Status prometheus(std::string_view room_id, Millis now, std::string* out);

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
  struct IntentIdOf {
    const IntentPool* pool;
    std::string_view operator()(std::uint32_t slot) const { return (*pool)[slot].id.view(); }
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
  void run_step(Millis due);
  Status find_alive(std::string_view session_id, std::uint32_t* out);
  // While the engine is behind, brings one session up to date before a call
  // touches it; returns its slot afterwards (kNoSlot if that ended it).
  std::uint32_t catch_up(std::uint32_t slot, std::string_view session_id);

  // Sessions.
  Status open_new(std::string_view session_id, const OpenParams& params, OpenResult* out);
  Status continue_session(std::uint32_t slot, const OpenParams& params, OpenResult* out);
  bool same_owner(const Session& session, const std::optional<std::string_view>& user_id) const;
  Status check_resumption(const Session& session, const OpenParams& params) const;
  Status denied_reconnect(std::uint32_t slot) const;
  Status check_transport_free(std::string_view transport_id, std::uint32_t slot) const;
  void disconnect_slot(std::uint32_t slot);
  void bind_transport(std::uint32_t slot, std::string_view transport_id);
  void unbind_transport(std::uint32_t slot);
  bool apply_visibility(Session& session, Visibility visibility);
  Millis heartbeat_slot(std::uint32_t slot, Activity activity, Visibility visibility);
  void tell_cadence(std::uint32_t slot);
  void refresh_session(std::uint32_t slot);
  void transition_session(std::uint32_t slot, State next, Millis at);
  void publish_session(std::uint32_t slot);
  void remove_session(std::uint32_t slot);
  void end_pending_session(std::uint32_t slot);
  SessionView session_view(std::uint32_t slot, State shown_state) const;

  // Users.
  Status check_user_capacity(std::string_view user_id);
  std::uint32_t find_or_create_user(std::string_view user_id);
  void attach_to_user(std::uint32_t session_slot, std::uint32_t user_slot);
  void detach_from_user(std::uint32_t session_slot);
  void count_session_state(const Session& session, State state, int delta);
  void count_reconnecting(const Session& session, int sign);
  void rederive_user(std::uint32_t user_slot, Millis at);
  void count_invisible(const User& user, int sign);
  void move_shown_user(std::uint32_t user_slot, State from, State to);
  void refresh_user(std::uint32_t user_slot);
  void publish_user(std::uint32_t user_slot);
  void link_offline(std::uint32_t user_slot);
  void unlink_offline(std::uint32_t user_slot);
  bool evictable(std::uint32_t user_slot) const;
  void forget_users();
  void evict_user(std::uint32_t user_slot);
  UserView user_view(std::uint32_t user_slot, State shown_state) const;
  Millis user_last_seen(std::uint32_t user_slot, Evidence* out_evidence) const;
  Millis user_last_activity(std::uint32_t user_slot) const;
  bool hidden(const Session& session) const {
    return session.user != kNoSlot && users_[session.user].invisible();
  }
  State shown(const Session& session) const {
    return hidden(session) ? State::kOffline : session.state;
  }
  // When the state readers see began: turning invisible or visible again
  // starts a shown state as much as a transition does.
  Millis shown_since(const User& owner, State state, Millis since) const;
  Millis shown_since(const Session& session) const {
    return session.user == kNoSlot
               ? session.since
               : shown_since(users_[session.user], session.state, session.since);
  }
  Millis shown_since(const User& user) const { return shown_since(user, user.state, user.since); }

  // Rooms (engine_rooms.cpp).
  struct RoomIdOf {
    const RoomPool* pool;
    std::string_view operator()(std::uint32_t slot) const { return (*pool)[slot].id.view(); }
  };
  struct MemberKeyOf {
    const MemberPool* pool;
    std::uint64_t operator()(std::uint32_t slot) const;
  };
  // Why a member stopped being present.
  enum class Departure : std::uint8_t { kLeave, kDropOff, kIdentified };
  // A presence change of a member waiting for its debounce window.
  struct PendingPresence {
    std::uint32_t member;
    std::uint32_t stamp;
    Millis at;
    Departure departure;  // leaves; for joins, kIdentified marks a guest turned user
    State last_state;     // leaves: the member's state before it left
  };
  struct PendingArrival {
    std::uint32_t member;
    Millis joined_at;
  };
  Status check_room_capacity(const Session& session, std::uint32_t seats, bool room_exists);
  std::uint32_t create_room(std::string_view room_id);
  std::string_view member_id(const Member& member) const;
  MemberOrder::Position member_position(const Room& room, std::string_view id, bool guest) const;
  std::uint32_t find_member(std::uint32_t room_slot, std::uint32_t owner, bool guest) const;
  std::uint32_t find_or_add_member(std::uint32_t room_slot, std::uint32_t owner, bool guest);
  std::uint32_t seat_in(const Session& session, std::uint32_t room_slot) const;
  Status add_seat(std::uint32_t session_slot, std::uint32_t room_slot);
  void remove_seat(std::uint32_t session_slot, std::uint32_t seat_slot, Departure departure);
  void leave_all_rooms(std::uint32_t session_slot, Departure departure);
  void move_seats(std::uint32_t session_slot, State from, State to, Millis active_since);
  void identify_seats(std::uint32_t session_slot);
  // Changes a member's seats by `delta` in `state`, keeping its room's counts,
  // presence, debounced publication and readiness in step.
  // Moves one of a member's seats from state `from` to `to` (offline: none,
  // so offline -> s adds a seat and s -> offline removes one), keeping its
  // room's counts, presence, debounced publication and readiness in step. A
  // member becoming present starts its stay at `joined_at` (kNever: now).
  void change_seats(std::uint32_t member_slot, State from, State to, Departure departure,
                    Millis joined_at = kNever);
  void count_member(const Member& member, int sign);
  void member_arrived(std::uint32_t member_slot, Departure how, Millis joined_at);
  // Returns true when the member was dropped (it had never been announced).
  bool member_departed(std::uint32_t member_slot, Departure departure, State last_state);
  std::uint32_t next_stamp();
  void drop_member(std::uint32_t member_slot);
  void announce_member_visibility(const Member& member);
  void append_member_event(const Member& member, State old_state, State new_state, Millis at);
  void publish_member(const PendingPresence& pending, bool joined);
  void expire_arrival(const PendingArrival& arrival);
  void refresh_room(std::uint32_t room_slot);
  void publish_occupancy(std::uint32_t room_slot);
  RoomView room_view(std::uint32_t room_slot) const;
  MemberView member_view(std::uint32_t member_slot) const;
  std::vector<std::uint32_t> rooms_of_user(std::uint32_t user_slot) const;

  // Replication (engine_replication.cpp).
  bool replicating() const { return !config_.node_id.empty(); }
  void replicate(std::uint32_t session_slot);
  // Queues the session's record for take_replicas(), whoever owns it.
  void enqueue_replica(std::uint32_t session_slot);
  Replica replica_of(std::uint32_t session_slot) const;
  std::uint16_t find_or_add_node(std::string_view node_id);
  void refresh_node_sessions(std::uint16_t node);
  void node_lapsed(std::uint16_t node);
  void sync_remote_rooms(std::uint32_t session_slot, const std::vector<std::string>& rooms);
  // A signal's session, which this node must own (only open moves a session here).
  Status find_local(std::string_view session_id, std::uint32_t* out);

  // Readiness and intents (engine_readiness.cpp, engine_intents.cpp).
  // Re-evaluates a user's readiness and publishes a debounced flip; returns
  // when a pending flip is due to be published (kNever if none).
  Millis refresh_readiness(std::uint32_t user_slot);
  Millis unready_at(std::uint32_t user_slot) const;
  void publish_readiness(TargetKind kind, std::string_view id, bool ready, double score, Millis at);
  void publish_availability(std::uint32_t user_slot);
  void target_ready(TargetKind kind, std::string_view id);
  void end_intent(std::uint32_t intent_slot, IntentState state);
  IntentView intent_view(std::uint32_t intent_slot) const;
  static std::string target_key(TargetKind kind, std::string_view id);

  Config config_;
  HashKey hash_key_;
  ResumeTokens resume_tokens_;
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

  // Rooms: records, the seats linking sessions to members, and the members.
  RoomPool rooms_;
  MemberPool members_;
  SeatPool seats_;
  MemberIndex<MemberKeyOf> member_index_;
  IdIndex<RoomIdOf> room_index_;
  std::set<std::uint32_t, RoomOrder> room_order_;
  TimerQueue room_timers_;  // count-only rooms' next occupancy publication
  // Debounced member presence changes, in time order (one debounce per direction).
  Fifo<PendingPresence> pending_joins_;
  Fifo<PendingPresence> pending_leaves_;
  Fifo<PendingArrival> arrivals_;  // when members stop being "arriving"
  std::uint32_t presence_stamp_ = 0;
  // Whether new activity on an already active session can change readiness,
  // per availability (false with the defaults, sparing the heartbeat path).
  std::array<bool, 4> activity_moves_readiness_ = {};
  // A member's presence in its room (readiness), by state and availability.
  std::array<std::array<std::int64_t, 4>, kStateCount> presence_milli_ = {};

  // Intents.
  IntentPool intents_;
  IdIndex<IntentIdOf> intent_index_;
  TimerQueue intent_timers_;
  std::unordered_map<std::string, std::vector<std::uint32_t>> intents_by_target_;
  std::unordered_map<std::string, std::vector<std::uint32_t>> intents_by_caller_;
  std::uint64_t next_intent_ = 1;

  // Cluster mode: the nodes known (0 = this engine), their liveness timers,
  // and the replication records waiting for take_replicas().
  std::vector<Node> nodes_;
  TimerQueue node_timers_;
  std::vector<Replica> outbox_;
  bool outbox_overflowed_ = false;

  // Fan-out: target key ("u:<id>" / "r:<id>") <-> subscriber ids.
  std::unordered_map<std::string, std::vector<std::string>> subscribers_by_target_;
  std::unordered_map<std::string, std::vector<std::string>> targets_by_subscriber_;

  Counts counts_;
  Stats stats_;
  Millis now_ = 0;
  // Due timers were left for later (max_catch_up_steps): see begin().
  bool behind_ = false;
};

}  // namespace presence::core
