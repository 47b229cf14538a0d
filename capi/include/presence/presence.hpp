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
};

/// Optional arguments of Engine::open(). @since 0.1
struct OpenOptions {
  std::optional<std::string_view> user_id;
  std::optional<std::string_view> meta;
  std::optional<std::string_view> transport_id;
  pe_visibility visibility = PE_VISIBILITY_UNKNOWN;
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
      out[i] = UserInfo{text(u.user_id, u.user_id_len),
                        u.state,
                        u.since_ms,
                        u.last_seen_at_ms,
                        u.last_evidence,
                        u.session_count,
                        u.confidence,
                        u.confidence_bucket};
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
    }
    return out;
  }

  std::vector<Event> events() const {
    std::vector<Event> out(pe_result_event_count(result_));
    for (size_t i = 0; i < out.size(); ++i) {
      pe_event e;
      pe_event_init(&e);
      check(pe_result_event(result_, i, &e));
      out[i] = Event{e.seq,
                     e.kind,
                     e.at_ms,
                     e.published_at_ms,
                     text(e.id, e.id_len),
                     optional_text(e.user_id, e.user_id_len),
                     e.old_state,
                     e.new_state,
                     e.session_count,
                     e.confidence,
                     e.confidence_bucket,
                     e.last_seen_at_ms};
    }
    return out;
  }

 private:
  pe_result* result_;
};

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
  int64_t now() const {
    int64_t out = 0;
    check(pe_engine_now(handle_, &out));
    return out;
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
    detail::ResultSet set(result);
    return UserPage{set.users(), set.cursor(), set.seq()};
  }

  UserDetail get_user(std::string_view user_id, int64_t now_ms = PE_NOW) {
    pe_result* result = nullptr;
    check(pe_engine_get_user(handle_, user_id.data(), user_id.size(), now_ms, &result));
    detail::ResultSet set(result);
    return UserDetail{set.users().at(0), set.sessions()};
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
    detail::ResultSet set(result);
    return Snapshot{set.seq(), set.users(), set.sessions()};
  }

  /// Events after `after_seq` (at most max_events, 0 = all). Throws
  /// Error(PE_TOO_FAR_BEHIND) when they were dropped: snapshot again.
  EventBatch poll_events(uint64_t after_seq, size_t max_events = 0) {
    pe_result* result = nullptr;
    check(pe_engine_poll_events(handle_, after_seq, max_events, &result));
    detail::ResultSet set(result);
    return EventBatch{set.seq(), set.events()};
  }

  pe_stats stats() const {
    pe_stats out;
    pe_stats_init(&out);
    check(pe_engine_stats(handle_, &out));
    return out;
  }

 private:
  pe_engine* handle_ = nullptr;
};

}  // namespace presence

#endif  // PRESENCE_PRESENCE_HPP
