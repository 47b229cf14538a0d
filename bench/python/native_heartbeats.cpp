// The native engine's own heartbeat cost, measured exactly as
// bench_heartbeats.py measures the binding (same ids, users and passes), so
// the two can be compared within one run: what the binding adds is the
// difference.
//
// Usage: native_heartbeats [sessions] [users] [batch_size] [repeat] [all|single|batch|none]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "presence/presence.h"

namespace {

void require(pe_status status) {
  if (status != PE_OK) {
    std::fprintf(stderr, "native_heartbeats: %s\n", pe_last_error_message());
    std::exit(1);
  }
}

std::string numbered(const char* prefix, int width, long long n) {
  std::string digits = std::to_string(n);
  return prefix +
         std::string(static_cast<std::size_t>(std::max(0, width - static_cast<int>(digits.size()))),
                     '0') +
         digits;
}

// Runs `pass` `repeat` times and prints the best rate, as the Python bench does.
template <class Pass>
void measure(const char* label, std::size_t count, int repeat, Pass&& pass) {
  double best = 0;
  for (int r = 0; r < repeat; ++r) {
    const auto start = std::chrono::steady_clock::now();
    pass();
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    best = std::max(best, static_cast<double>(count) / took.count());
  }
  std::printf("%-44s %6.2f M/s  %7.0f ns/heartbeat  (best of %d)\n", label, best / 1e6, 1e9 / best,
              repeat);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  const long long sessions = argc > 1 ? std::atoll(argv[1]) : 1'000'000;
  const long long users = argc > 2 ? std::atoll(argv[2]) : 250'000;
  const std::size_t batch = argc > 3 ? static_cast<std::size_t>(std::atoll(argv[3])) : 10'000;
  const int repeat = argc > 4 ? std::atoi(argv[4]) : 3;
  const std::string mode = argc > 5 ? argv[5] : "all";

  pe_engine* engine = nullptr;
  require(pe_engine_create(nullptr, &engine));
  std::int64_t now =
      static_cast<std::int64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                    std::chrono::system_clock::now().time_since_epoch())
                                    .count());

  std::vector<std::string> ids;
  ids.reserve(static_cast<std::size_t>(sessions));
  const long long per_user = (sessions + users - 1) / users;
  for (long long i = 0; i < sessions; ++i) {
    ids.push_back(numbered("session-", 16, i));
    const std::string user = numbered("user-", 11, i / per_user);
    pe_open_params params;
    pe_open_params_init(&params);
    params.user_id = user.data();
    params.user_id_len = user.size();
    require(pe_session_open(engine, ids.back().data(), ids.back().size(), &params, now, nullptr));
  }
  now += 1'000;  // publish the opens (debounced) now, as bench_heartbeats.py does
  require(pe_engine_advance(engine, now, 0, nullptr));
  std::printf("native engine %s, %lld live sessions of %lld users\n", pe_version_string(), sessions,
              users);

  if (mode == "all" || mode == "single") {
    measure("native pe_session_heartbeat", ids.size(), repeat, [&] {
      ++now;
      for (const std::string& id : ids) {
        require(pe_session_heartbeat(engine, id.data(), id.size(), PE_ACTIVITY_ACTIVE,
                                     PE_VISIBILITY_UNKNOWN, now, nullptr));
      }
    });
  }

  if (mode == "all" || mode == "batch") {
    std::vector<pe_heartbeat> items(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
      items[i] =
          pe_heartbeat{ids[i].data(), ids[i].size(), PE_ACTIVITY_UNKNOWN, PE_VISIBILITY_UNKNOWN};
    }
    std::vector<pe_status> statuses(batch);
    std::vector<std::int64_t> intervals(batch);
    const std::string label = "native pe_session_heartbeat_batch of " + std::to_string(batch);
    measure(label.c_str(), ids.size(), repeat, [&] {
      ++now;
      for (std::size_t first = 0; first < items.size(); first += batch) {
        const std::size_t count = std::min(batch, items.size() - first);
        std::size_t failed = 0;
        require(pe_session_heartbeat_batch(engine, items.data() + first, count, now,
                                           statuses.data(), intervals.data(), &failed));
        if (failed != 0) require(PE_INTERNAL);
      }
    });
  }

  pe_engine_destroy(engine);
  return 0;
}
