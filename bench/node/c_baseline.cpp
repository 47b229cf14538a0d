// The same heartbeat workload as bench.js, straight on the C ABI: the
// ceiling the Node.js binding is compared with (bench.js prints the ratio).
//
//   c_baseline SESSIONS USERS PASSES   -> one JSON object on stdout
#include <presence/presence.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double PerSecond(std::size_t count, Clock::time_point start) {
  const std::chrono::duration<double> elapsed = Clock::now() - start;
  return static_cast<double>(count) / elapsed.count();
}

void Check(pe_status status) {
  if (status != PE_OK) {
    std::fprintf(stderr, "%s: %s\n", pe_status_name(status), pe_last_error_message());
    std::exit(1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s SESSIONS USERS PASSES\n", argv[0]);
    return 2;
  }
  const std::size_t sessions = std::strtoul(argv[1], nullptr, 10);
  const std::size_t users = std::strtoul(argv[2], nullptr, 10);
  const std::size_t passes = std::strtoul(argv[3], nullptr, 10);

  pe_engine* engine = nullptr;
  Check(pe_engine_create(nullptr, &engine));
  // Ids as bench.js makes them: "sess-" + 8 base-36 digits + "-tab-123456".
  std::vector<std::string> ids(sessions);
  for (std::size_t i = 0; i < sessions; ++i) {
    std::string digits;
    for (std::size_t v = i; v > 0; v /= 36)
      digits.insert(digits.begin(), "0123456789abcdefghijklmnopqrstuvwxyz"[v % 36]);
    ids[i] = "sess-" + std::string(8 - std::min<std::size_t>(8, digits.size()), '0') + digits +
             "-tab-123456";
    const std::string user = "user-" + std::to_string(i % users);
    pe_open_params params;
    pe_open_params_init(&params);
    params.user_id = user.data();
    params.user_id_len = user.size();
    Check(pe_session_open(engine, ids[i].data(), ids[i].size(), &params, PE_NOW, nullptr));
  }
  std::shuffle(ids.begin(), ids.end(), std::mt19937(42));

  auto start = Clock::now();
  for (std::size_t p = 0; p < passes; ++p) {
    for (const std::string& id : ids) {
      Check(pe_session_heartbeat(engine, id.data(), id.size(), PE_ACTIVITY_UNKNOWN,
                                 PE_VISIBILITY_UNKNOWN, PE_NOW, nullptr));
    }
  }
  const double single = PerSecond(passes * sessions, start);

  constexpr std::size_t kBatch = 1000;
  std::vector<pe_heartbeat> items(sessions);
  for (std::size_t i = 0; i < sessions; ++i) {
    items[i] =
        pe_heartbeat{ids[i].data(), ids[i].size(), PE_ACTIVITY_UNKNOWN, PE_VISIBILITY_UNKNOWN};
  }
  std::vector<pe_status> statuses(kBatch);
  std::vector<int64_t> intervals(kBatch);
  start = Clock::now();
  for (std::size_t p = 0; p < passes; ++p) {
    for (std::size_t i = 0; i < sessions; i += kBatch) {
      const std::size_t n = std::min(kBatch, sessions - i);
      size_t failed = 0;
      Check(pe_session_heartbeat_batch(engine, &items[i], n, PE_NOW, statuses.data(),
                                       intervals.data(), &failed));
      if (failed != 0) return 1;
    }
  }
  const double batch = PerSecond(passes * sessions, start);
  std::printf("{\"single\": %.0f, \"batch\": %.0f}\n", single, batch);
  pe_engine_destroy(engine);
  return 0;
}
