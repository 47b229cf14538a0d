// Writes the snapshot loader's seed corpus: snapshots of small engines that
// went through random signals, rooms, availability and intents (fixed
// seeds), as the fuzz target reads them (a first byte, then a payload or a
// whole file). Run it again after a change of the snapshot format:
//   build-fuzz/tests/fuzz/fuzz_snapshot_seeds tests/fuzz/corpus/snapshot_loader
#include <cstdio>
#include <fstream>
#include <memory>
#include <random>
#include <string>

#include "engine/engine.h"
#include "persist/engine_snapshot.h"
#include "persist/snapshot_frame.h"

namespace {

using presence::core::Engine;
using presence::core::Millis;

constexpr Millis kStart = 1'700'000'000'000;

// A small engine after `steps` random calls with `seed`; returns its time.
Millis exercise(Engine& engine, unsigned seed, int steps) {
  std::mt19937 rng(seed);
  const auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  Millis now = kStart;
  for (int step = 0; step < steps; ++step) {
    now += pick(4'000);
    const std::string session = "s" + std::to_string(pick(6));
    const std::string user = "u" + std::to_string(pick(3));
    const std::string room = "r" + std::to_string(pick(2));
    presence::core::OpenParams params;
    if (pick(3) != 0) params.user_id = user;
    if (pick(4) == 0) params.meta = "{}";
    params.visibility = static_cast<presence::core::Visibility>(pick(3));
    presence::core::OpenResult opened;
    presence::core::IntentView intent;
    presence::core::Status ignored;  // refusals (unknown ids, limits) are part of the mix
    switch (pick(8)) {
      case 0: ignored = engine.open(session, params, now, &opened); break;
      case 1:
        ignored = engine.heartbeat(session, static_cast<presence::core::Activity>(pick(3)),
                                   presence::core::Visibility::kUnknown, now, nullptr);
        break;
      case 2: ignored = engine.disconnect(session, now); break;
      case 3: ignored = engine.leave(session, now); break;
      case 4: ignored = engine.join_room(session, room, now); break;
      case 5: ignored = engine.set_room_count_only(room, pick(2) == 0, 1'000, now); break;
      case 6:
        ignored =
            engine.set_availability(user, static_cast<presence::core::Availability>(pick(4)), now);
        break;
      default:
        ignored = engine.open_intent(user, presence::core::TargetKind::kRoom, room, "call", 60'000,
                                     now, &intent);
    }
  }
  return now;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
    return 2;
  }
  presence::core::Config config;
  config.debounce = {1'000, 1'000, 1'000, 1'000, 300};
  int written = 0;
  for (unsigned seed = 1; seed <= 24; ++seed) {
    std::unique_ptr<Engine> engine;
    if (!Engine::create(config, &engine).is_ok()) return 1;
    const Millis now = exercise(*engine, seed, static_cast<int>(seed) * 6);
    std::string file;
    if (!presence::core::EngineSnapshot::save(*engine, now, &file).is_ok()) return 1;
    // Most seeds are payloads (first byte odd); every fourth a whole file.
    const bool whole = seed % 4 == 0;
    const std::string seed_bytes =
        whole ? '\0' + file : '\1' + file.substr(presence::core::kSnapshotHeaderBytes);
    std::ofstream out(std::string(argv[1]) + "/engine-" + std::to_string(seed), std::ios::binary);
    out << seed_bytes;
    if (!out) return 1;
    ++written;
  }
  std::printf("wrote %d seeds to %s\n", written, argv[1]);
  return 0;
}
