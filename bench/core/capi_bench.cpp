// Core benchmarks through the C ABI (issue 2's targets), one process, one run:
//   heartbeat throughput at 1M live sessions (single calls and batches),
//   memory per live session, advance() with nothing due at 10k vs 1M
//   sessions, counts at 10k vs 1M, first page of the user list at 1M.
// Usage: capi_bench [sessions=1000000] [users=250000]
#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "bench_support.h"
#include "presence/presence.h"

namespace {

using bench::check;
using bench::Elapsed;
using bench::Stopwatch;
constexpr int64_t kStart = 1'700'000'000'000;

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

// The time of heartbeats through single calls, in the given order.
Elapsed single_calls(pe_engine* engine, const std::vector<const std::string*>& order, int64_t now) {
  const Stopwatch watch;
  for (const std::string* id : order) {
    check(pe_session_heartbeat(engine, id->data(), id->size(), PE_ACTIVITY_ACTIVE,
                               PE_VISIBILITY_UNKNOWN, now, nullptr),
          "heartbeat");
  }
  return watch.elapsed();
}

Elapsed batches(pe_engine* engine, const std::vector<const std::string*>& order, int64_t now,
                size_t batch) {
  std::vector<pe_heartbeat> items(batch);
  const Stopwatch watch;
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
  return watch.elapsed();
}

Elapsed advance_idle(pe_engine* engine, int64_t now) {
  // Nothing is due at `now` (deadlines are >= 15 s away).
  return bench::per_call(
      1'000'000, [&](size_t) { check(pe_engine_advance(engine, now, 0, nullptr), "advance"); });
}

Elapsed counts_call(pe_engine* engine, int64_t now) {
  pe_counts counts;
  pe_counts_init(&counts);
  return bench::per_call(1'000'000,
                         [&](size_t) { check(pe_engine_counts(engine, now, &counts), "counts"); });
}

Elapsed first_page(pe_engine* engine, int64_t now) {
  return bench::per_call(2'000, [&](size_t) {
    pe_result* result = nullptr;
    check(pe_engine_list_users(engine, PE_STATE_STALE, nullptr, 0, 50, now, &result), "list");
    if (pe_result_user_count(result) != 50) std::exit(1);
    pe_result_destroy(result);
  });
}

}  // namespace

int main(int argc, char** argv) {
  const size_t sessions = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
  const size_t users = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 250'000;
  std::printf("Presence Engine %s core benchmark: %zu sessions, %zu users\n", pe_version_string(),
              sessions, users);

  // A small engine first, for the "same cost at 10k and at 1M" comparisons.
  Elapsed small_advance;
  Elapsed small_counts;
  {
    const Population small(10'000, 2'500);
    pe_engine* engine = small.open_all();
    small_advance = advance_idle(engine, kStart + 1);
    small_counts = counts_call(engine, kStart + 1);
    pe_engine_destroy(engine);
  }

  const Population big(sessions, users);
  const long rss_before = bench::rss_kib();
  const Stopwatch fill_watch;
  pe_engine* engine = big.open_all();
  const Elapsed fill = fill_watch.elapsed();
  const long rss_after = bench::rss_kib();
  const double bytes_per_session =
      static_cast<double>(rss_after - rss_before) * 1024.0 / static_cast<double>(sessions);

  std::vector<const std::string*> sequential;
  for (const std::string& id : big.ids) sequential.push_back(&id);
  std::vector<const std::string*> shuffled = sequential;
  std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(42));

  // Publish the sessions' first events (debounced) before measuring heartbeats.
  int64_t now = kStart + 5'000;
  check(pe_engine_advance(engine, now, 0, nullptr), "advance");
  const Elapsed seq_single = single_calls(engine, sequential, now);
  now += 1'000;
  const Elapsed rnd_single = single_calls(engine, shuffled, now);
  now += 1'000;
  const Elapsed seq_batch = batches(engine, sequential, now, 1'024);
  now += 1'000;
  const Elapsed rnd_batch = batches(engine, shuffled, now, 1'024);
  now += 1'000;

  const Elapsed big_advance = advance_idle(engine, now);
  const Elapsed big_counts = counts_call(engine, now);
  const Elapsed page = first_page(engine, now);

  pe_counts counts;
  pe_counts_init(&counts);
  check(pe_engine_counts(engine, now, &counts), "counts");

  const auto n = static_cast<double>(sessions);
  bench::print_header();
  bench::print_rate("open every session (fill)", n, fill);
  bench::print_value("memory per live session (RSS growth / sessions)", bytes_per_session, "B");
  bench::print_rate("heartbeat, single C calls, sequential order", n, seq_single);
  bench::print_rate("heartbeat, single C calls, random order", n, rnd_single);
  bench::print_rate("heartbeat, batches of 1024, sequential order", n, seq_batch);
  bench::print_rate("heartbeat, batches of 1024, random order", n, rnd_batch);
  bench::print_latency("advance, nothing due, 10k sessions", small_advance, "ns");
  bench::print_latency("advance, nothing due, 1M sessions", big_advance, "ns");
  bench::print_latency("counts, 10k sessions", small_counts, "ns");
  bench::print_latency("counts, 1M sessions", big_counts, "ns");
  bench::print_latency("first page (50) of the user list, 1M sessions", page, "us");
  std::printf("\nsessions alive: %" PRIu64 ", users alive: %" PRIu64 "\n", counts.sessions_alive,
              counts.users_alive);
  pe_engine_destroy(engine);
  return 0;
}
