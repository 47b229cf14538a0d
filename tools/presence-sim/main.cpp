// presence-sim: drives an engine with a simulated crowd — tabs, devices,
// people going idle, background tabs, flaky mobile links, reconnect storms,
// leaves and arrivals — and shows who's online and the event stream live.
//
// Simulated time runs `--speed` times faster than the wall clock; every
// signal carries its simulated time, so the engine sees a real day compressed.
// It uses only the public C++ wrapper over the C ABI (presence/presence.hpp).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <queue>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "presence/presence.hpp"

#if defined(__unix__) || defined(__APPLE__)
#include <unistd.h>
#endif

namespace {

struct Options {
  int users = 2000;
  double speed = 20.0;       // simulated seconds per wall second
  double duration_s = 20.0;  // wall seconds; 0 = until interrupted
  unsigned seed = 7;
  double storm_every_s = 90.0;  // simulated seconds between reconnect storms
  double storm_share = 0.25;    // share of connected sessions a storm drops
  bool quiet = false;           // no live progress line, only summaries
};

void usage() {
  std::puts(
      "usage: presence-sim [--users N] [--speed X] [--duration SECONDS] [--seed N]\n"
      "                    [--storm-every SIM_SECONDS] [--storm-share FRACTION] [--quiet]\n"
      "Simulates N people with 1-3 tabs/devices each against an in-memory engine.\n"
      "  --speed        simulated seconds per wall second (default 20)\n"
      "  --duration     wall seconds to run, 0 = forever (default 20)\n"
      "  --storm-every  simulated seconds between reconnect storms (default 90)\n"
      "  --storm-share  share of sessions a storm drops (default 0.25)\n"
      "  --quiet        print summaries only, no live line");
}

std::optional<Options> parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    const char* v = nullptr;
    if (arg == "--quiet") {
      o.quiet = true;
    } else if (arg == "--help" || arg == "-h") {
      return std::nullopt;
    } else if ((v = value()) == nullptr) {
      std::fprintf(stderr, "presence-sim: %s needs a value\n", arg.c_str());
      return std::nullopt;
    } else if (arg == "--users") {
      o.users = std::max(1, std::atoi(v));
    } else if (arg == "--speed") {
      o.speed = std::max(0.1, std::atof(v));
    } else if (arg == "--duration") {
      o.duration_s = std::max(0.0, std::atof(v));
    } else if (arg == "--seed") {
      o.seed = static_cast<unsigned>(std::strtoul(v, nullptr, 10));
    } else if (arg == "--storm-every") {
      o.storm_every_s = std::max(1.0, std::atof(v));
    } else if (arg == "--storm-share") {
      o.storm_share = std::clamp(std::atof(v), 0.0, 1.0);
    } else {
      std::fprintf(stderr, "presence-sim: unknown option %s\n", arg.c_str());
      return std::nullopt;
    }
  }
  return o;
}

// One simulated client session (a tab, or an app on a device).
struct Client {
  std::string session_id;
  std::string user_id;
  bool open = false;
  bool connected = false;
  bool engaged = true;  // a human is interacting with it
  bool visible = true;
  bool mobile = false;  // flaky link
  int64_t interval_ms = 15'000;
  uint64_t connection = 0;  // numbers its transports (socket ids)
  uint64_t generation = 0;  // invalidates this client's queued actions

  std::string transport_id() const { return session_id + "#" + std::to_string(connection); }
};

enum class Action { kHeartbeat, kMood, kVisibility, kDrop, kReconnect, kLeave, kArrive };

struct Due {
  int64_t at;
  size_t client;
  Action action;
  uint64_t generation;
  bool operator>(const Due& other) const { return at > other.at; }
};

class Crowd {
 public:
  Crowd(const Options& options, presence::Engine& engine, int64_t start)
      : options_(options), engine_(engine), rng_(options.seed), now_(start) {
    for (int u = 0; u < options.users; ++u) {
      const int devices = 1 + static_cast<int>(pick(100) < 35) + static_cast<int>(pick(100) < 10);
      for (int d = 0; d < devices; ++d) {
        Client c;
        c.user_id = "user-" + std::to_string(u);
        c.session_id = c.user_id + "/tab-" + std::to_string(d);
        c.mobile = d == 1 && pick(2) == 0;
        clients_.push_back(c);
        schedule(clients_.size() - 1, Action::kArrive, start + pick_ms(0, 120'000));
      }
    }
    next_storm_ = start + static_cast<int64_t>(options.storm_every_s * 1000);
  }

  // Applies every client action due up to `until` (simulated ms).
  void run_until(int64_t until) {
    while (!queue_.empty() && queue_.top().at <= until) {
      const Due due = queue_.top();
      queue_.pop();
      now_ = std::max(now_, due.at);
      if (due.generation != clients_[due.client].generation) continue;
      apply(due.client, due.action);
    }
    if (until >= next_storm_) {
      storm(until);
      next_storm_ += static_cast<int64_t>(options_.storm_every_s * 1000);
    }
    now_ = until;
    engine_.advance(now_);
  }

  uint64_t signals() const { return signals_; }
  uint64_t storms() const { return storms_; }

 private:
  int pick(int n) { return static_cast<int>(rng_() % static_cast<unsigned>(n)); }
  int64_t pick_ms(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(rng_() % static_cast<uint64_t>(hi - lo + 1));
  }

  void schedule(size_t client, Action action, int64_t at) {
    queue_.push(Due{at, client, action, clients_[client].generation});
  }

  // A new chapter in a client's life: its queued actions no longer apply.
  void reset_plan(size_t client) { ++clients_[client].generation; }

  void plan_life(size_t i) {
    Client& c = clients_[i];
    schedule(i, Action::kHeartbeat, now_ + c.interval_ms - pick_ms(0, 1'000));
    schedule(i, Action::kMood, now_ + pick_ms(20'000, 240'000));
    schedule(i, Action::kVisibility, now_ + pick_ms(30'000, 400'000));
    if (c.mobile) schedule(i, Action::kDrop, now_ + pick_ms(40'000, 300'000));
    schedule(i, Action::kLeave, now_ + pick_ms(300'000, 3'600'000));
  }

  void apply(size_t i, Action action) {
    Client& c = clients_[i];
    ++signals_;
    switch (action) {
      case Action::kArrive:
        c.engaged = c.visible = true;
        connect(c);
        reset_plan(i);
        plan_life(i);
        break;
      case Action::kHeartbeat:
        signal(c, [&] {
          c.interval_ms =
              engine_.heartbeat(c.session_id, c.engaged ? PE_ACTIVITY_ACTIVE : PE_ACTIVITY_IDLE,
                                c.visible ? PE_VISIBILITY_VISIBLE : PE_VISIBILITY_HIDDEN, now_);
        });
        schedule(i, Action::kHeartbeat, now_ + c.interval_ms - pick_ms(0, 1'000));
        break;
      case Action::kMood:
        c.engaged = !c.engaged;
        if (c.engaged) signal(c, [&] { engine_.activity(c.session_id, now_); });
        schedule(i, Action::kMood, now_ + pick_ms(20'000, 400'000));
        break;
      case Action::kVisibility:
        c.visible = !c.visible;
        signal(c, [&] {
          engine_.visibility(c.session_id, c.visible ? PE_VISIBILITY_VISIBLE : PE_VISIBILITY_HIDDEN,
                             now_);
        });
        schedule(i, Action::kVisibility, now_ + pick_ms(5'000, 300'000));
        break;
      case Action::kDrop: drop(i, pick_ms(2'000, 90'000)); break;
      case Action::kReconnect:
        // A reconnect after the TTL is a new session: the engine decides.
        connect(c);
        plan_life(i);
        break;
      case Action::kLeave:
        engine_.leave(c.session_id, now_);
        c.open = c.connected = false;
        reset_plan(i);
        schedule(i, Action::kArrive, now_ + pick_ms(30'000, 900'000));
        break;
    }
  }

  // Opens the session on a new transport (a hello after connecting).
  void connect(Client& c) {
    presence::OpenOptions open;
    open.user_id = c.user_id;
    ++c.connection;
    const std::string transport = c.transport_id();
    open.transport_id = transport;
    open.meta = c.mobile ? R"({"device":"phone"})" : R"({"device":"desktop"})";
    open.visibility = c.visible ? PE_VISIBILITY_VISIBLE : PE_VISIBILITY_HIDDEN;
    c.interval_ms = engine_.open(c.session_id, open, now_).heartbeat_interval_ms;
    c.open = c.connected = true;
  }

  // Sends a signal from a connected client. If the engine already ended the
  // session (the client was silent past the TTL), the client says hello again,
  // as a real client does when told its session is unknown.
  template <class Signal>
  void signal(Client& c, Signal&& send) {
    if (!c.connected) return;
    try {
      send();
    } catch (const presence::Error& e) {
      if (e.status() != PE_NOT_FOUND) throw;
      connect(c);
    }
  }

  // The transport drops; the client comes back after `back_in` ms.
  void drop(size_t i, int64_t back_in) {
    Client& c = clients_[i];
    if (!c.connected) return;
    try {
      engine_.disconnect_transport(c.transport_id(), now_);
    } catch (const presence::Error& e) {
      if (e.status() != PE_NOT_FOUND) throw;  // the session had already ended
    }
    c.connected = false;
    reset_plan(i);
    schedule(i, Action::kReconnect, now_ + back_in);
  }

  // A network blip: many clients drop at once and come back within seconds.
  void storm(int64_t at) {
    now_ = at;
    ++storms_;
    for (size_t i = 0; i < clients_.size(); ++i) {
      if (clients_[i].connected && pick(1000) < static_cast<int>(options_.storm_share * 1000)) {
        drop(i, pick_ms(1'000, 40'000));
      }
    }
  }

  Options options_;
  presence::Engine& engine_;
  std::mt19937_64 rng_;
  std::vector<Client> clients_;
  std::priority_queue<Due, std::vector<Due>, std::greater<Due>> queue_;
  int64_t now_;
  int64_t next_storm_ = 0;
  uint64_t signals_ = 0;
  uint64_t storms_ = 0;
};

std::string clock_text(int64_t ms_from_start) {
  const int64_t s = ms_from_start / 1000;
  char text[32];
  std::snprintf(text, sizeof text, "%02lld:%02lld:%02lld", static_cast<long long>(s / 3600),
                static_cast<long long>(s / 60 % 60), static_cast<long long>(s % 60));
  return text;
}

void print_summary(presence::Engine& engine, int64_t now, int64_t start,
                   const std::vector<presence::Event>& recent) {
  const pe_counts c = engine.counts(now);
  std::printf(
      "\n== sim time %s ==\n"
      "sessions  active %-6llu idle %-6llu away %-6llu stale %-6llu | reconnecting %-5llu alive "
      "%llu\n"
      "users     active %-6llu idle %-6llu away %-6llu stale %-6llu | offline (remembered) %-5llu "
      "online %llu\n"
      "seen in the last 10 min: %llu users\n",
      clock_text(now - start).c_str(), static_cast<unsigned long long>(c.sessions_active),
      static_cast<unsigned long long>(c.sessions_idle),
      static_cast<unsigned long long>(c.sessions_away),
      static_cast<unsigned long long>(c.sessions_stale),
      static_cast<unsigned long long>(c.sessions_reconnecting),
      static_cast<unsigned long long>(c.sessions_alive),
      static_cast<unsigned long long>(c.users_active),
      static_cast<unsigned long long>(c.users_idle), static_cast<unsigned long long>(c.users_away),
      static_cast<unsigned long long>(c.users_stale),
      static_cast<unsigned long long>(c.users_offline),
      static_cast<unsigned long long>(c.users_alive),
      static_cast<unsigned long long>(engine.count_seen(600'000, now)));
  const presence::UserPage page = engine.list_users(PE_STATE_IDLE, {}, 6, now);
  std::printf("who's online (first page, at least idle):\n");
  for (const presence::UserInfo& u : page.users) {
    std::printf("  %-12s %-7s %u session(s)  confidence %.2f  last seen %llds ago\n",
                u.user_id.c_str(), pe_state_name(u.state), u.session_count, u.confidence,
                static_cast<long long>((now - u.last_seen_at_ms) / 1000));
  }
  std::printf("latest user events:\n");
  for (const presence::Event& e : recent) {
    std::printf("  #%-8llu %s %-12s %-7s -> %-7s (%u sessions)\n",
                static_cast<unsigned long long>(e.seq), clock_text(e.at_ms - start).c_str(),
                e.id.c_str(), pe_state_name(e.old_state), pe_state_name(e.new_state),
                e.session_count);
  }
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  const std::optional<Options> parsed = parse(argc, argv);
  if (!parsed) {
    usage();
    return 2;
  }
  const Options& options = *parsed;
#if defined(__unix__) || defined(__APPLE__)
  const bool live = !options.quiet && isatty(STDOUT_FILENO) != 0;
#else
  const bool live = !options.quiet;
#endif
  try {
    presence::Engine engine;
    const int64_t start = 1'767'225'600'000;  // 2026-01-01T00:00:00Z, simulated
    Crowd crowd(options, engine, start);
    std::printf("presence-sim: %d people, %.0fx speed, Presence Engine %s\n", options.users,
                options.speed, pe_version_string());

    const auto wall_start = std::chrono::steady_clock::now();
    uint64_t seq = 0;
    uint64_t events = 0;
    std::vector<presence::Event> recent;
    double next_summary_s = 0;
    for (;;) {
      const double wall_s =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
      if (options.duration_s > 0 && wall_s >= options.duration_s) break;
      const int64_t now = start + static_cast<int64_t>(wall_s * options.speed * 1000);
      crowd.run_until(now);

      presence::EventBatch batch;
      try {
        batch = engine.poll_events(seq);
      } catch (const presence::Error& e) {
        if (e.status() != PE_TOO_FAR_BEHIND) throw;
        seq = engine.snapshot(now).seq;  // fell behind: resynchronise
      }
      if (!batch.events.empty()) seq = batch.seq;
      events += batch.events.size();
      for (presence::Event& e : batch.events) {
        if (e.kind != PE_EVENT_USER) continue;
        recent.push_back(std::move(e));
        if (recent.size() > 5) recent.erase(recent.begin());
      }

      if (live) {
        const pe_counts c = engine.counts(now);
        std::printf(
            "\r[%s] online %llu users / %llu sessions (%llu active, %llu reconnecting) | "
            "%llu signals, %llu events, %llu storms   ",
            clock_text(now - start).c_str(), static_cast<unsigned long long>(c.users_alive),
            static_cast<unsigned long long>(c.sessions_alive),
            static_cast<unsigned long long>(c.sessions_active),
            static_cast<unsigned long long>(c.sessions_reconnecting),
            static_cast<unsigned long long>(crowd.signals()),
            static_cast<unsigned long long>(events),
            static_cast<unsigned long long>(crowd.storms()));
        std::fflush(stdout);
      }
      if (wall_s >= next_summary_s) {
        print_summary(engine, now, start, recent);
        next_summary_s += 5.0;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    const pe_stats stats = engine.stats();
    std::printf(
        "\npresence-sim: done. %llu signals, %llu transitions, %llu events published, %llu "
        "storms\n",
        static_cast<unsigned long long>(stats.signals),
        static_cast<unsigned long long>(stats.transitions),
        static_cast<unsigned long long>(stats.events_published),
        static_cast<unsigned long long>(crowd.storms()));
  } catch (const presence::Error& e) {
    std::fprintf(stderr, "presence-sim: %s (%s)\n", e.what(), pe_status_name(e.status()));
    return 1;
  }
  return 0;
}
