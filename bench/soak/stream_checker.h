// A consumer of the event stream that checks, event by event, that it sees
// every transition exactly once and in order: seqs without gaps or repeats,
// each session's and user's old state equal to the previous event's new
// state, each room member joining before it leaves and never twice.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "presence/presence.h"

namespace soak {

class StreamChecker {
 public:
  // Reads every event published since the last call. Returns false (with
  // failure() set) on the first broken rule, or if the engine dropped
  // events the checker had not read (it must never fall behind).
  bool poll(pe_engine* engine);

  // The states built from the events equal the engine's published view.
  bool matches_snapshot(pe_engine* engine, std::int64_t now);

  std::uint64_t seq() const { return seq_; }
  std::uint64_t events() const { return events_; }
  std::uint64_t session_events() const { return session_events_; }
  std::uint64_t user_events() const { return user_events_; }
  std::uint64_t member_events() const { return member_events_; }
  const std::string& failure() const { return failure_; }

 private:
  bool fail(std::string why);
  bool apply(const pe_event& event);
  bool apply_state(std::unordered_map<std::string, pe_state>& view, const pe_event& event);

  std::uint64_t seq_ = 0;
  std::uint64_t events_ = 0;
  std::uint64_t session_events_ = 0;
  std::uint64_t user_events_ = 0;
  std::uint64_t member_events_ = 0;
  // Published states of alive sessions and users (absent: offline).
  std::unordered_map<std::string, pe_state> sessions_;
  std::unordered_map<std::string, pe_state> users_;
  std::unordered_set<std::string> members_;  // "room/member" present
  std::string failure_;
};

}  // namespace soak
