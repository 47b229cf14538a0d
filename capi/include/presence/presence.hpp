// Presence Engine — a header-only C++17 wrapper over the C ABI.
//
// RAII ownership, std::string copies instead of borrowed pointers, and
// presence::Error (carrying the pe_status and its message) instead of status
// codes. It adds no behaviour: every call is one C call. The language
// bindings are built on it, and C++ applications may use it directly.
//
// Thread safety is the C ABI's: one Engine may be used from many threads.
#ifndef PRESENCE_PRESENCE_HPP
#define PRESENCE_PRESENCE_HPP

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "presence/presence.h"

namespace presence {

/// A failed call: the C status and the library's message. @since 0.1
class Error : public std::runtime_error {
 public:
  Error(pe_status status, const std::string& message)
      : std::runtime_error(message), status_(status) {}
  pe_status status() const noexcept { return status_; }

 private:
  pe_status status_;
};

/// Throws presence::Error unless `status` is PE_OK. @since 0.1
inline void check(pe_status status) {
  if (status != PE_OK) throw Error(status, pe_last_error_message());
}

/// A session as read (copied out of a pe_result). @since 0.1
struct SessionInfo {
  std::string session_id;
  std::optional<std::string> user_id;  ///< none for a guest
  pe_state state = PE_STATE_OFFLINE;
  bool reconnecting = false;
  bool visible = true;
  bool connected = true;
  double confidence = 0.0;
  pe_confidence confidence_bucket = PE_CONFIDENCE_LOW;
  int64_t last_signal_at_ms = 0;
  int64_t last_activity_at_ms = 0;
  int64_t since_ms = 0;
  int64_t heartbeat_interval_ms = 0;
  std::optional<std::string> meta;
  std::optional<std::string> transport_id;
  uint32_t origin_node = 0;
  uint64_t version = 0;
  pe_state true_state = PE_STATE_OFFLINE;  ///< for the server's own use
  std::string node_id;                     ///< the owning node; empty when standalone
};

/// A user as read. @since 0.1
struct UserInfo {
  std::string user_id;
  pe_state state = PE_STATE_OFFLINE;
  int64_t since_ms = 0;
  int64_t last_seen_at_ms = 0;
  pe_evidence last_evidence = PE_EVIDENCE_NONE;
  uint32_t session_count = 0;
  double confidence = 0.0;
  pe_confidence confidence_bucket = PE_CONFIDENCE_LOW;
  pe_availability availability = PE_AVAILABILITY_AVAILABLE;  ///< as shown
  pe_state true_state = PE_STATE_OFFLINE;                    ///< for the server's own use
  pe_availability true_availability = PE_AVAILABILITY_AVAILABLE;
  double readiness = 0.0;
  bool ready = false;
};

/// A published change. @since 0.1
struct Event {
  uint64_t seq = 0;
  pe_event_kind kind = PE_EVENT_SESSION;
  int64_t at_ms = 0;
  int64_t published_at_ms = 0;
  std::string id;
  std::optional<std::string> user_id;
  pe_state old_state = PE_STATE_OFFLINE;
  pe_state new_state = PE_STATE_OFFLINE;
  uint32_t session_count = 0;
  double confidence = 0.0;
  pe_confidence confidence_bucket = PE_CONFIDENCE_LOW;
  int64_t last_seen_at_ms = 0;
  std::optional<std::string> room_id;
  bool guest = false;
  pe_target_kind target_kind = PE_TARGET_USER;
  bool ready = false;
  double readiness = 0.0;
  std::optional<std::string> intent_id;
  std::optional<std::string> intent_kind;
  std::optional<std::string> from_id;
  std::optional<std::string> target_id;
  pe_intent_state intent_state = PE_INTENT_PENDING;
  pe_availability availability = PE_AVAILABILITY_AVAILABLE;
  /// Occupancy events: the room's members and sessions by state, indexed by pe_state.
  uint32_t room_members[PE_STATE_COUNT] = {};
  uint32_t room_sessions[PE_STATE_COUNT] = {};
};

/// A room as read. @since 0.1
struct RoomInfo {
  std::string room_id;
  int64_t created_at_ms = 0;
  uint32_t sessions[PE_STATE_COUNT] = {};  ///< by pe_state
  uint32_t members[PE_STATE_COUNT] = {};   ///< by pe_state
  uint32_t guests = 0;
  uint32_t arriving = 0;
  uint32_t density = 0;
  double arrivals_per_minute = 0.0;
  double departures_per_minute = 0.0;
  double readiness = 0.0;
  bool ready = false;
  bool count_only = false;
  int64_t occupancy_interval_ms = 0;
};

/// A member of a room. @since 0.1
struct MemberInfo {
  std::string member_id;
  bool guest = false;
  pe_state state = PE_STATE_OFFLINE;
  int64_t joined_at_ms = 0;
  bool arriving = false;
  uint32_t session_count = 0;
  int64_t last_seen_at_ms = 0;
  double confidence = 0.0;
  pe_confidence confidence_bucket = PE_CONFIDENCE_LOW;
  pe_availability availability = PE_AVAILABILITY_AVAILABLE;
};

/// An intent. @since 0.1
struct IntentInfo {
  std::string intent_id;
  std::string from_id;
  pe_target_kind target_kind = PE_TARGET_USER;
  std::string target_id;
  std::string kind;
  int64_t created_at_ms = 0;
  int64_t expires_at_ms = 0;
  pe_intent_state state = PE_INTENT_PENDING;
};

/// One subscriber and the indexes of the events it must hear. @since 0.1
struct Delivery {
  std::string subscriber;
  std::vector<uint32_t> event_indexes;
};

/// Engine::fanout(): events and who must hear which. @since 0.1
struct Fanout {
  uint64_t seq = 0;
  std::vector<Event> events;
  std::vector<Delivery> deliveries;
};

/// A page of rooms or of a room's members. @since 0.1
struct RoomPage {
  std::vector<RoomInfo> rooms;
  std::string next_cursor;
};
struct MemberPage {
  std::vector<MemberInfo> members;
  std::string next_cursor;
};

/// Optional arguments of Engine::open(). @since 0.1
struct OpenOptions {
  std::optional<std::string_view> user_id;
  std::optional<std::string_view> meta;
  std::optional<std::string_view> transport_id;
  pe_visibility visibility = PE_VISIBILITY_UNKNOWN;
  std::optional<std::string_view> resume_token;
};

/// A page of Engine::list_users(). @since 0.1
struct UserPage {
  std::vector<UserInfo> users;
  std::string next_cursor;  ///< empty on the last page
  uint64_t seq = 0;
};

/// Engine::get_user(): the user and its live sessions. @since 0.1
struct UserDetail {
  UserInfo user;
  std::vector<SessionInfo> sessions;
};

/// The published view and the seq it reflects. @since 0.1
struct Snapshot {
  uint64_t seq = 0;
  std::vector<UserInfo> users;
  std::vector<SessionInfo> sessions;
};

/// Engine::poll_events(): events and the seq to continue from. @since 0.1
struct EventBatch {
  uint64_t seq = 0;
  std::vector<Event> events;
};

/// A replication record: one session as its owning node sees it. @since 0.1
struct Replica {
  std::string session_id;
  std::optional<std::string> user_id;  ///< none for a guest
  std::string node_id;
  uint64_t version = 0;
  pe_state state = PE_STATE_OFFLINE;
  bool reconnecting = false;
  bool visible = true;
  bool connected = true;
  bool ended = false;
  int64_t since_ms = 0;
  int64_t last_signal_at_ms = 0;
  int64_t last_activity_at_ms = 0;
  int64_t heartbeat_interval_ms = 0;
  std::optional<std::string> meta;
  std::vector<std::string> rooms;
};

/// A page of pe_engine_export_replicas(); next_cursor 0 after the last page.
struct ReplicaPage {
  std::vector<Replica> records;
  uint64_t next_cursor = 0;
};

namespace detail {

inline std::string text(const char* data, size_t size) {
  return data == nullptr ? std::string() : std::string(data, size);
}

inline std::optional<std::string> optional_text(const char* data, size_t size) {
  if (data == nullptr) return std::nullopt;
  return std::string(data, size);
}

// Owns a pe_result and copies its records out.
class ResultSet {
 public:
  explicit ResultSet(pe_result* result) : result_(result) {}
  ResultSet(const ResultSet&) = delete;
  ResultSet& operator=(const ResultSet&) = delete;
  ~ResultSet() { pe_result_destroy(result_); }

  uint64_t seq() const { return pe_result_seq(result_); }

  std::string cursor() const {
    const char* data = nullptr;
    size_t size = 0;
    check(pe_result_cursor(result_, &data, &size));
    return text(data, size);
  }

  std::vector<UserInfo> users() const {
    std::vector<UserInfo> out(pe_result_user_count(result_));
    for (size_t i = 0; i < out.size(); ++i) {
      pe_user_info u;
      pe_user_info_init(&u);
      check(pe_result_user(result_, i, &u));
      UserInfo& o = out[i];
      o.user_id = text(u.user_id, u.user_id_len);
      o.state = u.state;
      o.since_ms = u.since_ms;
      o.last_seen_at_ms = u.last_seen_at_ms;
      o.last_evidence = u.last_evidence;
      o.session_count = u.session_count;
      o.confidence = u.confidence;
      o.confidence_bucket = u.confidence_bucket;
      o.availability = u.availability;
      o.true_state = u.true_state;
      o.true_availability = u.true_availability;
      o.readiness = u.readiness;
      o.ready = u.ready != 0;
    }
    return out;
  }

  std::vector<SessionInfo> sessions() const {
    std::vector<SessionInfo> out(pe_result_session_count(result_));
    for (size_t i = 0; i < out.size(); ++i) {
      pe_session_info s;
      pe_session_info_init(&s);
      check(pe_result_session(result_, i, &s));
      SessionInfo& o = out[i];
      o.session_id = text(s.session_id, s.session_id_len);
      o.user_id = optional_text(s.user_id, s.user_id_len);
      o.state = s.state;
      o.reconnecting = s.reconnecting != 0;
      o.visible = s.visible != 0;
      o.connected = s.connected != 0;
      o.confidence = s.confidence;
      o.confidence_bucket = s.confidence_bucket;
      o.last_signal_at_ms = s.last_signal_at_ms;
      o.last_activity_at_ms = s.last_activity_at_ms;
      o.since_ms = s.since_ms;
      o.heartbeat_interval_ms = s.heartbeat_interval_ms;
      o.meta = optional_text(s.meta, s.meta_len);
      o.transport_id = optional_text(s.transport_id, s.transport_id_len);
      o.origin_node = s.origin_node;
      o.version = s.version;
      o.true_state = s.true_state;
      o.node_id = text(s.node_id, s.node_id_len);
    }
    return out;
  }

  std::vector<Event> events() const {
    std::vector<Event> out(pe_result_event_count(result_));
    for (size_t i = 0; i < out.size(); ++i) {
      pe_event e;
      pe_event_init(&e);
      check(pe_result_event(result_, i, &e));
      Event& o = out[i];
      o.seq = e.seq;
      o.kind = e.kind;
      o.at_ms = e.at_ms;
      o.published_at_ms = e.published_at_ms;
      o.id = text(e.id, e.id_len);
      o.user_id = optional_text(e.user_id, e.user_id_len);
      o.old_state = e.old_state;
      o.new_state = e.new_state;
      o.session_count = e.session_count;
      o.confidence = e.confidence;
      o.confidence_bucket = e.confidence_bucket;
      o.last_seen_at_ms = e.last_seen_at_ms;
      o.room_id = optional_text(e.room_id, e.room_id_len);
      o.guest = e.guest != 0;
      o.target_kind = e.target_kind;
      o.ready = e.ready != 0;
      o.readiness = e.readiness;
      o.intent_id = optional_text(e.intent_id, e.intent_id_len);
      o.intent_kind = optional_text(e.intent_kind, e.intent_kind_len);
      o.from_id = optional_text(e.from_id, e.from_id_len);
      o.target_id = optional_text(e.target_id, e.target_id_len);
      o.intent_state = e.intent_state;
      o.availability = e.availability;
      const uint32_t members[] = {0, e.room_members_stale, e.room_members_away, e.room_members_idle,
                                  e.room_members_active};
      const uint32_t sessions[] = {0, e.room_sessions_stale, e.room_sessions_away,
                                   e.room_sessions_idle, e.room_sessions_active};
      for (int s = 0; s < PE_STATE_COUNT; ++s) {
        o.room_members[s] = members[s];
        o.room_sessions[s] = sessions[s];
      }
    }
    return out;
  }

  std::vector<RoomInfo> rooms() const {
    std::vector<RoomInfo> out(pe_result_room_count(result_));
    for (size_t i = 0; i < out.size(); ++i) {
      pe_room_info r;
      pe_room_info_init(&r);
      check(pe_result_room(result_, i, &r));
      RoomInfo& o = out[i];
      o.room_id = text(r.room_id, r.room_id_len);
      o.created_at_ms = r.created_at_ms;
      const uint32_t sessions[] = {0, r.sessions_stale, r.sessions_away, r.sessions_idle,
                                   r.sessions_active};
      const uint32_t members[] = {0, r.members_stale, r.members_away, r.members_idle,
                                  r.members_active};
      for (int s = 0; s < PE_STATE_COUNT; ++s) {
        o.sessions[s] = sessions[s];
        o.members[s] = members[s];
      }
      o.guests = r.guests;
      o.arriving = r.arriving;
      o.density = r.density;
      o.arrivals_per_minute = r.arrivals_per_minute;
      o.departures_per_minute = r.departures_per_minute;
      o.readiness = r.readiness;
      o.ready = r.ready != 0;
      o.count_only = r.count_only != 0;
      o.occupancy_interval_ms = r.occupancy_interval_ms;
    }
    return out;
  }

  std::vector<MemberInfo> members() const {
    std::vector<MemberInfo> out(pe_result_member_count(result_));
    for (size_t i = 0; i < out.size(); ++i) {
      pe_member_info m;
      pe_member_info_init(&m);
      check(pe_result_member(result_, i, &m));
      out[i] = MemberInfo{text(m.member_id, m.member_id_len),
                          m.guest != 0,
                          m.state,
                          m.joined_at_ms,
                          m.arriving != 0,
                          m.session_count,
                          m.last_seen_at_ms,
                          m.confidence,
                          m.confidence_bucket,
                          m.availability};
    }
    return out;
  }

  std::vector<IntentInfo> intents() const {
    std::vector<IntentInfo> out(pe_result_intent_count(result_));
    for (size_t i = 0; i < out.size(); ++i) {
      pe_intent_info t;
      pe_intent_info_init(&t);
      check(pe_result_intent(result_, i, &t));
      out[i] = IntentInfo{text(t.intent_id, t.intent_id_len),
                          text(t.from_id, t.from_id_len),
                          t.target_kind,
                          text(t.target_id, t.target_id_len),
                          text(t.kind, t.kind_len),
                          t.created_at_ms,
                          t.expires_at_ms,
                          t.state};
    }
    return out;
  }

  std::vector<Delivery> deliveries() const {
    std::vector<Delivery> out(pe_result_delivery_count(result_));
    for (size_t i = 0; i < out.size(); ++i) {
      pe_delivery d;
      pe_delivery_init(&d);
      check(pe_result_delivery(result_, i, &d));
      out[i].subscriber = text(d.subscriber, d.subscriber_len);
      out[i].event_indexes.assign(d.event_indexes, d.event_indexes + d.event_count);
    }
    return out;
  }

  pe_room_metrics metrics() const {
    pe_room_metrics m;
    pe_room_metrics_init(&m);
    check(pe_result_room_metrics(result_, &m));
    return m;
  }

  std::vector<Replica> replicas() const {
    std::vector<Replica> out(pe_result_replica_count(result_));
    for (size_t i = 0; i < out.size(); ++i) {
      pe_replica r;
      pe_replica_init(&r);
      check(pe_result_replica(result_, i, &r));
      Replica& o = out[i];
      o.session_id = text(r.session_id, r.session_id_len);
      o.user_id = optional_text(r.user_id, r.user_id_len);
      o.node_id = text(r.node_id, r.node_id_len);
      o.version = r.version;
      o.state = r.state;
      o.reconnecting = r.reconnecting != 0;
      o.visible = r.visible != 0;
      o.connected = r.connected != 0;
      o.ended = r.ended != 0;
      o.since_ms = r.since_ms;
      o.last_signal_at_ms = r.last_signal_at_ms;
      o.last_activity_at_ms = r.last_activity_at_ms;
      o.heartbeat_interval_ms = r.heartbeat_interval_ms;
      o.meta = optional_text(r.meta, r.meta_len);
      for (size_t k = 0; k < r.room_count; ++k)
        o.rooms.push_back(text(r.room_ids[k], r.room_id_lens[k]));
    }
    return out;
  }

  std::string text_body() const {
    const char* data = nullptr;
    size_t size = 0;
    check(pe_result_text(result_, &data, &size));
    return text(data, size);
  }

 private:
  pe_result* result_;
};

// Results of reads shared by Engine and Reader, taken over from the C result.
inline UserPage user_page(pe_result* result) {
  ResultSet set(result);
  return UserPage{set.users(), set.cursor(), set.seq()};
}
inline MemberPage member_page(pe_result* result) {
  ResultSet set(result);
  return MemberPage{set.members(), set.cursor()};
}
inline UserDetail user_detail(pe_result* result) {
  ResultSet set(result);
  return UserDetail{set.users().at(0), set.sessions()};
}
inline Snapshot snapshot(pe_result* result) {
  ResultSet set(result);
  return Snapshot{set.seq(), set.users(), set.sessions()};
}
inline EventBatch event_batch(pe_result* result) {
  ResultSet set(result);
  return EventBatch{set.seq(), set.events()};
}

}  // namespace detail

/// An engine. Move-only; destroyed (and closed) with the object. @since 0.1
class Engine {
 public:
  /// An engine with the default configuration.
  Engine() { check(pe_engine_create(nullptr, &handle_)); }
  /// An engine with `config` (initialised by pe_config_init()).
  explicit Engine(const pe_config& config) { check(pe_engine_create(&config, &handle_)); }
  Engine(Engine&& other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}
  Engine& operator=(Engine&& other) noexcept {
    if (this != &other) {
      pe_engine_destroy(handle_);
      handle_ = std::exchange(other.handle_, nullptr);
    }
    return *this;
  }
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;
  ~Engine() { pe_engine_destroy(handle_); }

  /// The C handle, for calls this wrapper does not cover.
  pe_engine* handle() const noexcept { return handle_; }

  /// Closes the engine; later calls throw Error(PE_CLOSED). Idempotent.
  void close() { check(pe_engine_close(handle_)); }

  /// The engine's current time (ms since the epoch).
  /// The configuration the engine runs with (node_id not included).
  pe_config config() const {
    pe_config out;
    pe_config_init(&out);
    check(pe_engine_get_config(handle_, &out));
    return out;
  }

  int64_t now() const {
    int64_t out = 0;
    check(pe_engine_now(handle_, &out));
    return out;
  }

  // --- Persistence -------------------------------------------------------

  /// An engine restored from a snapshot file. See pe_engine_create_from_file();
  /// Error(PE_NOT_FOUND) when there is no file (a first start).
  static Engine from_file(std::string_view path, const pe_config* config = nullptr,
                          int64_t now_ms = PE_NOW) {
    Engine engine(Adopt{});
    check(pe_engine_create_from_file(config, path.data(), path.size(), now_ms, &engine.handle_));
    return engine;
  }

  /// Saves a snapshot of the engine to `path`, atomically. See pe_engine_save().
  void save(std::string_view path, int64_t now_ms = PE_NOW) {
    check(pe_engine_save(handle_, path.data(), path.size(), now_ms));
  }

  // --- Signals -----------------------------------------------------------

  /// Opens or continues a session. See pe_session_open().
  pe_open_info open(std::string_view session_id, const OpenOptions& options = {},
                    int64_t now_ms = PE_NOW) {
    pe_open_params params;
    pe_open_params_init(&params);
    if (options.user_id) {
      params.user_id = options.user_id->data();
      params.user_id_len = options.user_id->size();
    }
    if (options.meta) {
      params.meta = options.meta->data();
      params.meta_len = options.meta->size();
    }
    if (options.transport_id) {
      params.transport_id = options.transport_id->data();
      params.transport_id_len = options.transport_id->size();
    }
    params.visibility = options.visibility;
    if (options.resume_token) {
      params.resume_token = options.resume_token->data();
      params.resume_token_len = options.resume_token->size();
    }
    pe_open_info info;
    pe_open_info_init(&info);
    check(pe_session_open(handle_, session_id.data(), session_id.size(), &params, now_ms, &info));
    return info;
  }

  /// Records a heartbeat; returns the next heartbeat interval in ms.
  int64_t heartbeat(std::string_view session_id, pe_activity activity = PE_ACTIVITY_UNKNOWN,
                    pe_visibility visibility = PE_VISIBILITY_UNKNOWN, int64_t now_ms = PE_NOW) {
    int64_t interval = 0;
    check(pe_session_heartbeat(handle_, session_id.data(), session_id.size(), activity, visibility,
                               now_ms, &interval));
    return interval;
  }

  /// A sampled interaction.
  void activity(std::string_view session_id, int64_t now_ms = PE_NOW) {
    check(pe_session_activity(handle_, session_id.data(), session_id.size(), now_ms));
  }

  /// The document became visible or hidden.
  void visibility(std::string_view session_id, pe_visibility visibility, int64_t now_ms = PE_NOW) {
    check(pe_session_visibility(handle_, session_id.data(), session_id.size(), visibility, now_ms));
  }

  /// The session's transport dropped (not an exit).
  void disconnect(std::string_view session_id, int64_t now_ms = PE_NOW) {
    check(pe_session_disconnect(handle_, session_id.data(), session_id.size(), now_ms));
  }

  /// The transport with this id dropped.
  void disconnect_transport(std::string_view transport_id, int64_t now_ms = PE_NOW) {
    check(pe_transport_disconnect(handle_, transport_id.data(), transport_id.size(), now_ms));
  }

  /// An explicit exit.
  void leave(std::string_view session_id, int64_t now_ms = PE_NOW) {
    check(pe_session_leave(handle_, session_id.data(), session_id.size(), now_ms));
  }

  /// A guest session becomes `user_id`'s.
  void identify(std::string_view session_id, std::string_view user_id, int64_t now_ms = PE_NOW) {
    check(pe_session_identify(handle_, session_id.data(), session_id.size(), user_id.data(),
                              user_id.size(), now_ms));
  }

  // --- Time --------------------------------------------------------------

  /// Runs due timers; returns true if more remain (only with max_steps > 0).
  bool advance(int64_t now_ms = PE_NOW, size_t max_steps = 0) {
    int more = 0;
    check(pe_engine_advance(handle_, now_ms, max_steps, &more));
    return more != 0;
  }

  /// When the next timer is due; INT64_MAX if none.
  int64_t next_deadline() const {
    int64_t out = 0;
    check(pe_engine_next_deadline(handle_, &out));
    return out;
  }

  // --- Reads -------------------------------------------------------------

  pe_counts counts(int64_t now_ms = PE_NOW) {
    pe_counts out;
    pe_counts_init(&out);
    check(pe_engine_counts(handle_, now_ms, &out));
    return out;
  }

  uint64_t count_seen(int64_t window_ms, int64_t now_ms = PE_NOW) {
    uint64_t out = 0;
    check(pe_engine_count_seen(handle_, window_ms, now_ms, &out));
    return out;
  }

  UserPage list_users(pe_state min_state = PE_STATE_STALE, std::string_view cursor = {},
                      size_t limit = 50, int64_t now_ms = PE_NOW) {
    pe_result* result = nullptr;
    check(pe_engine_list_users(handle_, min_state, cursor.data(), cursor.size(), limit, now_ms,
                               &result));
    return detail::user_page(result);
  }

  UserDetail get_user(std::string_view user_id, int64_t now_ms = PE_NOW) {
    pe_result* result = nullptr;
    check(pe_engine_get_user(handle_, user_id.data(), user_id.size(), now_ms, &result));
    return detail::user_detail(result);
  }

  SessionInfo get_session(std::string_view session_id, int64_t now_ms = PE_NOW) {
    pe_result* result = nullptr;
    check(pe_engine_get_session(handle_, session_id.data(), session_id.size(), now_ms, &result));
    detail::ResultSet set(result);
    return set.sessions().at(0);
  }

  Snapshot snapshot(int64_t now_ms = PE_NOW) {
    pe_result* result = nullptr;
    check(pe_engine_snapshot(handle_, now_ms, &result));
    return detail::snapshot(result);
  }

  /// Events after `after_seq` (at most max_events, 0 = all). Throws
  /// Error(PE_TOO_FAR_BEHIND) when they were dropped: snapshot again.
  EventBatch poll_events(uint64_t after_seq, size_t max_events = 0) {
    pe_result* result = nullptr;
    check(pe_engine_poll_events(handle_, after_seq, max_events, &result));
    return detail::event_batch(result);
  }

  pe_stats stats() const {
    pe_stats out;
    pe_stats_init(&out);
    check(pe_engine_stats(handle_, &out));
    return out;
  }

  /// Applies many heartbeats at one time; per-item statuses in `statuses`.
  void heartbeat_batch(const std::vector<pe_heartbeat>& items, int64_t now_ms = PE_NOW,
                       std::vector<pe_status>* statuses = nullptr,
                       std::vector<int64_t>* intervals_ms = nullptr) {
    if (statuses != nullptr) statuses->assign(items.size(), PE_OK);
    if (intervals_ms != nullptr) intervals_ms->assign(items.size(), 0);
    check(pe_session_heartbeat_batch(handle_, items.data(), items.size(), now_ms,
                                     statuses != nullptr ? statuses->data() : nullptr,
                                     intervals_ms != nullptr ? intervals_ms->data() : nullptr,
                                     nullptr));
  }

  // --- Rooms ---------------------------------------------------------------

  void join_room(std::string_view session_id, std::string_view room_id, int64_t now_ms = PE_NOW) {
    check(pe_room_join(handle_, session_id.data(), session_id.size(), room_id.data(),
                       room_id.size(), now_ms));
  }

  void leave_room(std::string_view session_id, std::string_view room_id, int64_t now_ms = PE_NOW) {
    check(pe_room_leave(handle_, session_id.data(), session_id.size(), room_id.data(),
                        room_id.size(), now_ms));
  }

  void set_room_count_only(std::string_view room_id, bool count_only, int64_t interval_ms,
                           int64_t now_ms = PE_NOW) {
    check(pe_room_set_count_only(handle_, room_id.data(), room_id.size(), count_only ? 1 : 0,
                                 interval_ms, now_ms));
  }

  RoomInfo get_room(std::string_view room_id, int64_t now_ms = PE_NOW) {
    pe_result* result = nullptr;
    check(pe_engine_get_room(handle_, room_id.data(), room_id.size(), now_ms, &result));
    return detail::ResultSet(result).rooms().at(0);
  }

  RoomPage list_rooms(std::string_view cursor = {}, size_t limit = 50, int64_t now_ms = PE_NOW) {
    pe_result* result = nullptr;
    check(pe_engine_list_rooms(handle_, cursor.data(), cursor.size(), limit, now_ms, &result));
    detail::ResultSet set(result);
    return RoomPage{set.rooms(), set.cursor()};
  }

  MemberPage list_members(std::string_view room_id, pe_state min_state = PE_STATE_STALE,
                          std::string_view cursor = {}, size_t limit = 50,
                          int64_t now_ms = PE_NOW) {
    pe_result* result = nullptr;
    check(pe_room_list_members(handle_, room_id.data(), room_id.size(), min_state, cursor.data(),
                               cursor.size(), limit, now_ms, &result));
    return detail::member_page(result);
  }

  std::vector<RoomInfo> user_rooms(std::string_view user_id, int64_t now_ms = PE_NOW) {
    pe_result* result = nullptr;
    check(pe_user_list_rooms(handle_, user_id.data(), user_id.size(), now_ms, &result));
    return detail::ResultSet(result).rooms();
  }

  pe_room_metrics room_metrics(std::string_view room_id, int64_t now_ms = PE_NOW) {
    pe_result* result = nullptr;
    check(pe_room_get_metrics(handle_, room_id.data(), room_id.size(), now_ms, &result));
    return detail::ResultSet(result).metrics();
  }

  // --- Availability and readiness --------------------------------------------

  void set_availability(std::string_view user_id, pe_availability availability,
                        int64_t now_ms = PE_NOW) {
    check(pe_user_set_availability(handle_, user_id.data(), user_id.size(), availability, now_ms));
  }

  pe_readiness readiness(pe_target_kind kind, std::string_view id, int64_t now_ms = PE_NOW) {
    pe_readiness out;
    pe_readiness_init(&out);
    check(pe_engine_readiness(handle_, kind, id.data(), id.size(), now_ms, &out));
    return out;
  }

  // --- Intents ----------------------------------------------------------------

  IntentInfo open_intent(std::string_view from, pe_target_kind target_kind, std::string_view target,
                         std::string_view kind, int64_t ttl_ms, int64_t now_ms = PE_NOW) {
    pe_result* result = nullptr;
    check(pe_intent_open(handle_, from.data(), from.size(), target_kind, target.data(),
                         target.size(), kind.data(), kind.size(), ttl_ms, now_ms, &result));
    return detail::ResultSet(result).intents().at(0);
  }

  void cancel_intent(std::string_view intent_id, int64_t now_ms = PE_NOW) {
    check(pe_intent_cancel(handle_, intent_id.data(), intent_id.size(), now_ms));
  }

  std::vector<IntentInfo> intents_to(pe_target_kind kind, std::string_view target,
                                     int64_t now_ms = PE_NOW) {
    pe_result* result = nullptr;
    check(pe_intent_list(handle_, 0, kind, target.data(), target.size(), now_ms, &result));
    return detail::ResultSet(result).intents();
  }

  std::vector<IntentInfo> intents_from(std::string_view caller, int64_t now_ms = PE_NOW) {
    pe_result* result = nullptr;
    check(
        pe_intent_list(handle_, 1, PE_TARGET_USER, caller.data(), caller.size(), now_ms, &result));
    return detail::ResultSet(result).intents();
  }

  // --- Fan-out ---------------------------------------------------------------

  void subscribe(std::string_view subscriber, pe_target_kind kind, std::string_view target) {
    check(pe_subscriber_subscribe(handle_, subscriber.data(), subscriber.size(), kind,
                                  target.data(), target.size()));
  }

  void unsubscribe(std::string_view subscriber, pe_target_kind kind, std::string_view target) {
    check(pe_subscriber_unsubscribe(handle_, subscriber.data(), subscriber.size(), kind,
                                    target.data(), target.size()));
  }

  void unsubscribe_all(std::string_view subscriber) {
    check(pe_subscriber_unsubscribe_all(handle_, subscriber.data(), subscriber.size()));
  }

  Fanout fanout(uint64_t after_seq, size_t max_events = 0) {
    pe_result* result = nullptr;
    check(pe_engine_fanout(handle_, after_seq, max_events, &result));
    detail::ResultSet set(result);
    return Fanout{set.seq(), set.events(), set.deliveries()};
  }

  // --- Cluster mode (replication) ----------------------------------------------

  /// This node's records changed since the last call (at most max_records, 0 =
  /// all). Throws Error(PE_TOO_FAR_BEHIND) when the outbox overflowed: export again.
  std::vector<Replica> take_replicas(size_t max_records = 0) {
    pe_result* result = nullptr;
    check(pe_engine_take_replicas(handle_, max_records, &result));
    return detail::ResultSet(result).replicas();
  }

  /// A page of records of every live session this node owns (cursor 0 first).
  ReplicaPage export_replicas(uint64_t cursor = 0, size_t limit = 1000, int64_t now_ms = PE_NOW) {
    pe_result* result = nullptr;
    check(pe_engine_export_replicas(handle_, cursor, limit, now_ms, &result));
    detail::ResultSet set(result);
    return ReplicaPage{set.replicas(), set.seq()};
  }

  /// Applies other nodes' records, each on its own; per-record statuses in `statuses`.
  void apply_replicas(const std::vector<Replica>& records, int64_t now_ms = PE_NOW,
                      std::vector<pe_status>* statuses = nullptr) {
    std::vector<pe_replica> raw(records.size());
    std::vector<std::vector<const char*>> room_ids(records.size());
    std::vector<std::vector<size_t>> room_lens(records.size());
    for (size_t i = 0; i < records.size(); ++i) {
      const Replica& r = records[i];
      pe_replica& o = raw[i];
      pe_replica_init(&o);
      o.session_id = r.session_id.data();
      o.session_id_len = r.session_id.size();
      if (r.user_id) {
        o.user_id = r.user_id->data();
        o.user_id_len = r.user_id->size();
      }
      o.node_id = r.node_id.data();
      o.node_id_len = r.node_id.size();
      o.version = r.version;
      o.state = r.state;
      o.reconnecting = r.reconnecting ? 1 : 0;
      o.visible = r.visible ? 1 : 0;
      o.connected = r.connected ? 1 : 0;
      o.ended = r.ended ? 1 : 0;
      o.since_ms = r.since_ms;
      o.last_signal_at_ms = r.last_signal_at_ms;
      o.last_activity_at_ms = r.last_activity_at_ms;
      o.heartbeat_interval_ms = r.heartbeat_interval_ms;
      if (r.meta) {
        o.meta = r.meta->data();
        o.meta_len = r.meta->size();
      }
      for (const std::string& room : r.rooms) {
        room_ids[i].push_back(room.data());
        room_lens[i].push_back(room.size());
      }
      o.room_ids = room_ids[i].data();
      o.room_id_lens = room_lens[i].data();
      o.room_count = r.rooms.size();
    }
    if (statuses != nullptr) statuses->assign(records.size(), PE_OK);
    check(pe_engine_apply_replicas(handle_, raw.data(), raw.size(), now_ms,
                                   statuses != nullptr ? statuses->data() : nullptr, nullptr));
  }

  /// Another node renewed its liveness at `seen_at_ms`.
  void node_seen(std::string_view node_id, int64_t seen_at_ms) {
    check(pe_engine_node_seen(handle_, node_id.data(), node_id.size(), seen_at_ms));
  }

  // --- Metrics -----------------------------------------------------------------

  /// Prometheus text: engine-wide, plus one room (or every room when empty).
  std::string prometheus(std::string_view room_id = {}, int64_t now_ms = PE_NOW) {
    pe_result* result = nullptr;
    check(pe_engine_prometheus(handle_, room_id.data(), room_id.size(), now_ms, &result));
    return detail::ResultSet(result).text_body();
  }

 private:
  struct Adopt {};
  // No engine yet: from_file() fills the handle.
  explicit Engine(Adopt) noexcept {}

  pe_engine* handle_ = nullptr;
};

/// A read-only view for what a server sends to browsers: the truth behind
/// what is shown stays out (true_* repeat the shown values), invisible users
/// are never present, and a reader scoped to a room sees only its visible
/// members and their sessions in it. Borrows the engine, which must outlive
/// it. Move-only. @since 0.1
class Reader {
 public:
  /// A reader of the whole engine (room_id empty) or of one room.
  explicit Reader(const Engine& engine, std::string_view room_id = {}) {
    check(pe_reader_create(engine.handle(), room_id.data(), room_id.size(), &handle_));
  }
  Reader(Reader&& other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}
  Reader& operator=(Reader&& other) noexcept {
    if (this != &other) {
      pe_reader_destroy(handle_);
      handle_ = std::exchange(other.handle_, nullptr);
    }
    return *this;
  }
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;
  ~Reader() { pe_reader_destroy(handle_); }

  /// Counts; scoped to a room, its visible members (users) and sessions in it.
  pe_counts counts(int64_t now_ms = PE_NOW) {
    pe_counts out;
    pe_counts_init(&out);
    check(pe_reader_counts(handle_, now_ms, &out));
    return out;
  }

  /// Users of the engine (a room reader: use members()).
  UserPage list_users(pe_state min_state = PE_STATE_STALE, std::string_view cursor = {},
                      size_t limit = 50, int64_t now_ms = PE_NOW) {
    return detail::user_page(list(min_state, cursor, limit, now_ms));
  }

  /// Visible members of the reader's room.
  MemberPage list_members(pe_state min_state = PE_STATE_STALE, std::string_view cursor = {},
                          size_t limit = 50, int64_t now_ms = PE_NOW) {
    return detail::member_page(list(min_state, cursor, limit, now_ms));
  }

  UserDetail get_user(std::string_view user_id, int64_t now_ms = PE_NOW) {
    pe_result* result = nullptr;
    check(pe_reader_get_user(handle_, user_id.data(), user_id.size(), now_ms, &result));
    return detail::user_detail(result);
  }

  Snapshot snapshot(int64_t now_ms = PE_NOW) {
    pe_result* result = nullptr;
    check(pe_reader_snapshot(handle_, now_ms, &result));
    return detail::snapshot(result);
  }

  /// Events after `after_seq` the reader may see; continue from the batch's seq.
  EventBatch poll_events(uint64_t after_seq, size_t max_events = 0) {
    pe_result* result = nullptr;
    check(pe_reader_poll_events(handle_, after_seq, max_events, &result));
    return detail::event_batch(result);
  }

 private:
  pe_result* list(pe_state min_state, std::string_view cursor, size_t limit, int64_t now_ms) {
    pe_result* result = nullptr;
    check(pe_reader_list_users(handle_, min_state, cursor.data(), cursor.size(), limit, now_ms,
                               &result));
    return result;
  }

  pe_reader* handle_ = nullptr;
};

}  // namespace presence

#endif  // PRESENCE_PRESENCE_HPP
