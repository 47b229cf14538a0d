// Test helpers for the cluster runtime: a node (an engine with a node id and
// its pe_cluster, through the C ABI as an application uses it), short
// timings, and waiting for a condition with a deadline.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <thread>

#include "presence/presence.h"

namespace presence::cluster::testing {

// Timings short enough for tests, long enough for a loaded machine: a node
// is gone 1.5 s after its last renewal, a silent session stale after 2.5 s
// and offline after 4 s.
struct Timings {
  std::int64_t node_ttl_ms = 1200;
  std::int64_t node_timeout_ms = 1500;
  std::int64_t heartbeat_ms = 2000;
  std::int64_t session_ttl_ms = 4000;
};

inline pe_config test_config(const std::string& node_id, const Timings& t) {
  pe_config config;
  pe_config_init(&config);
  config.node_id = node_id.data();
  config.node_id_len = node_id.size();
  config.node_timeout_ms = t.node_timeout_ms;
  config.heartbeat_active_ms = t.heartbeat_ms;
  config.heartbeat_idle_ms = t.heartbeat_ms;
  config.heartbeat_hidden_ms = t.heartbeat_ms;
  config.heartbeat_grace_ms = 500;
  config.reconnect_grace_ms = 500;
  config.session_ttl_ms = t.session_ttl_ms;
  config.debounce_active_ms = 0;
  config.debounce_idle_ms = 0;
  config.debounce_away_ms = 0;
  config.debounce_stale_ms = 0;
  config.debounce_offline_ms = 0;
  return config;
}

struct OptionsDeleter {
  void operator()(pe_cluster_options* o) const { pe_cluster_options_destroy(o); }
};
using OptionsPtr = std::unique_ptr<pe_cluster_options, OptionsDeleter>;

inline OptionsPtr make_options(const std::string& url, const std::string& cluster,
                               const Timings& t) {
  pe_cluster_options* raw = nullptr;
  EXPECT_EQ(pe_cluster_options_create(&raw), PE_OK);
  OptionsPtr options(raw);
  EXPECT_EQ(pe_cluster_options_set_url(raw, url.data(), url.size()), PE_OK)
      << pe_last_error_message();
  EXPECT_EQ(pe_cluster_options_set_cluster_name(raw, cluster.data(), cluster.size()), PE_OK);
  EXPECT_EQ(pe_cluster_options_set_node_ttl_ms(raw, t.node_ttl_ms), PE_OK);
  return options;
}

class Node {
 public:
  Node(std::string id, const Timings& timings) : id_(std::move(id)) {
    const pe_config config = test_config(id_, timings);
    EXPECT_EQ(pe_engine_create(&config, &engine_), PE_OK) << pe_last_error_message();
  }
  ~Node() {
    pe_cluster_destroy(cluster_);
    pe_engine_destroy(engine_);
  }
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  ::testing::AssertionResult join(const pe_cluster_options* options) {
    if (pe_cluster_start(engine_, options, &cluster_) == PE_OK) {
      return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure() << id_ << ": " << pe_last_error_message();
  }
  // Stops the runtime with its goodbye.
  void leave_cluster() {
    pe_cluster_destroy(cluster_);
    cluster_ = nullptr;
  }

  void open(const std::string& session, const char* user) {
    pe_open_params params;
    pe_open_params_init(&params);
    if (user != nullptr) {
      params.user_id = user;
      params.user_id_len = std::char_traits<char>::length(user);
    }
    ASSERT_EQ(pe_session_open(engine_, session.data(), session.size(), &params, PE_NOW, nullptr),
              PE_OK)
        << pe_last_error_message();
    local_.insert(session);
  }
  void close(const std::string& session) {
    ASSERT_EQ(pe_session_leave(engine_, session.data(), session.size(), PE_NOW), PE_OK);
    local_.erase(session);
  }
  // Keeps this node's own sessions alive (heartbeats never leave the node).
  void heartbeat_all() {
    for (const std::string& s : local_) {
      pe_session_heartbeat(engine_, s.data(), s.size(), PE_ACTIVITY_ACTIVE, PE_VISIBILITY_VISIBLE,
                           PE_NOW, nullptr);
    }
  }
  void forget_local(const std::string& session) { local_.erase(session); }

  pe_counts counts() const {
    pe_counts c;
    pe_counts_init(&c);
    EXPECT_EQ(pe_engine_counts(engine_, PE_NOW, &c), PE_OK);
    return c;
  }
  // The session's state and owner here; PE_STATE_OFFLINE when unknown.
  pe_state session_state(const std::string& session, std::string* owner = nullptr) const {
    pe_result* result = nullptr;
    pe_state state = PE_STATE_OFFLINE;
    if (pe_engine_get_session(engine_, session.data(), session.size(), PE_NOW, &result) == PE_OK &&
        pe_result_session_count(result) == 1) {
      pe_session_info info;
      pe_session_info_init(&info);
      if (pe_result_session(result, 0, &info) == PE_OK) {
        state = info.state;
        if (owner != nullptr) owner->assign(info.node_id, info.node_id_len);
      }
    }
    pe_result_destroy(result);
    return state;
  }
  pe_cluster_stats stats() const {
    pe_cluster_stats s;
    pe_cluster_stats_init(&s);
    EXPECT_EQ(pe_cluster_stats_get(cluster_, &s), PE_OK);
    return s;
  }

  pe_engine* engine() const { return engine_; }
  pe_cluster* cluster() const { return cluster_; }
  const std::string& id() const { return id_; }

 private:
  std::string id_;
  pe_engine* engine_ = nullptr;
  pe_cluster* cluster_ = nullptr;
  std::set<std::string> local_;
};

// Polls `condition` every 20 ms until it holds or `timeout_ms` passed;
// `tick` runs between polls (to heartbeat local sessions).
inline bool eventually(const std::function<bool()>& condition, std::int64_t timeout_ms,
                       const std::function<void()>& tick = {}) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    if (tick) tick();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return condition();
}

}  // namespace presence::cluster::testing
