// presence_soak: a simulated day of a large crowd, with reconnect storms and
// a restart from a snapshot, on explicit simulated time (as fast as the
// machine runs it). It checks, and exits non-zero unless:
//   - a consumer polling the events saw every transition exactly once and
//     in order (stream_checker.h), across the restart too, and its view
//     equals the engine's snapshot at the end;
//   - the counts equal a recount of every user and session at the end;
//   - no call that should succeed failed (no live session was lost);
//   - with --max-rss-growth, the resident memory after warm-up grew by no
//     more than that percentage.
// It prints the resident memory and the population over time.
//
//   presence_soak [--sessions N] [--users N] [--rooms N] [--hours H]
//                 [--storm-every H] [--storm-fraction F] [--restart-at H]
//                 [--warmup H] [--sample-every H] [--max-rss-growth PCT]
//                 [--seed N] [--dir DIR]
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "../core/bench_support.h"
#include "crowd.h"
#include "presence/presence.h"
#include "recount.h"
#include "stream_checker.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::uint32_t sessions = 1'000'000;
  std::uint32_t users = 0;  // 0: sessions / 4
  std::uint32_t rooms = 0;  // 0: users / 100
  double hours = 24.0;
  double storm_every = 4.0;  // hours
  double storm_fraction = 0.3;
  double restart_at = 12.0;      // hours; 0: no restart
  double warmup = 2.0;           // hours
  double sample_every = 1.0;     // hours
  double max_rss_growth = -1.0;  // percent; negative: report only
  std::uint64_t seed = 1;
  std::string dir = "/tmp";
};

[[noreturn]] void usage(const char* problem) {
  std::fprintf(stderr, "presence_soak: %s\n(see the comment at the top of bench/soak/soak.cpp)\n",
               problem);
  std::exit(2);
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) usage(("missing value after " + flag).c_str());
    const char* value = argv[++i];
    const double number = std::atof(value);
    if (flag == "--sessions") {
      o.sessions = static_cast<std::uint32_t>(number);
    } else if (flag == "--users") {
      o.users = static_cast<std::uint32_t>(number);
    } else if (flag == "--rooms") {
      o.rooms = static_cast<std::uint32_t>(number);
    } else if (flag == "--hours") {
      o.hours = number;
    } else if (flag == "--storm-every") {
      o.storm_every = number;
    } else if (flag == "--storm-fraction") {
      o.storm_fraction = number;
    } else if (flag == "--restart-at") {
      o.restart_at = number;
    } else if (flag == "--warmup") {
      o.warmup = number;
    } else if (flag == "--sample-every") {
      o.sample_every = number;
    } else if (flag == "--max-rss-growth") {
      o.max_rss_growth = number;
    } else if (flag == "--seed") {
      o.seed = static_cast<std::uint64_t>(number);
    } else if (flag == "--dir") {
      o.dir = value;
    } else {
      usage(("unknown option " + flag).c_str());
    }
  }
  if (o.users == 0) o.users = std::max<std::uint32_t>(1, o.sessions / 4);
  if (o.rooms == 0) o.rooms = std::max<std::uint32_t>(1, o.users / 100);
  if (o.sessions < 1 || o.hours <= 0 || o.sample_every <= 0) usage("bad sizes");
  return o;
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

std::uint32_t seconds_of(double hours) {
  return static_cast<std::uint32_t>(std::lround(hours * 3'600.0));
}

double since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

pe_config soak_config() {
  pe_config config;
  pe_config_init(&config);
  // The consumer reads after every slice of timers; the buffer holds many
  // slices, so it never has to drop what the consumer has not read.
  config.event_buffer_capacity = 1U << 18;
  return config;
}

class Soak {
 public:
  explicit Soak(const Options& options)
      : o_(options), crowd_(options.sessions, options.users, options.rooms, options.seed) {}

  int run();

 private:
  bool fail(const std::string& why) {
    if (failure_.empty()) failure_ = why;
    return false;
  }
  // Runs the timers due at `second` in slices, reading the events after each.
  bool catch_up(std::uint32_t second);
  bool restart(std::uint32_t second, std::uint32_t back);
  void sample(std::uint32_t second);
  bool final_checks(std::uint32_t second);

  Options o_;
  soak::Crowd crowd_;
  soak::StreamChecker checker_;
  pe_config config_ = soak_config();
  pe_engine* engine_ = nullptr;
  Clock::time_point started_ = Clock::now();
  std::vector<std::pair<std::uint32_t, long>> rss_;  // (second, KiB)
  std::string failure_;
};

bool Soak::catch_up(std::uint32_t second) {
  int more = 1;
  while (more != 0) {
    if (pe_engine_advance(engine_, crowd_.time_of(second), 20'000, &more) != PE_OK) {
      return fail(std::string("advance: ") + pe_last_error_message());
    }
    if (!checker_.poll(engine_)) return fail("event stream: " + checker_.failure());
  }
  return true;
}

bool Soak::restart(std::uint32_t second, std::uint32_t back) {
  const std::string path = o_.dir + "/presence-soak-" + std::to_string(getpid()) + ".snap";
  const Clock::time_point save_start = Clock::now();
  if (pe_engine_save(engine_, path.data(), path.size(), crowd_.time_of(second)) != PE_OK) {
    return fail(std::string("save: ") + pe_last_error_message());
  }
  const double save_s = since(save_start);
  std::ifstream file(path, std::ios::binary | std::ios::ate);
  const double megabytes = static_cast<double>(file.tellg()) / 1e6;
  pe_engine_destroy(engine_);
  engine_ = nullptr;
  const Clock::time_point load_start = Clock::now();
  if (pe_engine_create_from_file(&config_, path.data(), path.size(), crowd_.time_of(back),
                                 &engine_) != PE_OK) {
    return fail(std::string("restore: ") + pe_last_error_message());
  }
  const double load_s = since(load_start);
  std::remove(path.c_str());
  std::printf(
      "restart at %.2f h: snapshot of %.1f MB saved in %.2f s, restored %u s later "
      "in %.2f s\n",
      second / 3'600.0, megabytes, save_s, back - second, load_s);
  crowd_.attach(engine_);
  crowd_.restarted(second, back);
  // The restored engine continues the numbering: the consumer reads on.
  if (!checker_.poll(engine_)) return fail("event stream after the restart: " + checker_.failure());
  return true;
}

void Soak::sample(std::uint32_t second) {
  pe_counts c;
  pe_counts_init(&c);
  pe_engine_counts(engine_, crowd_.time_of(second), &c);
  const long rss = bench::rss_kib();
  rss_.emplace_back(second, rss);
  std::printf("%6.2f h  %9" PRIu64 " sessions (%7" PRIu64 " reconnecting)  %8" PRIu64
              " users online  %11" PRIu64 " events  rss %7.1f MB  wall %7.1f s\n",
              second / 3'600.0, c.sessions_alive, c.sessions_reconnecting, c.users_alive,
              checker_.events(), static_cast<double>(rss) / 1'024.0, since(started_));
  std::fflush(stdout);
}

bool Soak::final_checks(std::uint32_t second) {
  const std::int64_t now = crowd_.time_of(second);
  std::string why;
  if (!soak::counts_match_recount(engine_, now, &why)) return fail("recount: " + why);
  if (!checker_.matches_snapshot(engine_, now)) return fail("snapshot: " + checker_.failure());
  if (crowd_.stats().failures != 0) {
    return fail(std::to_string(crowd_.stats().failures) +
                " calls failed; the last: " + crowd_.last_failure());
  }
  return true;
}

int Soak::run() {
  std::printf(
      "presence_soak: %u sessions, %u users, %u rooms, %.1f simulated hours, storms of "
      "%.0f %% every %.1f h, restart at %.1f h; load average %s\n",
      o_.sessions, o_.users, o_.rooms, o_.hours, o_.storm_fraction * 100, o_.storm_every,
      o_.restart_at, load_average().c_str());
  if (pe_engine_create(&config_, &engine_) != PE_OK) {
    std::fprintf(stderr, "create: %s\n", pe_last_error_message());
    return 1;
  }
  crowd_.attach(engine_);
  const std::uint32_t end = seconds_of(o_.hours);
  const std::uint32_t storm_every = o_.storm_every > 0 ? seconds_of(o_.storm_every) : 0;
  const std::uint32_t restart_at = o_.restart_at > 0 ? seconds_of(o_.restart_at) : 0;
  const std::uint32_t sample_every = std::max<std::uint32_t>(1, seconds_of(o_.sample_every));
  crowd_.ramp_up(std::min<std::uint32_t>(600, std::max<std::uint32_t>(1, end / 4)));
  constexpr std::uint32_t kDowntime = 10;  // seconds the deploy takes

  bool ok = true;
  for (std::uint32_t second = 0; ok && second <= end; ++second) {
    ok = catch_up(second);
    if (ok && second == restart_at && restart_at != 0) {
      ok = restart(second, second + kDowntime);
      second += kDowntime;
      ok = ok && catch_up(second);
    }
    if (ok && storm_every != 0 && second % storm_every == 0 && second != 0) {
      crowd_.storm(second, o_.storm_fraction);
      std::printf("storm at %.2f h\n", second / 3'600.0);
    }
    if (!ok) break;
    crowd_.act(second);
    if (!checker_.poll(engine_)) ok = fail("event stream: " + checker_.failure());
    if (second % sample_every == 0 || second == end) sample(second);
  }
  ok = ok && final_checks(end);

  // Resident memory after warm-up, against its level at the end of warm-up.
  const std::uint32_t warm = seconds_of(o_.warmup);
  long at_warm = 0;
  long peak_after = 0;
  for (const auto& [second, rss] : rss_) {
    if (second <= warm) at_warm = rss;
    if (second >= warm) peak_after = std::max(peak_after, rss);
  }
  const double growth =
      at_warm > 0 ? 100.0 * static_cast<double>(peak_after - at_warm) / static_cast<double>(at_warm)
                  : 0.0;
  const soak::CrowdStats& s = crowd_.stats();
  pe_stats stats;
  pe_stats_init(&stats);
  pe_engine_stats(engine_, &stats);
  std::printf("\n%.1f simulated hours in %.1f s of wall time; load average %s\n", o_.hours,
              since(started_), load_average().c_str());
  std::printf("calls: %" PRIu64 " heartbeats, %" PRIu64 " opens (%" PRIu64
              " continued a session), %" PRIu64 " leaves, %" PRIu64 " tabs vanished, %" PRIu64
              " disconnects\n",
              s.heartbeats, s.opens, s.reconnects, s.leaves, s.vanished, s.disconnects);
  std::printf("events read: %" PRIu64 " (%" PRIu64 " session, %" PRIu64 " user, %" PRIu64
              " member), last seq %" PRIu64 "; engine transitions %" PRIu64 "\n",
              checker_.events(), checker_.session_events(), checker_.user_events(),
              checker_.member_events(), checker_.seq(), stats.transitions);
  std::printf("rss after warm-up (%.1f h): %.1f MB, peak after it %.1f MB: %+.1f %%\n", o_.warmup,
              static_cast<double>(at_warm) / 1'024.0, static_cast<double>(peak_after) / 1'024.0,
              growth);
  if (ok && o_.max_rss_growth >= 0 && growth > o_.max_rss_growth) {
    ok = fail("resident memory grew by more than " + std::to_string(o_.max_rss_growth) +
              " % after warm-up");
  }
  pe_engine_destroy(engine_);
  if (!ok) {
    std::printf("soak: FAIL: %s\n", failure_.c_str());
    return 1;
  }
  std::printf("soak: PASS (every transition read once and in order, counts equal a recount)\n");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Soak soak(parse(argc, argv));
  return soak.run();
}
