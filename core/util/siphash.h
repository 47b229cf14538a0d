// SipHash-1-3, a keyed hash: ids come from clients, and a secret key keeps a
// hostile client from choosing ids that collide in the engine's hash tables.
#pragma once

#include <cstdint>
#include <string_view>

namespace presence::core {

struct HashKey {
  std::uint64_t k0 = 0;
  std::uint64_t k1 = 0;

  // A fresh key from the operating system's random source.
  static HashKey random();
};

std::uint64_t siphash13(const HashKey& key, std::string_view data);

}  // namespace presence::core
