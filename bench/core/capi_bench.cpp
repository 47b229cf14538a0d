// Core benchmarks through the C ABI (issue 2's targets), one process, one run:
//   heartbeat throughput at 1M live sessions (single calls and batches),
//   memory per live session, advance() with nothing due at 10k vs 1M
//   sessions, counts at 10k vs 1M, first page of the user list at 1M.
// Usage: capi_bench [sessions=1000000] [users=250000]
#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "presence/presence.h"

namespace {

using Clock = std::chrono::steady_clock;
constexpr int64_t kStart = 1'700'000'000'000;

void check(pe_status status, const char* what) {
  if (status != PE_OK) {
    std::fprintf(stderr, "%s failed: %s (%s)\n", what, pe_status_name(status),
                 pe_last_error_message());
    std::exit(1);
  }
}

long rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return 0;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Ids of 24 bytes, like the application-owned ids of browser tabs.
std::string session_id(size_t i) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "tab-%012zu-a1b2c3d", i);
  return buffer;
}

std::string user_id(size_t i) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "user-%010zu", i);
  return buffer;
}

// The ids live in the benchmark, made before the engine's memory is measured.
struct Population {
  std::vector<std::string> ids;
  std::vector<std::string> users;

  Population(size_t sessions, size_t user_count) {
    for (size_t i = 0; i < sessions; ++i) ids.push_back(session_id(i));
    for (size_t u = 0; u < user_count; ++u) users.push_back(user_id(u));
  }

  pe_engine* open_all() const {
    pe_engine* engine = nullptr;
    check(pe_engine_create(nullptr, &engine), "create");
    pe_open_params params;
    pe_open_params_init(&params);
    for (size_t i = 0; i < ids.size(); ++i) {
      const std::string& user = users[i % users.size()];
      params.user_id = user.data();
      params.user_id_len = user.size();
      check(pe_session_open(engine, ids[i].data(), ids[i].size(), &params, kStart, nullptr),
            "open");
    }
    return engine;
  }
};

// Heartbeats per second through single calls, in the given order.
double single_rate(pe_engine* engine, const std::vector<const std::string*>& order, int64_t now) {
  const auto start = Clock::now();
  for (const std::string* id : order) {
    check(pe_session_heartbeat(engine, id->data(), id->size(), PE_ACTIVITY_ACTIVE,
                               PE_VISIBILITY_UNKNOWN, now, nullptr),
          "heartbeat");
  }
  return static_cast<double>(order.size()) / seconds_since(start);
}

double batch_rate(pe_engine* engine, const std::vector<const std::string*>& order, int64_t now,
                  size_t batch) {
  std::vector<pe_heartbeat> items(batch);
  const auto start = Clock::now();
  for (size_t base = 0; base < order.size(); base += batch) {
    const size_t n = std::min(batch, order.size() - base);
    for (size_t i = 0; i < n; ++i) {
      items[i] = pe_heartbeat{order[base + i]->data(), order[base + i]->size(), PE_ACTIVITY_ACTIVE,
                              PE_VISIBILITY_UNKNOWN};
    }
    size_t failed = 0;
    check(pe_session_heartbeat_batch(engine, items.data(), n, now, nullptr, nullptr, &failed),
          "batch");
    if (failed != 0) {
      std::fprintf(stderr, "%zu heartbeats failed: %s\n", failed, pe_last_error_message());
      std::exit(1);
    }
  }
  return static_cast<double>(order.size()) / seconds_since(start);
}

// Nanoseconds per call of `call`, repeated `reps` times.
template <class Call>
double ns_per_call(size_t reps, Call&& call) {
  const auto start = Clock::now();
  for (size_t i = 0; i < reps; ++i) call(i);
  return seconds_since(start) * 1e9 / static_cast<double>(reps);
}

double advance_idle_ns(pe_engine* engine, int64_t now) {
  // Times inside [now, now + 1 ms): nothing is due (deadlines are >= 15 s away).
  return ns_per_call(1'000'000,
                     [&](size_t) { check(pe_engine_advance(engine, now, 0, nullptr), "advance"); });
}

double counts_ns(pe_engine* engine, int64_t now) {
  pe_counts counts;
  pe_counts_init(&counts);
  return ns_per_call(1'000'000,
                     [&](size_t) { check(pe_engine_counts(engine, now, &counts), "counts"); });
}

double first_page_us(pe_engine* engine, int64_t now) {
  const size_t reps = 2'000;
  return ns_per_call(
             reps,
             [&](size_t) {
               pe_result* result = nullptr;
               check(pe_engine_list_users(engine, PE_STATE_STALE, nullptr, 0, 50, now, &result),
                     "list");
               if (pe_result_user_count(result) != 50) std::exit(1);
               pe_result_destroy(result);
             }) /
         1e3;
}

}  // namespace

int main(int argc, char** argv) {
  const size_t sessions = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
  const size_t users = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 250'000;
  std::printf("Presence Engine %s core benchmark: %zu sessions, %zu users\n", pe_version_string(),
              sessions, users);

  // A small engine first, for the "same cost at 10k and at 1M" comparisons.
  double small_advance = 0;
  double small_counts = 0;
  {
    const Population small(10'000, 2'500);
    pe_engine* engine = small.open_all();
    small_advance = advance_idle_ns(engine, kStart + 1);
    small_counts = counts_ns(engine, kStart + 1);
    pe_engine_destroy(engine);
  }

  const Population big(sessions, users);
  const long rss_before = rss_kib();
  const auto fill_start = Clock::now();
  pe_engine* engine = big.open_all();
  const double fill_s = seconds_since(fill_start);
  const long rss_after = rss_kib();
  const double bytes_per_session =
      static_cast<double>(rss_after - rss_before) * 1024.0 / static_cast<double>(sessions);

  std::vector<const std::string*> sequential;
  for (const std::string& id : big.ids) sequential.push_back(&id);
  std::vector<const std::string*> shuffled = sequential;
  std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(42));

  // Publish the sessions' first events (debounced) before measuring heartbeats.
  int64_t now = kStart + 5'000;
  check(pe_engine_advance(engine, now, 0, nullptr), "advance");
  const double seq_single = single_rate(engine, sequential, now);
  now += 1'000;
  const double rnd_single = single_rate(engine, shuffled, now);
  now += 1'000;
  const double seq_batch = batch_rate(engine, sequential, now, 1'024);
  now += 1'000;
  const double rnd_batch = batch_rate(engine, shuffled, now, 1'024);
  now += 1'000;

  const double big_advance = advance_idle_ns(engine, now);
  const double big_counts = counts_ns(engine, now);
  const double page_us = first_page_us(engine, now);

  pe_counts counts;
  pe_counts_init(&counts);
  check(pe_engine_counts(engine, now, &counts), "counts");

  std::printf("\n%-58s %14s\n", "measure", "value");
  std::printf("%-58s %11.2f s\n", "open every session (fill)", fill_s);
  std::printf("%-58s %12.0f B\n", "memory per live session (RSS growth / sessions)",
              bytes_per_session);
  std::printf("%-58s %10.2f M/s\n", "heartbeat, single C calls, sequential order",
              seq_single / 1e6);
  std::printf("%-58s %10.2f M/s\n", "heartbeat, single C calls, random order", rnd_single / 1e6);
  std::printf("%-58s %10.2f M/s\n", "heartbeat, batches of 1024, sequential order",
              seq_batch / 1e6);
  std::printf("%-58s %10.2f M/s\n", "heartbeat, batches of 1024, random order", rnd_batch / 1e6);
  std::printf("%-58s %11.1f ns\n", "advance, nothing due, 10k sessions", small_advance);
  std::printf("%-58s %11.1f ns\n", "advance, nothing due, 1M sessions", big_advance);
  std::printf("%-58s %11.1f ns\n", "counts, 10k sessions", small_counts);
  std::printf("%-58s %11.1f ns\n", "counts, 1M sessions", big_counts);
  std::printf("%-58s %11.1f us\n", "first page (50) of the user list, 1M sessions", page_us);
  std::printf("\nsessions alive: %" PRIu64 ", users alive: %" PRIu64 "\n", counts.sessions_alive,
              counts.users_alive);
  pe_engine_destroy(engine);
  return 0;
}
