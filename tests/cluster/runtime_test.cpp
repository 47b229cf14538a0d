// The cluster runtime end to end: nodes (engines + pe_cluster through the C
// ABI) against a real redis-server started for each test.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "child_node.h"
#include "cluster_node.h"
#include "cluster_test_util.h"
#include "redis/connection.h"
#include "redis/streams.h"
#include "redis_server.h"

namespace presence::cluster::testing {
namespace {

using std::chrono::steady_clock;

// How long replication may take in these tests (a loaded machine).
constexpr std::int64_t kSettleMs = 5000;

struct Counts {
  std::uint64_t sessions;
  std::uint64_t users;
  std::uint64_t guests;
  friend bool operator==(const Counts& a, const Counts& b) {
    return a.sessions == b.sessions && a.users == b.users && a.guests == b.guests;
  }
};

Counts counts_of(const Node& node) {
  const pe_counts c = node.counts();
  return {c.sessions_alive, c.users_alive, c.guest_sessions};
}

std::string describe(const std::vector<Node*>& nodes) {
  std::string out;
  for (const Node* n : nodes) {
    const Counts c = counts_of(*n);
    out += n->id() + ": " + std::to_string(c.sessions) + " sessions, " + std::to_string(c.users) +
           " users, " + std::to_string(c.guests) + " guests";
    if (n->cluster() != nullptr) {
      const pe_cluster_stats s = n->stats();
      char error[512];
      pe_cluster_last_error(n->cluster(), error, sizeof error, nullptr);
      out += " (sent " + std::to_string(s.records_sent) + ", received " +
             std::to_string(s.records_received) + ", bootstraps " + std::to_string(s.bootstraps) +
             ", mirror rewrites " + std::to_string(s.mirror_rewrites) + ", errors " +
             std::to_string(s.errors) + ", last: " + error + ")";
    }
    out += "; ";
  }
  return out;
}

// Every node reports `expected` (and `also` holds), with local sessions
// kept alive meanwhile.
::testing::AssertionResult all_agree(const std::vector<Node*>& nodes, Counts expected,
                                     const std::function<bool()>& also = {}) {
  const bool ok = eventually(
      [&] {
        for (const Node* n : nodes) {
          if (!(counts_of(*n) == expected)) return false;
        }
        return !also || also();
      },
      kSettleMs,
      [&] {
        for (Node* n : nodes) n->heartbeat_all();
      });
  if (ok) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << describe(nodes);
}

class ClusterRuntimeTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(RedisServer::start(&server_)); }
  OptionsPtr options(const Timings& t = Timings{}) {
    return make_options(server_->url("?connect_timeout_ms=500&command_timeout_ms=1000"), "test", t);
  }
  // Starts every node's runtime with the same options.
  ::testing::AssertionResult join_all(const std::vector<Node*>& nodes, const Timings& t = {}) {
    const OptionsPtr opts = options(t);
    for (Node* n : nodes) {
      ::testing::AssertionResult joined = n->join(opts.get());
      if (!joined) return joined;
    }
    return ::testing::AssertionSuccess();
  }
  std::unique_ptr<RedisServer> server_;
};

TEST_F(ClusterRuntimeTest, ThreeNodesAgreeOnWhosOnline) {
  Node a("a", {});
  Node b("b", {});
  Node c("c", {});
  ASSERT_TRUE(join_all({&a, &b}));
  // Sessions opened before the node joins are mirrored when it starts.
  c.open("c1", "carol");
  c.open("c2", nullptr);
  ASSERT_TRUE(join_all({&c}));
  a.open("a1", "alice");
  a.open("a2", "bob");
  b.open("b1", "alice");
  EXPECT_TRUE(all_agree({&a, &b, &c}, {5, 3, 1}));
  b.close("b1");
  a.close("a2");
  EXPECT_TRUE(all_agree({&a, &b, &c}, {3, 2, 1}));
  EXPECT_GT(a.stats().records_sent, 0U);
  EXPECT_GT(c.stats().records_received, 0U);
  EXPECT_TRUE(eventually([&] { return a.stats().nodes_alive == 2; }, kSettleMs));
  EXPECT_TRUE(a.stats().connected);
}

TEST_F(ClusterRuntimeTest, UserWithTabsOnTwoNodesClosesOne) {
  Node a("a", {});
  Node b("b", {});
  ASSERT_TRUE(join_all({&a, &b}));
  a.open("tab-1", "alice");
  b.open("tab-2", "alice");
  ASSERT_TRUE(all_agree({&a, &b}, {2, 1, 0}));
  a.close("tab-1");
  EXPECT_TRUE(all_agree({&a, &b}, {1, 1, 0}));
  EXPECT_EQ(b.session_state("tab-1"), PE_STATE_OFFLINE);
  EXPECT_EQ(a.session_state("tab-2"), PE_STATE_ACTIVE);
}

TEST_F(ClusterRuntimeTest, KilledNodeSessionsExpireOnTheOthers) {
  const Timings t;
  const std::string url = server_->url("?connect_timeout_ms=500&command_timeout_ms=1000");
  ChildNode child([&](const ChildNode::Channel& channel) {
    Node c("c", t);
    const OptionsPtr opts = make_options(url, "test", t);
    if (!c.join(opts.get())) return 1;
    c.open("c1", "carol");
    c.open("c2", "dave");
    channel.ready();
    // Keep the sessions alive until killed: only the node's death ends them.
    for (;;) {
      c.heartbeat_all();
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  });
  ASSERT_TRUE(child.started());
  ASSERT_TRUE(child.wait_ready());
  Node a("a", t);
  ASSERT_TRUE(join_all({&a}, t));
  ASSERT_TRUE(all_agree({&a}, {2, 2, 0}));

  child.signal(SIGKILL);  // no goodbye: the liveness key just stops being renewed
  EXPECT_EQ(child.wait_exit(), -1);
  const auto killed = steady_clock::now();
  bool saw_stale = false;
  // Gone: the key expires (ttl), the engine stops counting the node as alive
  // (node_timeout), then its sessions age like silent ones (session_ttl).
  const std::int64_t bound = t.node_ttl_ms + t.node_timeout_ms + t.session_ttl_ms + 2000;
  EXPECT_TRUE(eventually(
      [&] {
        const pe_counts c = a.counts();
        if (c.sessions_stale > 0) saw_stale = true;
        return c.sessions_alive == 0;
      },
      bound))
      << describe({&a});
  EXPECT_TRUE(saw_stale) << "the sessions went offline without passing through stale";
  EXPECT_GE(elapsed_ms(killed), t.node_ttl_ms / 2) << "expired before the node's TTL";
  EXPECT_EQ(a.stats().nodes_alive, 0U);
}

TEST_F(ClusterRuntimeTest, RedisRestartLosesNoTransition) {
  Node a("a", {});
  Node b("b", {});
  ASSERT_TRUE(join_all({&a, &b}));
  a.open("a1", "alice");
  b.open("b1", "bob");
  ASSERT_TRUE(all_agree({&a, &b}, {2, 2, 0}));

  server_->kill();  // no persistence: Redis comes back empty
  a.open("a2", "carol");
  a.close("a1");
  b.open("b2", "dave");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_FALSE(a.stats().connected);
  ASSERT_TRUE(server_->restart());

  // The counts alone could agree by chance (a1 still on b, a2 not yet).
  EXPECT_TRUE(all_agree({&a, &b}, {3, 3, 0}, [&] {
    return b.session_state("a1") == PE_STATE_OFFLINE && b.session_state("a2") != PE_STATE_OFFLINE &&
           a.session_state("b2") != PE_STATE_OFFLINE;
  }));
  EXPECT_GE(a.stats().mirror_rewrites, 2U) << "Redis lost the mirror: it must be rewritten";
  EXPECT_GE(b.stats().mirror_rewrites, 2U);
  EXPECT_GT(a.stats().errors, 0U);
  char error[256];
  ASSERT_EQ(pe_cluster_last_error(a.cluster(), error, sizeof error, nullptr), PE_OK);
  EXPECT_NE(std::string(error), "");
}

TEST_F(ClusterRuntimeTest, SessionMovesBetweenNodesWithoutLeaveOrJoin) {
  Node a("a", {});
  Node b("b", {});
  Node c("c", {});
  ASSERT_TRUE(join_all({&a, &b, &c}));
  a.open("s", "alice");
  std::string owner;
  ASSERT_TRUE(
      eventually([&] { return c.session_state("s", &owner) != PE_STATE_OFFLINE; }, kSettleMs));
  EXPECT_EQ(owner, "a");
  pe_stats before;
  pe_stats_init(&before);
  ASSERT_EQ(pe_engine_stats(c.engine(), &before), PE_OK);

  b.open("s", "alice");  // the tab reconnected to another app server
  a.forget_local("s");
  EXPECT_TRUE(eventually(
      [&] {
        std::string on_a;
        std::string on_c;
        a.session_state("s", &on_a);
        c.session_state("s", &on_c);
        return on_a == "b" && on_c == "b";
      },
      kSettleMs, [&] { b.heartbeat_all(); }));
  EXPECT_TRUE(all_agree({&a, &b, &c}, {1, 1, 0}));
  // No event on c: neither the session nor alice went offline and back.
  pe_result* events = nullptr;
  ASSERT_EQ(pe_engine_poll_events(c.engine(), before.last_seq, 0, &events), PE_OK);
  for (std::size_t i = 0; i < pe_result_event_count(events); ++i) {
    pe_event event;
    pe_event_init(&event);
    ASSERT_EQ(pe_result_event(events, i, &event), PE_OK);
    EXPECT_NE(event.new_state, PE_STATE_OFFLINE) << std::string(event.id, event.id_len);
  }
  pe_result_destroy(events);
}

TEST_F(ClusterRuntimeTest, StreamTrimmedWhileAwayBootstrapsAgain) {
  const Timings t;
  const std::string url = server_->url("?connect_timeout_ms=500&command_timeout_ms=1000");
  ChildNode child([&](const ChildNode::Channel& channel) {
    Node b("b", t);
    OptionsPtr opts = make_options(url, "test", t);
    pe_cluster_options_set_stream_max_len(opts.get(), 100);
    if (!b.join(opts.get())) return 1;
    if (!eventually([&] { return b.session_state("old") != PE_STATE_OFFLINE; }, kSettleMs))
      return 2;
    channel.ready();
    channel.wait_go();  // frozen (SIGSTOP) and thawed meanwhile
    const bool caught_up = eventually(
        [&] {
          return b.session_state("old") == PE_STATE_OFFLINE &&
                 b.session_state("new") != PE_STATE_OFFLINE && b.stats().bootstraps >= 2;
        },
        kSettleMs);
    return caught_up ? 0 : 3;
  });
  ASSERT_TRUE(child.started());
  Node a("a", t);
  OptionsPtr opts = options(t);
  pe_cluster_options_set_stream_max_len(opts.get(), 100);
  ASSERT_TRUE(a.join(opts.get()));
  a.open("old", "alice");
  ASSERT_TRUE(child.wait_ready());

  child.signal(SIGSTOP);
  a.close("old");
  a.open("new", "bob");
  // Push both changes out of the stream: enough entries of another writer
  // that trimming (MAXLEN ~ 100) removes everything b has not read.
  std::unique_ptr<RedisConnection> redis;
  ASSERT_TRUE(open_connection(server_->url(), &redis));
  for (int i = 0; i < 400; ++i) {
    StreamId id;
    ASSERT_TRUE(
        xadd(*redis, "pe:test:log", {{"node", "other"}, {"records", ""}}, 100, &id).is_ok());
  }
  child.signal(SIGCONT);
  child.go();
  std::atomic<int> status{-2};
  std::thread waiter([&] { status = child.wait_exit(); });
  eventually([&] { return status != -2; }, 2 * kSettleMs, [&] { a.heartbeat_all(); });
  waiter.join();
  EXPECT_EQ(status, 0) << "1: join failed, 2: never saw 'old', 3: did not bootstrap again";
}

TEST_F(ClusterRuntimeTest, StopWhileRedisIsDownDoesNotHang) {
  Node a("a", {});
  ASSERT_TRUE(join_all({&a}));
  a.open("a1", "alice");
  server_->kill();
  a.close("a1");
  const auto start = steady_clock::now();
  a.leave_cluster();
  EXPECT_LT(elapsed_ms(start), 3000);
}

TEST_F(ClusterRuntimeTest, EngineClosedUnderARunningClusterStopsCleanly) {
  Node a("a", {});
  ASSERT_TRUE(join_all({&a}));
  a.open("a1", "alice");
  ASSERT_EQ(pe_engine_close(a.engine()), PE_OK);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const std::uint64_t errors = a.stats().errors;
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_LE(a.stats().errors, errors + 10) << "a closed engine must not make the runtime spin";
  const auto start = steady_clock::now();
  a.leave_cluster();
  EXPECT_LT(elapsed_ms(start), 3000);
}

TEST(ClusterOptionsTest, BadOptionsGiveClearErrors) {
  EXPECT_EQ(pe_cluster_options_create(nullptr), PE_INVALID_ARGUMENT);
  pe_cluster_options* raw = nullptr;
  ASSERT_EQ(pe_cluster_options_create(&raw), PE_OK);
  const OptionsPtr options(raw);
  const std::string bad = "http://localhost";
  EXPECT_EQ(pe_cluster_options_set_url(raw, bad.data(), bad.size()), PE_INVALID_ARGUMENT);
  EXPECT_NE(std::string(pe_last_error_message()).find("URL"), std::string::npos)
      << pe_last_error_message();
  EXPECT_EQ(pe_cluster_options_set_cluster_name(raw, "a:b", 3), PE_INVALID_ARGUMENT);
  EXPECT_EQ(pe_cluster_options_set_node_ttl_ms(raw, 10), PE_INVALID_ARGUMENT);
  EXPECT_EQ(pe_cluster_options_set_stream_max_len(raw, 5), PE_INVALID_ARGUMENT);
  EXPECT_EQ(pe_cluster_options_set_batch_interval_ms(raw, 0), PE_INVALID_ARGUMENT);
  EXPECT_EQ(pe_cluster_options_set_tls(raw, 1, nullptr, 0, "c.pem", 5, nullptr, 0, nullptr, 0, 0),
            PE_INVALID_ARGUMENT);
  EXPECT_EQ(pe_cluster_options_set_url(nullptr, "redis://x", 9), PE_INVALID_ARGUMENT);

  Node a("a", {});
  pe_cluster* cluster = nullptr;
  EXPECT_EQ(pe_cluster_start(a.engine(), raw, &cluster), PE_INVALID_ARGUMENT);
  EXPECT_NE(std::string(pe_last_error_message()).find("no Redis URL"), std::string::npos);
  EXPECT_EQ(pe_cluster_start(nullptr, raw, &cluster), PE_INVALID_ARGUMENT);
  EXPECT_EQ(pe_cluster_start(a.engine(), nullptr, &cluster), PE_INVALID_ARGUMENT);
  EXPECT_EQ(pe_cluster_start(a.engine(), raw, nullptr), PE_INVALID_ARGUMENT);

  // Nothing listens there: a clear error within the start timeout.
  const std::string nowhere =
      "redis://127.0.0.1:" + std::to_string(free_loopback_port()) + "?connect_timeout_ms=200";
  ASSERT_EQ(pe_cluster_options_set_url(raw, nowhere.data(), nowhere.size()), PE_OK);
  ASSERT_EQ(pe_cluster_options_set_start_timeout_ms(raw, 800), PE_OK);
  const auto start = steady_clock::now();
  EXPECT_EQ(pe_cluster_start(a.engine(), raw, &cluster), PE_INVALID_ARGUMENT);
  EXPECT_LT(elapsed_ms(start), 3000);
  EXPECT_EQ(cluster, nullptr);
  const std::string message = pe_last_error_message();
  EXPECT_NE(message.find("cluster start failed"), std::string::npos) << message;
  EXPECT_NE(message.find("127.0.0.1"), std::string::npos) << message;

  // An engine without a node id cannot join.
  pe_config config;
  pe_config_init(&config);
  pe_engine* standalone = nullptr;
  ASSERT_EQ(pe_engine_create(&config, &standalone), PE_OK);
  EXPECT_EQ(pe_cluster_start(standalone, raw, &cluster), PE_INVALID_ARGUMENT);
  EXPECT_NE(std::string(pe_last_error_message()).find("node_id"), std::string::npos);
  pe_engine_destroy(standalone);

  pe_cluster_stop(nullptr);
  pe_cluster_destroy(nullptr);
  pe_cluster_options_destroy(nullptr);
}

TEST_F(ClusterRuntimeTest, WrongPasswordFailsAtOnce) {
  std::unique_ptr<RedisServer> secured;
  ASSERT_TRUE(RedisServer::start({{"--requirepass", "secret"}, false}, &secured));
  OptionsPtr opts = make_options(secured->url(), "test", {});
  ASSERT_EQ(pe_cluster_options_set_auth(opts.get(), nullptr, 0, "wrong", 5), PE_OK);
  Node a("a", {});
  pe_cluster* cluster = nullptr;
  const auto start = steady_clock::now();
  EXPECT_EQ(pe_cluster_start(a.engine(), opts.get(), &cluster), PE_INVALID_ARGUMENT);
  EXPECT_LT(elapsed_ms(start), 2500) << "a refused password is final: no wait for the timeout";
  ASSERT_EQ(pe_cluster_options_set_auth(opts.get(), nullptr, 0, "secret", 6), PE_OK);
  EXPECT_EQ(pe_cluster_start(a.engine(), opts.get(), &cluster), PE_OK) << pe_last_error_message();
  pe_cluster* second = nullptr;
  EXPECT_EQ(pe_cluster_start(a.engine(), opts.get(), &second), PE_CONFLICT);
  pe_cluster_destroy(cluster);
}

}  // namespace
}  // namespace presence::cluster::testing
