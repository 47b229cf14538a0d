// The simulated crowd: a fixed number of client slots, each holding at most
// one browser tab at a time. A tab opens (and joins its user's team room),
// heartbeats at the interval the engine tells it, says whether its user
// interacted and whether it is hidden, and ends after a while: by leaving,
// or by vanishing (closed without a word, so it expires by the TTL). Its
// slot then opens a new tab, with a new id, a few minutes later.
//
// Storms: many transports drop at once; most clients reconnect inside the
// grace window, some after it (stale, then back), a few never (expired).
// Time is simulated, in whole seconds; every call carries its explicit time.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "presence/presence.h"

namespace soak {

struct CrowdStats {
  std::uint64_t opens = 0;
  std::uint64_t reconnects = 0;  // opens that continued a session
  std::uint64_t heartbeats = 0;
  std::uint64_t leaves = 0;
  std::uint64_t vanished = 0;
  std::uint64_t disconnects = 0;
  std::uint64_t failures = 0;  // calls that should have succeeded and did not
};

class Crowd {
 public:
  Crowd(std::uint32_t clients, std::uint32_t users, std::uint32_t rooms, std::uint64_t seed);

  void attach(pe_engine* engine) { engine_ = engine; }

  // Every slot opens its first tab at a random second in [0, seconds).
  void ramp_up(std::uint32_t seconds);
  // Runs every action due at simulated second `second`.
  void act(std::uint32_t second);
  // A storm at `second`: each connected client's transport drops with
  // probability `fraction`.
  void storm(std::uint32_t second, double fraction);
  // The engine went down at second `down` and came back at `back`: every
  // connected client lost its transport and reconnects within 20 seconds;
  // what was due while it was down happens just after it is back.
  void restarted(std::uint32_t down, std::uint32_t back);

  std::int64_t time_of(std::uint32_t second) const;
  const CrowdStats& stats() const { return stats_; }
  const std::string& last_failure() const { return last_failure_; }

 private:
  enum Link : std::uint8_t { kClosed, kUp, kDown };
  struct Client {
    std::uint32_t due = 0;         // second of its next action
    std::uint32_t generation = 0;  // numbers its tabs: the id of the current one
    std::uint32_t ends = 0;        // second at which its current tab ends
    Link link = kClosed;           // closed: opens a tab at `due`; down: reconnects at `due`
    bool interacting = true;
    bool hidden = false;
  };

  void schedule(std::uint32_t client, std::uint32_t second);
  void open(std::uint32_t client, std::uint32_t second);
  void flush_heartbeats(std::uint32_t second);
  void end_tab(std::uint32_t client, std::uint32_t second);
  bool check(pe_status status);
  bool chance(double p) { return uniform_(rng_) < p; }
  std::uint32_t between(std::uint32_t low, std::uint32_t high) {
    return low + static_cast<std::uint32_t>(rng_() % (high - low + 1));
  }

  // Ids of 24 bytes (tabs), 13 (users) and 10 (rooms), written in place.
  void tab_id(std::uint32_t client, char* out) const;
  void user_id(std::uint32_t client, char* out) const;
  void room_id(std::uint32_t client, char* out) const;

  static constexpr std::uint32_t kWheel = 1024;  // seconds ahead an action may be scheduled
  static constexpr std::size_t kBatch = 1024;
  static constexpr std::size_t kIdBytes = 24;

  pe_engine* engine_ = nullptr;
  std::uint32_t users_;
  std::uint32_t rooms_;
  std::vector<Client> clients_;
  std::vector<std::vector<std::uint32_t>> wheel_;  // second % kWheel -> clients (some stale)
  std::mt19937_64 rng_;
  std::uniform_real_distribution<double> uniform_{0.0, 1.0};
  // The heartbeats of one second, sent in batches.
  std::vector<std::uint32_t> batch_clients_;
  std::vector<pe_heartbeat> batch_;
  std::vector<char> batch_ids_;
  std::vector<pe_status> batch_statuses_;
  std::vector<std::int64_t> batch_intervals_;
  CrowdStats stats_;
  std::string last_failure_;
};

}  // namespace soak
