#include "util/resume_token.h"

#include <cstdint>

namespace presence::core {

namespace {

constexpr std::size_t kTokenLength = 32;

void append_hex(std::uint64_t value, std::string* out) {
  static const char kDigits[] = "0123456789abcdef";
  for (int shift = 60; shift >= 0; shift -= 4) {
    out->push_back(kDigits[(value >> shift) & 0xF]);
  }
}

}  // namespace

ResumeTokens::ResumeTokens() : high_(HashKey::random()), low_(HashKey::random()) {}

std::string ResumeTokens::token_for(std::string_view session_id) const {
  std::string token;
  token.reserve(kTokenLength);
  append_hex(siphash13(high_, session_id), &token);
  append_hex(siphash13(low_, session_id), &token);
  return token;
}

bool ResumeTokens::matches(std::string_view session_id, std::string_view token) const {
  if (token.size() != kTokenLength) return false;
  const std::string expected = token_for(session_id);
  // Every byte is compared, so the time taken says nothing about where a
  // guess first went wrong.
  unsigned char difference = 0;
  for (std::size_t i = 0; i < kTokenLength; ++i) {
    difference |= static_cast<unsigned char>(expected[i] ^ token[i]);
  }
  return difference == 0;
}

}  // namespace presence::core
