// Cluster mode benchmark, against a Redis given by URL (run.sh starts one):
//   1. heartbeats make no Redis round trip: the heartbeat rate with the
//      cluster runtime off and on, and Redis's command count (INFO
//      commandstats) over a heartbeat phase against an idle phase as long;
//   2. replication lag at a steady 10,000 transitions/s from one node to
//      another: per event, publication on the follower minus the time the
//      owner made the change (one machine, one clock);
//   3. bootstrap: pe_cluster_start of a new node in a cluster whose other
//      node holds 1,000,000 sessions, until every one is readable there.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "presence/presence.h"
#include "redis/connection.h"

namespace {

using Clock = std::chrono::steady_clock;
using presence::cluster::RedisConnection;
using presence::cluster::RedisReply;

// CPU time of this process (every thread): on a shared machine, less
// disturbed by other processes than wall-clock time.
double process_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

void check(pe_status status, const char* what) {
  if (status == PE_OK) return;
  std::fprintf(stderr, "%s: %s: %s\n", what, pe_status_name(status), pe_last_error_message());
  std::exit(1);
}

pe_engine* make_engine(const std::string& node) {
  pe_config config;
  pe_config_init(&config);
  config.node_id = node.data();
  config.node_id_len = node.size();
  config.debounce_active_ms = 0;
  config.debounce_offline_ms = 0;
  config.max_sessions_per_user = 65535;
  pe_engine* engine = nullptr;
  check(pe_engine_create(&config, &engine), "pe_engine_create");
  return engine;
}

pe_cluster* join(pe_engine* engine, const std::string& url, const std::string& cluster) {
  pe_cluster_options* options = nullptr;
  check(pe_cluster_options_create(&options), "options");
  check(pe_cluster_options_set_url(options, url.data(), url.size()), "url");
  check(pe_cluster_options_set_cluster_name(options, cluster.data(), cluster.size()), "name");
  check(pe_cluster_options_set_start_timeout_ms(options, 60000), "timeout");
  pe_cluster* out = nullptr;
  check(pe_cluster_start(engine, options, &out), "pe_cluster_start");
  pe_cluster_options_destroy(options);
  return out;
}

std::string session_id(std::uint64_t i) {
  char id[32];
  std::snprintf(id, sizeof id, "session-%012" PRIu64, i);
  return id;
}

void open_sessions(pe_engine* engine, std::uint64_t first, std::uint64_t count) {
  pe_open_params params;
  pe_open_params_init(&params);
  for (std::uint64_t i = first; i < first + count; ++i) {
    const std::string id = session_id(i);
    const std::string user = "user-" + std::to_string(i / 4);
    params.user_id = user.data();
    params.user_id_len = user.size();
    check(pe_session_open(engine, id.data(), id.size(), &params, PE_NOW, nullptr), "open");
  }
}

// Sum of calls over INFO commandstats ("cmdstat_xadd:calls=12,...").
long long redis_commands(RedisConnection& redis) {
  RedisReply reply;
  if (!redis.execute({"INFO", "commandstats"}, &reply).is_ok()) return -1;
  long long total = 0;
  const std::string& text = reply.text();
  for (std::size_t at = text.find("calls="); at != std::string::npos;
       at = text.find("calls=", at + 1)) {
    total += std::atoll(text.c_str() + at + 6);
  }
  return total;
}

double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

struct Rate {
  double per_second;      // wall clock
  double per_cpu_second;  // CPU time of the calling thread
};

Rate heartbeat_rate(pe_engine* engine, std::uint64_t sessions, double seconds) {
  std::vector<std::string> ids;
  for (std::uint64_t i = 0; i < sessions; ++i) ids.push_back(session_id(i));
  std::uint64_t beats = 0;
  const auto start = Clock::now();
  const double cpu_start = thread_cpu_seconds();
  while (seconds_since(start) < seconds) {
    for (const std::string& id : ids) {
      pe_session_heartbeat(engine, id.data(), id.size(), PE_ACTIVITY_ACTIVE, PE_VISIBILITY_VISIBLE,
                           PE_NOW, nullptr);
    }
    beats += ids.size();
  }
  const auto total = static_cast<double>(beats);
  return {total / seconds_since(start), total / (thread_cpu_seconds() - cpu_start)};
}

void bench_heartbeats(const std::string& url) {
  constexpr std::uint64_t kSessions = 100000;
  constexpr double kPhase = 5.0;
  pe_engine* engine = make_engine("hb-a");
  open_sessions(engine, 0, kSessions);
  const Rate off = heartbeat_rate(engine, kSessions, kPhase);
  pe_cluster* cluster = join(engine, url, "bench-hb");
  std::unique_ptr<RedisConnection> redis;
  if (!RedisConnection::create(url, &redis).is_ok() || !redis->connect().is_ok()) std::exit(1);
  const long long idle_before = redis_commands(*redis);
  std::this_thread::sleep_for(std::chrono::duration<double>(kPhase));
  const long long idle_after = redis_commands(*redis);
  const Rate on = heartbeat_rate(engine, kSessions, kPhase);
  const long long busy_after = redis_commands(*redis);
  // Each INFO call is itself counted once.
  std::printf("heartbeats, %" PRIu64 " sessions, %.0f s per phase\n", kSessions, kPhase);
  std::printf("  cluster off: %12.0f heartbeats/s, %12.0f per CPU-second\n", off.per_second,
              off.per_cpu_second);
  std::printf("  cluster on:  %12.0f heartbeats/s, %12.0f per CPU-second (%.0f in the phase)\n",
              on.per_second, on.per_cpu_second, on.per_second * kPhase);
  std::printf("  Redis commands: idle phase %lld, heartbeat phase %lld\n",
              idle_after - idle_before - 1, busy_after - idle_after - 1);
  pe_cluster_destroy(cluster);
  // Off again: tells the runtime's cost from the engine's own drift over the run.
  const Rate after = heartbeat_rate(engine, kSessions, kPhase);
  std::printf("  off again:   %12.0f heartbeats/s, %12.0f per CPU-second\n", after.per_second,
              after.per_cpu_second);
  pe_engine_destroy(engine);
}

void bench_lag(const std::string& url) {
  constexpr int kRate = 10000;  // transitions per second
  constexpr double kSeconds = 10.0;
  constexpr std::uint64_t kLive = 20000;  // sessions kept open, oldest closed first
  pe_engine* a = make_engine("lag-a");
  pe_engine* b = make_engine("lag-b");
  pe_cluster* ca = join(a, url, "bench-lag");
  pe_cluster* cb = join(b, url, "bench-lag");
  pe_stats stats;
  pe_stats_init(&stats);
  check(pe_engine_stats(b, &stats), "stats");
  std::uint64_t cursor = stats.last_seq;
  std::vector<std::int64_t> lags;
  std::atomic<bool> done{false};
  std::thread reader([&] {
    // Reads b's events as an application would; each session event of a
    // remote session carries the owner's time of the change (at_ms) and its
    // publication here (published_at_ms).
    while (!done) {
      pe_result* events = nullptr;
      check(pe_engine_poll_events(b, cursor, 0, &events), "poll");
      const std::size_t n = pe_result_event_count(events);
      for (std::size_t i = 0; i < n; ++i) {
        pe_event event;
        pe_event_init(&event);
        if (pe_result_event(events, i, &event) != PE_OK || event.kind != PE_EVENT_SESSION) continue;
        lags.push_back(event.published_at_ms - event.at_ms);
      }
      cursor = pe_result_seq(events);
      pe_result_destroy(events);
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  });
  pe_open_params params;
  pe_open_params_init(&params);
  const auto start = Clock::now();
  std::uint64_t made = 0;
  std::uint64_t opened = 0;
  std::uint64_t closed = 0;
  while (seconds_since(start) < kSeconds) {
    const auto due = static_cast<std::uint64_t>(seconds_since(start) * kRate);
    for (; made < due; ++made) {
      if (opened - closed < kLive) {
        const std::string id = session_id(opened++);
        check(pe_session_open(a, id.data(), id.size(), &params, PE_NOW, nullptr), "open");
      } else {
        const std::string id = session_id(closed++);
        check(pe_session_leave(a, id.data(), id.size(), PE_NOW), "leave");
      }
    }
    std::this_thread::sleep_for(std::chrono::microseconds(500));
  }
  const double elapsed = seconds_since(start);
  std::this_thread::sleep_for(std::chrono::seconds(1));
  done = true;
  reader.join();
  std::sort(lags.begin(), lags.end());
  auto pct = [&](double p) {
    return lags.empty() ? -1
                        : lags[static_cast<std::size_t>(p * static_cast<double>(lags.size() - 1))];
  };
  pe_cluster_stats cs;
  pe_cluster_stats_init(&cs);
  check(pe_cluster_stats_get(cb, &cs), "cluster stats");
  std::printf("replication lag, %.0f transitions/s for %.1f s (%" PRIu64 " made, %zu seen on b)\n",
              static_cast<double>(made) / elapsed, elapsed, made, lags.size());
  std::printf("  per event, ms: p50 %" PRId64 "  p90 %" PRId64 "  p99 %" PRId64 "  p99.9 %" PRId64
              "  max %" PRId64 "\n",
              pct(0.5), pct(0.9), pct(0.99), pct(0.999), pct(1.0));
  std::printf("  follower: %" PRIu64 " records received, stream entry age max %" PRId64 " ms\n",
              cs.records_received, cs.replication_lag_max_ms);
  pe_cluster_destroy(cb);
  pe_cluster_destroy(ca);
  pe_engine_destroy(b);
  pe_engine_destroy(a);
}

void bench_bootstrap(const std::string& url, std::uint64_t sessions) {
  pe_engine* a = make_engine("boot-a");
  auto start = Clock::now();
  open_sessions(a, 0, sessions);
  std::printf("bootstrap, %" PRIu64 " sessions (opened on a in %.2f s)\n", sessions,
              seconds_since(start));
  start = Clock::now();
  pe_cluster* ca = join(a, url, "bench-boot");
  std::printf("  a joins (mirrors its sessions into Redis): %.2f s\n", seconds_since(start));
  pe_engine* b = make_engine("boot-b");
  start = Clock::now();
  const double cpu_before = process_cpu_seconds();
  pe_cluster* cb = join(b, url, "bench-boot");
  const double joined = seconds_since(start);
  const double cpu = process_cpu_seconds() - cpu_before;
  pe_counts counts;
  pe_counts_init(&counts);
  check(pe_engine_counts(b, PE_NOW, &counts), "counts");
  std::printf(
      "  b joins (bootstraps from the mirror): %.2f s (this process's CPU time meanwhile "
      "%.2f s), and then holds %" PRIu64 " sessions of %" PRIu64 " users\n",
      joined, cpu, counts.sessions_alive, counts.users_alive);
  pe_cluster_destroy(cb);
  pe_cluster_destroy(ca);
  pe_engine_destroy(b);
  pe_engine_destroy(a);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s <redis-url> [heartbeats|lag|bootstrap|all] [sessions]\n",
                 argv[0]);
    return 2;
  }
  const std::string url = argv[1];
  const std::string which = argc > 2 ? argv[2] : "all";
  const std::uint64_t sessions = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1000000;
  if (which == "heartbeats" || which == "all") bench_heartbeats(url);
  if (which == "lag" || which == "all") bench_lag(url);
  if (which == "bootstrap" || which == "all") bench_bootstrap(url, sessions);
  return 0;
}
