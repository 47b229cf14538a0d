// The engine names intents "intent-<n>" with n counting up from 1
// (Engine::open_intent); snapshots keep intents in that order, and a restored
// engine must never hand out a number again.
#pragma once

#include <cstdint>
#include <string_view>

namespace presence::core {

// Parses "intent-<n>" (decimal, no leading zero, 1 <= n < 2^53).
inline bool intent_number(std::string_view id, std::uint64_t* out) {
  constexpr std::string_view kPrefix = "intent-";
  if (id.substr(0, kPrefix.size()) != kPrefix) return false;
  const std::string_view digits = id.substr(kPrefix.size());
  if (digits.empty() || digits.size() > 16 || digits.front() == '0') return false;
  std::uint64_t n = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return false;
    n = n * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (n >= (std::uint64_t{1} << 53)) return false;
  *out = n;
  return true;
}

}  // namespace presence::core
