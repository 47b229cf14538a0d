// What the core benchmarks share: failing loudly, reading RSS, and timing
// by the wall clock and by this thread's CPU time. On a shared machine other
// processes steal the core from under a measurement; the CPU time leaves
// that out, so "per CPU-second" is the rate on one core of one's own.
#pragma once

#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "presence/presence.h"

namespace bench {

inline void check(pe_status status, const char* what) {
  if (status != PE_OK) {
    std::fprintf(stderr, "%s failed: %s (%s)\n", what, pe_status_name(status),
                 pe_last_error_message());
    std::exit(1);
  }
}

inline long rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return 0;
}

// Seconds elapsed, by the wall clock and on this thread's CPU.
struct Elapsed {
  double wall = 0;
  double cpu = 0;
};

class Stopwatch {
 public:
  Stopwatch() : wall_(std::chrono::steady_clock::now()), cpu_(thread_cpu_seconds()) {}
  Elapsed elapsed() const {
    return {std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_).count(),
            thread_cpu_seconds() - cpu_};
  }

 private:
  static double thread_cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
  }
  std::chrono::steady_clock::time_point wall_;
  double cpu_;
};

// Runs `call(i)` `reps` times; the time of one call.
template <class Call>
Elapsed per_call(std::size_t reps, Call&& call) {
  const Stopwatch watch;
  for (std::size_t i = 0; i < reps; ++i) call(i);
  const Elapsed e = watch.elapsed();
  return {e.wall / static_cast<double>(reps), e.cpu / static_cast<double>(reps)};
}

inline void print_header() {
  std::printf("\n%-56s %14s %14s\n", "measure", "wall clock", "per CPU-time");
}
// `count` operations done in `e`: millions per second.
inline void print_rate(const char* what, double count, Elapsed e) {
  std::printf("%-56s %10.2f M/s %10.2f M/s\n", what, count / e.wall / 1e6, count / e.cpu / 1e6);
}
// `e` is the time of one call, shown in `unit` ("ns" or "us").
inline void print_latency(const char* what, Elapsed e, const char* unit) {
  const double scale = unit[0] == 'n' ? 1e9 : 1e6;
  std::printf("%-56s %11.1f %s %11.1f %s\n", what, e.wall * scale, unit, e.cpu * scale, unit);
}
inline void print_value(const char* what, double value, const char* unit) {
  std::printf("%-56s %12.0f %s\n", what, value, unit);
}

}  // namespace bench
