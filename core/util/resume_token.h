// Resume tokens: proof that a client was given a session, so that nobody
// else can continue it from another transport. A token is a keyed hash of
// the session id (128 bits of SipHash under the engine's secret), so it is
// unguessable without the secret and needs no storage per session.
#pragma once

#include <string>
#include <string_view>

#include "util/siphash.h"

namespace presence::core {

class ResumeTokens {
 public:
  ResumeTokens();
  // Tokens under saved keys: an engine restored from a snapshot accepts the
  // tokens it gave out before the restart.
  ResumeTokens(const HashKey& high, const HashKey& low) : high_(high), low_(low) {}
  const HashKey& high_key() const { return high_; }
  const HashKey& low_key() const { return low_; }

  // 32 lowercase hex characters.
  std::string token_for(std::string_view session_id) const;
  // Compares in constant time (for tokens of the expected length).
  bool matches(std::string_view session_id, std::string_view token) const;

 private:
  HashKey high_;
  HashKey low_;
};

}  // namespace presence::core
