// Rooms benchmark through the C ABI (issue 7's targets), one process, one run:
// 100,000 rooms and 1,000,000 sessions (250,000 users), each session in 1-3
// rooms, plus one large room. Measures join/leave throughput on one core,
// memory per membership, room counts at small vs large rooms (O(1)), and the
// first page (50) of a room's members for a typical and for the large room.
// Usage: rooms_bench [sessions=1000000] [rooms=100000] [large_room_members=50000]
#include <malloc.h>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "bench_support.h"
#include "presence/presence.h"

namespace {

using bench::check;
using bench::Elapsed;
using bench::rss_kib;
using bench::Stopwatch;
constexpr int64_t kStart = 1'700'000'000'000;

// Bytes handed out by malloc (what the records really hold, without the
// allocator's free lists and fragmentation that RSS also counts).
double heap_bytes() {
  return static_cast<double>(mallinfo2().uordblks);
}

std::string id(const char* prefix, size_t i) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%s-%012zu-a1b2c3d", prefix, i);
  return buffer;
}

}  // namespace

int main(int argc, char** argv) {
  const size_t sessions = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
  const size_t rooms = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 100'000;
  const size_t large = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 50'000;
  const size_t users = sessions / 4;
  std::printf("Presence Engine %s rooms benchmark: %zu sessions, %zu users, %zu rooms\n",
              pe_version_string(), sessions, users, rooms);

  std::vector<std::string> session_ids, user_ids, room_ids;
  for (size_t i = 0; i < sessions; ++i) session_ids.push_back(id("tab", i));
  for (size_t i = 0; i < users; ++i) user_ids.push_back(id("user", i));
  for (size_t i = 0; i < rooms; ++i) room_ids.push_back(id("room", i));
  const std::string large_room = "the-large-room";
  // Each session's rooms (1-3), drawn up front so they are not measured.
  std::mt19937 rng(7);
  std::vector<std::pair<size_t, size_t>> memberships;  // (session, room index; rooms = large)
  for (size_t s = 0; s < sessions; ++s) {
    const size_t count = 1 + rng() % 3;
    for (size_t k = 0; k < count; ++k) memberships.emplace_back(s, rng() % rooms);
  }
  for (size_t s = 0; s < large && s < sessions; ++s) memberships.emplace_back(s, rooms);
  auto room_of = [&](size_t r) -> const std::string& {
    return r == rooms ? large_room : room_ids[r];
  };

  pe_config config;
  pe_config_init(&config);
  pe_engine* engine = nullptr;
  check(pe_engine_create(&config, &engine), "create");
  int64_t now = kStart;

  // Rooms first: a room is a persistent record with its own cost, measured
  // apart from the memberships in it (one join and leave creates each).
  const std::string creator = "room-creator";
  check(pe_session_open(engine, creator.data(), creator.size(), nullptr, now, nullptr), "open");
  const long rss_start = rss_kib();
  for (size_t r = 0; r <= rooms; ++r) {
    const std::string& room = room_of(r);
    check(pe_room_join(engine, creator.data(), creator.size(), room.data(), room.size(), now),
          "create room");
    check(pe_room_leave(engine, creator.data(), creator.size(), room.data(), room.size(), now),
          "create room");
  }
  now += 61'000;  // past the debounce and arriving windows: the room records alone remain
  check(pe_engine_advance(engine, now, 0, nullptr), "advance");
  malloc_trim(0);
  const long rss_rooms = rss_kib();
  const double bytes_per_room =
      static_cast<double>(rss_rooms - rss_start) * 1024.0 / static_cast<double>(rooms + 1);

  pe_open_params params;
  pe_open_params_init(&params);
  for (size_t s = 0; s < sessions; ++s) {
    const std::string& user = user_ids[s % users];
    params.user_id = user.data();
    params.user_id_len = user.size();
    check(pe_session_open(engine, session_ids[s].data(), session_ids[s].size(), &params, now,
                          nullptr),
          "open");
  }
  now += 5'000;
  check(pe_engine_advance(engine, now, 0, nullptr), "advance");

  // Joins: memory per membership and throughput.
  const long rss_before = rss_kib();
  const double heap_before = heap_bytes();
  const Stopwatch join_watch;
  for (const auto& [s, r] : memberships) {
    const std::string& room = room_of(r);
    check(pe_room_join(engine, session_ids[s].data(), session_ids[s].size(), room.data(),
                       room.size(), now),
          "join");
  }
  const Elapsed joins = join_watch.elapsed();
  const long rss_burst = rss_kib();
  // Steady state: the joins were announced and stopped being "arriving";
  // the queues that held them are gone, and freed memory is given back.
  now += 61'000;
  check(pe_engine_advance(engine, now, 0, nullptr), "advance");
  malloc_trim(0);
  const long rss_after = rss_kib();
  const double heap_per_membership =
      (heap_bytes() - heap_before) / static_cast<double>(memberships.size());
  const double bytes_per_membership = static_cast<double>(rss_after - rss_before) * 1024.0 /
                                      static_cast<double>(memberships.size());
  const double burst_bytes_per_membership = static_cast<double>(rss_burst - rss_before) * 1024.0 /
                                            static_cast<double>(memberships.size());
  const double all_in_bytes_per_membership =
      static_cast<double>(rss_after - rss_before + rss_rooms - rss_start) * 1024.0 /
      static_cast<double>(memberships.size());

  // Leave and rejoin the same memberships: steady-state join/leave throughput.
  const Stopwatch churn_watch;
  for (const auto& [s, r] : memberships) {
    const std::string& room = room_of(r);
    check(pe_room_leave(engine, session_ids[s].data(), session_ids[s].size(), room.data(),
                        room.size(), now),
          "leave");
    check(pe_room_join(engine, session_ids[s].data(), session_ids[s].size(), room.data(),
                       room.size(), now),
          "join");
  }
  const Elapsed churn = churn_watch.elapsed();

  // Room counts: O(1), the same at a typical room and at the large one.
  auto room_counts = [&](const std::string& room) {
    return bench::per_call(200'000, [&](size_t) {
      pe_result* result = nullptr;
      check(pe_engine_get_room(engine, room.data(), room.size(), now, &result), "get_room");
      pe_result_destroy(result);
    });
  };
  const Elapsed typical_counts = room_counts(room_ids[0]);
  const Elapsed large_counts = room_counts(large_room);

  auto first_page = [&](const std::string& room) {
    return bench::per_call(20'000, [&](size_t) {
      pe_result* result = nullptr;
      check(pe_room_list_members(engine, room.data(), room.size(), PE_STATE_STALE, nullptr, 0, 50,
                                 now, &result),
            "list_members");
      pe_result_destroy(result);
    });
  };
  const Elapsed typical_page = first_page(room_ids[0]);
  const Elapsed large_page = first_page(large_room);

  pe_result* result = nullptr;
  check(pe_engine_get_room(engine, large_room.data(), large_room.size(), now, &result), "room");
  pe_room_info info;
  pe_room_info_init(&info);
  check(pe_result_room(result, 0, &info), "room info");
  pe_result_destroy(result);
  const unsigned large_members =
      info.members_active + info.members_idle + info.members_away + info.members_stale;

  const auto n = static_cast<double>(memberships.size());
  std::printf("\nmemberships (sessions x rooms): %zu\n", memberships.size());
  bench::print_header();
  bench::print_value("memory per membership, steady (RSS growth / memberships)",
                     bytes_per_membership, "B");
  bench::print_value("heap in use per membership, steady (malloc'd bytes)", heap_per_membership,
                     "B");
  bench::print_value("memory per membership, right after a burst of joins",
                     burst_bytes_per_membership, "B");
  bench::print_value("memory per room (empty, persistent)", bytes_per_room, "B");
  bench::print_value("memory per membership, rooms included", all_in_bytes_per_membership, "B");
  bench::print_rate("join, first time (creates members)", n, joins);
  bench::print_rate("join/leave, steady state", 2.0 * n, churn);
  bench::print_latency("room counts, typical room", typical_counts, "ns");
  bench::print_latency("room counts, large room", large_counts, "ns");
  bench::print_latency("first page (50) of members, typical room", typical_page, "us");
  bench::print_latency("first page (50) of members, large room", large_page, "us");
  std::printf("\nlarge room members: %u\n", large_members);
  pe_engine_destroy(engine);
  return 0;
}
