// Strict parsing of unsigned decimal numbers, as URLs and stream ids carry
// them: digits only (no sign, no spaces), at most `max`.
#pragma once

#include <cstdint>
#include <string_view>

namespace presence::cluster {

inline bool parse_decimal(std::string_view text, std::uint64_t max, std::uint64_t* out) {
  if (text.empty() || text.size() > 20) return false;
  std::uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (max - digit) / 10) return false;
    value = value * 10 + digit;
  }
  *out = value;
  return true;
}

}  // namespace presence::cluster
