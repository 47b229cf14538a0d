// Fuzzes the snapshot loader. The first byte chooses how the rest is used:
// odd, as a payload inside a valid envelope (so mutations reach the records
// rather than dying at the checksum); even, as a whole file. Every input must
// be refused as corrupt or unsupported, or load into an engine that is
// consistent: its counts agree with its lists, it saves a snapshot that
// loads again, and once everyone has had time to expire, every count is
// back to zero.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "engine/engine.h"
#include "persist/engine_snapshot.h"
#include "persist/snapshot_frame.h"

namespace {

using presence::core::Code;
using presence::core::Config;
using presence::core::Counts;
using presence::core::Engine;
using presence::core::EngineSnapshot;
using presence::core::Millis;
using presence::core::State;
using presence::core::Status;

constexpr Millis kRestoredAt = 1'700'000'300'000;  // after some seeds' times, before others'
constexpr Millis kLater = 400LL * 86'400'000;      // past every TTL, debounce and retention

void require(bool condition) {
  if (!condition) __builtin_trap();
}

Config small_config() {
  Config config;
  config.last_seen_retention = 3'600'000;
  return config;
}

// Users, sessions and room members as the lists show them agree with the counts.
void check_lists(Engine& engine, Millis now) {
  Counts counts;
  require(engine.counts(now, &counts).is_ok());
  std::uint64_t users[presence::core::kStateCount] = {};
  std::uint64_t user_sessions = 0;
  std::string cursor;
  do {
    presence::core::UserPage page;
    require(engine.list_users(State::kOffline, cursor, 1000, now, &page).is_ok());
    for (const presence::core::UserView& user : page.users) {
      ++users[presence::core::index_of(user.state)];
      user_sessions += user.session_count;
    }
    cursor = page.next_cursor;
  } while (!cursor.empty());
  for (int s = 0; s < presence::core::kStateCount; ++s) require(users[s] == counts.users[s]);
  require(user_sessions + counts.guest_sessions == counts.sessions_alive);
  presence::core::RoomPage rooms;
  require(engine.list_rooms("", 10'000, now, &rooms).is_ok());
  require(rooms.rooms.size() == counts.rooms);
  for (const presence::core::RoomView& room : rooms.rooms) {
    presence::core::MemberPage members;
    require(engine.list_members(room.id, State::kStale, "", 10'000, now, &members).is_ok());
    std::uint32_t by_state[presence::core::kStateCount] = {};
    for (const presence::core::MemberView& m : members.members) {
      ++by_state[presence::core::index_of(m.state)];
    }
    for (int s = 1; s < presence::core::kStateCount; ++s) require(by_state[s] == room.members[s]);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::string file =
      (data[0] & 1) != 0 ? presence::core::frame_snapshot(rest) : std::string(rest);
  std::unique_ptr<Engine> engine;
  const Status status = EngineSnapshot::load(small_config(), file, kRestoredAt, &engine);
  if (!status.is_ok()) {
    require(status.code() == Code::kCorrupt || status.code() == Code::kUnsupported);
    require(!status.message().empty() && engine == nullptr);
    return 0;
  }
  check_lists(*engine, kRestoredAt);
  std::string saved;
  require(EngineSnapshot::save(*engine, kRestoredAt, &saved).is_ok());
  std::unique_ptr<Engine> again;
  require(EngineSnapshot::load(small_config(), saved, kRestoredAt, &again).is_ok());
  check_lists(*again, kRestoredAt);
  // A snapshot may come from any time up to 2^53 ms; only one whose TTLs
  // can still run out before then can be aged to the end.
  if (engine->now() > presence::core::kMaxTime - kLater) return 0;
  const Millis later = engine->now() + kLater;
  require(engine->advance(later, 0, nullptr).is_ok());
  Counts counts;
  require(engine->counts(later, &counts).is_ok());
  require(counts.sessions_alive == 0 && counts.users_alive == 0 && counts.guest_sessions == 0 &&
          counts.sessions_reconnecting == 0 && counts.sessions_invisible == 0 &&
          counts.users_invisible == 0);
  check_lists(*engine, later);
  presence::core::RoomPage rooms;
  require(engine->list_rooms("", 10'000, later, &rooms).is_ok());
  for (const presence::core::RoomView& room : rooms.rooms) {
    for (int s = 0; s < presence::core::kStateCount; ++s) require(room.members[s] == 0);
  }
  return 0;
}
